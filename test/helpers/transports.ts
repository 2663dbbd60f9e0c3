// The client transports and encodings the conformance suites run over
// (issue 14 item 5):
// each opens a client of the same surface (TestClient's) on a gateway's
// ws://host:port/ws URL. A suite loops over TRANSPORTS and asks its system
// for clients with `sys.client(opts, url, transport)`.
import { JSON_FRAMES, PROTO_FRAMES, TestClient, type OpenOptions } from './client.ts';
import { HttpTestClient } from './http-client.ts';

/** What the suites use of a client, whatever carries its frames. */
export type FrameClient = Pick<
  TestClient,
  'frames' | 'closed' | 'welcome' | 'send' | 'next' | 'expect' | 'join' | 'close' | 'waitFrames'
>;

export interface ClientTransport {
  readonly name: string;
  /** True for the WebSocket transports: the suites' WebSocket-only checks run on these. */
  readonly websocket: boolean;
  /** The subprotocol a WebSocket client of this transport ends up speaking. */
  readonly subprotocol?: string;
  open(url: string, opts?: OpenOptions): Promise<FrameClient>;
}

export const WEBSOCKET: ClientTransport = {
  name: 'WebSocket',
  websocket: true,
  subprotocol: JSON_FRAMES.subprotocol,
  open: (url, opts) => TestClient.open(url, opts),
};

/** The binary encoding, `muxgate.v1.proto` (§4.8). */
export const WEBSOCKET_BINARY: ClientTransport = {
  name: 'WebSocket binary',
  websocket: true,
  subprotocol: PROTO_FRAMES.subprotocol,
  open: (url, opts) => TestClient.open(url, { codec: PROTO_FRAMES, ...opts }),
};

export const SSE: ClientTransport = {
  name: 'SSE',
  websocket: false,
  open: (url, opts) => HttpTestClient.open(url, { ...opts, mode: 'sse' }),
};

export const LONG_POLL: ClientTransport = {
  name: 'long poll',
  websocket: false,
  open: (url, opts) => HttpTestClient.open(url, { ...opts, mode: 'poll' }),
};

export const TRANSPORTS: readonly ClientTransport[] = [WEBSOCKET, WEBSOCKET_BINARY, SSE, LONG_POLL];
