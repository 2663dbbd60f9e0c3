// The transports the client tries, in order: WebSocket, then the HTTP
// fallbacks of PROTOCOL.md §4.5, SSE and long polling, each where the
// runtime has what it needs. The socket moves down the list when an
// attempt fails although the gateway says it would admit it (a proxy that
// breaks WebSockets or event streams), and keeps the first that opens.
import { PollSocket, pollAvailable, SseSocket, sseAvailable } from './http-socket.ts';
import type { WebSocketConstructor } from './transport.ts';

export type TransportName = 'websocket' | 'sse' | 'long-poll';
export const TRANSPORT_NAMES: readonly TransportName[] = ['websocket', 'sse', 'long-poll'];

export interface TransportChoice {
  readonly name: TransportName;
  readonly open: WebSocketConstructor;
}

/** The transports of `wanted` (default: all, in order) that this runtime can use. */
export function availableTransports(
  wanted: readonly TransportName[] = TRANSPORT_NAMES,
  webSocket: WebSocketConstructor | undefined,
): TransportChoice[] {
  const out: TransportChoice[] = [];
  for (const name of wanted) {
    if (name === 'websocket' && webSocket) out.push({ name, open: webSocket });
    if (name === 'sse' && sseAvailable()) out.push({ name, open: SseSocket });
    if (name === 'long-poll' && pollAvailable()) out.push({ name, open: PollSocket });
  }
  return out;
}
