// One stream of one connection, and the owner of its lifecycle: it asks the
// service to join, holds what arrives before `joined`, applies the service's
// Outbound frames, keeps its group memberships and tells the service when it
// leaves. The session keeps the table of streams and the connection's limits.
//
// Ordering guarantees kept here (PROTOCOL.md §1):
// - `joined` is a stream's first frame: what arrives while the join is in
//   flight (the service's frames, group frames) waits, in arrival order;
// - `left` is its last: the stream has ended before `left` is written, so
//   later frames for it are dropped;
// - groups from a JoinReply are added, and confirmed by the broker, before
//   `joined` is written.
import type { Headers } from '../bus/bus.ts';
import { context, injectHeaders, inSpan, SpanKind, spanContext, tracer } from '../bus/trace.ts';
import type { Span } from '../bus/trace.ts';
import type { Logger } from '../lib/log.ts';
import type { OutboundFrame } from '../proto/index.ts';
import { ErrorCode, LeaveReason, SERVICE_CODE_RE } from '../protocol/codes.ts';
import type { Ref, ServerFrameType } from '../protocol/frames.ts';
import { groupNameProblem } from '../protocol/names.ts';
import { isJsonText, jsonPayloadText, refFromJson } from '../protocol/json.ts';
import { joinedFrame, leftFrame, msgFrame, replyFrame, type FrameError } from './codec.ts';
import type { Hub, Member } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import { UNCONNECTED, type JoinResult, type Router, type StreamAddress } from './router.ts';

/** What a stream needs from the connection that holds it (the Session). */
export interface StreamOwner {
  /** True once the connection has closed; a stream then only cleans up. */
  readonly isClosed: boolean;
  /** Writes one encoded frame to the client. */
  write(frame: string | Buffer, type: ServerFrameType): void;
  /** Writes an `error` frame to the client. */
  error(e: FrameError): void;
  /** The stream has ended: forget it. Called exactly once per stream. */
  ended(stream: Stream): void;
}

/** What every stream of one connection shares; built once per session. */
export interface StreamContext {
  /** The connection's id, for logs. */
  readonly conn: string;
  readonly owner: StreamOwner;
  readonly router: Router;
  readonly hub: Hub;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
  /** Resolves once the broker has processed every subscription made so far. */
  readonly flush: () => Promise<void>;
  /** How many frames may wait for `joined`. */
  readonly maxPending: number;
  /** How long a `msg` with `ref` may wait for the service's reply before `timeout`. */
  readonly msgTimeoutMs: number;
}

export type StreamPhase = 'joining' | 'joined' | 'ended';

/** What waits for `joined`: the service's frames and group frames, in arrival order. */
type Held = { out: OutboundFrame } | { frame: string | Buffer; type: ServerFrameType };

const EMPTY = new Uint8Array(0);

export class Stream implements Member {
  readonly name: string;
  /** The name as JSON text, spliced into every frame of this stream. */
  readonly nameJson: string;
  readonly #address: StreamAddress;
  readonly #ctx: StreamContext;
  #phase: StreamPhase = 'joining';
  /** The service's per-stream state from its JoinAccept, sent back with each Inbound and Leave. */
  #serviceState: Uint8Array = EMPTY;
  readonly #groups = new Set<string>();
  #pending: Held[] | undefined;
  /** Refs of the leaves the client sent while the join was in flight, in order. */
  #leaveRefs: (Ref | undefined)[] | undefined;
  /**
   * `msg` refs waiting for the service's reply, by the ref's JSON text: each
   * is answered exactly once, by the reply, `timeout` or `unavailable`.
   */
  #awaiting: Map<string, NodeJS.Timeout> | undefined;

  constructor(address: StreamAddress, ctx: StreamContext) {
    this.#address = address;
    this.#ctx = ctx;
    this.name = address.stream;
    this.nameJson = JSON.stringify(address.stream);
  }

  get phase(): StreamPhase {
    return this.#phase;
  }

  get service(): string {
    return this.#address.service;
  }

  /** Asks the service to decide the join; the answer is written when it settles. */
  join(ref: Ref | undefined, payloadJson: string | undefined): void {
    const span = tracer.startSpan('muxgate join', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': this.name },
    });
    const started = performance.now();
    const headers = injectHeaders(spanContext(span));
    this.#ctx.router.join(this.#address, payloadJson, headers, (result) => {
      this.#ctx.metrics.joinSettled(result.kind, performance.now() - started);
      try {
        context.with(spanContext(span), () => this.#settle(result, ref, span));
      } catch (err) {
        // A bug here must cost one join, never the process.
        this.#end();
        this.#internal({ err }, ref, 'join completion failed');
        this.#answerLeaves();
      } finally {
        span.end();
      }
    });
  }

  /**
   * A `msg` from the client, for the service. The stream must be joined.
   * Nothing is lost silently (PROTOCOL.md §4.2): while the bus is away the
   * client hears `unavailable` at once, a service with no running replica
   * answers `unavailable` through the broker, and a `ref` the service leaves
   * unanswered gets `timeout`.
   */
  forward(payloadJson: string, ref: Ref | undefined): void {
    const router = this.#ctx.router;
    if (!router.connected) return this.#unavailable(ref, UNCONNECTED);
    const refJson = ref === undefined ? '' : JSON.stringify(ref);
    if (ref !== undefined) this.#await(refJson, ref);
    inSpan('muxgate msg', SpanKind.SERVER, context.active(), (span) => {
      span.setAttribute('muxgate.stream', this.name);
      router.inbound(
        this.#address,
        payloadJson,
        refJson,
        this.#serviceState,
        injectHeaders(spanContext(span)),
        () => this.#noResponders(refJson, ref),
      );
    });
  }

  #await(refJson: string, ref: Ref): void {
    const awaiting = (this.#awaiting ??= new Map());
    // A ref the client reuses while the first is in flight: the last one counts.
    clearTimeout(awaiting.get(refJson));
    const timer = setTimeout(() => {
      if (this.#awaiting?.delete(refJson) !== true || this.#ctx.owner.isClosed) return;
      this.#ctx.owner.error({
        code: ErrorCode.Timeout,
        message: `${this.#address.service} did not answer within ${this.#ctx.msgTimeoutMs} ms`,
        ref,
        stream: this.name,
      });
    }, this.#ctx.msgTimeoutMs);
    awaiting.set(refJson, timer);
  }

  /** The broker says no replica of the service subscribes: the msg reached nobody. */
  #noResponders(refJson: string, ref: Ref | undefined): void {
    if (this.#phase !== 'joined') return;
    if (ref !== undefined) {
      const timer = this.#awaiting?.get(refJson);
      if (timer === undefined) return;
      clearTimeout(timer);
      this.#awaiting!.delete(refJson);
    }
    this.#unavailable(ref, `no ${this.#address.service} service is running`);
  }

  #unavailable(ref: Ref | undefined, message: string): void {
    if (this.#ctx.owner.isClosed) return;
    this.#ctx.owner.error({ code: ErrorCode.Unavailable, message, ref, stream: this.name });
  }

  /** A `leave` from the client: done now, or once the join settles. */
  requestLeave(ref: Ref | undefined): void {
    if (this.#phase === 'joined') return this.#leaveNow(ref);
    if (this.#phase === 'joining') (this.#leaveRefs ??= []).push(ref);
  }

  /** A frame from the stream's service. */
  deliver(out: OutboundFrame): void {
    if (this.#phase === 'joined') this.#apply(out);
    else if (this.#phase === 'joining') this.#hold({ out });
    else this.#ctx.metrics.dropped('gone');
  }

  /** A group frame for this member (Member). */
  sendFrame(frame: string | Buffer, type: ServerFrameType): void {
    if (this.#phase === 'joined') this.#ctx.owner.write(frame, type);
    else if (this.#phase === 'joining') this.#hold({ frame, type });
  }

  /**
   * The connection closed. A joined stream's service hears it now; a joining
   * one's when its join settles, since only then is there a stream to leave.
   */
  connectionClosed(headers: Headers | undefined): void {
    if (this.#phase !== 'joined') return;
    this.#publishLeave(LeaveReason.Disconnect, headers);
    this.#end();
  }

  #settle(result: JoinResult, ref: Ref | undefined, span: Span): void {
    span.setAttribute('muxgate.result', result.kind);
    const owner = this.#ctx.owner;
    if (result.kind !== 'accept') {
      this.#end();
      if (owner.isClosed) return;
      if (result.kind === 'refuse') {
        const code = SERVICE_CODE_RE.test(result.code) ? result.code : ErrorCode.Forbidden;
        owner.error({ code, message: result.message || 'join refused', ref, stream: this.name });
      } else if (result.kind === 'unavailable') {
        owner.error({
          code: ErrorCode.Unavailable,
          message: result.message,
          ref,
          stream: this.name,
        });
      } else {
        this.#internal({ err: result.error }, ref, 'join failed');
      }
      return this.#answerLeaves();
    }
    this.#serviceState = result.state;
    const badGroup = result.groups.find((g) => groupNameProblem(g) !== null);
    const badPayload = result.payload !== undefined && !isJsonText(result.payload);
    if (owner.isClosed || badGroup !== undefined || badPayload) {
      // The service thinks the stream is joined: tell it otherwise.
      this.#publishLeave(
        owner.isClosed ? LeaveReason.Disconnect : LeaveReason.Leave,
        injectHeaders(),
      );
      this.#end();
      if (owner.isClosed) return;
      this.#internal({ badGroup, badPayload }, ref, 'service sent an invalid JoinReply');
      return this.#answerLeaves();
    }
    const fresh = result.groups.some((g) => !this.#ctx.hub.hasGroup(g));
    for (const g of result.groups) this.#joinGroup(g);
    if (!fresh) return this.#open(ref, result.payload);
    // This gateway just subscribed to a group. The server orders nothing
    // across connections, so until it has processed our SUB, a message another
    // connection publishes (say, in answer to this client's `joined`) could be
    // routed without us. A flush is a round trip: after it, the SUB is in.
    void this.#ctx
      .flush()
      .catch(() => undefined)
      .then(() => this.#open(ref, result.payload));
  }

  /** Writes `joined`, then what waited for it, in order, then a leave that waited. */
  #open(ref: Ref | undefined, payloadJson: string | undefined): void {
    if (this.#phase !== 'joining') return;
    const owner = this.#ctx.owner;
    if (owner.isClosed) {
      this.#publishLeave(LeaveReason.Disconnect, injectHeaders());
      return this.#end();
    }
    this.#phase = 'joined';
    owner.write(joinedFrame(this.nameJson, ref, payloadJson), 'joined');
    const pending = this.#pending;
    this.#pending = undefined;
    for (const held of pending ?? []) {
      if (this.#phase !== 'joined') break;
      if ('out' in held) this.#apply(held.out);
      else owner.write(held.frame, held.type);
    }
    if (this.#phase === 'joined' && this.#leaveRefs) this.#leaveNow(this.#leaveRefs.shift());
    this.#answerLeaves();
  }

  /**
   * Answers the leaves that waited for a join, once the stream is no longer
   * joined: each as if it had arrived after the stream ended.
   */
  #answerLeaves(): void {
    const refs = this.#leaveRefs;
    this.#leaveRefs = undefined;
    if (this.#ctx.owner.isClosed) return;
    for (const ref of refs ?? [])
      this.#ctx.owner.error({
        code: ErrorCode.NotJoined,
        message: `${this.name} is not joined`,
        ref,
        stream: this.name,
      });
  }

  #leaveNow(ref: Ref | undefined): void {
    inSpan('muxgate leave', SpanKind.SERVER, context.active(), (span) => {
      span.setAttribute('muxgate.stream', this.name);
      this.#publishLeave(LeaveReason.Leave, injectHeaders(spanContext(span)));
    });
    this.#end();
    this.#ctx.owner.write(leftFrame(this.nameJson, { ref }), 'left');
  }

  #hold(item: Held): void {
    const pending = (this.#pending ??= []);
    if (pending.length < this.#ctx.maxPending) return void pending.push(item);
    this.#ctx.metrics.dropped('pending_full');
    this.#ctx.log.warn(
      { conn: this.#ctx.conn, stream: this.name },
      'pending queue full before joined',
    );
  }

  /** Applies a frame the stream's service sent to a joined stream. */
  // Services are trusted to be correct, not assumed to be: what they send is
  // checked once per message before it is spliced into client frames.
  #apply(out: OutboundFrame): void {
    const owner = this.#ctx.owner;
    switch (out.kind) {
      case 'msg': {
        const payload = jsonPayloadText(out.msg.payload);
        if (payload === undefined) return this.#invalid('msg payload is not JSON');
        return owner.write(msgFrame(this.nameJson, payload), 'msg');
      }
      case 'reply': {
        const payload = jsonPayloadText(out.reply.payload);
        const ref = refFromJson(out.reply.ref);
        if (payload === undefined || ref === undefined)
          return this.#invalid('reply has a bad payload or ref');
        const refJson = JSON.stringify(ref);
        const timer = this.#awaiting?.get(refJson);
        // Already answered (timeout, unavailable) or never asked: a second
        // answer to one ref would contradict the first.
        if (timer === undefined) return this.#ctx.metrics.dropped('late');
        clearTimeout(timer);
        this.#awaiting!.delete(refJson);
        return owner.write(replyFrame(this.nameJson, refJson, payload), 'reply');
      }
      case 'close': {
        const code =
          out.close.code && SERVICE_CODE_RE.test(out.close.code) ? out.close.code : undefined;
        this.#end();
        return owner.write(
          leftFrame(this.nameJson, { code, reason: out.close.reason || undefined }),
          'left',
        );
      }
      case 'groupAdd': {
        const groups = out.groupAdd.groups ?? [];
        const bad = groups.filter((g) => groupNameProblem(g) !== null);
        for (const g of groups) if (!bad.includes(g)) this.#joinGroup(g);
        if (bad.length) this.#invalid(`bad group names ${JSON.stringify(bad)}`);
        return;
      }
      case 'groupDiscard':
        for (const g of out.groupDiscard.groups ?? []) this.#leaveGroup(g);
        return;
      default:
        return this.#invalid('Outbound frame without a kind');
    }
  }

  #invalid(problem: string): void {
    this.#ctx.metrics.dropped('invalid');
    this.#ctx.log.warn(
      { conn: this.#ctx.conn, stream: this.name, service: this.#address.service },
      `invalid Outbound: ${problem}`,
    );
  }

  #internal(fields: object, ref: Ref | undefined, what: string): void {
    this.#ctx.log.error({ ...fields, conn: this.#ctx.conn, stream: this.name }, what);
    if (!this.#ctx.owner.isClosed)
      this.#ctx.owner.error({
        code: ErrorCode.Internal,
        message: 'internal error',
        ref,
        stream: this.name,
      });
  }

  #joinGroup(group: string): void {
    if (this.#groups.has(group)) return;
    this.#groups.add(group);
    this.#ctx.hub.addMember(group, this);
  }

  #leaveGroup(group: string): void {
    if (this.#groups.delete(group)) this.#ctx.hub.removeMember(group, this);
  }

  #publishLeave(reason: LeaveReason, headers: Headers | undefined): void {
    try {
      this.#ctx.router.leave(this.#address, reason, this.#serviceState, headers);
    } catch (err) {
      this.#ctx.log.warn(
        { err, conn: this.#ctx.conn, stream: this.name },
        'could not publish Leave',
      );
    }
  }

  /** Forgets the stream's memberships and leaves the session's table; idempotent. */
  #end(): void {
    if (this.#phase === 'ended') return;
    this.#phase = 'ended';
    this.#pending = undefined;
    for (const timer of this.#awaiting?.values() ?? []) clearTimeout(timer);
    this.#awaiting = undefined;
    for (const g of this.#groups) this.#ctx.hub.removeMember(g, this);
    this.#groups.clear();
    this.#ctx.owner.ended(this);
  }
}
