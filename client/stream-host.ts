// What a stream (stream.ts) needs from the client that owns it (client.ts):
// the shared socket, its send queue and refs, and the rejoin backoff.
import type { ClientFrame, WireFrame } from './codec.ts';
import type { SendQueue } from './queue.ts';
import type { StreamState } from './stream-types.ts';

/** What a stream needs from the client that owns it. */
export interface StreamHost {
  /** Frames written now reach the gateway. */
  readonly open: boolean;
  /** The application closed the client: nothing can be joined any more. */
  readonly closed: boolean;
  readonly queue: SendQueue;
  nextRef(): number;
  /** Encodes a frame; throws MuxError(too_large) when the gateway would refuse its size. */
  encode(frame: ClientFrame): WireFrame;
  /** Writes a frame now; false when the socket is not open. */
  write(frame: WireFrame): boolean;
  /** Delay before the n-th retry of a rejoin the gateway refused for a passing reason. */
  retryDelay(attempt: number): number;
  /** A random wait before the first rejoin of a stream the gateway ended (ClientOptions.rejoinSpreadMs). */
  rejoinSpread(): number;
  changed(name: string, state: StreamState): void;
}
