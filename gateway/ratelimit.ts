// A token bucket per connection: `rate` tokens per second sustained, up to
// `burst` at once. Refilled lazily on each take, so idle connections cost no
// timer. The session keeps two: frames (one token a frame) and bytes (one
// token a byte of the frame).

// One bound function for every bucket, not one per connection.
const monotonicNow = performance.now.bind(performance);

export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    readonly now: () => number = monotonicNow,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  /** Takes `n` tokens if the bucket holds them; takes nothing otherwise. */
  take(n = 1): boolean {
    this.#refill();
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  /** Milliseconds until the bucket holds `n` tokens (0 if it does now; never more than a full refill). */
  msUntil(n: number): number {
    this.#refill();
    const missing = Math.min(n, this.burst) - this.#tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.rate);
  }

  #refill(): void {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) * this.rate) / 1000);
    this.#last = t;
  }
}
