// The Transport is what a Session writes to, over a WebSocket (ws-transport.ts)
// or the HTTP fallbacks (http-transport.ts). The session imports neither ws
// nor nats: unit tests drive it with FakeTransport (test/helpers/fake-transport.ts).
// Both transports stop reading a client with too much unsent, at the same
// thresholds (docs/security.md, "A client that does not read").

export interface Transport {
  /** Sends one frame, encoded in the connection's encoding (JSON text as a string or UTF-8, or protobuf). */
  send(frame: string | Buffer): void;
  /** Starts a close handshake with the code, after every frame sent before it. */
  close(code: number, reason: string): void;
  /**
   * Drops the frames not yet handed to the socket, sends the close frame, then
   * drops the connection after a grace period even if the peer never answers.
   */
  abort(code: number, reason: string): void;
  /** Drops the connection at once, without a close handshake (drain's deadline). */
  terminate(): void;
  /**
   * Called once per heartbeat interval: checks that the peer answered the
   * previous check. Returns false, after dropping the connection, when it did not.
   */
  heartbeat(): boolean;
  /** Bytes queued for the peer and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  /**
   * Reads nothing more from the peer until `wait()` returns 0 (it is asked
   * again when the time it returned has passed); frames already read are
   * still delivered. A throttle in force ignores a second one.
   */
  throttle(wait: () => number): void;
  /** Reads nothing more from the peer until `until` settles; frames already read are still delivered. */
  hold(until: Promise<unknown>): void;
}

/** What a transport tells its connection. */
export interface TransportListener {
  /** A text frame; `bytes` is its size as received (UTF-8). */
  receive(text: string, bytes: number): void;
  /** A binary frame. */
  receiveBinary(data: Buffer): void;
  /** The peer does not read what it is sent: cut it (1013). Called at most once. */
  overloaded(): void;
}

/** Reading stops past this share of maxBufferedBytes unsent… */
export const READ_STOPS_AT = 1 / 8;
/** …and resumes at or below this one. */
export const READ_RESUMES_AT = 1 / 16;
const WRITABLE_POLL_MS = 10;

/**
 * Resolves once the transport is down to where it reads the client again
 * (READ_RESUMES_AT), or `wanted` turns false: a replay never gets the client
 * cut for being slow nor keeps its frames unread, and a client that stops
 * reading stops the replay, not the gateway.
 */
export async function untilWritable(
  transport: Pick<Transport, 'bufferedAmount'>,
  maxBufferedBytes: number,
  wanted: () => boolean,
): Promise<void> {
  while (wanted() && transport.bufferedAmount > maxBufferedBytes * READ_RESUMES_AT)
    await new Promise((resolve) => setTimeout(resolve, WRITABLE_POLL_MS));
}
