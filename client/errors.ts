// Every failure the client reports is a MuxError with a stable `code`, so
// applications branch on codes, never on messages. Codes from the gateway or
// a service (PROTOCOL.md §1) pass through unchanged; the few the client adds
// itself name failures that never reach the wire. The close codes the client
// reports for links it gave up on itself are defined here too.
import type { ErrorCode } from '../protocol/codes.ts';

export const ClientErrorCode = {
  /** No reply (or no joined) arrived within the timeout. */
  Timeout: 'timeout',
  /** The socket closed while the request was on the wire; it may or may not have been processed. */
  Disconnected: 'disconnected',
  /** The application closed the client or left the stream. */
  Closed: 'closed',
  /** The send queue is full while the socket is down or the stream is rejoining. */
  QueueFull: 'queue_full',
  /** The frame is larger than the gateway's max_frame_bytes; sending it would close the socket. */
  TooLarge: 'too_large',
  /** The token source threw while the client refreshed the token. */
  TokenFailed: 'token_failed',
  /** The client stopped reconnecting (server disconnect, expired token, refused upgrade); see `client.stopped`. */
  Stopped: 'stopped',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * Close codes the client reports for links it gave up on itself. They are
 * 4900 and up: 4000 and 4001 are the protocol's (PROTOCOL.md §4.7).
 */
export const ClientCloseCode = {
  /** A ping got no pong in time. */
  HeartbeatTimeout: 4900,
  /** No `welcome` arrived in time after dialing. */
  ConnectTimeout: 4901,
  /** The token source threw. */
  TokenFailed: 4902,
} as const;

/** A protocol code, a client code, or a service's own code ([a-z_]{1,32}). */
export type MuxErrorCode = ErrorCode | ClientErrorCode | (string & {});

export class MuxError extends Error {
  override name = 'MuxError';
  readonly code: MuxErrorCode;
  /** The stream the failure belongs to, when it belongs to one. */
  readonly stream: string | undefined;

  constructor(
    code: MuxErrorCode,
    message: string,
    opts: { stream?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.stream = opts.stream;
  }
}

/** True when `err` is a MuxError, and has `code` when one is given. */
export function isMuxError(err: unknown, code?: MuxErrorCode): err is MuxError {
  return err instanceof MuxError && (code === undefined || err.code === code);
}
