// Every error code and close code of PROTOCOL.md §1 (and the 1.1 additions
// of §4.4 and §4.7), defined once. The gateway,
// the services SDK, the client library and the docs all import from here.

export const ErrorCode = {
  /** Not JSON, not an object, unknown type, missing or mistyped field, binary on the JSON subprotocol. */
  BadFrame: 'bad_frame',
  /** The stream name does not match the grammar. */
  BadStream: 'bad_stream',
  /** No route for the stream's service. */
  UnknownStream: 'unknown_stream',
  /** A join for a stream that is joined or joining. */
  AlreadyJoined: 'already_joined',
  /** A msg or leave for a stream that is not joined. */
  NotJoined: 'not_joined',
  /** Gateway policy or the service refused. */
  Forbidden: 'forbidden',
  /**
   * No service answered within the join timeout, none is running, or the bus
   * is down: a `join` or a `msg` that could not be handed to any service.
   */
  Unavailable: 'unavailable',
  /** The connection sent frames faster than its rate limit. */
  RateLimited: 'rate_limited',
  /** The connection holds max_streams streams already. */
  TooManyStreams: 'too_many_streams',
  /** Something failed inside muxgate; details are in the gateway's log, never in the frame. */
  Internal: 'internal',
  /** 1.1: a `msg` with `ref` the service did not answer within the gateway's msg timeout. */
  Timeout: 'timeout',
  /** 1.1: a `refresh` whose token was not accepted; the connection's token stays in force until its `exp`. */
  Unauthorized: 'unauthorized',
  /** 1.1: the connection's token reached its `exp` without a refresh; the socket closes with 4001 next. */
  TokenExpired: 'token_expired',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes a service may use to refuse a join or close a stream. */
export const SERVICE_CODE_RE = /^[a-z_]{1,32}$/;

export const CloseCode = {
  Normal: 1000,
  /** The gateway is draining (SIGTERM); reconnect elsewhere. */
  GoingAway: 1001,
  PolicyViolation: 1008,
  /** A frame exceeded max_frame_bytes. */
  TooLarge: 1009,
  Internal: 1011,
  Restarting: 1012,
  /** The client did not read fast enough and its outbound buffer overflowed. */
  Overloaded: 1013,
  /** 1.1: disconnected by the server API; do not reconnect without a new token. */
  Disconnected: 4000,
  /** 1.1: the token expired; do not reconnect without a new token. */
  TokenExpired: 4001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which a client must not reconnect without a new token (§4.7). */
export const NEEDS_NEW_TOKEN: readonly number[] = [CloseCode.Disconnected, CloseCode.TokenExpired];

/**
 * Close codes a peer may also see without either side choosing them: 1005
 * (no code in the close frame) and 1006 (the connection dropped), and those
 * the WebSocket layer sends on its own: 1002 (a malformed WebSocket frame)
 * and 1007 (a text frame that is not UTF-8).
 */
export const OBSERVED_CLOSE_CODES: readonly number[] = [
  ...Object.values(CloseCode),
  1002,
  1005,
  1006,
  1007,
];

/**
 * 1.1 (docs/PROTOCOL.md §4.10): why an upgrade was refused, as `GET /ws`
 * answers it in `{"error": …}`, so a browser (which cannot read a refused
 * upgrade's status) can learn it. Every token problem is `unauthorized`.
 */
export const RefusalCode = {
  /** 404: not the WebSocket path. */
  NotFound: 'not_found',
  /** 503: the gateway is draining; another one (or this one, restarted) will take the connection. */
  Draining: 'draining',
  /** 503: the gateway has been without its bus for MUX_BUS_LOSS_CLOSE_MS; another one will take the connection. */
  BusUnavailable: 'bus_unavailable',
  /** 400: the client offered subprotocols, none of them this gateway's. */
  BadSubprotocol: 'bad_subprotocol',
  /** 403: the Origin is not in MUX_ALLOWED_ORIGINS. */
  OriginNotAllowed: 'origin_not_allowed',
  /** 403: no Origin (not a browser), no valid token, and MUX_ALLOWED_ORIGINS is set. */
  OriginRequired: 'origin_required',
  /** 401: no token where one is required, or a token that is not valid (forged, expired, no exp…). */
  Unauthorized: 'unauthorized',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

/** The `error` of `GET /ws` when the upgrade would be admitted (HTTP 426). */
export const UPGRADE_REQUIRED = 'upgrade_required';

/** Codes of a `left` the gateway chose (a service's close carries its own). */
export const LeftCode = {
  /** 1.1: the server API made the stream leave (§4.6); it is not rejoined. */
  Kicked: 'kicked',
} as const;

/** Reasons a service sees in a Leave. */
export const LeaveReason = {
  Leave: 'leave',
  Disconnect: 'disconnect',
  /** 1.1: the stream's gateway died without draining (§4.2); sent by the service's own SDK. */
  GatewayLost: 'gateway_lost',
  /** 1.1: the server API made the stream leave (§4.6). */
  Kicked: 'kicked',
} as const;
export type LeaveReason = (typeof LeaveReason)[keyof typeof LeaveReason];
