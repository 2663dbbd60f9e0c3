// Name grammars of PROTOCOL.md: stream names (§1) and group names (§2).
// Client-supplied text never becomes part of a NATS subject except through
// these checks: a service name cannot hold '.', '*', '>' or whitespace.

export const SERVICE_RE = /^[a-z][a-z0-9-]{0,31}$/;
export const TOPIC_RE = /^[A-Za-z0-9_.~@:=+-]{1,128}$/;
const STREAM_RE = /^([a-z][a-z0-9-]{0,31})(?::([A-Za-z0-9_.~@:=+-]{1,128}))?$/;
const GROUP_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
export const MAX_GROUP_LENGTH = 100;
export const MAX_REF_LENGTH = 64;
/** A client's msg id (1.1): what a retry repeats so the service applies the msg once. */
export const MSG_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * A W3C `traceparent` of version 00, the only version W3C Trace Context
 * defines: lowercase hex, trace id and parent id not all zeros.
 */
export const TRACEPARENT_RE = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** A connection id as `welcome.conn` gives it (the server API names connections by it). */
export const CONN_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** A JWT subject the server API may name; longer ones cannot be disconnected by name. */
export const MAX_USER_LENGTH = 256;
/** A `pos` is opaque to clients; what they send back as `since` is at most this long. */
export const MAX_POS_LENGTH = 64;

export interface StreamName {
  readonly service: string;
  /** Empty when the stream has no topic. */
  readonly topic: string;
}

export function parseStream(name: string): StreamName | null {
  const m = STREAM_RE.exec(name);
  if (!m) return null;
  return { service: m[1]!, topic: m[2] ?? '' };
}

export function isGroupName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_GROUP_LENGTH && GROUP_RE.test(name);
}

/** Why a group name is invalid, for error messages; null when it is valid. */
export function groupNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'group name is empty';
  if (name.length > MAX_GROUP_LENGTH)
    return `group name is longer than ${MAX_GROUP_LENGTH} characters`;
  if (!GROUP_RE.test(name))
    return 'group name must be tokens of [A-Za-z0-9_-] joined by "." (no wildcards, no empty tokens)';
  return null;
}

/** A ref is a string of at most 64 characters or an integer. */
export function isRef(ref: unknown): ref is string | number {
  return (typeof ref === 'string' && ref.length <= MAX_REF_LENGTH) || Number.isSafeInteger(ref);
}
