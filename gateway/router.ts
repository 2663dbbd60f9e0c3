// The router turns client intents into bus messages for the stream's service:
// a JoinRequest (request/reply), an Inbound, a Leave. It owns the route table
// and nothing else; sessions decide when to call it.
import { NoRespondersError, RequestTimeoutError, type Bus, type Headers } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import { Inbound, JoinReply, JoinRequest, Leave, type ScopeProps } from '../proto/index.ts';
import { ErrorCode } from '../protocol/codes.ts';
import { parseStream } from '../protocol/names.ts';
import type { Route } from './config.ts';

export type JoinResult =
  | { kind: 'accept'; payload: string | undefined; groups: string[]; state: Uint8Array }
  | { kind: 'refuse'; code: string; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'internal'; error: unknown };

export type Admission =
  | { ok: true; service: string; topic: string }
  | { ok: false; error: { code: ErrorCode; message: string } };

const STREAM_GRAMMAR =
  'stream must be "service" or "service:topic" (service [a-z][a-z0-9-]{0,31}, topic [A-Za-z0-9_.~@:=+-]{1,128})';

export interface StreamAddress {
  service: string;
  stream: string;
  topic: string;
  address: string;
  scope: ScopeProps;
}

const EMPTY = new Uint8Array(0);
const enc = new TextEncoder();
const dec = new TextDecoder();

export class Router {
  constructor(
    readonly bus: Bus,
    readonly subjects: Subjects,
    readonly routes: ReadonlyMap<string, Route>,
    readonly joinTimeoutMs: number,
  ) {}

  /**
   * The gateway's own policy for a join, checked before any service hears of
   * it: the name's grammar, a route, authentication where the route wants it,
   * and the connection's streams.
   */
  admit(
    name: string,
    user: string,
    streams: ReadonlyMap<string, unknown>,
    maxStreams: number,
  ): Admission {
    const refuse = (code: ErrorCode, message: string): Admission => ({
      ok: false,
      error: { code, message },
    });
    const parsed = parseStream(name);
    if (!parsed) return refuse(ErrorCode.BadStream, STREAM_GRAMMAR);
    const route = this.routes.get(parsed.service);
    if (!route) return refuse(ErrorCode.UnknownStream, `no route for service "${parsed.service}"`);
    if (route.requireAuth && !user)
      return refuse(ErrorCode.Forbidden, `${parsed.service} needs an authenticated connection`);
    if (streams.has(name)) return refuse(ErrorCode.AlreadyJoined, `${name} is already joined`);
    if (streams.size >= maxStreams)
      return refuse(ErrorCode.TooManyStreams, `at most ${maxStreams} streams per connection`);
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
    headers: Headers | undefined,
    done: (result: JoinResult) => void,
  ): void {
    const body = JoinRequest.encode({
      address: to.address,
      stream: to.stream,
      topic: to.topic,
      payload: payloadJson === undefined ? EMPTY : enc.encode(payloadJson),
      scope: to.scope,
    }).finish();
    const opts = { timeoutMs: this.joinTimeoutMs, headers };
    this.bus.requestCallback(this.subjects.join(to.service), body, opts, (err, msg) =>
      done(err || !msg ? this.#failed(to.service, err) : decodeJoinReply(msg.data)),
    );
  }

  #failed(service: string, err: unknown): JoinResult {
    if (err instanceof NoRespondersError)
      return { kind: 'unavailable', message: `no ${service} service is running` };
    if (err instanceof RequestTimeoutError)
      return {
        kind: 'unavailable',
        message: `${service} did not answer within ${this.joinTimeoutMs} ms`,
      };
    return { kind: 'internal', error: err };
  }

  inbound(
    to: StreamAddress,
    payloadJson: string,
    refJson: string,
    state: Uint8Array,
    headers: Headers | undefined,
  ): void {
    const body = Inbound.encode({
      address: to.address,
      stream: to.stream,
      topic: to.topic,
      payload: enc.encode(payloadJson),
      ref: refJson,
      scope: to.scope,
      state,
    }).finish();
    this.bus.publish(this.subjects.msg(to.service), body, { headers });
  }

  leave(to: StreamAddress, reason: string, state: Uint8Array, headers: Headers | undefined): void {
    const body = Leave.encode({
      address: to.address,
      stream: to.stream,
      topic: to.topic,
      reason,
      scope: to.scope,
      state,
    }).finish();
    this.bus.publish(this.subjects.leave(to.service), body, { headers });
  }
}

function decodeJoinReply(data: Uint8Array): JoinResult {
  try {
    const reply = JoinReply.decode(data);
    if (reply.result === 'accept') {
      const a = reply.accept;
      return {
        kind: 'accept',
        payload: a.payload?.length ? dec.decode(a.payload) : undefined,
        groups: a.groups ?? [],
        state: a.state ?? EMPTY,
      };
    }
    if (reply.result === 'refuse')
      return { kind: 'refuse', code: reply.refuse.code ?? '', message: reply.refuse.message ?? '' };
    return { kind: 'internal', error: new Error('JoinReply holds neither accept nor refuse') };
  } catch (err) {
    return { kind: 'internal', error: err };
  }
}
