// The frames of PROTOCOL.md §1 as they go on the wire: JSON text frames
// (muxgate.v1.json) or protobuf binary frames (muxgate.v1.proto, §4.8). The
// frame types come from protocol/ as types only, so the browser bundle does
// not carry the gateway's zod schemas.
import type { ClientFrame } from '../protocol/frames.ts';
import { readFrame, SERVER_FIELDS, writeFrame } from '../protocol/proto-frames.ts';
import { utf8Text } from '../protocol/proto-wire.ts';
import { isServerFrameType, type ServerFrame } from '../protocol/server-frames.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../protocol/version.ts';

export const SUBPROTOCOL = SUBPROTOCOL_JSON;

export type { ClientFrame, ServerFrame };
export type Welcome = Extract<ServerFrame, { type: 'welcome' }>;

/** A frame as sent: text for JSON, bytes for protobuf. */
export type WireFrame = string | Uint8Array;

/** The client's choice of encoding (ClientOptions.encoding). */
export type Encoding = 'json' | 'proto';

export interface Codec {
  readonly subprotocol: string;
  /** Binary frames come in as ArrayBuffers (the socket's binaryType). */
  readonly binary: boolean;
  encode(frame: ClientFrame): WireFrame;
  /** A frame from the gateway; null for anything that is not a known frame. */
  decode(data: unknown): ServerFrame | null;
  /** Whether an encoded frame is larger than `max` bytes. */
  exceeds(frame: WireFrame, max: number): boolean;
}

export function encodeFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

/**
 * Parses one text frame from the gateway; null for anything that is not a
 * known frame. The gateway is trusted, so only the discriminant is checked:
 * unknown fields are ignored, as the protocol asks.
 */
export function decodeFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return known(value as Record<string, unknown>);
}

function known(value: Record<string, unknown>): ServerFrame | null {
  const type = value.type;
  return typeof type === 'string' && isServerFrameType(type) ? (value as ServerFrame) : null;
}

/**
 * Reads one binary frame from the gateway (a ServerFrame message) into the
 * frame the JSON encoding would have given; null when it is not one.
 */
export function decodeProtoFrame(data: unknown): ServerFrame | null {
  const bytes =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : undefined;
  if (!bytes) return null;
  try {
    const { fields, payload } = readFrame(bytes, SERVER_FIELDS);
    if (payload instanceof Uint8Array) fields.payload = JSON.parse(utf8Text(payload));
    return known(fields);
  } catch {
    return null;
  }
}

const utf8 = new TextEncoder();

/** UTF-8 size of a frame, computed only when the UTF-16 length cannot settle it. */
export function exceedsBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  return utf8.encode(text).length > max;
}

export const JSON_CODEC: Codec = {
  subprotocol: SUBPROTOCOL_JSON,
  binary: false,
  encode: encodeFrame,
  decode: decodeFrame,
  exceeds: (frame, max) =>
    typeof frame === 'string' ? exceedsBytes(frame, max) : frame.length > max,
};

export const PROTO_CODEC: Codec = {
  subprotocol: SUBPROTOCOL_PROTO,
  binary: true,
  // A copy the size of the frame: the writer's buffer has room to spare.
  encode: (frame) => writeFrame(frame, 'client').slice(),
  decode: decodeProtoFrame,
  exceeds: (frame, max) =>
    typeof frame === 'string' ? exceedsBytes(frame, max) : frame.length > max,
};

export function codecOf(encoding: Encoding | undefined): Codec {
  return encoding === 'proto' ? PROTO_CODEC : JSON_CODEC;
}
