// Frames in the binary encoding (PROTOCOL.md §4.8, proto/client.proto): a
// frame object (the JSON frame's keys and values) to a ClientFrame or
// ServerFrame message and back, field by field through one table per message.
// Payloads stay JSON text: the writer takes it as written, the reader hands
// back the bytes, and each side parses or checks them as it does in JSON.
// Dependency-free and pure: the gateway and the browser client share it.
import {
  ProtoError,
  ProtoWriter,
  FieldReader,
  signed64,
  unsigned,
  unzigzag,
  utf8Text,
  Wire,
} from './proto-wire.ts';
import type { Ref } from './server-frames.ts';

type Kind = 'string' | 'uint' | 'int' | 'bool' | 'limits';
type Table = Readonly<Record<number, readonly [key: string, kind: Kind]>>;

/** Field numbers every frame shares. */
export const enum Field {
  Type = 1,
  Stream = 2,
  RefText = 3,
  RefInt = 4,
  Payload = 5,
  Extra = 16,
}

export const CLIENT_FIELDS: Table = {
  [Field.Type]: ['type', 'string'],
  [Field.Stream]: ['stream', 'string'],
  6: ['since', 'string'],
  7: ['id', 'string'],
  8: ['traceparent', 'string'],
  9: ['token', 'string'],
};

export const SERVER_FIELDS: Table = {
  [Field.Type]: ['type', 'string'],
  [Field.Stream]: ['stream', 'string'],
  6: ['conn', 'string'],
  7: ['heartbeat_ms', 'uint'],
  8: ['limits', 'limits'],
  9: ['exp', 'int'],
  10: ['pos', 'string'],
  11: ['recovered', 'bool'],
  12: ['via', 'string'],
  13: ['code', 'string'],
  14: ['message', 'string'],
  15: ['reason', 'string'],
  17: ['protocol', 'string'],
};

const LIMITS_FIELDS: Table = {
  1: ['max_frame_bytes', 'uint'],
  2: ['max_streams', 'uint'],
  3: ['rate_per_second', 'uint'],
  4: ['rate_burst', 'uint'],
  5: ['msg_timeout_ms', 'uint'],
};

/**
 * A field of a known number that came with another wire type: the frame
 * gets this value for its key, which no schema accepts, so a mistyped field
 * is refused the way a mistyped JSON value is.
 */
export const MISTYPED: unique symbol = Symbol('mistyped');

export interface ReadFrame {
  /** The frame's keys, `payload` left out; `extra`'s keys merged under the message's own. */
  fields: Record<string, unknown>;
  /** The payload's bytes (JSON text, unchecked); undefined when absent, MISTYPED when not bytes. */
  payload: Uint8Array | typeof MISTYPED | undefined;
}

/**
 * Reads a ClientFrame (CLIENT_FIELDS) or ServerFrame (SERVER_FIELDS). Throws
 * ProtoError when the bytes are not such a message: not protobuf, a string
 * that is not UTF-8, an `extra` that is not a JSON object.
 */
export function readFrame(bytes: Uint8Array, table: Table): ReadFrame {
  const top: Top = { payload: undefined, extra: undefined };
  const fields = readMessage(bytes, table, top);
  if (top.extra === undefined) return { fields, payload: top.payload };
  return { fields: { ...extraObject(top.extra), ...fields }, payload: top.payload };
}

/** What only a frame's own message has: its payload and extra. */
interface Top {
  payload: ReadFrame['payload'];
  extra: Uint8Array | undefined;
}

function readMessage(bytes: Uint8Array, table: Table, top?: Top): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new FieldReader(bytes);
  while (r.next()) {
    const { field, wire, value } = r;
    const len = wire === Wire.Len ? (value as Uint8Array) : undefined;
    const varint = wire === Wire.Varint ? (value as number | bigint) : undefined;
    const spec = table[field];
    if (spec) {
      const [key, kind] = spec;
      if (kind === 'string' || kind === 'limits') {
        if (!len) out[key] = MISTYPED;
        else out[key] = kind === 'string' ? utf8Text(len) : readMessage(len, LIMITS_FIELDS);
      } else if (varint === undefined) out[key] = MISTYPED;
      else
        out[key] =
          kind === 'bool'
            ? unsigned(varint) !== 0
            : kind === 'int'
              ? signed64(varint)
              : unsigned(varint);
    } else if (!top) continue;
    else if (field === Field.RefText) out.ref = len ? utf8Text(len) : MISTYPED;
    else if (field === Field.RefInt) out.ref = varint === undefined ? MISTYPED : unzigzag(varint);
    else if (field === Field.Payload) top.payload = len ?? MISTYPED;
    else if (field === Field.Extra && len) top.extra = len;
  }
  return out;
}

function extraObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8Text(bytes));
  } catch {
    throw new ProtoError('extra is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProtoError('extra is not a JSON object');
  // The payload has its own field, always.
  delete (value as Record<string, unknown>).payload;
  return value as Record<string, unknown>;
}

/** The reverse tables: a key's field number and kind. */
const byKey = (table: Table): Map<string, readonly [number, Kind]> =>
  new Map(Object.entries(table).map(([n, [key, kind]]) => [key, [Number(n), kind]]));
const CLIENT_KEYS = byKey(CLIENT_FIELDS);
const SERVER_KEYS = byKey(SERVER_FIELDS);
const LIMITS_KEYS = byKey(LIMITS_FIELDS);

/**
 * Writes a frame object as a ClientFrame (`to: 'client'`) or ServerFrame.
 * `payloadJson` is the payload as JSON text when the caller has it (the
 * gateway: byte-exact); otherwise the frame's `payload` is serialized. A key
 * with no field of its own, or a value of a type its field cannot hold,
 * travels in `extra`.
 */
export function writeFrame(
  frame: object,
  to: 'client' | 'server',
  payloadJson?: string,
): Uint8Array {
  const w = new ProtoWriter(64 + (payloadJson?.length ?? 0) * 3);
  const extra = writeMessage(w, frame, to === 'client' ? CLIENT_KEYS : SERVER_KEYS, payloadJson);
  if (extra) w.string(Field.Extra, JSON.stringify(extra));
  return w.finish();
}

function writeMessage(
  w: ProtoWriter,
  obj: object,
  keys: Map<string, readonly [number, Kind]>,
  payloadJson: string | undefined,
): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (key === 'payload') w.string(Field.Payload, payloadJson ?? JSON.stringify(value) ?? 'null');
    else if (key === 'ref' && writeRef(w, value as Ref)) continue;
    else if (!writeValue(w, keys.get(key), value)) (extra ??= {})[key] = value;
  }
  return extra;
}

/** Writes `ref` as ref_text or ref_int; false for a value that is neither. */
export function writeRef(w: ProtoWriter, ref: Ref): boolean {
  if (typeof ref === 'string') w.string(Field.RefText, ref);
  else if (Number.isSafeInteger(ref)) w.sint(Field.RefInt, ref);
  else return false;
  return true;
}

function writeValue(
  w: ProtoWriter,
  spec: readonly [number, Kind] | undefined,
  v: unknown,
): boolean {
  if (!spec) return false;
  const [field, kind] = spec;
  if (kind === 'string' && typeof v === 'string') w.string(field, v);
  else if (kind === 'bool' && typeof v === 'boolean') w.bool(field, v);
  else if (kind === 'uint' && Number.isSafeInteger(v) && (v as number) >= 0)
    w.uint(field, v as number);
  else if (kind === 'int' && Number.isSafeInteger(v)) w.int(field, v as number);
  else if (kind === 'limits' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const sub = new ProtoWriter();
    // A limit without a field of its own goes in the frame's extra, whole.
    if (writeMessage(sub, v, LIMITS_KEYS, undefined)) return false;
    w.bytes(field, sub.finish());
  } else return false;
  return true;
}
