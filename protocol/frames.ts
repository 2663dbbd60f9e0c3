// The frames of PROTOCOL.md §1. Client frames are zod schemas, so the gateway
// validates exactly what the types promise; server frames are plain types the
// client library and tests share.
import { z } from 'zod';
import type { ErrorCode } from './codes.ts';
import { MAX_REF_LENGTH } from './names.ts';

export { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from './version.ts';

export type Ref = string | number;

const ref = z.union([z.string().max(MAX_REF_LENGTH), z.int()]);
// The grammar is checked after the shape, so a well-typed bad name gets bad_stream.
const stream = z.string();
// `undefined` is not JSON: a payload key that is absent means "no payload".
const payload = z.unknown();

export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), stream, ref: ref.optional(), payload: payload.optional() }),
  z.object({ type: z.literal('msg'), stream, ref: ref.optional(), payload }),
  z.object({ type: z.literal('leave'), stream, ref: ref.optional() }),
  z.object({ type: z.literal('ping'), ref: ref.optional() }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];
export const CLIENT_FRAME_TYPES: readonly ClientFrameType[] = ['join', 'msg', 'leave', 'ping'];

export interface Limits {
  max_frame_bytes: number;
  max_streams: number;
  /** Sustained frames per second a connection may send. */
  rate_per_second: number;
  /** Frames a connection may send at once above the sustained rate. */
  rate_burst: number;
}

export type ServerFrame =
  | { type: 'welcome'; conn: string; heartbeat_ms: number; limits: Limits }
  | { type: 'joined'; stream: string; ref?: Ref; payload?: unknown }
  | { type: 'msg'; stream: string; payload: unknown }
  | { type: 'reply'; stream: string; ref: Ref; payload: unknown }
  | { type: 'left'; stream: string; ref?: Ref; code?: string; reason?: string }
  | { type: 'error'; code: ErrorCode | (string & {}); message: string; ref?: Ref; stream?: string }
  | { type: 'pong'; ref?: Ref };
export type ServerFrameType = ServerFrame['type'];
