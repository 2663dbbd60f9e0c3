// The binary encoding (PROTOCOL.md §4.8, muxgate.v1.proto): a ClientFrame in,
// a typed frame or the same `bad_frame` error as JSON out; frames out as
// ServerFrame messages. Reading goes through the JSON codec's schema, so both
// encodings accept and refuse exactly the same frames. Pure functions.
import { ErrorCode } from '../protocol/codes.ts';
import type { Ref } from '../protocol/frames.ts';
import { isJsonText, RawJson } from '../protocol/json.ts';
import { CLIENT_FIELDS, Field, MISTYPED, readFrame, writeFrame } from '../protocol/proto-frames.ts';
import { isUtf8 } from 'node:buffer';
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
  // Node's own check and decoder: a payload is often larger than the short
  // strings protocol/ decodes by hand.
  if (!isUtf8(read.payload)) return fail(answerable(raw, 'payload is not UTF-8'));
  const text = asBuffer(read.payload).toString('utf8');
  // An empty payload is no JSON value: not `null`, which the bus reads it as.
  if (!isJsonText(text)) return fail(answerable(raw, 'payload is not valid JSON'));
  if (nestsDeeper(text, maxDepth - 1))
    return fail(answerable(raw, `frame nests deeper than ${maxDepth} levels`));
  // The schema only asks whether there is one; the payload travels as text.
  raw.payload = new RawJson(text);
  return validateClientFrame(raw, text);
}

const asBuffer = (u8: Uint8Array): Buffer => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

// The hot paths (msg, reply, joined, left) write straight into one Buffer
// sized up front: Node's pooled allocation and native UTF-8 writes cost a
// fraction of a general writer's growing Uint8Array and TextEncoder calls.
// Tags of fields 1 to 15 are one byte: (field << 3) | wire type.
const tag = (field: number, wire: 0 | 2): number => (field << 3) | wire;
const TYPE_FIELDS = new Map(
  ['msg', 'reply', 'joined', 'left'].map((t) => [
    t,
    Buffer.from([tag(Field.Type, 2), t.length, ...Buffer.from(t)]),
  ]),
);

const varintSize = (n: number): number =>
  n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;

/** A field of text: its tag, its length, its UTF-8 bytes. */
interface Text {
  field: number;
  text: string;
  len: number;
}

/** A frame of `type` from text fields and, optionally, a ref and a bool. */
function frame(type: string, texts: Text[], ref: Ref | undefined, recovered?: boolean): Buffer {
  const head = TYPE_FIELDS.get(type)!;
  let refText: Text | undefined;
  let refZigzag = 0;
  let size = head.length;
  for (const t of texts) size += 1 + varintSize(t.len) + t.len;
  if (typeof ref === 'string') {
    refText = { field: Field.RefText, text: ref, len: Buffer.byteLength(ref) };
    size += 1 + varintSize(refText.len) + refText.len;
  } else if (ref !== undefined) {
    refZigzag = ref >= 0 ? ref * 2 : -ref * 2 - 1;
    // Past 2^31 the zigzag value needs the general writer's exact arithmetic.
    if (refZigzag > 0x7fffffff) return generalFrame(type, texts, ref, recovered);
    size += 1 + varintSize(refZigzag);
  }
  if (recovered !== undefined) size += 2;
  out = Buffer.allocUnsafe(size);
  at = 0;
  for (let i = 0; i < head.length; i++) out[at++] = head[i]!;
  putText(texts[0]!);
  if (refText) putText(refText);
  else if (ref !== undefined) {
    out[at++] = tag(Field.RefInt, 0);
    putVarint(refZigzag);
  }
  for (let i = 1; i < texts.length; i++) putText(texts[i]!);
  if (recovered !== undefined) {
    out[at++] = tag(RECOVERED, 0);
    out[at++] = recovered ? 1 : 0;
  }
  return out;
}

// The frame being written: module state, not closures, which tsx would name
// (a defineProperty) on every call.
let out = Buffer.alloc(0);
let at = 0;

function putVarint(n: number): void {
  while (n >= 0x80) {
    out[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[at++] = n;
}

function putText(t: Text): void {
  out[at++] = tag(t.field, 2);
  putVarint(t.len);
  at += out.write(t.text, at, t.len, 'utf8');
}

/** The same frame through the general writer (refs past 2^30), its payload still as written. */
function generalFrame(
  type: string,
  texts: Text[],
  ref: Ref | undefined,
  recovered: boolean | undefined,
): Buffer {
  const names: Record<number, string> = {
    [Field.Stream]: 'stream',
    [Field.Payload]: 'payload',
    [POS]: 'pos',
    [VIA]: 'via',
    [CODE]: 'code',
    [REASON]: 'reason',
  };
  const frame: Record<string, unknown> = { type, ref, recovered };
  for (const t of texts) frame[names[t.field]!] = t.text;
  const payloadJson = texts.find((t) => t.field === Field.Payload)?.text;
  return asBuffer(writeFrame(frame, 'server', payloadJson));
}

const text = (field: number, s: string): Text => ({ field, text: s, len: Buffer.byteLength(s) });

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
  frame: (f) => asBuffer(writeFrame(f, 'server')),
  error: (e) => asBuffer(writeFrame(errorFields(e), 'server')),
  msg(to, payloadJson, extra) {
    const texts = [text(Field.Stream, to.name), text(Field.Payload, payloadJson)];
    if (extra?.pos !== undefined) texts.push(text(POS, extra.pos));
    if (extra?.via !== undefined) texts.push(text(VIA, extra.via));
    return frame('msg', texts, undefined);
  },
  reply: (to, ref, _refJson, payloadJson) =>
    frame('reply', [text(Field.Stream, to.name), text(Field.Payload, payloadJson)], ref),
  joined(to, ref, payloadJson, durable) {
    const texts = [text(Field.Stream, to.name)];
    if (payloadJson !== undefined) texts.push(text(Field.Payload, payloadJson));
    if (durable) texts.push(text(POS, durable.pos));
    return frame('joined', texts, ref, durable?.recovered);
  },
  left(to, why) {
    const texts = [text(Field.Stream, to.name)];
    if (why.code) texts.push(text(CODE, why.code));
    if (why.reason) texts.push(text(REASON, why.reason));
    return frame('left', texts, why.ref);
  },
};
