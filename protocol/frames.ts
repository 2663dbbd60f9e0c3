// The frames of PROTOCOL.md §1. Client frames are zod schemas, so the gateway
// validates exactly what the types promise; server frames are plain types the
// client library and tests share (server-frames.ts, free of zod for the browser).
import { z } from 'zod';
import { MAX_POS_LENGTH, MAX_REF_LENGTH, MSG_ID_RE, TRACEPARENT_RE } from './names.ts';
import type { Ref } from './server-frames.ts';

export { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from './version.ts';
export type { Ref };

const ref = z.union([z.string().max(MAX_REF_LENGTH), z.int()]);
// The grammar is checked after the shape, so a well-typed bad name gets bad_stream.
const stream = z.string();
// `undefined` is not JSON: a payload key that is absent means "no payload".
const payload = z.unknown();
// A muxgate addition to 1.1: the client's W3C trace context, the parent of the
// gateway's span for the frame. Tracing must never cost a frame, so a value
// that is not a valid traceparent is dropped, not refused (W3C: a receiver
// that cannot parse it starts a new trace).
const traceparent = z.string().regex(TRACEPARENT_RE).optional().catch(undefined);

export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('join'),
    stream,
    ref: ref.optional(),
    payload: payload.optional(),
    // 1.1: the `pos` the client saw last on this stream; resume after it.
    since: z.string().max(MAX_POS_LENGTH).optional(),
    traceparent,
  }),
  z.object({
    type: z.literal('msg'),
    stream,
    ref: ref.optional(),
    payload,
    // 1.1: the client's id for this msg; a retry after `timeout` sends the same.
    id: z.string().regex(MSG_ID_RE).optional(),
    traceparent,
  }),
  z.object({ type: z.literal('leave'), stream, ref: ref.optional(), traceparent }),
  z.object({ type: z.literal('ping'), ref: ref.optional() }),
  // 1.1 (§4.3): who is in the stream's presence group; answered by `presence` or `error`.
  z.object({ type: z.literal('presence'), stream, ref: ref.optional() }),
  // 1.1 (§4.4): replaces the connection's token; answered by `refreshed` or `error`.
  z.object({ type: z.literal('refresh'), token: z.string().min(1), ref }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];
// A record, not an array: `satisfies` makes tsc name this line when a frame
// type is added to the schema and not here, and the codec's error messages
// and the metrics' labels follow from it.
const clientFrameTypes = {
  join: true,
  msg: true,
  leave: true,
  ping: true,
  refresh: true,
  presence: true,
} as const satisfies Record<ClientFrameType, true>;
export const CLIENT_FRAME_TYPES = Object.keys(clientFrameTypes) as readonly ClientFrameType[];

export function isClientFrameType(type: string): type is ClientFrameType {
  return Object.hasOwn(clientFrameTypes, type);
}

export type { Limits, ServerFrame, ServerFrameType, StreamFrame } from './server-frames.ts';
export { isServerFrameType, SERVER_FRAME_TYPES } from './server-frames.ts';
