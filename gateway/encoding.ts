// How a connection's frames are written: JSON text (muxgate.v1.json) or
// protobuf (muxgate.v1.proto, codec-proto.ts). The subprotocol picks one per
// connection at the upgrade; everything that writes a frame asks the
// connection's encoding, and a frame shared by many members (a group
// message) is encoded once per encoding and stream name, never per member.
import { ErrorCode } from '../protocol/codes.ts';
import type { Ref, ServerFrame } from '../protocol/frames.ts';
import { SUBPROTOCOL_JSON } from '../protocol/version.ts';
import {
  decodeClientFrame,
  fail,
  encodeFrame,
  errorFrame,
  joinedFrame,
  leftFrame,
  msgFrame,
  replyFrame,
  type Decoded,
  type FrameError,
} from './codec.ts';

/** Who a stream frame is for: the stream's name, and the same as JSON text (computed once per stream). */
export interface Addressee {
  readonly name: string;
  readonly nameJson: string;
}

/** A stream as its frames are written: its name, and its connection's encoding. */
export interface FrameTarget extends Addressee {
  readonly encoding: Encoding;
}

export interface MsgExtra {
  /** 1.1: the durable group's position (muxgate's own text, `<epoch>:<seq>`). */
  pos?: string;
  /** 1.1: "api" for a message from the HTTP publish API. */
  via?: 'api';
}

export interface LeftWhy {
  ref?: Ref | undefined;
  code?: string | undefined;
  reason?: string | undefined;
}

/** An encoded frame: text for a text WebSocket frame, bytes for either kind. */
export type Encoded = string | Buffer;

export interface Encoding {
  readonly name: 'json' | 'proto';
  readonly subprotocol: string;
  /** Frames go out as binary WebSocket frames, and only binary frames come in. */
  readonly binary: boolean;
  /** Reads one client frame of this encoding; `maxDepth` bounds a payload's nesting. */
  decode(data: Buffer | string, maxDepth: number): Decoded;
  /** Any frame, from its object form: the frames off the hot paths (welcome, pong, refreshed). */
  frame(frame: ServerFrame): Encoded;
  error(e: FrameError): Encoded;
  /** As bytes, so one frame is shared by every member it goes to. */
  msg(to: Addressee, payloadJson: string, extra?: MsgExtra): Buffer;
  /** `refJson` is `ref` as JSON text, which the caller already has. */
  reply(to: Addressee, ref: Ref, refJson: string, payloadJson: string): Encoded;
  joined(
    to: Addressee,
    ref: Ref | undefined,
    payloadJson: string | undefined,
    durable?: { pos: string; recovered: boolean | undefined },
  ): Encoded;
  left(to: Addressee, why: LeftWhy): Encoded;
}

export const JSON_ENCODING: Encoding = {
  name: 'json',
  subprotocol: SUBPROTOCOL_JSON,
  binary: false,
  decode: (data, maxDepth) =>
    typeof data === 'string'
      ? decodeClientFrame(data, maxDepth)
      : fail({
          code: ErrorCode.BadFrame,
          message: `binary frames are not valid on ${SUBPROTOCOL_JSON}`,
        }),
  frame: encodeFrame,
  error: errorFrame,
  msg: (to, payloadJson, extra) => Buffer.from(msgFrame(to.nameJson, payloadJson, extra)),
  reply: (to, _ref, refJson, payloadJson) => replyFrame(to.nameJson, refJson, payloadJson),
  joined: (to, ref, payloadJson, durable) => joinedFrame(to.nameJson, ref, payloadJson, durable),
  left: (to, why) => leftFrame(to.nameJson, why),
};
