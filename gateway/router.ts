// The router resolves a stream name to its service's route (grammar, route,
// authentication) and turns client intents into bus messages for that
// service: a JoinRequest (request/reply), an Inbound, a Leave. It owns the
// route table and nothing else: what a connection may hold is the session's
// business, when to send is the stream's.
import {
  BusClosedError,
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type Headers,
} from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import {
  Inbound,
  JoinConfirm,
  JoinConfirmReply,
  JoinReply,
  JoinRequest,
  Leave,
  type ScopeProps,
} from '../proto/index.ts';
import { ErrorCode, SERVICE_CODE_RE } from '../protocol/codes.ts';
import { parseStream } from '../protocol/names.ts';
import type { Route } from './config.ts';

export type JoinResult =
  | {
      kind: 'accept';
      payload: string | undefined;
      groups: string[];
      state: Uint8Array;
      /** Protocol 1.1: the stream's durable group, and the position its payload reflects. */
      durableGroup: string | undefined;
      snapshotPos: string | undefined;
      /** Protocol 1.1: the payload comes from a second step, once memberships are live. */
      confirm: boolean;
      /** Protocol 1.1 §4.3: presence on in this group, with the member's info as JSON text. */
      presence?: PresenceAsk;
    }
  /** `code` is the service's own when valid ([a-z_]{1,32}), else `forbidden`. */
  | { kind: 'refuse'; code: string; message: string }
  /**
   * `timedOut`: the service was asked and did not answer in time, so it may
   * still accept the join after the gateway gave up on it.
   */
  | { kind: 'unavailable'; message: string; timedOut?: true }
  | { kind: 'internal'; error: unknown };

/** A service's JoinAccept asked for presence (§4.3). */
export interface PresenceAsk {
  group: string;
  /** JSON text, unchecked until the join checks it; undefined for none. */
  info: string | undefined;
}

export type Resolution =
  { ok: true; service: string; topic: string } | { ok: false; code: ErrorCode; message: string };

const STREAM_GRAMMAR =
  'stream must be "service" or "service:topic" (service [a-z][a-z0-9-]{0,31}, topic [A-Za-z0-9_.~@:=+-]{1,128})';

/** Everything the bus messages of one stream carry. */
export interface StreamAddress {
  service: string;
  stream: string;
  topic: string;
  /**
   * The connection's reply subject (`<prefix>.conn.<gateway>.<conn>`), sent
   * to services as the `address` they publish Outbound frames to.
   */
  connSubject: string;
  scope: ScopeProps;
}

const EMPTY = new Uint8Array(0);
export const UNCONNECTED = 'the gateway has lost its connection to the bus; try again shortly';
const enc = new TextEncoder();
const dec = new TextDecoder();

export class Router {
  readonly #bus: Bus;
  readonly #subjects: Subjects;
  readonly #routes: ReadonlyMap<string, Route>;
  readonly #joinTimeoutMs: number;

  constructor(
    bus: Bus,
    subjects: Subjects,
    routes: ReadonlyMap<string, Route>,
    joinTimeoutMs: number,
  ) {
    this.#bus = bus;
    this.#subjects = subjects;
    this.#routes = routes;
    this.#joinTimeoutMs = joinTimeoutMs;
  }

  /**
   * The gateway's routing policy for a join, checked before any service hears
   * of it: the name's grammar, a route, authentication where the route wants it.
   * `user` is the connection's JWT subject, empty when anonymous.
   */
  resolve(name: string, user: string): Resolution {
    const parsed = parseStream(name);
    if (!parsed) return { ok: false, code: ErrorCode.BadStream, message: STREAM_GRAMMAR };
    const route = this.#routes.get(parsed.service);
    if (!route)
      return {
        ok: false,
        code: ErrorCode.UnknownStream,
        message: `no route for service "${parsed.service}"`,
      };
    if (route.requireAuth && !user)
      return {
        ok: false,
        code: ErrorCode.Forbidden,
        message: `${parsed.service} needs an authenticated connection`,
      };
    return { ok: true, service: parsed.service, topic: parsed.topic };
  }

  /**
   * Asks the service to decide a join. `done` runs from the bus's dispatch, in
   * order with the other messages the gateway receives, so a JoinReply is
   * applied before anything the service published after it.
   */
  join(
    to: StreamAddress,
    payloadJson: string | undefined,
    since: string | undefined,
    headers: Headers | undefined,
    done: (result: JoinResult) => void,
  ): void {
    const body = JoinRequest.encode({
      address: to.connSubject,
      stream: to.stream,
      topic: to.topic,
      payload: payloadJson === undefined ? EMPTY : enc.encode(payloadJson),
      scope: to.scope,
      since: since ?? '',
      deadlineMs: Date.now() + this.#joinTimeoutMs,
    }).finish();
    if (!this.connected) {
      queueMicrotask(() => done({ kind: 'unavailable', message: UNCONNECTED }));
      return;
    }
    const opts = { timeoutMs: this.#joinTimeoutMs, headers };
    this.#bus.requestCallback(this.#subjects.join(to.service), body, opts, (err, msg) =>
      done(err || !msg ? this.#failed(to.service, err) : decodeJoinReply(msg.data)),
    );
  }

  /**
   * The second step of a two-step join: asks the service for the `joined`
   * payload now that the stream's memberships are live. Answered like join().
   */
  confirm(
    to: StreamAddress,
    payloadJson: string | undefined,
    state: Uint8Array,
    headers: Headers | undefined,
    done: (result: JoinResult) => void,
  ): void {
    const body = JoinConfirm.encode({
      address: to.connSubject,
      stream: to.stream,
      topic: to.topic,
      payload: payloadJson === undefined ? EMPTY : enc.encode(payloadJson),
      scope: to.scope,
      state,
      deadlineMs: Date.now() + this.#joinTimeoutMs,
    }).finish();
    const opts = { timeoutMs: this.#joinTimeoutMs, headers };
    this.#bus.requestCallback(this.#subjects.joined(to.service), body, opts, (err, msg) =>
      done(err || !msg ? this.#failed(to.service, err) : decodeJoinReply(msg.data, true)),
    );
  }

  #failed(service: string, err: unknown): JoinResult {
    if (err instanceof NoRespondersError)
      return { kind: 'unavailable', message: `no ${service} service is running` };
    if (err instanceof RequestTimeoutError)
      return {
        kind: 'unavailable',
        message: `${service} did not answer within ${this.#joinTimeoutMs} ms`,
        timedOut: true,
      };
    if (err instanceof BusClosedError) return { kind: 'unavailable', message: UNCONNECTED };
    return { kind: 'internal', error: err };
  }

  /**
   * Whether a frame can be handed to the bus now. While NATS is away nats.js
   * would buffer it, and the client would learn nothing until a timeout;
   * `/readyz` says 503 on the same signal.
   */
  get connected(): boolean {
    return this.#bus.status === 'connected';
  }

  /**
   * `deadlineMs` (Unix ms, 0 for none) is when the client stops waiting for
   * the reply: a service drops the msg if it has not started it by then.
   */
  inbound(
    to: StreamAddress,
    payloadJson: string,
    refJson: string,
    state: Uint8Array,
    msgId: string | undefined,
    deadlineMs: number,
    headers: Headers | undefined,
    onNoResponders?: () => void,
  ): void {
    const body = Inbound.encode({
      address: to.connSubject,
      stream: to.stream,
      topic: to.topic,
      payload: enc.encode(payloadJson),
      ref: refJson,
      scope: to.scope,
      state,
      msgId: msgId ?? '',
      deadlineMs,
    }).finish();
    this.#bus.publish(this.#subjects.msg(to.service), body, { headers, onNoResponders });
  }

  leave(to: StreamAddress, reason: string, state: Uint8Array, headers: Headers | undefined): void {
    const body = Leave.encode({
      address: to.connSubject,
      stream: to.stream,
      topic: to.topic,
      reason,
      scope: to.scope,
      state,
    }).finish();
    this.#bus.publish(this.#subjects.leave(to.service), body, { headers });
  }
}

/** A JoinReply, or with `confirm` a JoinConfirmReply: the same two outcomes. */
export function decodeJoinReply(data: Uint8Array, confirm = false): JoinResult {
  try {
    const reply = (confirm ? JoinConfirmReply : JoinReply).decode(data);
    if (reply.result === 'accept') {
      const a = reply.accept;
      return {
        kind: 'accept',
        payload: a.payload?.length ? dec.decode(a.payload) : undefined,
        groups: a.groups ?? [],
        // protobufjs decodes bytes as a view into the message buffer, which
        // for NATS is its whole 64 KiB read buffer: a copy keeps each joined
        // stream from pinning one for its lifetime.
        state: a.state?.length ? new Uint8Array(a.state) : EMPTY,
        durableGroup: a.durableGroup || undefined,
        snapshotPos: a.snapshotPos || undefined,
        confirm: !confirm && a.confirm === true,
        presence: a.presenceGroup
          ? {
              group: a.presenceGroup,
              info: a.presenceInfo?.length ? dec.decode(a.presenceInfo) : undefined,
            }
          : undefined,
      };
    }
    if (reply.result === 'refuse') {
      // A service's own code passes through when it is one; else `forbidden`.
      const code = reply.refuse.code ?? '';
      return {
        kind: 'refuse',
        code: SERVICE_CODE_RE.test(code) ? code : ErrorCode.Forbidden,
        message: reply.refuse.message || 'join refused',
      };
    }
    return { kind: 'internal', error: new Error('JoinReply holds neither accept nor refuse') };
  } catch (err) {
    return { kind: 'internal', error: err };
  }
}
