// Structured logs through pino. One root logger per process; modules take a
// child logger so every line says which gateway or service wrote it.
import { pino, type Logger } from 'pino';
import { prettyStream } from './pretty.ts';

export type { Logger };

export interface LoggerOptions {
  /** Readable lines for a person at a terminal instead of JSON (lib/pretty.ts). */
  pretty?: boolean;
}

export function createLogger(
  name: string,
  level = process.env.LOG_LEVEL ?? 'info',
  opts: LoggerOptions = {},
): Logger {
  return opts.pretty ? pino({ name, level }, prettyStream()) : pino({ name, level });
}

/** A logger that writes nothing, for tests that do not read logs. */
export const silentLogger: Logger = pino({ level: 'silent' });

let fallback: Logger | undefined;

/**
 * For components built without a logger (tests, scripts, benchmarks): their
 * errors still reach stderr instead of vanishing. Made on first use, so a
 * process that passes its own logger everywhere never opens it.
 */
export function fallbackLogger(): Logger {
  return (fallback ??= pino(
    { name: 'muxgate', level: process.env.LOG_LEVEL ?? 'info' },
    pino.destination(2),
  ));
}
