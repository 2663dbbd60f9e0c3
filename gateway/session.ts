// One client connection: decodes its frames, holds its streams, and writes
// frames back. It sees a Transport, the Router and the Hub, never ws or nats.
//
// Ordering guarantees kept here (PROTOCOL.md §1):
// - `joined` is a stream's first frame: Outbound frames that arrive while the
//   join is in flight wait in the stream's pending queue;
// - `left` is its last: the stream is removed before `left` is written, so
//   later Outbound frames for it are dropped;
// - groups from a JoinReply are added before `joined` is written.
import { context, type Span } from '@opentelemetry/api';
import type { Headers } from '../bus/bus.ts';
import { injectHeaders, SpanKind, spanContext, tracer } from '../bus/trace.ts';
import { CloseCode, ErrorCode, LeaveReason, SERVICE_CODE_RE } from '../protocol/codes.ts';
import type { ClientFrame, Limits, Ref } from '../protocol/frames.ts';
import { SUBPROTOCOL_JSON } from '../protocol/version.ts';
import { groupNameProblem } from '../protocol/names.ts';
import type { OutboundFrame, ScopeProps } from '../proto/index.ts';
import type { Logger } from '../lib/log.ts';
import {
  decodeClientFrame,
  encodeFrame,
  isJsonText,
  joinedFrame,
  type FrameError,
} from './codec.ts';
import type { GatewayConfig } from './config.ts';
import type { Connection, Hub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import { TokenBucket } from './ratelimit.ts';
import type { JoinResult, Router } from './router.ts';
import { Stream } from './stream.ts';
import type { Transport } from './transport.ts';

export interface SessionDeps {
  id: string;
  address: string;
  transport: Transport;
  router: Router;
  hub: Hub;
  metrics: GatewayMetrics;
  log: Logger;
  config: GatewayConfig;
  scope: ScopeProps;
}

export class Session implements Connection {
  readonly id: string;
  readonly #d: SessionDeps;
  readonly #streams = new Map<string, Stream>();
  readonly #bucket: TokenBucket;
  #closed = false;
  /** The close code this side chose, when it chose one. */
  #closeCode: number | undefined;

  constructor(deps: SessionDeps) {
    this.id = deps.id;
    this.#d = deps;
    this.#bucket = new TokenBucket(deps.config.ratePerSecond, deps.config.rateBurst);
  }

  static limits(config: GatewayConfig): Limits {
    return {
      max_frame_bytes: config.maxFrameBytes,
      max_streams: config.maxStreams,
      rate_per_second: config.ratePerSecond,
      rate_burst: config.rateBurst,
    };
  }

  start(): void {
    this.#d.hub.register(this);
    this.#d.metrics.connections.inc();
    this.#send(
      {
        type: 'welcome',
        conn: this.id,
        heartbeat_ms: this.#d.config.heartbeatMs,
        limits: Session.limits(this.#d.config),
      },
      'welcome',
    );
  }

  /** A text frame from the client. */
  receive(text: string): void {
    if (this.#closed) return;
    const allowed = this.#bucket.take();
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      this.#d.metrics.frameIn('invalid');
      return this.#error(
        allowed
          ? decoded.error
          : { ...decoded.error, code: ErrorCode.RateLimited, message: rateMessage },
      );
    }
    const frame = decoded.frame;
    this.#d.metrics.frameIn(frame.type);
    const where = { ref: frame.ref, stream: 'stream' in frame ? frame.stream : undefined };
    if (!allowed)
      return this.#error({ code: ErrorCode.RateLimited, message: rateMessage, ...where });
    try {
      this.#dispatch(frame);
    } catch (err) {
      this.#d.log.error({ err, conn: this.id }, 'frame handling failed');
      this.#error({ code: ErrorCode.Internal, message: 'internal error', ...where });
    }
  }

  /** A binary frame: reserved for muxgate.v1.proto, not valid on the JSON subprotocol. */
  receiveBinary(): void {
    if (this.#closed) return;
    this.#d.metrics.frameIn('invalid');
    this.#error({
      code: ErrorCode.BadFrame,
      message: `binary frames are not valid on ${SUBPROTOCOL_JSON}`,
    });
  }

  /** The socket closed: every joined stream's service gets a Leave, every membership goes. */
  closed(code: number): void {
    if (!this.#closed) this.#teardown();
    this.#d.metrics.disconnects.labels(String(this.#closeCode ?? code)).inc();
  }

  /** Closes the connection from this side, e.g. 1001 when the gateway drains. */
  shutdown(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closeCode = code;
    this.#teardown();
    this.#d.transport.close(code, reason);
  }

  deliver(out: OutboundFrame): void {
    const s = this.#streams.get(out.stream ?? '');
    if (!s || this.#closed) return void this.#d.metrics.busDropped.labels('gone').inc();
    if (s.phase === 'joining') s.hold({ out });
    else this.#apply(s, out);
  }

  #dispatch(frame: ClientFrame): void {
    switch (frame.type) {
      case 'ping':
        return this.#send(
          frame.ref === undefined ? { type: 'pong' } : { type: 'pong', ref: frame.ref },
          'pong',
        );
      case 'join':
        return this.#join(frame.stream, frame.ref, frame.payload);
      case 'msg':
        return this.#msg(frame.stream, frame.ref, frame.payload);
      case 'leave':
        return this.#leave(frame.stream, frame.ref);
    }
  }

  #join(name: string, ref: Ref | undefined, payload: unknown): void {
    const where = { ref, stream: name };
    const admitted = this.#d.router.admit(
      name,
      this.#d.scope.user ?? '',
      this.#streams,
      this.#d.config.maxStreams,
    );
    if (!admitted.ok) return this.#error({ ...admitted.error, ...where });

    const stream = new Stream(
      {
        service: admitted.service,
        stream: name,
        topic: admitted.topic,
        address: this.#d.address,
        scope: this.#d.scope,
      },
      (text, type) => this.#sendText(text, type),
      this.#d.hub,
      this.#d.config.maxPendingFrames,
      this.#onPendingFull,
    );
    this.#streams.set(name, stream);
    this.#d.metrics.streams.inc();
    const span = tracer.startSpan('muxgate join', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': name },
    });
    const started = performance.now();
    const payloadJson = payload === undefined ? undefined : JSON.stringify(payload);
    this.#d.router.join(stream.to, payloadJson, injectHeaders(spanContext(span)), (result) => {
      this.#d.metrics.joinLatency.labels(result.kind).observe((performance.now() - started) / 1000);
      try {
        context.with(spanContext(span), () => this.#joined(stream, ref, result, span));
      } catch (err) {
        // A bug here must cost one join, never the process.
        this.#d.log.error({ err, conn: this.id, stream: name }, 'join completion failed');
        this.#dropStream(stream);
        this.#error({ code: ErrorCode.Internal, message: 'internal error', ...where });
      } finally {
        span.end();
      }
    });
  }

  #joined(s: Stream, ref: Ref | undefined, result: JoinResult, span: Span): void {
    const where = { ref, stream: s.stream };
    if (result.kind !== 'accept') {
      this.#dropStream(s);
      if (this.#closed) return;
      if (result.kind === 'refuse') {
        const code = SERVICE_CODE_RE.test(result.code) ? result.code : ErrorCode.Forbidden;
        return this.#error({ code, message: result.message || 'join refused', ...where });
      }
      if (result.kind === 'unavailable')
        return this.#error({ code: ErrorCode.Unavailable, message: result.message, ...where });
      this.#d.log.error({ err: result.error, conn: this.id, stream: s.stream }, 'join failed');
      return this.#error({ code: ErrorCode.Internal, message: 'internal error', ...where });
    }
    s.state = result.state;
    const badGroup = result.groups.find((g) => groupNameProblem(g) !== null);
    const badPayload = result.payload !== undefined && !isJsonText(result.payload);
    if (this.#closed || badGroup !== undefined || badPayload) {
      // The service thinks the stream is joined: tell it otherwise.
      this.#publishLeave(
        s,
        this.#closed ? LeaveReason.Disconnect : LeaveReason.Leave,
        injectHeaders(),
      );
      this.#dropStream(s);
      if (this.#closed) return;
      this.#d.log.error(
        { conn: this.id, stream: s.stream, badGroup, badPayload },
        'service sent an invalid JoinReply',
      );
      return this.#error({ code: ErrorCode.Internal, message: 'internal error', ...where });
    }
    const fresh = result.groups.some((g) => !this.#d.hub.hasGroup(g));
    for (const g of result.groups) s.joinGroup(g);
    span.setAttribute('muxgate.result', 'accept');
    if (!fresh) return this.#open(s, ref, result.payload);
    // This gateway just subscribed to a group. The server orders nothing
    // across connections, so until it has processed our SUB, a message another
    // connection publishes (say, in answer to this client's `joined`) could be
    // routed without us. A flush is a round trip: after it, the SUB is in.
    void this.#d.router.bus
      .flush()
      .catch(() => undefined)
      .then(() => this.#open(s, ref, result.payload));
  }

  /** Writes `joined`, then what waited for it, in order. */
  #open(s: Stream, ref: Ref | undefined, payload: string | undefined): void {
    if (this.#streams.get(s.stream) !== s) return;
    if (this.#closed) {
      this.#publishLeave(s, LeaveReason.Disconnect, injectHeaders());
      return this.#dropStream(s);
    }
    s.phase = 'joined';
    this.#sendText(joinedFrame(s.streamJson, ref, payload), 'joined');
    for (const held of s.pending.splice(0)) {
      if (this.#streams.get(s.stream) !== s) break;
      if ('out' in held) this.#apply(s, held.out);
      else this.#sendText(held.frame, held.type);
    }
    if (s.leave && this.#streams.get(s.stream) === s) this.#leaveJoined(s, s.leave.ref);
  }

  #onPendingFull = (s: Stream): void => {
    this.#d.metrics.busDropped.labels('pending_full').inc();
    this.#d.log.warn({ conn: this.id, stream: s.stream }, 'pending queue full before joined');
  };

  #msg(name: string, ref: Ref | undefined, payload: unknown): void {
    const s = this.#streams.get(name);
    if (!s || s.phase !== 'joined')
      return this.#error({
        code: ErrorCode.NotJoined,
        message: `${name} is not joined`,
        ref,
        stream: name,
      });
    const span = tracer.startSpan('muxgate msg', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': name },
    });
    try {
      this.#d.router.inbound(
        s.to,
        JSON.stringify(payload),
        ref === undefined ? '' : JSON.stringify(ref),
        s.state,
        injectHeaders(spanContext(span)),
      );
    } finally {
      span.end();
    }
  }

  #leave(name: string, ref: Ref | undefined): void {
    const s = this.#streams.get(name);
    if (!s)
      return this.#error({
        code: ErrorCode.NotJoined,
        message: `${name} is not joined`,
        ref,
        stream: name,
      });
    if (s.phase === 'joining') {
      // Answered once the join settles: `left` after `joined`, or the join's error.
      s.leave = { ref };
      return;
    }
    this.#leaveJoined(s, ref);
  }

  #leaveJoined(s: Stream, ref: Ref | undefined): void {
    const span = tracer.startSpan('muxgate leave', {
      kind: SpanKind.SERVER,
      attributes: { 'muxgate.stream': s.stream },
    });
    this.#publishLeave(s, LeaveReason.Leave, injectHeaders(spanContext(span)));
    span.end();
    this.#dropStream(s);
    this.#send(
      ref === undefined
        ? { type: 'left', stream: s.stream }
        : { type: 'left', stream: s.stream, ref },
      'left',
    );
  }

  /** Applies an Outbound frame to a joined stream. */
  #apply(s: Stream, out: OutboundFrame): void {
    const problem = s.apply(out);
    if (problem === undefined) return;
    if (problem.close) {
      this.#dropStream(s);
      const { code, reason } = problem.close;
      return this.#send(
        { type: 'left', stream: s.stream, ...(code && { code }), ...(reason && { reason }) },
        'left',
      );
    }
    this.#badOutbound(s, problem.invalid);
  }

  #badOutbound(s: Stream, problem: string): void {
    this.#d.metrics.busDropped.labels('invalid').inc();
    this.#d.log.warn(
      { conn: this.id, stream: s.stream, service: s.to.service },
      `invalid Outbound: ${problem}`,
    );
  }

  /** Forgets a stream and its memberships at once; idempotent. */
  #dropStream(s: Stream): void {
    if (this.#streams.get(s.stream) !== s) return;
    this.#streams.delete(s.stream);
    this.#d.metrics.streams.dec();
    s.leaveAllGroups();
  }

  #publishLeave(s: Stream, reason: string, headers: Headers | undefined): void {
    try {
      this.#d.router.leave(s.to, reason, s.state, headers);
    } catch (err) {
      this.#d.log.warn({ err, conn: this.id, stream: s.stream }, 'could not publish Leave');
    }
  }

  #teardown(): void {
    this.#closed = true;
    this.#d.hub.unregister(this);
    this.#d.metrics.connections.dec();
    const headers = injectHeaders();
    for (const s of [...this.#streams.values()]) {
      // A joining stream gets its Leave when the join settles (see #joined).
      if (s.phase !== 'joined') continue;
      this.#publishLeave(s, LeaveReason.Disconnect, headers);
      this.#dropStream(s);
    }
  }

  #error(e: FrameError): void {
    this.#d.metrics.errors.labels(e.code).inc();
    const frame: Record<string, unknown> = { type: 'error', code: e.code, message: e.message };
    if (e.ref !== undefined) frame.ref = e.ref;
    if (e.stream !== undefined) frame.stream = e.stream;
    this.#sendText(JSON.stringify(frame), 'error');
  }

  #send(frame: Parameters<typeof encodeFrame>[0], type: string): void {
    this.#sendText(encodeFrame(frame), type);
  }

  #sendText(text: string | Buffer, type: string): void {
    if (this.#closed) return;
    this.#d.transport.send(text);
    this.#d.metrics.frameOut(type);
    if (this.#d.transport.bufferedAmount > this.#d.config.maxBufferedBytes) {
      // The client stopped reading. Dropping it protects the gateway's memory
      // and every other client; it can reconnect and rejoin.
      this.#closeCode = CloseCode.Overloaded;
      this.#teardown();
      this.#d.log.warn(
        { conn: this.id, buffered: this.#d.transport.bufferedAmount },
        'slow client disconnected',
      );
      this.#d.transport.abort(CloseCode.Overloaded, 'client too slow');
    }
  }
}

const rateMessage = 'too many frames; slow down';
