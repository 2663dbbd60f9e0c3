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
export { Stream } from './stream.ts';
export {
  bindView,
  BindingView,
  DEFAULT_BINDING_VIEW,
  type BindableStream,
  type BindingViewEvents,
  type BindingViewOptions,
} from './binding.ts';
export type { BindingChange, BindingEntry } from './binding-wire.ts';
export type {
  LeftEvent,
  MessageEnvelope,
  JoinOptions,
  RequestOptions,
  SendOptions,
  StreamEvents,
  StreamState,
  StreamTypes,
} from './stream-types.ts';
export {
  StreamPresence,
  type PresenceEvents,
  type PresenceMember,
  type PresenceView,
} from './presence.ts';
export type { ConnectionState, Reconnecting, Stopped } from './connection.ts';
export type { TokenSource } from './tokens.ts';
export type { Refusal } from './refusal.ts';
export {
  ClientCloseCode,
  ClientErrorCode,
  isMuxError,
  MuxError,
  type MuxErrorCode,
} from './errors.ts';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export type { WebSocketConstructor, WebSocketLike } from './transport.ts';
export { TRANSPORT_NAMES, type TransportName } from './transports.ts';
export type { Encoding, Welcome } from './codec.ts';
export type { WakeReason } from './page.ts';
export { CloseCode, ErrorCode, RefusalCode } from '../protocol/codes.ts';
