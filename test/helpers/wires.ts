// The ways a client reaches the gateway, for conformance suites: a suite
// written against TestClient runs once per entry (PROTOCOL.md §4.8: "both
// encodings pass the same conformance suite"). A transport added later (SSE,
// long poll) is one more entry whose `open` returns a client with the same
// methods.
import { JSON_FRAMES, PROTO_FRAMES, TestClient, type OpenOptions } from './client.ts';

export interface Wire {
  readonly name: string;
  /** The subprotocol a client of this wire ends up speaking. */
  readonly subprotocol: string;
  /** Opens a client on the gateway whose WebSocket URL is `url` (ws://…/ws). */
  open(url: string, opts?: OpenOptions): Promise<TestClient>;
}

const webSocket = (name: string, codec: OpenOptions['codec'] & object): Wire => ({
  name,
  subprotocol: codec.subprotocol,
  open: (url, opts) => TestClient.open(url, { codec, ...opts }),
});

export const WIRES: readonly Wire[] = [
  webSocket('WebSocket JSON', JSON_FRAMES),
  webSocket('WebSocket binary', PROTO_FRAMES),
];
