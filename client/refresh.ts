// Keeps an open connection's token fresh (PROTOCOL.md §4.4): some time
// before the token's `exp` it asks the application's token source for a new
// one and sends it in a `refresh` frame. Without a new token (the source
// gives the same one, none, or throws) or when the gateway refuses it, it
// tries again halfway to `exp`, down to a second before; past that the
// gateway closes the socket with 4001 and the client reconnects only with a
// new token.
import type { ClientFrame, ServerFrame } from './codec.ts';
import { ClientErrorCode, MuxError } from './errors.ts';

type Timer = ReturnType<typeof setTimeout>;

export interface RefresherHost {
  /** A token from the application's source; undefined when it has none. */
  fetchToken(): Promise<string | undefined>;
  /** The token the connection holds now. */
  current(): string | undefined;
  /** Writes a frame to the open socket; false when it could not. */
  send(frame: ClientFrame): boolean;
  /** The gateway accepted `token`; `exp` is its expiry. */
  refreshed(token: string, exp: number | undefined): void;
  /** The gateway refused a refresh, or the source failed. */
  failed(err: MuxError): void;
}

export const DEFAULT_REFRESH_BEFORE_MS = 60_000;
const MIN_RETRY_MS = 1000;
// setTimeout's longest delay (about 24.8 days); a longer wait is re-armed.
const MAX_DELAY_MS = 2 ** 31 - 1;

export class Refresher {
  readonly #host: RefresherHost;
  readonly #beforeMs: number;
  #timer: Timer | undefined;
  #exp: number | undefined;
  #pending: { ref: string; token: string } | undefined;
  #seq = 0;
  /** Bumped by start() and stop(), so a token that arrives for an older connection is dropped. */
  #epoch = 0;

  constructor(host: RefresherHost, beforeMs = DEFAULT_REFRESH_BEFORE_MS) {
    this.#host = host;
    this.#beforeMs = beforeMs;
  }

  /** A connection opened with a token expiring at `exp` (seconds since the epoch), or none. */
  start(exp: number | undefined): void {
    this.stop();
    this.#exp = exp;
    if (exp === undefined) return;
    const left = exp * 1000 - Date.now();
    this.#schedule(left - Math.min(this.#beforeMs, left / 2));
  }

  stop(): void {
    this.#epoch++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }

  /** Refresh now (a new token was set); nothing without an expiring connection. */
  now(): void {
    if (this.#exp === undefined || this.#pending) return;
    this.#schedule(0);
  }

  /** Takes the gateway's answer to our refresh; false for any other frame. */
  handle(frame: ServerFrame): boolean {
    const p = this.#pending;
    if (!p || (frame.type !== 'refreshed' && frame.type !== 'error') || frame.ref !== p.ref)
      return false;
    this.#pending = undefined;
    if (frame.type === 'refreshed') {
      this.#host.refreshed(p.token, frame.exp);
      this.start(frame.exp);
    } else {
      this.#host.failed(new MuxError(frame.code, frame.message));
      this.#retry();
    }
    return true;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer =
      ms > MAX_DELAY_MS
        ? setTimeout(() => this.#schedule(ms - MAX_DELAY_MS), MAX_DELAY_MS)
        : setTimeout(() => void this.#run(), Math.max(0, ms));
  }

  async #run(): Promise<void> {
    this.#timer = undefined;
    const epoch = this.#epoch;
    let token: string | undefined;
    try {
      token = await this.#host.fetchToken();
    } catch (err) {
      if (epoch !== this.#epoch) return;
      this.#host.failed(
        new MuxError(ClientErrorCode.TokenFailed, 'the token source failed', { cause: err }),
      );
      return this.#retry();
    }
    if (epoch !== this.#epoch) return;
    if (!token || token === this.#host.current()) return this.#retry();
    const ref = `refresh-${++this.#seq}`;
    this.#pending = { ref, token };
    if (!this.#host.send({ type: 'refresh', token, ref })) this.#pending = undefined;
  }

  /** Halfway to `exp`, while more than a second is left. */
  #retry(): void {
    if (this.#exp === undefined) return;
    const left = this.#exp * 1000 - Date.now();
    if (left >= 2 * MIN_RETRY_MS) this.#schedule(Math.max(MIN_RETRY_MS, left / 2));
  }
}
