// The `msg` refs of one stream that wait for the service's reply
// (PROTOCOL.md §4.2): each is answered exactly once, by the reply, by
// `timeout` when it does not come in time, by `unavailable` when no service
// received the msg, or by `not_joined` when the stream ends first. Keyed by
// the ref's JSON text, as replies carry it.

export class AwaitedReplies {
  #timers: Map<string, NodeJS.Timeout> | undefined;

  constructor(
    private readonly timeoutMs: number,
    /** Called when a ref's time is up; the ref is no longer awaited. */
    private readonly onTimeout: (refJson: string) => void,
  ) {}

  /** Starts waiting for `refJson`. A ref reused while in flight: the last one counts. */
  add(refJson: string): void {
    const timers = (this.#timers ??= new Map());
    clearTimeout(timers.get(refJson));
    timers.set(
      refJson,
      setTimeout(() => {
        if (this.#timers?.delete(refJson)) this.onTimeout(refJson);
      }, this.timeoutMs),
    );
  }

  /** Stops waiting; true when the ref was awaited (so it may be answered now). */
  settle(refJson: string): boolean {
    const timer = this.#timers?.get(refJson);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.#timers!.delete(refJson);
    return true;
  }

  /** Forgets every ref: the stream ended. Returns the refs that were still awaited. */
  clear(): string[] {
    const awaited = [...(this.#timers?.keys() ?? [])];
    for (const timer of this.#timers?.values() ?? []) clearTimeout(timer);
    this.#timers = undefined;
    return awaited;
  }
}
