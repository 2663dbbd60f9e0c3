// A pino logger that keeps its lines, parsed, for tests that read logs.
import { pino } from 'pino';
import type { Logger } from '../../lib/log.ts';

export interface LogLine extends Record<string, unknown> {
  level: number;
  msg: string;
}

export const WARN = 40;

export function captureLog(level = 'info'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level }, { write: (l: string) => void lines.push(JSON.parse(l) as LogLine) });
  return { log, lines };
}
