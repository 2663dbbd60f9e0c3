// The JSON frame codec: text in, a typed frame or a typed error out; typed
// frames in, text out. Pure functions, tested with tables of hostile input.
import { ErrorCode } from '../protocol/codes.ts';
import {
  ClientFrameSchema,
  isClientFrameType,
  type ClientFrame,
  type Ref,
  type ServerFrame,
} from '../protocol/frames.ts';
import { isRef } from '../protocol/names.ts';
import { MAX_JSON_DEPTH, scanJsonObject } from '../protocol/raw-json.ts';

export interface FrameError {
  /** A protocol code, or a service's own code passed through. */
  code: ErrorCode | (string & {});
  message: string;
  ref?: Ref;
  stream?: string;
}

export type Decoded =
  | {
      ok: true;
      frame: ClientFrame;
      /** The frame's payload exactly as the client wrote it; undefined when absent. */
      payloadJson: string | undefined;
    }
  | { ok: false; error: FrameError };

// The longest valid stream name; a longer string is not echoed back in errors.
const MAX_STREAM_ECHO = 32 + 1 + 128;

/** Decodes one text frame; `maxDepth` bounds its nesting, the frame object included. */
export function decodeClientFrame(text: string, maxDepth = MAX_JSON_DEPTH): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail({ code: ErrorCode.BadFrame, message: 'frame is not valid JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail({ code: ErrorCode.BadFrame, message: 'frame is not a JSON object' });
  const raw = value as Record<string, unknown>;
  const scan = scanJsonObject(text, 'payload', maxDepth);
  if (!scan.ok) return fail(answerable(raw, `frame nests deeper than ${maxDepth} levels`));
  return validateClientFrame(raw, scan.member);
}

/**
 * Checks a frame's keys and values against the schema: what both encodings
 * share once the frame is read (the binary one: codec-proto.ts).
 */
export function validateClientFrame(
  raw: Record<string, unknown>,
  payloadJson: string | undefined,
): Decoded {
  const res = ClientFrameSchema.safeParse(raw);
  // zod lets an unknown-typed key be absent; a msg without payload is still malformed.
  if (res.success && !(res.data.type === 'msg' && res.data.payload === undefined))
    return { ok: true, frame: res.data, payloadJson };
  return fail(
    answerable(raw, res.success ? 'msg needs a payload' : describe(raw, res.error.issues)),
  );
}

/** A bad_frame error with whatever the client can be answered by: a valid ref and a plausible stream. */
export function answerable(raw: Record<string, unknown>, message: string): FrameError {
  const error: FrameError = { code: ErrorCode.BadFrame, message };
  if (isRef(raw.ref)) error.ref = raw.ref;
  if (typeof raw.stream === 'string' && raw.stream.length <= MAX_STREAM_ECHO)
    error.stream = raw.stream;
  return error;
}

function describe(
  value: object,
  issues: readonly { path: PropertyKey[]; message: string }[],
): string {
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return 'frame has no string "type"';
  if (!isClientFrameType(type)) return `unknown frame type "${type.slice(0, 32)}"`;
  const first = issues[0];
  const field = first?.path.map(String).join('.') || 'frame';
  if (field === 'ref') return 'ref must be a string of at most 64 characters or an integer';
  return `${type}: field "${field}" is missing or has the wrong type`;
}

export function fail(error: FrameError): Decoded {
  return { ok: false, error };
}

export function encodeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

// Error messages quote client text (a stream name); a 60,000-character name
// must not come back whole.
const MAX_MESSAGE_LENGTH = 256;

export function errorFrame(e: FrameError): string {
  return JSON.stringify(errorFields(e));
}

/** The `error` frame for `e`, with client text cut to size. */
export function errorFields(e: FrameError): ServerFrame {
  const message =
    e.message.length > MAX_MESSAGE_LENGTH
      ? `${e.message.slice(0, MAX_MESSAGE_LENGTH)}…`
      : e.message;
  const frame: ServerFrame = { type: 'error', code: e.code, message };
  if (e.ref !== undefined) frame.ref = e.ref;
  if (e.stream !== undefined && e.stream.length <= MAX_STREAM_ECHO) frame.stream = e.stream;
  return frame;
}

// Hot paths: payloads from services are already JSON text, so they are spliced
// in rather than parsed and stringified again. Callers pass JSON-encoded
// stream names and refs (JSON.stringify once per stream, not per frame).
// `pos` is muxgate's own text (`<epoch>:<seq>`, [a-z0-9:]) and `via` is "api"
// for a message from the HTTP publish API (1.1): never client text, safe to
// splice unescaped.
export function msgFrame(
  streamJson: string,
  payloadJson: string,
  extra?: { pos?: string; via?: 'api' },
): string {
  const posPart = extra?.pos === undefined ? '' : `,"pos":"${extra.pos}"`;
  const viaPart = extra?.via === undefined ? '' : `,"via":"${extra.via}"`;
  return `{"type":"msg","stream":${streamJson},"payload":${payloadJson}${posPart}${viaPart}}`;
}

export function replyFrame(streamJson: string, refJson: string, payloadJson: string): string {
  return `{"type":"reply","stream":${streamJson},"ref":${refJson},"payload":${payloadJson}}`;
}

export function joinedFrame(
  streamJson: string,
  ref: Ref | undefined,
  payloadJson: string | undefined,
  durable?: { pos: string; recovered: boolean | undefined },
): string {
  const refPart = ref === undefined ? '' : `,"ref":${JSON.stringify(ref)}`;
  const payloadPart = payloadJson === undefined ? '' : `,"payload":${payloadJson}`;
  let durablePart = '';
  if (durable) {
    durablePart = `,"pos":"${durable.pos}"`;
    if (durable.recovered !== undefined) durablePart += `,"recovered":${durable.recovered}`;
  }
  return `{"type":"joined","stream":${streamJson}${refPart}${payloadPart}${durablePart}}`;
}

export function leftFrame(
  streamJson: string,
  why: { ref?: Ref | undefined; code?: string | undefined; reason?: string | undefined },
): string {
  const refPart = why.ref === undefined ? '' : `,"ref":${JSON.stringify(why.ref)}`;
  const codePart = why.code ? `,"code":${JSON.stringify(why.code)}` : '';
  const reasonPart = why.reason ? `,"reason":${JSON.stringify(why.reason)}` : '';
  return `{"type":"left","stream":${streamJson}${refPart}${codePart}${reasonPart}}`;
}
