// A stream's join, from the client's `join` to `joined`: asks the service,
// settles its JoinReply, makes the memberships (with a broker flush when this
// gateway just subscribed), locates the client in its durable group, takes
// the service's second step when it asked for one (protocol 1.1), then opens
// the stream. Each failure on the way ends the stream and answers the client
// once. The stream keeps its phase and its state; the join changes them only
// through its JoinHost.
import type { FrameTarget } from './encoding.ts';
import type { Headers } from '../bus/bus.ts';
import { context, injectHeaders, SpanKind, spanContext, tracer } from '../bus/trace.ts';
import type { Span } from '../bus/trace.ts';
import { ErrorCode, LeaveReason } from '../protocol/codes.ts';
import type { Ref } from '../protocol/frames.ts';
import { groupNameProblem } from '../protocol/names.ts';
import { isJsonText } from '../protocol/json.ts';
import { BUS_GAP_REASON } from './bus-gaps.ts';
import { DurableCursor, type Located } from './durable-cursor.ts';
import type { JoinResult, PresenceAsk, StreamAddress } from './router.ts';
import type { BaseStreamContext } from './stream-context.ts';

type Accepted = Extract<JoinResult, { kind: 'accept' }>;

/** What a join needs from its stream, which owns the phase and the state the join settles. */
export interface JoinHost {
  /** True until the stream has ended or opened. */
  joining(): boolean;
  /** True once a frame that waited for `joined` was dropped (HoldQueue.lost). */
  lost(): boolean;
  /** True once the bus came back while the stream was in a group (BusGaps). */
  busGap(): boolean;
  /** The service's per-stream state from its JoinAccept, and the presence it turned on. */
  accepted(state: Uint8Array, presence: PresenceAsk | undefined): void;
  joinGroup(group: string): void;
  /** Makes the stream a member of its durable group; true when that made a new subscription. */
  followDurable(group: string): boolean;
  publishLeave(reason: LeaveReason, headers: Headers | undefined): void;
  end(): void;
  /** Answers the leaves that waited for the join. */
  answerLeaves(): void;
  /** Answers `ref` with `unavailable` (ServiceRequests.unavailable). */
  unavailable(ref: Ref | undefined, message: string): void;
  /** The join succeeded: the stream is joined, writes `joined` and hands on what waited. */
  opened(ref: Ref | undefined, payloadJson: string | undefined, at: Located | undefined): void;
}

export class StreamJoin {
  readonly #name: string;
  /** Protocol 1.1: the `since` of the client's join. */
  #since: string | undefined;
  /** The client's join payload, while the join is in flight: a two-step join sends it again. */
  #payload: string | undefined;

  constructor(
    private readonly address: StreamAddress,
    /** Who the stream's frames are for, and how they are encoded. */
    private readonly member: FrameTarget,
    private readonly ctx: BaseStreamContext,
    private readonly stream: JoinHost,
  ) {
    this.#name = address.stream;
  }

  /** Asks the service to decide the join; the answer is written when it settles. */
  start(ref: Ref | undefined, payloadJson: string | undefined, since?: string): void {
    this.#since = since;
    this.#payload = payloadJson;
    const span = tracer.startSpan('muxgate join', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': this.#name },
    });
    const started = performance.now();
    const headers = injectHeaders(spanContext(span));
    this.ctx.router.join(this.address, payloadJson, since, headers, (result) => {
      this.ctx.metrics.joinSettled(result.kind, performance.now() - started);
      try {
        void context.with(spanContext(span), () => this.#settle(result, ref, span));
      } catch (err) {
        // A bug here must cost one join, never the process.
        this.stream.end();
        this.#internal({ err }, ref, 'join completion failed');
        this.stream.answerLeaves();
      } finally {
        span.end();
      }
    });
  }

  /**
   * §4.9: a stream the connect service opened. Its answer stands for an
   * accepted JoinReply, settled as one (memberships live before `joined`,
   * which carries no ref). Resolves once the stream is open or has ended.
   */
  accept(result: Accepted): Promise<void> {
    const span = tracer.startSpan('muxgate server-open', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': this.#name },
    });
    try {
      return Promise.resolve(
        context.with(spanContext(span), () => this.#settle(result, undefined, span)),
      )
        .catch((err: unknown) => this.#failed(err, undefined))
        .finally(() => span.end());
    } catch (err) {
      span.end();
      this.#failed(err, undefined);
      return Promise.resolve();
    }
  }

  #failed(err: unknown, ref: Ref | undefined): void {
    this.stream.end();
    this.#internal({ err }, ref, 'join completion failed');
    this.stream.answerLeaves();
  }

  #settle(result: JoinResult, ref: Ref | undefined, span: Span): void | Promise<void> {
    span.setAttribute('muxgate.result', result.kind);
    const owner = this.ctx.owner;
    const stream = this.stream;
    if (result.kind !== 'accept') {
      // A service that answers after the timeout has added the member: every
      // join the gateway gives up on gets a Leave, or that member stays a
      // ghost (its state is unknown here: the SDK fills it in, LateJoins).
      if (result.kind === 'unavailable' && result.timedOut)
        stream.publishLeave(
          owner.isClosed ? LeaveReason.Disconnect : LeaveReason.Leave,
          injectHeaders(),
        );
      stream.end();
      if (owner.isClosed) return;
      if (result.kind === 'internal') this.#internal({ err: result.error }, ref, 'join failed');
      else {
        const code = result.kind === 'refuse' ? result.code : ErrorCode.Unavailable;
        owner.error({ code, message: result.message, ref, stream: this.#name });
      }
      return stream.answerLeaves();
    }
    stream.accepted(result.state, result.presence);
    // The durable and presence groups become part of subjects too: they pass the same check.
    const named = [result.durableGroup, result.presence?.group].filter((g) => g !== undefined);
    const badGroup = [...result.groups, ...named].find((g) => groupNameProblem(g) !== null);
    const badPayload = [result.payload, result.presence?.info].some(
      (json) => json !== undefined && !isJsonText(json),
    );
    if (owner.isClosed || badGroup !== undefined || badPayload) {
      // The service thinks the stream is joined: tell it otherwise.
      stream.publishLeave(
        owner.isClosed ? LeaveReason.Disconnect : LeaveReason.Leave,
        injectHeaders(),
      );
      stream.end();
      if (owner.isClosed) return;
      this.#internal({ badGroup, badPayload }, ref, 'service sent an invalid JoinReply');
      return stream.answerLeaves();
    }
    const durable = this.ctx.store ? result.durableGroup : undefined;
    const plain = result.groups.filter((g) => g !== durable);
    let fresh = plain.some((g) => !this.ctx.hub.hasGroup(g));
    for (const g of plain) stream.joinGroup(g);
    // A new durable subscription is followed by a store lookup on the same
    // connection; the server handles a connection's requests in order, so its
    // answer proves our subscriptions are in, as a flush would.
    if (durable !== undefined && stream.followDurable(durable)) fresh = false;
    const next = (): Promise<void> => this.#afterMembership(ref, durable, result);
    if (!fresh) return next();
    // This gateway just subscribed to a group. The server orders nothing
    // across connections, so until it has processed our SUB, a message another
    // connection publishes (say, in answer to this client's `joined`) could be
    // routed without us. A flush is a round trip: after it, the SUB is in.
    return this.ctx
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
    result: Accepted,
  ): Promise<void> {
    const at =
      durable === undefined ? undefined : await this.#locate(durable, ref, result.snapshotPos);
    if (durable !== undefined && !at) return;
    let payload = result.payload;
    if (result.confirm) {
      const confirmed = await this.#confirm(ref, result.state);
      if (confirmed === null) return;
      payload = confirmed;
    }
    this.#open(ref, payload, at);
  }

  /** The two-step join's second step: the payload, or null when the join failed there (answered). */
  #confirm(ref: Ref | undefined, state: Uint8Array): Promise<string | undefined | null> {
    const headers = injectHeaders();
    const stream = this.stream;
    return new Promise((resolve) =>
      this.ctx.router.confirm(this.address, this.#payload, state, headers, (r) => {
        if (!stream.joining()) return resolve(null);
        const badPayload = r.kind === 'accept' && r.payload !== undefined && !isJsonText(r.payload);
        if (r.kind === 'accept' && !badPayload) return resolve(r.payload);
        // The service accepted the first step: it thinks the stream is joined.
        stream.publishLeave(LeaveReason.Leave, headers);
        stream.end();
        if (this.ctx.owner.isClosed) return resolve(null);
        if (r.kind === 'refuse' || r.kind === 'unavailable') {
          const code = r.kind === 'refuse' ? r.code : ErrorCode.Unavailable;
          this.ctx.owner.error({ code, message: r.message, ref, stream: this.#name });
        } else
          this.#internal(
            { err: r.kind === 'internal' ? r.error : 'bad payload' },
            ref,
            'join confirmation failed',
          );
        stream.answerLeaves();
        resolve(null);
      }),
    );
  }

  /** Where the client's copy of the durable group starts (DurableCursor.locate); on failure the join fails. */
  async #locate(
    group: string,
    ref: Ref | undefined,
    snapshotPos: string | undefined,
  ): Promise<Located | undefined> {
    const subject = this.ctx.groupSubject(group);
    try {
      const live = this.ctx.hub.live;
      const at = await DurableCursor.locate(
        this.ctx.store!,
        subject,
        this.member,
        this.#since,
        snapshotPos,
        live.position(group),
      );
      live.located(group, { epoch: at.cursor.epoch, seq: at.upTo });
      return at;
    } catch (err) {
      if (!this.stream.joining()) return undefined;
      this.ctx.log.warn(
        { err, conn: this.ctx.conn, stream: this.#name, group },
        'durable group unavailable',
      );
      this.stream.publishLeave(LeaveReason.Leave, injectHeaders());
      this.stream.end();
      this.stream.unavailable(ref, 'the stream’s history is unavailable; try again');
      this.stream.answerLeaves();
      return undefined;
    }
  }

  /**
   * Opens the stream (JoinHost.opened) unless it can no longer be: the
   * connection closed meanwhile, or the stream would open with a gap (what
   * waited for `joined` overflowed, or the bus was away while it was in a group).
   */
  #open(ref: Ref | undefined, payloadJson: string | undefined, at?: Located): void {
    const stream = this.stream;
    if (!stream.joining()) return;
    const owner = this.ctx.owner;
    if (owner.isClosed) {
      stream.publishLeave(LeaveReason.Disconnect, injectHeaders());
      return stream.end();
    }
    if (stream.lost())
      return this.#gap(
        ref,
        'frames overflowed the hold before joined',
        `more than ${this.ctx.maxPending} frames arrived for ${this.#name} before its join completed`,
        { max: this.ctx.maxPending },
      );
    if (stream.busGap())
      return this.#gap(
        ref,
        'the bus reconnected before joined',
        `messages for ${this.#name} ${BUS_GAP_REASON}`,
        {},
        // BusWatch logs the reconnect once, with the count.
        'debug',
      );
    this.#payload = undefined;
    stream.opened(ref, payloadJson, at);
  }

  /** Fails a join that would open with a gap: the service hears a Leave, the client `unavailable`. */
  #gap(
    ref: Ref | undefined,
    why: string,
    message: string,
    fields: object = {},
    level: 'warn' | 'debug' = 'warn',
  ): void {
    this.ctx.log[level](
      { ...fields, conn: this.ctx.conn, stream: this.#name },
      `join failed: ${why}`,
    );
    this.stream.publishLeave(LeaveReason.Leave, injectHeaders());
    this.stream.end();
    this.ctx.owner.error({
      code: ErrorCode.Unavailable,
      message: `${message}; join again`,
      ref,
      stream: this.#name,
    });
    this.stream.answerLeaves();
  }

  #internal(fields: object, ref: Ref | undefined, what: string): void {
    this.ctx.log.error({ ...fields, conn: this.ctx.conn, stream: this.#name }, what);
    if (!this.ctx.owner.isClosed)
      this.ctx.owner.error({
        code: ErrorCode.Internal,
        message: 'internal error',
        ref,
        stream: this.#name,
      });
  }
}
