// The muxgate client: one WebSocket to the gateway, many named streams.
//
//   const client = connect('wss://example.com/ws', { token });
//   const echo = client.stream('echo');
//   await echo.join();
//   const reply = await echo.request({ hello: 'world' }, { timeout: 5000 });
//
// See docs/client.md.
export {
  connect,
  MuxClient,
  type ClientEvents,
  type ClientOptions,
  type TracedFrame,
} from './client.ts';
export {
  Stream,
  type LeftEvent,
  type MessageEnvelope,
  type JoinOptions,
  type RequestOptions,
  type SendOptions,
  type StreamEvents,
  type StreamState,
  type StreamTypes,
} from './stream.ts';
export {
  ClientCloseCode,
  type ConnectionState,
  type Reconnecting,
  type Stopped,
  type TokenSource,
} from './socket.ts';
export type { Refusal } from './refusal.ts';
export { ClientErrorCode, isMuxError, MuxError, type MuxErrorCode } from './errors.ts';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export type { WebSocketConstructor, WebSocketLike } from './transport.ts';
export type { Welcome } from './codec.ts';
export type { WakeReason } from './page.ts';
export { CloseCode, ErrorCode, RefusalCode } from '../protocol/codes.ts';
