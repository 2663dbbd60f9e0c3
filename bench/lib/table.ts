// Plain-text tables for the terminal: a header row, aligned columns, numbers
// right-aligned.

export type Cell = string | number | undefined;

export function table(title: string, header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (c === undefined ? '–' : String(c))));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], raw?: Cell[]) =>
    cells
      .map((c, i) => (typeof raw?.[i] === 'number' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    title,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...text.map((r, i) => line(r, rows[i])),
    '',
  ].join('\n');
}

/** Microseconds as milliseconds with three decimals. */
export const ms = (us: number | undefined): string | undefined =>
  us === undefined ? undefined : (us / 1000).toFixed(3);

/** A length of time for people: "10 min", "90 s". */
export const duration = (seconds: number): string =>
  seconds >= 60 && seconds % 6 === 0
    ? `${Math.round(seconds / 6) / 10} min`
    : `${Math.round(seconds * 10) / 10} s`;
