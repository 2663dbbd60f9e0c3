// What a stream tries again by itself. A request whose failure may have
// passed is sent again, every attempt with the same msg id (1.1), so a
// service that applies a msg once per id does not apply a retry twice. A
// rejoin the gateway refused for a reason that may pass (the service
// restarting, a burst) is sent again after the backoff.
import { ErrorCode } from '../protocol/codes.ts';
import { ClientErrorCode, MuxError } from './errors.ts';

/** Failures after which the same request may be sent again. */
const RETRYABLE: ReadonlySet<string> = new Set([
  ClientErrorCode.Timeout,
  ClientErrorCode.Disconnected,
  ErrorCode.Unavailable,
  ErrorCode.Timeout,
]);

/** Refusals that may pass (the service restarting, a burst): a rejoin is retried. */
const TRANSIENT: ReadonlySet<string> = new Set([
  ErrorCode.Unavailable,
  ErrorCode.Internal,
  ErrorCode.RateLimited,
]);

/**
 * Runs `attempt` until it succeeds, fails for a reason that will not pass, or
 * `retries` retries are spent; waits `pause(n)` ms before the n-th retry, so
 * requests refused `unavailable` during a restart do not all come back at once.
 */
export async function withRetries<R>(
  retries: number,
  attempt: () => Promise<R>,
  pause: (retry: number) => number,
): Promise<R> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const retry = n < retries && err instanceof MuxError && RETRYABLE.has(err.code);
      if (!retry) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, pause(n + 1)));
  }
}

/** 128 random bits, base64url: a msg id no other client will pick. */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * How long a stream must stay joined before its next rejoin is a first one
 * again. Without it a stream the gateway ends soon after every join (a replay
 * that overflows each time, a service that closes it at once) would rejoin
 * at the first step forever, every 50–100 ms.
 */
export const REJOIN_SETTLED_MS = 10_000;

/** The retries of one stream's rejoin, counted from its last join or settled joined. */
export class RejoinRetry {
  readonly #delay: (attempt: number) => number;
  #timer: Timer | undefined;
  #attempts = 0;
  #joinedAt: number | undefined;

  /** `delay` gives the wait before the n-th retry. */
  constructor(delay: (attempt: number) => number) {
    this.#delay = delay;
  }

  /**
   * Sends the join again after the backoff when `code` may pass; false when
   * it will not. `first`, when given, is the wait before a first retry
   * instead of the first step.
   */
  after(code: string, rejoin: () => void, first?: number): boolean {
    if (!TRANSIENT.has(code)) return false;
    const settled =
      this.#joinedAt !== undefined && Date.now() - this.#joinedAt >= REJOIN_SETTLED_MS;
    if (settled) this.#attempts = 0;
    this.#joinedAt = undefined;
    const attempt = ++this.#attempts;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        rejoin();
      },
      attempt === 1 && first !== undefined ? first : this.#delay(attempt),
    );
    return true;
  }

  /** The application joins anew: the next retry is the first. */
  restart(): void {
    this.#attempts = 0;
    this.#joinedAt = undefined;
  }

  /**
   * The join went through. The count goes on until the stream has stayed
   * joined REJOIN_SETTLED_MS, so a stream ended again at once backs off.
   */
  joined(): void {
    this.#joinedAt = Date.now();
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
