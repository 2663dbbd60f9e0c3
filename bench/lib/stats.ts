// Latency histograms that several processes fill and the orchestrator merges.
// Buckets grow by 1 %, so a percentile is off by at most 1 % of its value,
// and a fan-out of millions of deliveries costs a few kilobytes, not an array
// of every sample.

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);

/** The wire form of a histogram: sparse [bucket, count] pairs plus exact extremes. */
export interface HistogramData {
  buckets: [number, number][];
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface Summary {
  count: number;
  /** Microseconds. */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  readonly #counts = new Map<number, number>();
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  /** Records one value in microseconds. */
  record(us: number): void {
    const v = us > 1 ? us : 1;
    const b = Math.ceil(Math.log(v) / LOG_GROWTH);
    this.#counts.set(b, (this.#counts.get(b) ?? 0) + 1);
    this.count++;
    this.sum += us;
    if (us < this.min) this.min = us;
    if (us > this.max) this.max = us;
  }

  merge(d: HistogramData): this {
    for (const [b, n] of d.buckets) this.#counts.set(b, (this.#counts.get(b) ?? 0) + n);
    this.count += d.count;
    this.sum += d.sum;
    if (d.count > 0) {
      this.min = Math.min(this.min, d.min);
      this.max = Math.max(this.max, d.max);
    }
    return this;
  }

  /** The value at quantile q (0..1), in microseconds; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (const b of [...this.#counts.keys()].sort((x, y) => x - y)) {
      seen += this.#counts.get(b)!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, GROWTH ** b));
    }
    return this.max;
  }

  summary(): Summary {
    return {
      count: this.count,
      mean: this.count ? this.sum / this.count : 0,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.count ? this.max : 0,
    };
  }

  toJSON(): HistogramData {
    return {
      buckets: [...this.#counts],
      count: this.count,
      sum: this.sum,
      min: this.count ? this.min : 0,
      max: this.max,
    };
  }

  static from(parts: HistogramData[]): Histogram {
    const h = new Histogram();
    for (const p of parts) h.merge(p);
    return h;
  }
}

/** Microseconds on the system-wide monotonic clock: comparable between processes of one machine. */
export function monoUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + ns / 1e3;
}

export const round = (x: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Each value rounded (to two decimals unless told), for the JSON. */
export const rounded = (r: Record<string, number>, digits = 2): Record<string, number> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v, digits)]));
