// Presence changes between two flushes (protocol 1.1 §4.3), and the timer
// that flushes them at most every interval. Pure: no bus, no socket, a clock
// that tests can drive. A change that is undone before the flush (a join
// then its leave) is never sent; a member that left and came back is sent as
// a join, which receivers apply as an upsert.

/** The last change of each connection since the last flush. */
export class PresenceBatch<M> {
  readonly #joins = new Map<string, M>();
  readonly #leaves = new Map<string, M>();
  /** Joined since the last flush, absent before it: a leave undoes the join. */
  readonly #fresh = new Set<string>();

  /** `wasPresent`: whether the receivers held `conn` before this change. */
  join(conn: string, member: M, wasPresent: boolean): void {
    if (this.#leaves.delete(conn)) {
      // It was there at the last flush: an upsert says where it stands now.
      this.#joins.set(conn, member);
      return;
    }
    if (!wasPresent && !this.#joins.has(conn)) this.#fresh.add(conn);
    this.#joins.set(conn, member);
  }

  leave(conn: string, member: M): void {
    this.#joins.delete(conn);
    if (this.#fresh.delete(conn)) return;
    this.#leaves.set(conn, member);
  }

  get empty(): boolean {
    return this.#joins.size === 0 && this.#leaves.size === 0;
  }

  /** What changed, each connection once; the batch is empty after. */
  take(): { joins: M[]; leaves: M[] } {
    const out = { joins: [...this.#joins.values()], leaves: [...this.#leaves.values()] };
    this.#joins.clear();
    this.#leaves.clear();
    this.#fresh.clear();
    return out;
  }
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Runs `flush` after a change, at most once every `intervalMs`: the first
 * change after a quiet interval is sent in the next task (changes of the same
 * task travel together), later ones wait for the interval to end. So a lone
 * change costs no wait, and a churning group costs one flush per interval.
 */
export class Throttle {
  #last = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
    private readonly clock: Clock = realClock,
  ) {}

  /** Something changed: a flush is due. */
  poke(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + this.intervalMs - this.clock.now());
    this.#timer = this.clock.setTimeout(() => this.#run(), wait);
  }

  /** Flushes now if a flush is due (the last member leaving, a drain). */
  now(): void {
    if (this.#timer === undefined) return;
    this.clock.clearTimeout(this.#timer);
    this.#run();
  }

  stop(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #run(): void {
    this.#timer = undefined;
    this.#last = this.clock.now();
    this.flush();
  }
}
