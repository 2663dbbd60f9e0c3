// The gateway's frames of PROTOCOL.md §1 and its 1.1 additions, as plain types. Dependency-free,
// so the browser client can import it without pulling in zod.
import type { ErrorCode } from './codes.ts';

export type Ref = string | number;

/** 1.1 (§4.3): one connection in a presence group. */
export interface PresenceMember {
  conn: string;
  /** The connection's JWT subject; '' when anonymous. */
  user: string;
  /** What the service said about the member when it turned presence on. */
  info?: unknown;
}

export interface Limits {
  max_frame_bytes: number;
  max_streams: number;
  /** Sustained frames per second a connection may send. */
  rate_per_second: number;
  /** Frames a connection may send at once above the sustained rate. */
  rate_burst: number;
  /** 1.1: how long the gateway waits for the service to answer a `msg` with `ref` before `timeout`. */
  msg_timeout_ms?: number;
}

export type ServerFrame =
  | {
      type: 'welcome';
      /** 1.1: the protocol version the gateway speaks; absent from a version 1 gateway. */
      protocol?: string;
      conn: string;
      heartbeat_ms: number;
      limits: Limits;
      /** 1.1: the token's `exp` (seconds since the epoch) when the connection is authenticated. */
      exp?: number;
      /** 1.1 §4.5: over the HTTP transports, the connection's secret for its polls and sends. */
      session?: string;
    }
  | {
      type: 'joined';
      stream: string;
      ref?: Ref;
      payload?: unknown;
      /** 1.1: the durable group's position when live delivery started. */
      pos?: string;
      /** 1.1: with `since`, whether every message after it follows (else reload from `payload`). */
      recovered?: boolean;
    }
  | {
      type: 'msg';
      stream: string;
      payload: unknown;
      /** 1.1: from a durable group. */ pos?: string;
      /** 1.1: "api" when it came through the gateway's HTTP publish API, not from a service. */
      via?: 'api';
    }
  | { type: 'reply'; stream: string; ref: Ref; payload: unknown }
  | { type: 'left'; stream: string; ref?: Ref; code?: string; reason?: string }
  | { type: 'error'; code: ErrorCode | (string & {}); message: string; ref?: Ref; stream?: string }
  | { type: 'pong'; ref?: Ref }
  /** 1.1: the answer to `refresh`; `exp` is the new token's (absent when it has none). */
  | { type: 'refreshed'; ref: Ref; exp?: number }
  /**
   * 1.1 (§4.3): the answer to `presence`. `count` is exact; `members` holds at
   * most the gateway's MUX_PRESENCE_MAX_MEMBERS (1,000) of them.
   */
  | { type: 'presence'; stream: string; ref?: Ref; count: number; members: PresenceMember[] }
  /**
   * 1.1 (§4.3): who joined and left the stream's presence group, at most one
   * per 100 ms; `count` (muxgate's addition) is the exact count after it.
   */
  | {
      type: 'presence_diff';
      stream: string;
      joins: PresenceMember[];
      leaves: PresenceMember[];
      count?: number;
    };
export type ServerFrameType = ServerFrame['type'];

/** The frames that belong to one stream: what a client stream handles. */
export type StreamFrame = Exclude<ServerFrame, { type: 'welcome' | 'pong' | 'refreshed' }>;

// A record, so tsc names this line when a frame type is added to ServerFrame.
const serverFrameTypes = {
  welcome: true,
  joined: true,
  msg: true,
  reply: true,
  left: true,
  error: true,
  pong: true,
  refreshed: true,
  presence: true,
  presence_diff: true,
} as const satisfies Record<ServerFrameType, true>;
export const SERVER_FRAME_TYPES = Object.keys(serverFrameTypes) as readonly ServerFrameType[];

export function isServerFrameType(type: string): type is ServerFrameType {
  return Object.hasOwn(serverFrameTypes, type);
}
