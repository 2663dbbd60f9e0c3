// A token bucket per connection: `rate` frames per second sustained, up to
// `burst` at once. Refilled lazily on each take, so idle connections cost no timer.

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

  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) * this.rate) / 1000);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
