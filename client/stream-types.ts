// A stream as the application types, configures and watches it: its payload
// types, options, states and events (stream.ts implements them; index.ts
// exports them).
import type { MuxError } from './errors.ts';

export type StreamState = 'idle' | 'joining' | 'joined' | 'leaving' | 'left';

/**
 * Payload types of one stream, for applications that want them checked:
 * `client.stream<ChatTypes>('chat:lobby')`. Missing keys mean `unknown`.
 */
export interface StreamTypes {
  join?: unknown;
  joined?: unknown;
  send?: unknown;
  message?: unknown;
  request?: unknown;
  reply?: unknown;
}
export type Of<T extends StreamTypes, K extends keyof StreamTypes> = K extends keyof T
  ? Exclude<T[K], undefined>
  : unknown;

export interface LeftEvent {
  /** Who ended the stream: the application (leave()), or the service or gateway. */
  by: 'client' | 'server';
  code?: string;
  reason?: string;
}

/** A `msg` with what the gateway says about it besides its payload. */
export interface MessageEnvelope<P = unknown> {
  payload: P;
  /**
   * "api" when it came through the gateway's HTTP publish API (a holder of an
   * API key), not from a service: a page must not show it as a user's.
   */
  via?: 'api';
}

export interface StreamEvents<T extends StreamTypes> {
  message: Of<T, 'message'>;
  /** The same messages as `message`, with where they came from (PROTOCOL 1.1). */
  envelope: MessageEnvelope<Of<T, 'message'>>;
  /**
   * Every time the stream is joined, including rejoins after a reconnect. On
   * a stream with a durable group (protocol 1.1), `pos` is where live delivery
   * started, and after a rejoin `recovered` says whether every message missed
   * meanwhile follows (true) or the application must reload from `payload`.
   */
  joined: { payload: Of<T, 'joined'>; rejoin: boolean; pos?: string; recovered?: boolean };
  /** After `joined` with `recovered: true`: every missed message has been delivered; how many. */
  recovered: { count: number };
  left: LeftEvent;
  /** Errors that belong to no call: a refused rejoin, an error frame for a plain send. */
  error: MuxError;
  state: StreamState;
}

export interface RequestOptions {
  /** Milliseconds to wait for the reply. Default 10 s. */
  timeout?: number;
  /**
   * Times to send the request again after `timeout`, `unavailable` or
   * `disconnected` (default 0). Every attempt carries the same `id` (1.1), so
   * a service that applies a msg once per id does not apply a retry twice.
   */
  retries?: number;
  /** The msg's id; a random one by default. Keep it to retry by hand across reloads. */
  id?: string;
  /** A W3C traceparent for the msg, every attempt's (see ClientOptions.traceparent). */
  traceparent?: string;
}

export interface SendOptions {
  /** A W3C traceparent for the msg (see ClientOptions.traceparent). */
  traceparent?: string;
}

export interface JoinOptions {
  /** Resume after this `pos` (durable groups, protocol 1.1). */
  since?: string;
  /**
   * A W3C traceparent for the join frames sent until this join() settles
   * (a rejoin after a reconnect meanwhile is part of it); later rejoins ask
   * the client's hook (see ClientOptions.traceparent).
   */
  traceparent?: string;
  /**
   * Protocol 1.1 §4.3: ask for the presence list after every `joined`
   * (rejoins too), so `stream.presence`'s `members`, `count` and `change`
   * stay current. For streams whose service turns presence on.
   */
  presence?: boolean;
}
