// The connection as the application configures and watches it: the options,
// the states and the events of the socket (socket.ts implements them). The
// client passes them through; index.ts exports the public ones.
//
// States, for a UI to show:
//   connecting   → the first attempt is in flight
//   open         → `welcome` arrived; frames flow
//   reconnecting → the link was lost (or never came up); retrying with backoff
//   stopped      → not retrying: the server disconnected it (4000), its token
//                  expired (4001) and the token source has no new one, or the
//                  upgrade was refused for a reason retrying cannot fix (see
//                  `stopped`); wake(), reconnect() or setToken() resume it
//   closed       → the application called close(); terminal
import type { BackoffOptions } from './backoff.ts';
import type { Encoding, ServerFrame, Welcome } from './codec.ts';
import type { MuxError } from './errors.ts';
import type { Refusal } from './refusal.ts';
import type { TokenSource } from './tokens.ts';
import type { WebSocketConstructor } from './transport.ts';
import type { TransportName } from './transports.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'stopped' | 'closed';

export interface SocketOptions {
  /**
   * Sent as the `token` query parameter (browsers cannot set headers). A
   * function is called before every attempt and before the token's `exp`,
   * to refresh it on the open connection.
   */
  token?: TokenSource;
  /**
   * Node only: headers for the upgrade (and for the refusal check), e.g.
   * `Authorization` or `Origin`, with the `ws` package or Node's built-in
   * WebSocket; browsers cannot send headers.
   */
  headers?: Record<string, string>;
  /**
   * Node only: the `Origin` header, for a gateway with MUX_ALLOWED_ORIGINS
   * (which admits a client without Origin only with a valid token).
   */
  origin?: string;
  /** How long before the token's `exp` to refresh it (at most half its remaining life). Default 60 s. */
  refreshBeforeMs?: number;
  /**
   * After an attempt that never opened, ask the gateway why (`GET /ws`,
   * which browsers can read) and stop retrying when retrying cannot help.
   * Default true.
   */
  explainRefusals?: boolean;
  /**
   * How frames go on the wire: 'json' (text frames, `muxgate.v1.json`, the
   * default) or 'proto' (binary protobuf frames, `muxgate.v1.proto`: smaller
   * and cheaper for the gateway; see docs/client.md). Streams, payloads and
   * events are the same either way.
   */
  encoding?: Encoding;
  /** A WebSocket implementation; defaults to the global one (browsers, Node 22+). */
  WebSocket?: WebSocketConstructor;
  /**
   * The transports to try, in order (default all: 'websocket', 'sse',
   * 'long-poll'); those the runtime lacks are skipped. The client moves to
   * the next when an attempt fails although the gateway says it would admit
   * it, and keeps the first that opens. `client.transport` says which.
   */
  transports?: TransportName[];
  backoff?: Partial<BackoffOptions>;
  /** Ping interval; defaults to the gateway's heartbeat_ms from `welcome`. */
  pingIntervalMs?: number;
  /** How long a ping may wait for its pong. Default 10 s. */
  pingTimeoutMs?: number;
  /** How long an attempt may take from dialing to `welcome`. Default 10 s. */
  connectTimeoutMs?: number;
  /** Reconnect at once when the page comes back online or becomes visible. Default true. */
  watchPage?: boolean;
  /** For tests: the jitter source. */
  random?: () => number;
}

/** Why the client stopped reconnecting. */
export interface Stopped {
  /**
   * The gateway's close code (4000 disconnected by the server, 4001 token
   * expired), or the HTTP status of a refused upgrade (401, 403, 400, 404).
   */
  code: number;
  reason: string;
  /**
   * Only a new token can bring the connection back: wake() and setToken()
   * ask the token source, and reconnect only when it gives a different one.
   */
  needsToken: boolean;
}

export interface Reconnecting {
  /** 1 for the first retry after a loss. */
  attempt: number;
  /** Milliseconds until the attempt. */
  delay: number;
  /** Why the last link ended. */
  code: number;
  reason: string;
}

export interface Down {
  code: number;
  reason: string;
  /** True when the application closed the client. */
  closed: boolean;
}

export interface SocketEvents {
  state: { state: ConnectionState; previous: ConnectionState };
  connecting: { attempt: number };
  open: Welcome;
  reconnecting: Reconnecting;
  closed: { code: number; reason: string };
  /** The socket that was open is gone (lost, or closed by the application). */
  down: Down;
  frame: ServerFrame;
  /** The transport in use changed (and on the first open): 'websocket', 'sse' or 'long-poll'. */
  transport: { transport: TransportName };
  stopped: Stopped;
  /** An upgrade was refused, as the gateway explained it. */
  refused: Refusal;
  /** The token was replaced on the open connection; `exp` is the new one's. */
  refreshed: { exp: number | undefined };
  /** A refresh failed: the gateway refused the token (`unauthorized`) or the source threw. */
  refreshFailed: MuxError;
}
