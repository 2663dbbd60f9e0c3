// What docs/PROTOCOL.md promises for each frame of a fuzz run, and whether
// what the gateway wrote keeps that promise: the close a frame must cause,
// the answer a frame with a valid ref is owed (its type's answer, or an error
// with a code documented for it), and the frames the gateway may write at all.
import { isUtf8 } from 'node:buffer';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { isRef } from '../../protocol/names.ts';
import { FUZZ_MAX_FRAME_BYTES, type Built } from './fuzz-frames.ts';
import { OPCODE_BINARY } from './raw-ws.ts';

/** RFC 6455: a text frame that is not UTF-8. */
export const CLOSE_INVALID_UTF8 = 1007;

/** What the gateway must do with a frame (docs/PROTOCOL.md §1). */
export type Expectation =
  | { kind: 'close'; code: number }
  | { kind: 'binary' }
  | { kind: 'answer'; key: string; type: unknown }
  | { kind: 'any' };

export function expectationOf(b: Built, maxFrameBytes = FUZZ_MAX_FRAME_BYTES): Expectation {
  if (b.bytes.length > maxFrameBytes) return { kind: 'close', code: CloseCode.TooLarge };
  if (b.opcode === OPCODE_BINARY) return { kind: 'binary' };
  if (!isUtf8(b.bytes)) return { kind: 'close', code: CLOSE_INVALID_UTF8 };
  let v: unknown;
  try {
    v = JSON.parse(b.bytes.toString());
  } catch {
    return { kind: 'any' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'any' };
  const raw = v as Record<string, unknown>;
  if (!isRef(raw.ref)) return { kind: 'any' };
  return { kind: 'answer', key: JSON.stringify(raw.ref), type: raw.type };
}

const ANSWER: Record<string, string> = {
  ping: 'pong',
  join: 'joined',
  msg: 'reply',
  leave: 'left',
  refresh: 'refreshed',
  presence: 'presence',
};
const E = ErrorCode;
const ERRORS: Record<string, string[]> = {
  ping: [E.BadFrame, E.RateLimited],
  join: [
    E.BadFrame,
    E.BadStream,
    E.UnknownStream,
    E.AlreadyJoined,
    E.TooManyStreams,
    E.Unavailable,
    E.Forbidden,
    E.RateLimited,
  ],
  msg: [E.BadFrame, E.NotJoined, E.Unavailable, E.Timeout, E.RateLimited],
  leave: [E.BadFrame, E.NotJoined, E.RateLimited],
  refresh: [E.BadFrame, E.Unauthorized, E.RateLimited],
  // Presence is off on the fuzzed (echo) streams.
  presence: [E.BadFrame, E.NotJoined, E.Forbidden, E.RateLimited],
};
const OTHER_ERRORS = [E.BadFrame, E.RateLimited];
const DOCUMENTED = new Set<string>(Object.values(ErrorCode));

/** Why `f` is not a documented answer to a frame of `type`, or undefined when it is. */
export function wrongAnswer(type: unknown, f: Record<string, unknown>): string | undefined {
  const t = typeof type === 'string' && Object.hasOwn(ANSWER, type) ? type : undefined;
  if (f.type === 'error') {
    const allowed = t ? ERRORS[t]! : OTHER_ERRORS;
    return allowed.includes(f.code as string)
      ? undefined
      : `error ${String(f.code)} is not an answer to ${String(type)}`;
  }
  return t && f.type === ANSWER[t]
    ? undefined
    : `${String(f.type)} is not an answer to ${String(type)}`;
}

/** The frame the gateway wrote as an object, or why it is not a frame it may write. */
export function readAnswer(payload: Buffer): Record<string, unknown> | string {
  let f: Record<string, unknown>;
  try {
    f = JSON.parse(payload.toString()) as Record<string, unknown>;
  } catch {
    return `the gateway wrote a frame that is not JSON: ${payload.subarray(0, 80).toString()}`;
  }
  if (typeof f !== 'object' || f === null || Array.isArray(f))
    return `the gateway wrote a frame that is not an object: ${payload.subarray(0, 80).toString()}`;
  return f;
}

/** Why an error frame is wrong whatever it answers (`internal`, or a code the protocol lacks). */
export function undocumentedError(f: Record<string, unknown>): string | undefined {
  if (f.type !== 'error') return undefined;
  const code = String(f.code);
  if (!DOCUMENTED.has(code) || code === ErrorCode.Internal)
    return `error ${code}: ${String(f.message)}`;
  return undefined;
}
