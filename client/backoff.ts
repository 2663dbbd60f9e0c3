// Reconnect delays: a fixed ladder of steps (like Phoenix's socket.js) rather
// than a pure exponential, so the first retries are quick and the ceiling is
// explicit. Jitter spreads the reconnects of many clients after a gateway
// restart, so they do not all arrive in the same instant.

export interface BackoffOptions {
  /** Delays in ms for attempts 1, 2, …; attempts past the end reuse the last step. */
  steps: readonly number[];
  /**
   * Fraction of each step that is random, in [0, 1]: the delay lies in
   * [step × (1 − jitter), step]. 0 gives the steps exactly.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  steps: [100, 250, 500, 1000, 2000, 4000, 8000],
  jitter: 0.5,
};

/** The delay before reconnect `attempt` (1-based); `random` returns a number in [0, 1). */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const { steps, jitter } = opts;
  if (steps.length === 0) return 0;
  const i = Math.min(Math.max(Math.floor(attempt), 1), steps.length) - 1;
  const step = steps[i]!;
  const j = Math.min(Math.max(jitter, 0), 1);
  return step * (1 - j * random());
}
