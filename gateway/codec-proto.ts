// The binary encoding (PROTOCOL.md §4.8, muxgate.v1.proto): a ClientFrame in,
// a typed frame or the same `bad_frame` error as JSON out; frames out as
// ServerFrame messages. Reading goes through the JSON codec's schema, so both
// encodings accept and refuse exactly the same frames. Pure functions.
import { ErrorCode } from '../protocol/codes.ts';
import type { Ref } from '../protocol/frames.ts';
import { isJsonText, RawJson } from '../protocol/json.ts';
import {
  CLIENT_FIELDS,
  Field,
  MISTYPED,
  readFrame,
  writeFrame,
  writeRef,
} from '../protocol/proto-frames.ts';
import { ProtoWriter, utf8Text } from '../protocol/proto-wire.ts';
import { nestsDeeper } from '../protocol/raw-json.ts';
import { SUBPROTOCOL_PROTO } from '../protocol/version.ts';
import { answerable, errorFields, fail, validateClientFrame, type Decoded } from './codec.ts';
import type { Encoding } from './encoding.ts';

// ServerFrame field numbers (proto/client.proto) the hot paths write directly.
const POS = 10;
const RECOVERED = 11;
const VIA = 12;
const CODE = 13;
const REASON = 15;

/** Reads one binary frame; `maxDepth` counts the frame as one level, as in JSON. */
export function decodeBinaryClientFrame(bytes: Uint8Array, maxDepth: number): Decoded {
  let read;
  try {
    read = readFrame(bytes, CLIENT_FIELDS);
  } catch (err) {
    return fail({
      code: ErrorCode.BadFrame,
      message: `frame is not a ${SUBPROTOCOL_PROTO} ClientFrame: ${(err as Error).message}`,
    });
  }
  const raw = read.fields;
  if (read.payload === undefined) return validateClientFrame(raw, undefined);
  if (read.payload === MISTYPED) {
    raw.payload = MISTYPED;
    return fail(answerable(raw, `field "payload" has the wrong type`));
  }
  let text: string;
  try {
    text = utf8Text(read.payload);
  } catch {
    return fail(answerable(raw, 'payload is not UTF-8'));
  }
  // An empty payload is no JSON value: not `null`, which the bus reads it as.
  if (!isJsonText(text)) return fail(answerable(raw, 'payload is not valid JSON'));
  if (nestsDeeper(text, maxDepth - 1))
    return fail(answerable(raw, `frame nests deeper than ${maxDepth} levels`));
  // The schema only asks whether there is one; the payload travels as text.
  raw.payload = new RawJson(text);
  return validateClientFrame(raw, text);
}

const bytes = (u8: Uint8Array): Buffer => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function start(type: string, name: string, size: number): ProtoWriter {
  return new ProtoWriter(32 + (name.length + size) * 3)
    .string(Field.Type, type)
    .string(Field.Stream, name);
}

export const PROTO_ENCODING: Encoding = {
  name: 'proto',
  subprotocol: SUBPROTOCOL_PROTO,
  binary: true,
  decode: (data, maxDepth) =>
    typeof data === 'string'
      ? fail({
          code: ErrorCode.BadFrame,
          message: `text frames are not valid on ${SUBPROTOCOL_PROTO}`,
        })
      : decodeBinaryClientFrame(data, maxDepth),
  frame: (frame) => bytes(writeFrame(frame, 'server')),
  error: (e) => bytes(writeFrame(errorFields(e), 'server')),
  msg(to, payloadJson, extra) {
    const w = start('msg', to.name, payloadJson.length).string(Field.Payload, payloadJson);
    if (extra?.pos !== undefined) w.string(POS, extra.pos);
    if (extra?.via !== undefined) w.string(VIA, extra.via);
    return bytes(w.finish());
  },
  reply(to, ref, _refJson, payloadJson) {
    const w = start('reply', to.name, payloadJson.length);
    writeRef(w, ref);
    return bytes(w.string(Field.Payload, payloadJson).finish());
  },
  joined(to, ref, payloadJson, durable) {
    const w = start('joined', to.name, payloadJson?.length ?? 0);
    if (ref !== undefined) writeRef(w, ref);
    if (payloadJson !== undefined) w.string(Field.Payload, payloadJson);
    if (durable) {
      w.string(POS, durable.pos);
      if (durable.recovered !== undefined) w.bool(RECOVERED, durable.recovered);
    }
    return bytes(w.finish());
  },
  left(to, why) {
    const w = start('left', to.name, 0);
    if (why.ref !== undefined) writeRef(w, why.ref as Ref);
    if (why.code) w.string(CODE, why.code);
    if (why.reason) w.string(REASON, why.reason);
    return bytes(w.finish());
  },
};
