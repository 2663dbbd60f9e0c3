// One stream of one connection, and the owner of its lifecycle: it asks the
// service to join (stream-join.ts), holds what arrives before `joined`,
// applies the service's Outbound frames (stream-outbound.ts), delivers its
// durable group (durable-delivery.ts), keeps its memberships
// (stream-memberships.ts) and tells the service when it leaves. The session keeps the table of streams and the
// connection's limits.
//
// Ordering guarantees kept here (PROTOCOL.md §1):
// - `joined` is a stream's first frame: what arrives while the join is in
//   flight (the service's frames, group frames) waits, in arrival order;
// - `left` is its last: the stream has ended before `left` is written, so
//   later frames for it are dropped;
// - groups from a JoinReply are added, and confirmed by the broker, before
//   `joined` is written.
import type { Headers } from '../bus/bus.ts';
import { context, injectHeaders, inSpan, SpanKind, spanContext } from '../bus/trace.ts';
import type { OutboundFrame } from '../proto/index.ts';
import { ErrorCode, LeaveReason, LeftCode } from '../protocol/codes.ts';
import type { Ref, ServerFrameType } from '../protocol/frames.ts';
import { BUS_GAP_REASON, type GapExposed } from './bus-gaps.ts';
import type { ServerStream } from './connect.ts';
import type { Encoding } from './encoding.ts';
import type { Member } from './hub.ts';
import type { Located } from './durable-cursor.ts';
import { DurableDelivery, type DeliveryHost } from './durable-delivery.ts';
import { HoldQueue, type Held } from './hold.ts';
import type { LiveMember, LiveMessage } from './live.ts';
import { ServiceRequests } from './requests.ts';
import type { StreamAddress } from './router.ts';
import type { BaseStreamContext, StreamConnection } from './stream-context.ts';
import { StreamJoin, type JoinHost } from './stream-join.ts';
import { StreamMemberships } from './stream-memberships.ts';
import { StreamOutbound } from './stream-outbound.ts';

export type { StreamOptions } from './stream-context.ts';

/** What a stream needs from the connection that holds it (the Session). */
export interface StreamOwner extends StreamConnection {
  /** The stream has ended: forget it. Called exactly once per stream. */
  ended(stream: Stream): void;
}

/** What every stream of one connection shares; built once per session. */
export interface StreamContext extends BaseStreamContext {
  readonly owner: StreamOwner;
}

export type StreamPhase = 'joining' | 'joined' | 'ended';

const EMPTY = new Uint8Array(0);

export class Stream implements Member, LiveMember, GapExposed {
  readonly name: string;
  /** The name as JSON text, spliced into every frame of this stream. */
  readonly nameJson: string;
  readonly #address: StreamAddress;
  readonly #ctx: StreamContext;
  #phase: StreamPhase = 'joining';
  /** The service's per-stream state from its JoinAccept, sent back with each Inbound and Leave. */
  #serviceState: Uint8Array = EMPTY;
  /** Its groups, durable group feed and presence seat. */
  readonly #memberships: StreamMemberships;
  /** Carries out its service's frames once joined. */
  readonly #outbound: StreamOutbound;
  readonly #held: HoldQueue;
  /** Refs of the leaves the client sent while the join was in flight, in order. */
  #leaveRefs: (Ref | undefined)[] | undefined;
  /** The bus came back while the join was in flight with the stream in a group: it fails at `joined`. */
  #busGap = false;
  /** The stream's msgs to its service, and the answers they are owed. */
  readonly #requests: ServiceRequests;
  /**
   * Protocol 1.1: the delivery of its durable group (how far the client has
   * it), once the stream opened located in it.
   */
  #durable: DurableDelivery | undefined;
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
    this.#memberships = new StreamMemberships(ctx.hub, this, ctx.busGaps);
    this.#outbound = new StreamOutbound(ctx, {
      member: this,
      service: address.service,
      requests: this.#requests,
      memberships: this.#memberships,
      end: (why) => this.#end(why),
    });
  }

  get phase(): StreamPhase {
    return this.#phase;
  }

  get service(): string {
    return this.#address.service;
  }

  /** Asks the service to decide the join; the answer is written when it settles. */
  join(ref: Ref | undefined, payloadJson: string | undefined, since?: string): void {
    const join = new StreamJoin(this.#address, this, this.#ctx, this.#joinHost());
    join.start(ref, payloadJson, since);
  }

  /**
   * §4.9: opens a stream the connect service asked for, with what it gave
   * (groups, payload, state); resolves once `joined` is written or the
   * stream has ended.
   */
  openByServer(opened: ServerStream): Promise<void> {
    const join = new StreamJoin(this.#address, this, this.#ctx, this.#joinHost());
    return join.accept({
      kind: 'accept',
      payload: opened.payload,
      groups: opened.groups,
      state: opened.state,
      durableGroup: undefined,
      snapshotPos: undefined,
      confirm: false,
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
      this.#ctx.owner.write(this.encoding.left(this, { code: LeftCode.Kicked, reason }), 'left');
    return true;
  }

  /** A `presence` request (§4.3): answered, or `forbidden` when the service left presence off. */
  presence(ref: Ref | undefined): void {
    if (this.#memberships.answerPresence(ref)) return;
    const message = `presence is off for ${this.name}`;
    this.#ctx.owner.error({ code: ErrorCode.Forbidden, message, ref, stream: this.name });
  }

  /**
   * The bus came back (BusGaps): group messages and its service's direct
   * frames published while it was away never came. A joined stream leaves
   * now, as with an overflowed hold; a joining one fails its join when it
   * would open (StreamJoin).
   */
  busReturned(): 'joined' | 'joining' | undefined {
    if (this.#phase === 'joining') {
      this.#busGap = true;
      return 'joining';
    }
    if (this.#phase !== 'joined') return undefined;
    // BusWatch logs the reconnect once, with the count: one line per stream would flood.
    this.#gone(`messages for it ${BUS_GAP_REASON}`, 'debug');
    return 'joined';
  }

  /** Frames wait while the join is in flight, and while missed messages are replayed. */
  get #holding(): boolean {
    return this.#phase === 'joining' || this.#durable?.replaying === true;
  }

  /** A frame from the stream's service. */
  deliver(out: OutboundFrame): void {
    if (this.#phase === 'ended') this.#ctx.metrics.dropped('gone');
    else if (this.#holding) this.#hold({ out });
    else this.#outbound.apply(out);
  }

  /** How the connection's frames are encoded: a group frame is shared per encoding (Member). */
  get encoding(): Encoding {
    return this.#ctx.owner.encoding;
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
    else this.#durable!.live(msg);
  }

  /**
   * Holds a frame until `joined` or the end of a replay. One that finds no
   * room is gone: §4.2 wants the client told, so a joining stream fails its
   * join (StreamJoin) and a replaying one leaves now, both with `unavailable`.
   */
  #hold(item: Held): void {
    if (this.#held.add(item)) return;
    this.#ctx.metrics.dropped('pending_full');
    if (this.#phase === 'joined') this.#gone('frames overflowed the hold during a replay');
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

  /** What the join may change: the stream keeps its phase, state and memberships. */
  #joinHost(): JoinHost {
    return {
      joining: () => this.#phase === 'joining',
      lost: () => this.#held.lost,
      busGap: () => this.#busGap,
      accepted: (state, presence) => {
        this.#serviceState = state;
        this.#memberships.accepted(presence);
      },
      joinGroup: (group) => this.#memberships.join(group),
      followDurable: (group) => this.#memberships.followDurable(group),
      publishLeave: (reason, headers) => this.#publishLeave(reason, headers),
      end: () => this.#end(),
      answerLeaves: () => this.#answerLeaves(),
      unavailable: (ref, message) => this.#requests.unavailable(ref, message),
      opened: (ref, payloadJson, at) => this.#open(ref, payloadJson, at),
    };
  }

  /** What the durable delivery may do to the stream: hold, hand on, end it. */
  #deliveryHost(): DeliveryHost {
    return {
      name: this.name,
      joined: () => this.#phase === 'joined',
      hold: (item) => this.#hold(item),
      release: () => this.#release(),
      gone: (why) => this.#gone(why),
    };
  }

  /**
   * Writes `joined`; then, for a durable group, what the client missed up to
   * the position now; then what waited, in order; then a leave that waited.
   */
  #open(ref: Ref | undefined, payloadJson: string | undefined, at: Located | undefined): void {
    this.#phase = 'joined';
    this.#ctx.owner.write(this.encoding.joined(this, ref, payloadJson, at), 'joined');
    this.#memberships.takeSeat(this.#ctx.presence, this.#ctx.conn, this.#address.scope);
    if (!at) return this.#release();
    const durable = new DurableDelivery(at.cursor, this.#ctx, this.#held, this.#deliveryHost());
    this.#durable = durable;
    // Live messages that overflowed the hold during the join are in the store too.
    if (at.cursor.lastSeq < at.upTo || this.#held.overflowed)
      return void durable.replay(at.cursor.lastSeq, at.upTo);
    this.#release();
  }

  /** Hands on what waited, in order, until a replay must run first; then answers waiting leaves. */
  #release(): void {
    const owner = this.#ctx.owner;
    const pending = this.#held.take();
    let i = 0;
    while (i < pending.length && this.#phase === 'joined' && !this.#durable?.replaying) {
      const held = pending[i++]!;
      if ('out' in held) this.#outbound.apply(held.out);
      else if ('live' in held) this.#durable!.live(held.live);
      else owner.write(held.frame, held.type);
    }
    if (this.#durable?.replaying) {
      // DurableDelivery.live found a gap and started a replay; the message it
      // held goes first, then the rest, in order, once the replay is done.
      this.#held.putBack(pending.slice(i));
      return;
    }
    if (this.#phase === 'joined' && this.#leaveRefs) this.#leaveNow(this.#leaveRefs.shift());
    this.#answerLeaves();
  }

  /**
   * Ends a joined stream that can no longer deliver everything: the service
   * hears it left, the client gets `left` `unavailable` and rejoins with its
   * last `pos` rather than miss a message unknowingly.
   */
  #gone(why: string, level: 'warn' | 'debug' = 'warn'): void {
    this.#ctx.log[level]({ conn: this.#ctx.conn, stream: this.name }, `stream closed: ${why}`);
    this.#publishLeave(LeaveReason.Leave, injectHeaders());
    const reason = `${why}; join again`;
    // A msg still waiting is answered `unavailable` too: a client may send it again.
    this.#end({ code: ErrorCode.Unavailable, message: reason });
    if (!this.#ctx.owner.isClosed)
      this.#ctx.owner.write(
        this.encoding.left(this, { code: ErrorCode.Unavailable, reason }),
        'left',
      );
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
    this.#ctx.owner.write(this.encoding.left(this, { ref }), 'left');
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
    this.#memberships.clear();
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
