// Deadlines (PROTOCOL.md §4.13): a JoinRequest, JoinConfirm or Inbound with a
// ref says when the gateway stops waiting for its answer, in Unix ms on the
// gateway's clock. Work not started by then helps nobody: the client was told
// `timeout` or `unavailable`, and may already have retried. The runner drops
// it unstarted; a handler can ask again (ctx.expired) before a side effect.
import type { Logger } from '../../lib/log.ts';
import type { ServiceMetrics, WorkKind } from './metrics.ts';

/**
 * How far the service's clock may run ahead of a gateway's. Deadlines are
 * absolute, so a backlog waiting in the broker or in a blocked process is
 * counted too; the price is trusting clocks, which NTP keeps within
 * milliseconds. A service whose clock is ahead by more than this drops work
 * the gateway still waits for, so it is generous against a msg timeout of
 * seconds (docs/protocol-decisions.md).
 */
export const DEFAULT_DEADLINE_SKEW_MS = 1000;
/** At most one log line per this long; the counter has every drop. */
const LOG_EVERY_MS = 10_000;

/** A decoded uint64 (a Long or a number) as a number; 0 means no deadline. */
export function deadlineOf(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

export interface Clock {
  /** Whether work with this deadline (0: none) may no longer start. */
  passed(deadlineMs: number): boolean;
}

export class Deadlines implements Clock {
  #lastLog = -Infinity;
  #unlogged = 0;

  constructor(
    private readonly service: string,
    private readonly metrics: ServiceMetrics,
    private readonly log: Logger,
    private readonly skewMs: number,
    private readonly now: () => number,
  ) {
    if (!(skewMs >= 0)) throw new Error(`deadline skew must be ≥ 0 ms: ${skewMs}`);
  }

  passed(deadlineMs: number): boolean {
    return deadlineMs > 0 && this.now() > deadlineMs + this.skewMs;
  }

  /** Whether the gateway has stopped waiting, by this clock with no skew allowed. */
  over(deadlineMs: number): boolean {
    return deadlineMs > 0 && this.now() > deadlineMs;
  }

  /** Counts one piece of work dropped, and says so in the log at most every 10 s. */
  dropped(kind: WorkKind, stream: string, deadlineMs: number): void {
    this.metrics.expired(this.service, kind);
    const now = this.now();
    this.#unlogged++;
    if (now - this.#lastLog < LOG_EVERY_MS) return;
    // The last drop's details, and how many there were since the last line.
    this.log.info(
      { kind, stream, lateMs: now - deadlineMs, dropped: this.#unlogged },
      'dropped work whose deadline passed before it started (the gateway had given up on it)',
    );
    this.#lastLog = now;
    this.#unlogged = 0;
  }
}
