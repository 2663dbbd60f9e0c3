// A memory series summed up: how far it strays (max ÷ min), how far its
// peaks stray (the highest value of each window: growth raises them, while a
// collection that gives pages back only dips the series for a moment), and
// where it goes (the mean of its first window against the mean of its last).
import { round } from './stats.ts';

export interface MemorySummary {
  samples: number;
  minMiB: number;
  maxMiB: number;
  /** max ÷ min: 1.10 is "flat within 10 %". */
  ratio: number;
  /** The first and last windows' length, in seconds. */
  windowSeconds: number;
  /** The lowest and highest of the windows' peaks, and their ratio. */
  peakLowMiB: number;
  peakHighMiB: number;
  peakRatio: number;
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
  // Whole windows only, so a short last one with few samples does not count;
  // a series shorter than one window is one window.
  const peaks: number[] = [];
  for (let at = from; peaks.length === 0 || at + windowSeconds <= to; at += windowSeconds) {
    const inWindow = points.filter((p) => p.t >= at && p.t < at + windowSeconds).map((p) => p.v);
    if (inWindow.length > 0) peaks.push(Math.max(...inWindow));
    if (at + windowSeconds > to) break;
  }
  const peakLow = Math.min(...peaks);
  const peakHigh = Math.max(...peaks);
  return {
    samples: points.length,
    minMiB: min,
    maxMiB: max,
    ratio: round(max / min, 3),
    peakLowMiB: peakLow,
    peakHighMiB: peakHigh,
    peakRatio: round(peakHigh / peakLow, 3),
    windowSeconds: round(windowSeconds, 1),
    firstMiB: round(first, 1),
    lastMiB: round(last, 1),
    trendPct: round(((last - first) / first) * 100, 1),
  };
}
