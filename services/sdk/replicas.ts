// One setting (MUX_JETSTREAM_REPLICAS) says how many copies JetStream keeps
// of everything muxgate stores, and it applies when a stream or bucket is
// created. One found already existing keeps its own count: lowering it would
// drop copies someone chose, and raising it moves data between nodes in the
// middle of a rollout, so that is left to an operator. What a service can do
// is say so at start, once per stream, naming it and both numbers.
import type { Logger } from '../../lib/log.ts';

/** Logs a warning when the stream keeps fewer copies than configured; says nothing otherwise. */
export function checkReplicas(
  log: Logger,
  stream: string,
  has: number,
  configured: number,
  what: Record<string, unknown> = {},
): void {
  if (has >= configured) return;
  log.warn(
    { stream, replicas: has, configured, ...what },
    `JetStream stream ${stream} keeps ${has} ${copies(has)}, ` +
      `fewer than the ${configured} configured (MUX_JETSTREAM_REPLICAS); ` +
      `existing streams are not changed: \`nats stream edit ${stream} --replicas ${configured}\``,
  );
}

export const copies = (n: number): string => (n === 1 ? 'copy' : 'copies');
