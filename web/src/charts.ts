// Live charts of the dashboard's numeric keys: the recent values of each,
// drawn as a small inline SVG line, with no library and nothing fetched.

/** Values kept, and drawn, per key: a minute of the demo feeder. */
export const MAX_POINTS = 60;

const W = 100;
const H = 30;
const PAD = 2;
const SVG = 'http://www.w3.org/2000/svg';

/** The recent values of each numeric key, each at most once and in revision order. */
export class Series {
  readonly #keys = new Map<string, { revision: number; values: number[] }>();

  /**
   * Records a key's value at a revision; false when it changes nothing (a
   * revision already seen, after a rejoin's snapshot). A value that is not a
   * number ends the key's chart.
   */
  set(key: string, value: unknown, revision: number): boolean {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.delete(key);
    const s = this.#keys.get(key) ?? { revision: 0, values: [] };
    if (revision <= s.revision && s.values.length > 0) return false;
    s.revision = revision;
    s.values.push(value);
    if (s.values.length > MAX_POINTS) s.values.splice(0, s.values.length - MAX_POINTS);
    this.#keys.set(key, s);
    return true;
  }

  delete(key: string): boolean {
    return this.#keys.delete(key);
  }

  /** Keeps only these keys (a snapshot lists every live one). */
  keep(keys: ReadonlySet<string>): void {
    for (const k of this.#keys.keys()) if (!keys.has(k)) this.#keys.delete(k);
  }

  entries(): [string, readonly number[]][] {
    return [...this.#keys].map(([k, s]) => [k, s.values]);
  }
}

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** One key's chart: its name, its latest value, its range, and the line. */
export function chart(key: string, values: readonly number[]): HTMLElement {
  const last = values[values.length - 1] ?? 0;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = min === max ? fmt.format(min) : `${fmt.format(min)} – ${fmt.format(max)}`;
  const fig = document.createElement('figure');
  fig.className = 'chart';
  fig.dataset.key = key;
  fig.dataset.points = String(values.length);
  fig.title = `${key}: last ${values.length} value${values.length === 1 ? '' : 's'}, ${range}`;
  const caption = document.createElement('figcaption');
  const name = document.createElement('span');
  name.className = 'chart-key';
  name.textContent = key;
  const now = document.createElement('b');
  now.className = 'chart-value';
  now.textContent = fmt.format(last);
  caption.append(name, now);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', fig.title);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points(values, min, max));
  // The SVG stretches to its box: keep the stroke one pixel wide anyway.
  line.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(line);
  const small = document.createElement('small');
  small.className = 'chart-range';
  small.textContent = range;
  fig.append(caption, svg, small);
  return fig;
}

/**
 * The values left to right across the whole width, so a new chart reads at
 * once; a single value is a flat line. y spans the values' own range.
 */
function points(values: readonly number[], min: number, max: number): string {
  const y = (v: number): number =>
    max === min ? H / 2 : H - PAD - ((v - min) / (max - min)) * (H - 2 * PAD);
  if (values.length === 1) return `0,${H / 2} ${W},${H / 2}`;
  const step = W / (values.length - 1);
  return values.map((v, i) => `${round(i * step)},${round(y(v))}`).join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
