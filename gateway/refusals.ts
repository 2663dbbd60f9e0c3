// Refused upgrades are logged at warn, so an operator sees why clients cannot
// connect (a missing Origin, expired tokens), but a flood of them must not
// flood the log: per reason, the first refusal is logged at once, later ones
// are counted, and at most one line per reason is written per window, with
// the count.
import type { Logger } from '../lib/log.ts';
import type { RefusalReason, UpgradeRefused } from './auth.ts';

export const REFUSAL_LOG_WINDOW_MS = 10_000;

/** What the log line says about the latest refused request. */
export interface RefusedRequest {
  remoteAddr: string | undefined;
  origin: string | undefined;
}

interface Window {
  timer: NodeJS.Timeout;
  /** Refusals since the last line. */
  count: number;
  status: number;
  last: RefusedRequest;
}

// Client-chosen text in a log line is cut: an Origin header can be 8 KB.
const MAX_FIELD = 200;
const cut = (s: string | undefined): string | undefined =>
  s !== undefined && s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD)}…` : s;

export class RefusalLog {
  readonly #windows = new Map<RefusalReason, Window>();

  constructor(
    readonly log: Logger,
    readonly windowMs = REFUSAL_LOG_WINDOW_MS,
  ) {}

  refused(err: UpgradeRefused, req: RefusedRequest): void {
    const last = { remoteAddr: req.remoteAddr, origin: cut(req.origin) };
    const open = this.#windows.get(err.reason);
    if (open) {
      open.count++;
      open.status = err.status;
      open.last = last;
      return;
    }
    this.#write(err.reason, err.status, 1, last);
    this.#open(err.reason, err.status, last);
  }

  /** Writes what is counted and not yet logged, and stops the timers (drain). */
  stop(): void {
    for (const [reason, w] of this.#windows) {
      clearTimeout(w.timer);
      if (w.count > 0) this.#write(reason, w.status, w.count, w.last);
    }
    this.#windows.clear();
  }

  #open(reason: RefusalReason, status: number, last: RefusedRequest): void {
    const timer = setTimeout(() => this.#close(reason), this.windowMs);
    timer.unref();
    this.#windows.set(reason, { timer, count: 0, status, last });
  }

  /**
   * The window ends: what it counted is written in one line, which starts
   * the next window; a quiet window ends the reason's watch, so the next
   * refusal is logged at once.
   */
  #close(reason: RefusalReason): void {
    const w = this.#windows.get(reason);
    this.#windows.delete(reason);
    if (!w || w.count === 0) return;
    this.#write(reason, w.status, w.count, w.last);
    this.#open(reason, w.status, w.last);
  }

  #write(reason: RefusalReason, status: number, count: number, last: RefusedRequest): void {
    this.log.warn(
      { reason, status, count, windowMs: this.windowMs, ...last },
      count === 1 ? 'upgrade refused' : `upgrade refused ${count} times`,
    );
  }
}
