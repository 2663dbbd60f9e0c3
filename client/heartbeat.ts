// The application-level heartbeat. Browsers cannot see WebSocket pings, and
// a proxy or NAT that silently dropped the connection leaves the socket
// "open" for minutes; only a ping that gets no pong reveals it.

type Timer = ReturnType<typeof setTimeout>;

export interface HeartbeatOptions {
  /** How long a ping may wait for its pong before the link is declared dead. */
  timeoutMs: number;
  /** Sends a ping frame with this ref; false when it could not be sent. */
  ping(ref: string): boolean;
  /** The link is dead: called once, after which the heartbeat is stopped. */
  dead(): void;
}

export class Heartbeat {
  readonly #options: HeartbeatOptions;
  #interval: Timer | undefined;
  #deadline: Timer | undefined;
  #outstanding: string | undefined;
  #seq = 0;

  constructor(opts: HeartbeatOptions) {
    this.#options = opts;
  }

  /** Pings every `intervalMs` until stop(). */
  start(intervalMs: number): void {
    this.stop();
    this.#interval = setInterval(() => this.probe(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#interval);
    clearTimeout(this.#deadline);
    this.#interval = this.#deadline = this.#outstanding = undefined;
  }

  /** Pings now, unless a ping is already waiting for its pong. */
  probe(): void {
    if (this.#outstanding !== undefined || this.#interval === undefined) return;
    // Heartbeat refs are strings, stream refs are integers: they never collide.
    const ref = `hb${++this.#seq}`;
    if (!this.#options.ping(ref)) return;
    this.#outstanding = ref;
    this.#deadline = setTimeout(() => {
      this.stop();
      this.#options.dead();
    }, this.#options.timeoutMs);
  }

  /** A pong arrived; true when it answered this heartbeat's ping. */
  pong(ref: unknown): boolean {
    if (ref === undefined || ref !== this.#outstanding) return false;
    clearTimeout(this.#deadline);
    this.#deadline = this.#outstanding = undefined;
    return true;
  }
}
