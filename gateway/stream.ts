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
import { ErrorCode, LeaveReason, LeftCode } from '../protocol/codes.ts';
import type { Ref, ServerFrameType } from '../protocol/frames.ts';
import { groupNameProblem } from '../protocol/names.ts';
import { isJsonText } from '../protocol/json.ts';
import { joinedFrame, leftFrame, type FrameError } from './codec.ts';
import type { Hub, Member } from './hub.ts';
import { DurableCursor, type Located, type ReplayTarget } from './durable-cursor.ts';
import { HoldQueue, type Held } from './hold.ts';
import type { LiveMember, LiveMessage } from './live.ts';
import { interpretOutbound } from './outbound.ts';
import { ServiceRequests } from './requests.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { JoinResult, Router, StreamAddress } from './router.ts';

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
  /**
   * Resolves once the client has read enough that more can be written
   * (replay pacing), or once `wanted` says the writer gave up.
   */
  whenWritable(wanted?: () => boolean): Promise<void>;
}

/** What every stream needs from the gateway; the same for every session. */
export interface StreamOptions {
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

/** What every stream of one connection shares; built once per session. */
export interface StreamContext extends StreamOptions {
  /** The connection's id, for logs. */
  readonly conn: string;
  readonly owner: StreamOwner;
  readonly router: Router;
  readonly hub: Hub;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
}

export type StreamPhase = 'joining' | 'joined' | 'ended';

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
  readonly #held: HoldQueue;
  /** Refs of the leaves the client sent while the join was in flight, in order. */
  #leaveRefs: (Ref | undefined)[] | undefined;
  /** The stream's msgs to its service, and the answers they are owed. */
  readonly #requests: ServiceRequests;
  /** Protocol 1.1: the `since` of the client's join. */
  #since: string | undefined;
  /** The client's join payload, while the join is in flight: a two-step join sends it again. */
  #joinPayload: string | undefined;
  /** Protocol 1.1: the stream's durable group, once a service named one. */
  #durableGroup: string | undefined;
  /** …and how far the client has it, once the join located it. */
  #durable: DurableCursor | undefined;
  /** Reading missed messages from the store: everything else waits. */
  #replaying = false;
  constructor(address: StreamAddress, ctx: StreamContext) {
    this.#address = address;
    this.#ctx = ctx;
    this.name = address.stream;
    this.nameJson = JSON.stringify(address.stream);
    this.#held = new HoldQueue(ctx.maxPending);
    this.#requests = new ServiceRequests(
      ctx.router,
      ctx.owner,
      address,
      ctx.msgTimeoutMs,
      () => this.#phase === 'joined',
    );
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
    this.#joinPayload = payloadJson;
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

  /** A `msg` from the client, for the service (ServiceRequests). The stream must be joined. */
  forward(payloadJson: string, ref: Ref | undefined, msgId?: string): void {
    this.#requests.forward(payloadJson, ref, this.#serviceState, msgId);
  }

  /** A `leave` from the client: done now, or once the join settles. */
  requestLeave(ref: Ref | undefined): void {
    if (this.#phase === 'joined') return this.#leaveNow(ref);
    if (this.#phase === 'joining') (this.#leaveRefs ??= []).push(ref);
  }

  /**
   * The server API's "make this stream leave" (§4.6): the service hears
   * `kicked`, the client gets `left` with code `kicked`. Only a joined
   * stream can be kicked; false otherwise.
   */
  kick(reason: string): boolean {
    if (this.#phase !== 'joined') return false;
    this.#publishLeave(LeaveReason.Kicked, injectHeaders());
    this.#end({ code: LeftCode.Kicked, message: reason });
    if (!this.#ctx.owner.isClosed)
      this.#ctx.owner.write(leftFrame(this.nameJson, { code: LeftCode.Kicked, reason }), 'left');
    return true;
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

  /**
   * Holds a frame until `joined` or the end of a replay. One that finds no
   * room is gone: §4.2 wants the client told, so a joining stream fails its
   * join (#open) and a replaying one leaves now, both with `unavailable`.
   */
  #hold(item: Held): void {
    if (this.#held.add(item)) return;
    this.#ctx.metrics.dropped('pending_full');
    if (this.#phase === 'joined') this.#gone('frames overflowed the hold during a replay');
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
      if (result.kind === 'internal') this.#internal({ err: result.error }, ref, 'join failed');
      else {
        const code = result.kind === 'refuse' ? result.code : ErrorCode.Unavailable;
        owner.error({ code, message: result.message, ref, stream: this.name });
      }
      return this.#answerLeaves();
    }
    this.#serviceState = result.state;
    // The durable group becomes part of a subject too: it passes the same check.
    const named = result.durableGroup === undefined ? [] : [result.durableGroup];
    const badGroup = [...result.groups, ...named].find((g) => groupNameProblem(g) !== null);
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
    this.#durableGroup = durable;
    // A new durable subscription is followed by a store lookup on the same
    // connection; the server handles a connection's requests in order, so its
    // answer proves our subscriptions are in, as a flush would.
    if (durable !== undefined && this.#ctx.hub.live.add(durable, this)) fresh = false;
    const next = (): void => void this.#afterMembership(ref, durable, result);
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

  /**
   * Once the memberships are live: locates the client in its durable group,
   * takes the `joined` payload from the service's second step when it asked
   * for one (protocol 1.1), then opens the stream.
   */
  async #afterMembership(
    ref: Ref | undefined,
    durable: string | undefined,
    result: Extract<JoinResult, { kind: 'accept' }>,
  ): Promise<void> {
    const at =
      durable === undefined ? undefined : await this.#locate(durable, ref, result.snapshotPos);
    if (durable !== undefined && !at) return;
    let payload = result.payload;
    if (result.confirm) {
      const confirmed = await this.#confirm(ref);
      if (confirmed === null) return;
      payload = confirmed;
    }
    this.#open(ref, payload, at);
  }

  /** The two-step join's second step: the payload, or null when the join failed there (answered). */
  #confirm(ref: Ref | undefined): Promise<string | undefined | null> {
    const headers = injectHeaders();
    return new Promise((resolve) =>
      this.#ctx.router.confirm(
        this.#address,
        this.#joinPayload,
        this.#serviceState,
        headers,
        (r) => {
          if (this.#phase !== 'joining') return resolve(null);
          const badPayload =
            r.kind === 'accept' && r.payload !== undefined && !isJsonText(r.payload);
          if (r.kind === 'accept' && !badPayload) return resolve(r.payload);
          // The service accepted the first step: it thinks the stream is joined.
          this.#publishLeave(LeaveReason.Leave, headers);
          this.#end();
          if (this.#ctx.owner.isClosed) return resolve(null);
          if (r.kind === 'refuse' || r.kind === 'unavailable') {
            const code = r.kind === 'refuse' ? r.code : ErrorCode.Unavailable;
            this.#ctx.owner.error({ code, message: r.message, ref, stream: this.name });
          } else
            this.#internal(
              { err: r.kind === 'internal' ? r.error : 'bad payload' },
              ref,
              'join confirmation failed',
            );
          this.#answerLeaves();
          resolve(null);
        },
      ),
    );
  }

  /** Where the client's copy of the durable group starts (DurableCursor.locate); on failure the join fails. */
  async #locate(
    group: string,
    ref: Ref | undefined,
    snapshotPos: string | undefined,
  ): Promise<Located | undefined> {
    const subject = this.#ctx.groupSubject(group);
    try {
      const live = this.#ctx.hub.live;
      const at = await DurableCursor.locate(
        this.#ctx.store!,
        subject,
        this.nameJson,
        this.#since,
        snapshotPos,
        live.position(group),
      );
      live.located(group, { epoch: at.cursor.epoch, seq: at.upTo });
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
      this.#requests.unavailable(ref, 'the stream’s history is unavailable; try again');
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
    if (this.#held.lost) {
      this.#ctx.log.warn(
        { conn: this.#ctx.conn, stream: this.name, max: this.#ctx.maxPending },
        'join failed: frames overflowed the hold before joined',
      );
      this.#publishLeave(LeaveReason.Leave, injectHeaders());
      this.#end();
      owner.error({
        code: ErrorCode.Unavailable,
        message: `more than ${this.#ctx.maxPending} frames arrived for ${this.name} before its join completed; join again`,
        ref,
        stream: this.name,
      });
      return this.#answerLeaves();
    }
    this.#phase = 'joined';
    this.#joinPayload = undefined;
    owner.write(joinedFrame(this.nameJson, ref, payloadJson, at), 'joined');
    // Live messages that overflowed the hold during the join are in the store too.
    if (at && (at.cursor.lastSeq < at.upTo || this.#held.overflowed))
      return void this.#replay(at.cursor.lastSeq, at.upTo);
    this.#release();
  }

  /** Hands on what waited, in order, until a replay must run first; then answers waiting leaves. */
  #release(): void {
    const owner = this.#ctx.owner;
    const pending = this.#held.take();
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
      this.#held.putBack(pending.slice(i));
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
      return this.#gone('missed messages could not be read');
    } finally {
      this.#replaying = false;
    }
    if (this.#phase === 'joined') this.#release();
  }

  /**
   * Ends a joined stream that can no longer deliver everything: the service
   * hears it left, the client gets `left` `unavailable` and rejoins with its
   * last `pos` rather than miss a message unknowingly.
   */
  #gone(why: string): void {
    this.#ctx.log.warn({ conn: this.#ctx.conn, stream: this.name }, `stream closed: ${why}`);
    this.#publishLeave(LeaveReason.Leave, injectHeaders());
    this.#end();
    if (!this.#ctx.owner.isClosed)
      this.#ctx.owner.write(
        leftFrame(this.nameJson, {
          code: ErrorCode.Unavailable,
          reason: `${why}; join again`,
        }),
        'left',
      );
  }

  readonly #replayTarget: ReplayTarget = {
    write: (frame) => {
      if (this.#phase !== 'joined') return false;
      this.#ctx.owner.write(frame, 'msg');
      return true;
    },
    whenWritable: () => this.#ctx.owner.whenWritable(() => this.#phase === 'joined'),
    takeOverflow: () => this.#held.takeOverflow(),
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
        if (!this.#requests.settle(action.refJson)) return this.#ctx.metrics.dropped('late');
        return owner.write(action.frame, 'reply');
      case 'close':
        // A msg still waiting gets the service's reason for closing, not a bare not_joined.
        this.#end(
          action.code === undefined
            ? undefined
            : { code: action.code, message: action.reason ?? 'closed' },
        );
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
  #end(why?: { code: string; message: string }): void {
    if (this.#phase === 'ended') return;
    this.#phase = 'ended';
    this.#held.clear();
    const unanswered = this.#requests.clear();
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
        code: why?.code ?? ErrorCode.NotJoined,
        message: why?.message ?? `${this.name} ended before ${this.#address.service} answered`,
        ref: JSON.parse(refJson) as Ref,
        stream: this.name,
      });
  }
}
