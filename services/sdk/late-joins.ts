// Joins this replica accepted after their deadline. The gateway gave up on
// such a join (its client was told `unavailable`) and publishes a Leave for
// it, but without the state the service accepted with, which it never
// received. A stream's handlers run one after another on a replica, so that
// Leave runs after the late join here and takes the state from this table:
// a leave handler that reads ctx.state (chat's "left" notice) still knows
// who left. Entries go with their Leave, or after KEEP_MS if none comes
// (the Leave went to another replica, or the gateway died first).
const KEEP_MS = 60_000;

export class LateJoins {
  readonly #states = new Map<string, { state: Uint8Array; timer: NodeJS.Timeout }>();

  /** A join of `key` was accepted with `state` after its deadline. */
  add(key: string, state: Uint8Array): void {
    this.take(key);
    const timer = setTimeout(() => this.#states.delete(key), KEEP_MS);
    timer.unref();
    this.#states.set(key, { state, timer });
  }

  /** The state a late join of `key` accepted with, once; undefined when there was none. */
  take(key: string): Uint8Array | undefined {
    const entry = this.#states.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.#states.delete(key);
    return entry.state;
  }

  get size(): number {
    return this.#states.size;
  }

  clear(): void {
    for (const { timer } of this.#states.values()) clearTimeout(timer);
    this.#states.clear();
  }
}
