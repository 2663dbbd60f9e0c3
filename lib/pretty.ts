// pino's JSON lines made readable for a person at a terminal (`muxgate dev`
// on a TTY): the local time, the level, the message, then the other fields as
// key=value, and an error's stack on the lines below. Processes whose output
// goes to a file or a log collector keep the JSON lines.

const LEVELS: Record<number, { label: string; color: number }> = {
  10: { label: 'TRACE', color: 90 },
  20: { label: 'DEBUG', color: 36 },
  30: { label: 'INFO ', color: 32 },
  40: { label: 'WARN ', color: 33 },
  50: { label: 'ERROR', color: 31 },
  60: { label: 'FATAL', color: 35 },
};
/** Fields every line has, or that say nothing to a person reading one process's output. */
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name']);

const two = (n: number): string => String(n).padStart(2, '0');

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/** One pino JSON line as one (or, with a stack, several) readable lines, newline-terminated. */
export function prettyLine(line: string, color = false): string {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    rec = undefined;
  }
  if (!rec || typeof rec !== 'object' || Array.isArray(rec))
    return line.endsWith('\n') ? line : `${line}\n`;
  const r = rec as Record<string, unknown>;
  const paint = (code: number, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const t = new Date(typeof r.time === 'number' ? r.time : Date.now());
  const time = `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}.${String(t.getMilliseconds()).padStart(3, '0')}`;
  const level = LEVELS[Number(r.level)] ?? { label: String(r.level).padEnd(5), color: 0 };
  const fields: string[] = [];
  let stack = '';
  for (const [k, v] of Object.entries(r)) {
    if (OMITTED.has(k)) continue;
    if ((k === 'err' || k === 'error') && v && typeof v === 'object') {
      const e = v as { message?: unknown; stack?: unknown };
      fields.push(`${paint(2, `${k}=`)}${value(e.message ?? v)}`);
      if (typeof e.stack === 'string') stack += `\n${e.stack.replace(/^/gm, '    ')}`;
      continue;
    }
    fields.push(`${paint(2, `${k}=`)}${value(v)}`);
  }
  const msg = typeof r.msg === 'string' ? r.msg : '';
  const head = [paint(2, time), paint(level.color, level.label), msg, ...fields]
    .filter(Boolean)
    .join(' ');
  return `${head}${stack}\n`;
}

/** A pino destination that writes pretty lines to `out` (stdout by default). */
export function prettyStream(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): {
  write(line: string): void;
} {
  const color = out.isTTY === true && !process.env.NO_COLOR;
  return {
    write(line: string) {
      out.write(prettyLine(line, color));
    },
  };
}
