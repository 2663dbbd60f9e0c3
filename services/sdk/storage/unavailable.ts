// Which store failures mean "not reachable now, try again" rather than a
// fault: a NATS node or a stream's leader away (an election takes seconds),
// the connection reconnecting. Clients are told `unavailable` for these, as
// chat's sends are, and `internal` is kept for what a retry cannot mend.

/**
 * nats.js's names for those failures, and the bus's own. nats.js reports a
 * JetStream request nobody answered (no leader during an election) as
 * JetStreamNotEnabled, with a RequestError "no responders" as its cause.
 */
const UNREACHABLE = new Set([
  'TimeoutError',
  'RequestTimeoutError',
  'NoRespondersError',
  'RequestError',
  'JetStreamNotEnabled',
  'ClosedConnectionError',
  'ConnectionError',
  'DrainingConnectionError',
  'BusClosedError',
]);

/** True when `err`, or an error it was caused by, says the store is out of reach for now. */
export function storeUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if (UNREACHABLE.has(e.name)) return true;
  return false;
}
