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
import type { DurableStore } from '../bus/durable.ts';
import { context, injectHeaders, inSpan, SpanKind, spanContext, tracer } from '../bus/trace.ts';
import type { Span } from '../bus/trace.ts';
import type { Logger } from '../lib/log.ts';
import type { OutboundFrame } from '../proto/index.ts';
import { ErrorCode, LeaveReason, SERVICE_CODE_RE } from '../protocol/codes.ts';
import type { Ref, ServerFrameType } from '../protocol/frames.ts';
import { groupNameProblem } from '../protocol/names.ts';
import { isJsonText } from '../protocol/json.ts';
import { joinedFrame, leftFrame, type FrameError } from './codec.ts';
import type { Hub, Member } from './hub.ts';
import { DurableCursor, type Located, type ReplayTarget } from './durable-cursor.ts';
import type { LiveMember, LiveMessage } from './live.ts';
import { interpretOutbound } from './outbound.ts';
import { AwaitedReplies } from './replies.ts';
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
  /** Resolves once the client has read enough that more can be written (replay pacing). */
  whenWritable(): Promise<void>;
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
  /** Where durable groups are kept, when the bus has such a store (protocol 1.1). */
  readonly store: DurableStore | undefined;
  /** A group's bus subject, as the store knows it. */
  readonly groupSubject: (group: string) => string;
}

export type StreamPhase = 'joining' | 'joined' | 'ended';

/**
 * What waits for `joined`, or for a replay from the store to finish: the
 * service's frames, group frames and durable group messages, in arrival order.
 */
type Held =
  | { out: OutboundFrame }
  | { frame: string | Buffer; type: ServerFrameType }
  | { live: LiveMessage };

const EMPTY = new Uint8Array(0);

export class Stream implements Member, LiveMember {
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
  /** `msg` refs waiting for the service's reply. */
  readonly #replies: AwaitedReplies;
  /** Protocol 1.1: the `since` of the client's join. */
  #since: string | undefined;
  /** Protocol 1.1: the stream's durable group, once a service named one. */
  #durableGroup: string | undefined;
  /** …and how far the client has it, once the join located it. */
  #durable: DurableCursor | undefined;
  /** Reading missed messages from the store: everything else waits. */
  #replaying = false;
  /** Durable messages were dropped while waiting: the store has them, read on. */
  #overflowed = false;

  constructor(address: StreamAddress, ctx: StreamContext) {
    this.#address = address;
    this.#ctx = ctx;
    this.name = address.stream;
    this.nameJson = JSON.stringify(address.stream);
    this.#replies = new AwaitedReplies(ctx.msgTimeoutMs, this.#timedOut);
  }

  get phase(): StreamPhase {
    return this.#phase;
  }

  get service(): string {
    return this.#address.service;
  }

  /** Asks the service to decide the join; the answer is written when it settles. */
  join(ref: Ref | undefined, payloadJson: string | undefined, since?: string): void {
    this.#since = since;
    const span = tracer.startSpan('muxgate join', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': this.name },
    });
    const started = performance.now();
    const headers = injectHeaders(spanContext(span));
    this.#ctx.router.join(this.#address, payloadJson, since, headers, (result) => {
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
    if (ref !== undefined) this.#replies.add(refJson);
    const onNoResponders = this.#noRespondersCallback(refJson, ref);
    inSpan('muxgate msg', SpanKind.SERVER, context.active(), (span) => {
      span.setAttribute('muxgate.stream', this.name);
      router.inbound(
        this.#address,
        payloadJson,
        refJson,
        this.#serviceState,
        injectHeaders(spanContext(span)),
        onNoResponders,
      );
    });
  }

  // Made here, not in forward(): the bus keeps the callback for seconds, and
  // a closure made in forward() would share its context, keeping the payload
  // (and the client's whole frame text) alive as long (issue 12, item 1).
  #noRespondersCallback(refJson: string, ref: Ref | undefined): () => void {
    return () => this.#noResponders(refJson, ref);
  }

  /** The broker says no replica of the service subscribes: the msg reached nobody. */
  #noResponders(refJson: string, ref: Ref | undefined): void {
    if (this.#phase !== 'joined') return;
    // Answered already (a reply cannot come, but a timeout may have fired).
    if (ref !== undefined && !this.#replies.settle(refJson)) return;
    this.#unavailable(ref, `no ${this.#address.service} service is running`);
  }

  #timedOut = (refJson: string): void => {
    if (this.#ctx.owner.isClosed) return;
    this.#ctx.owner.error({
      code: ErrorCode.Timeout,
      message: `${this.#address.service} did not answer within ${this.#ctx.msgTimeoutMs} ms`,
      ref: JSON.parse(refJson) as Ref,
      stream: this.name,
    });
  };

  #unavailable(ref: Ref | undefined, message: string): void {
    if (this.#ctx.owner.isClosed) return;
    this.#ctx.owner.error({ code: ErrorCode.Unavailable, message, ref, stream: this.name });
  }

  /** A `leave` from the client: done now, or once the join settles. */
  requestLeave(ref: Ref | undefined): void {
    if (this.#phase === 'joined') return this.#leaveNow(ref);
    if (this.#phase === 'joining') (this.#leaveRefs ??= []).push(ref);
  }

  /** Frames wait while the join is in flight, and while missed messages are replayed. */
  get #holding(): boolean {
    return this.#phase === 'joining' || this.#replaying;
  }

  /** A frame from the stream's service. */
  deliver(out: OutboundFrame): void {
    if (this.#phase === 'ended') this.#ctx.metrics.dropped('gone');
    else if (this.#holding) this.#hold({ out });
    else this.#apply(out);
  }

  /** A group frame for this member (Member). */
  sendFrame(frame: string | Buffer, type: ServerFrameType): void {
    if (this.#phase === 'ended') return;
    if (this.#holding) this.#hold({ frame, type });
    else this.#ctx.owner.write(frame, type);
  }

  /** A stored message of the stream's durable group (LiveMember). */
  deliverLive(msg: LiveMessage): void {
    if (this.#phase === 'ended') return;
    if (this.#holding) this.#hold({ live: msg });
    else this.#live(msg);
  }

  /** Writes a durable message the client has not seen; replays first what it missed before it. */
  #live(msg: LiveMessage): void {
    const cursor = this.#durable!;
    const verdict = cursor.classify(msg);
    if (verdict === 'new') return this.#ctx.owner.write(cursor.take(msg), 'msg');
    if (verdict === 'seen') return;
    this.#hold({ live: msg });
    void this.#replay(cursor.lastSeq, msg.prev);
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
    const durable = this.#ctx.store ? result.durableGroup : undefined;
    const plain = result.groups.filter((g) => g !== durable);
    let fresh = plain.some((g) => !this.#ctx.hub.hasGroup(g));
    for (const g of plain) this.#joinGroup(g);
    if (durable !== undefined) fresh = this.#ctx.hub.live.add(durable, this) || fresh;
    this.#durableGroup = durable;
    const next = (): void =>
      durable === undefined
        ? this.#open(ref, result.payload)
        : void this.#locate(durable, ref, result.snapshotPos).then((at) => {
            if (at) this.#open(ref, result.payload, at);
          });
    if (!fresh) return next();
    // This gateway just subscribed to a group. The server orders nothing
    // across connections, so until it has processed our SUB, a message another
    // connection publishes (say, in answer to this client's `joined`) could be
    // routed without us. A flush is a round trip: after it, the SUB is in.
    void this.#ctx
      .flush()
      .catch(() => undefined)
      .then(next);
  }

  /** Where the client's copy of the durable group starts (DurableCursor.locate); on failure the join fails. */
  async #locate(
    group: string,
    ref: Ref | undefined,
    snapshotPos: string | undefined,
  ): Promise<Located | undefined> {
    const subject = this.#ctx.groupSubject(group);
    try {
      const at = await DurableCursor.locate(
        this.#ctx.store!,
        subject,
        this.nameJson,
        this.#since,
        snapshotPos,
      );
      this.#durable = at.cursor;
      return at;
    } catch (err) {
      if (this.#phase !== 'joining') return undefined;
      this.#ctx.log.warn(
        { err, conn: this.#ctx.conn, stream: this.name, group },
        'durable group unavailable',
      );
      this.#publishLeave(LeaveReason.Leave, injectHeaders());
      this.#end();
      this.#unavailable(ref, 'the stream’s history is unavailable; try again');
      this.#answerLeaves();
      return undefined;
    }
  }

  /**
   * Writes `joined`; then, for a durable group, what the client missed up to
   * the position now; then what waited, in order; then a leave that waited.
   */
  #open(ref: Ref | undefined, payloadJson: string | undefined, at?: Located): void {
    if (this.#phase !== 'joining') return;
    const owner = this.#ctx.owner;
    if (owner.isClosed) {
      this.#publishLeave(LeaveReason.Disconnect, injectHeaders());
      return this.#end();
    }
    this.#phase = 'joined';
    owner.write(joinedFrame(this.nameJson, ref, payloadJson, at), 'joined');
    // Live messages that overflowed the hold during the join are in the store too.
    if (at && (at.cursor.lastSeq < at.upTo || this.#overflowed))
      return void this.#replay(at.cursor.lastSeq, at.upTo);
    this.#release();
  }

  /** Hands on what waited, in order, until a replay must run first; then answers waiting leaves. */
  #release(): void {
    const owner = this.#ctx.owner;
    const pending = this.#pending ?? [];
    this.#pending = undefined;
    let i = 0;
    while (i < pending.length && this.#phase === 'joined' && !this.#replaying) {
      const held = pending[i++]!;
      if ('out' in held) this.#apply(held.out);
      else if ('live' in held) this.#live(held.live);
      else owner.write(held.frame, held.type);
    }
    if (this.#replaying) {
      // #live found a gap and started a replay; the message it held goes
      // first, then the rest, in order, once the replay is done.
      this.#pending = [...(this.#pending ?? []), ...pending.slice(i)];
      return;
    }
    if (this.#phase === 'joined' && this.#leaveRefs) this.#leaveNow(this.#leaveRefs.shift());
    this.#answerLeaves();
  }

  /**
   * Replays what the client missed (DurableCursor.replay) with everything
   * else held meanwhile. If the store fails, the stream ends with `left`
   * `unavailable`: the client rejoins with its last `pos` rather than miss a
   * message unknowingly.
   */
  async #replay(after: number, upTo: number): Promise<void> {
    this.#replaying = true;
    try {
      await this.#durable!.replay(after, upTo, this.#replayTarget);
    } catch (err) {
      if (this.#phase !== 'joined') return;
      this.#ctx.log.warn({ err, conn: this.#ctx.conn, stream: this.name }, 'replay failed');
      this.#publishLeave(LeaveReason.Leave, injectHeaders());
      this.#end();
      return this.#ctx.owner.write(
        leftFrame(this.nameJson, {
          code: ErrorCode.Unavailable,
          reason: 'missed messages could not be read; join again with since',
        }),
        'left',
      );
    } finally {
      this.#replaying = false;
    }
    if (this.#phase === 'joined') this.#release();
  }

  readonly #replayTarget: ReplayTarget = {
    write: (frame) => {
      if (this.#phase !== 'joined') return false;
      this.#ctx.owner.write(frame, 'msg');
      return true;
    },
    whenWritable: () => this.#ctx.owner.whenWritable(),
    takeOverflow: () => {
      const overflowed = this.#overflowed;
      this.#overflowed = false;
      return overflowed;
    },
    undecodable: () => this.#ctx.metrics.dropped('undecodable'),
  };

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
    // A durable message is in the store: a replay will read it, not lose it.
    if ('live' in item) return void (this.#overflowed = true);
    this.#ctx.metrics.dropped('pending_full');
    this.#ctx.log.warn(
      { conn: this.#ctx.conn, stream: this.name },
      'pending queue full before joined',
    );
  }

  /** Carries out a frame the stream's service sent to a joined stream. */
  #apply(out: OutboundFrame): void {
    const owner = this.#ctx.owner;
    const action = interpretOutbound(out, this.nameJson);
    switch (action.kind) {
      case 'msg':
        return owner.write(action.frame, 'msg');
      case 'reply':
        // Already answered (timeout, unavailable) or never asked: a second
        // answer to one ref would contradict the first.
        if (!this.#replies.settle(action.refJson)) return this.#ctx.metrics.dropped('late');
        return owner.write(action.frame, 'reply');
      case 'close':
        this.#end();
        return owner.write(action.frame, 'left');
      case 'groupAdd':
        for (const g of action.groups) this.#joinGroup(g);
        if (action.bad.length) this.#invalid(`bad group names ${JSON.stringify(action.bad)}`);
        return;
      case 'groupDiscard':
        for (const g of action.groups) this.#leaveGroup(g);
        return;
      case 'invalid':
        return this.#invalid(action.problem);
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
    const unanswered = this.#replies.clear();
    for (const g of this.#groups) this.#ctx.hub.removeMember(g, this);
    this.#groups.clear();
    if (this.#durableGroup !== undefined) this.#ctx.hub.live.remove(this.#durableGroup, this);
    this.#ctx.owner.ended(this);
    // §4.2: a msg whose reply had not come still gets one answer, before the
    // stream's `left`, as if the reply came after the stream ended (found by
    // the fuzz test: a leave right after a msg left the msg unanswered).
    if (this.#ctx.owner.isClosed) return;
    for (const refJson of unanswered)
      this.#ctx.owner.error({
        code: ErrorCode.NotJoined,
        message: `${this.name} ended before ${this.#address.service} answered`,
        ref: JSON.parse(refJson) as Ref,
        stream: this.name,
      });
  }
}
