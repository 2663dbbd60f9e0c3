// A memory series summed up: how far it strays (max ÷ min) and where it goes
// (the mean of its first window against the mean of its last).
import { round } from './stats.ts';

export interface MemorySummary {
  samples: number;
  minMiB: number;
  maxMiB: number;
  /** max ÷ min: 1.10 is "flat within 10 %". */
  ratio: number;
  /** The first and last windows' length, in seconds. */
  windowSeconds: number;
  firstMiB: number;
  lastMiB: number;
  /** (last − first) ÷ first, in %. */
  trendPct: number;
}

/** The samples' values, `t` in seconds; undefined when none has a value. */
export function summarize<T extends { t: number }>(
  samples: T[],
  value: (s: T) => number | undefined,
  windowSeconds: number,
): MemorySummary | undefined {
  const points = samples.flatMap((s) => {
    const v = value(s);
    return v === undefined ? [] : [{ t: s.t, v }];
  });
  if (points.length === 0) return undefined;
  const values = points.map((p) => p.v);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const from = points[0]!.t;
  const to = points[points.length - 1]!.t;
  const mean = (ps: { v: number }[]) => ps.reduce((a, p) => a + p.v, 0) / (ps.length || 1);
  const first = mean(points.filter((p) => p.t < from + windowSeconds)) || points[0]!.v;
  const last = mean(points.filter((p) => p.t > to - windowSeconds)) || points.at(-1)!.v;
  return {
    samples: points.length,
    minMiB: min,
    maxMiB: max,
    ratio: round(max / min, 3),
    windowSeconds: round(windowSeconds, 1),
    firstMiB: round(first, 1),
    lastMiB: round(last, 1),
    trendPct: round(((last - first) / first) * 100, 1),
  };
}
