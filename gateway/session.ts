// One client connection: decodes its frames, keeps its table of streams and
// the connection's limits (rate, streams, outbound buffer), and writes frames
// back. Each stream owns its own lifecycle (stream.ts). A session sees a
// Transport, the Router and the Hub, never ws or nats.
import { inClientTrace, injectHeaders } from '../bus/trace.ts';
import type { Logger } from '../lib/log.ts';
import type { OutboundFrame, ScopeProps } from '../proto/index.ts';
import { CloseCode, ErrorCode } from '../protocol/codes.ts';
import type { ClientFrame, Ref, ServerFrameType } from '../protocol/frames.ts';
import type { Decoded, FrameError } from './codec.ts';
import { JSON_ENCODING, type Encoded, type Encoding } from './encoding.ts';
import type { Identity } from './auth.ts';
import type { ConnectHook, ServerStream } from './connect.ts';
import { limitsOf, type GatewayConfig } from './config.ts';
import type { Connection, Hub } from './hub.ts';
import { expire, TokenLifetime, type TokenVerifier } from './lifetime.ts';
import type { GatewayMetrics } from './metrics.ts';
import { Intake } from './intake.ts';
import type { Router } from './router.ts';
import { Stream, type StreamContext, type StreamOptions, type StreamOwner } from './stream.ts';
import { READ_RESUMES_AT, type Transport, type TransportListener } from './transport.ts';

export interface SessionDeps {
  id: string;
  /** The connection's reply subject, which services publish its Outbound frames to. */
  connSubject: string;
  transport: Transport;
  router: Router;
  hub: Hub;
  /** What every stream needs beside these; built once per gateway. */
  streams: StreamOptions;
  metrics: GatewayMetrics;
  log: Logger;
  config: GatewayConfig;
  scope: ScopeProps;
  /** Who the upgrade's token said; without it, scope.user with no token (tests). */
  identity?: Identity;
  /** Verifies a `refresh`'s token; without it, every refresh is refused. */
  verifier?: TokenVerifier;
  /** §4.9: asks the connect service for server-opened streams; without it, there are none. */
  connect?: ConnectHook;
  /** Over the HTTP transports (§4.5): the secret `welcome` gives the client. */
  httpSession?: string;
  /** The connection's encoding, from its subprotocol; JSON without. */
  encoding?: Encoding;
}

const WRITABLE_POLL_MS = 10;

export class Session implements Connection, StreamOwner, TransportListener {
  readonly id: string;
  readonly encoding: Encoding;
  readonly #deps: SessionDeps;
  readonly #streams = new Map<string, Stream>();
  readonly #streamContext: StreamContext;
  /** What the client may send: rates and bytes in flight. */
  readonly #intake: Intake;
  readonly #token: TokenLifetime;
  #isClosed = false;
  /** The close code this side chose, when it chose one. */
  #closeCode: number | undefined;
  /**
   * §4.9: client frames read while the server-opened streams are being
   * opened, answered once they are; undefined otherwise.
   */
  #early: [data: string | Buffer, bytes: number][] | undefined;

  constructor(deps: SessionDeps) {
    this.id = deps.id;
    this.encoding = deps.encoding ?? JSON_ENCODING;
    this.#deps = deps;
    this.#intake = new Intake(deps.config, deps.transport, deps.streams.flush);
    const identity = deps.identity ?? {
      user: deps.scope.user ?? '',
      claims: undefined,
      exp: undefined,
    };
    this.#token = new TokenLifetime(identity, deps.verifier, () => expire(this));
    this.#streamContext = {
      ...deps.streams,
      conn: deps.id,
      owner: this,
      router: deps.router,
      hub: deps.hub,
      metrics: deps.metrics,
      log: deps.log,
    };
  }

  /** True once the connection has closed, from either side. */
  get isClosed(): boolean {
    return this.#isClosed;
  }

  start(): void {
    this.#deps.hub.register(this);
    this.#deps.metrics.connectionOpened();
    const { config } = this.#deps;
    const exp = this.#token.exp;
    this.#send({
      type: 'welcome',
      conn: this.id,
      heartbeat_ms: config.heartbeatMs,
      limits: limitsOf(config),
      ...(exp !== undefined && { exp }),
      ...(this.#deps.httpSession !== undefined && { session: this.#deps.httpSession }),
    });
    this.#token.start();
    if (this.#deps.connect) this.#connect(this.#deps.connect);
  }

  /** A text frame from the client, `bytes` long in UTF-8. */
  receive(text: string, bytes = Buffer.byteLength(text)): void {
    this.#receive(text, bytes);
  }

  /** A binary frame from the client. */
  receiveBinary(data: Buffer): void {
    this.#receive(data, data.length);
  }

  /**
   * Each encoding takes one kind of WebSocket frame (text for JSON, binary
   * for protobuf) and answers the other with `bad_frame`. Every frame counts
   * against the rates, whatever it holds.
   */
  #receive(data: string | Buffer, bytes: number): void {
    if (this.#isClosed) return;
    if (this.#early) return void this.#early.push([data, bytes]);
    // Past `exp` nothing more is done for the connection, even before its timer has run.
    if (this.#token.expired) return expire(this);
    const refused = this.#intake.admit(bytes);
    const decoded: Decoded = this.encoding.decode(data, this.#deps.config.maxJsonDepth);
    if (!decoded.ok) {
      this.#deps.metrics.frameIn('invalid');
      const e = decoded.error;
      return this.error(refused ? { ...e, code: ErrorCode.RateLimited, message: refused } : e);
    }
    const { frame, payloadJson } = decoded;
    this.#deps.metrics.frameIn(frame.type);
    const about = { ref: frame.ref, stream: 'stream' in frame ? frame.stream : undefined };
    if (refused) return this.error({ code: ErrorCode.RateLimited, message: refused, ...about });
    try {
      this.#dispatch(frame, payloadJson);
    } catch (err) {
      this.#deps.log.error({ err, conn: this.id }, 'frame handling failed');
      this.error({ code: ErrorCode.Internal, message: 'internal error', ...about });
    }
  }

  /** The socket has closed: every joined stream's service gets a Leave, every membership goes. */
  socketClosed(code: number): void {
    if (!this.#isClosed) this.#teardown();
    this.#deps.hub.unregister(this);
    this.#deps.metrics.connectionClosed(this.#closeCode ?? code);
  }

  /** Closes the connection from this side, e.g. 1001 when the gateway drains. */
  shutdown(code: number, reason: string): void {
    if (this.#isClosed) return;
    this.#closeCode = code;
    this.#teardown();
    this.#deps.transport.close(code, reason);
  }

  terminate(): void {
    this.#deps.transport.terminate();
  }

  heartbeat(): void {
    this.#deps.transport.heartbeat();
  }

  get user(): string {
    return this.#token.user;
  }

  kick(stream: string, reason: string): boolean {
    return !this.#isClosed && (this.#streams.get(stream)?.kick(reason) ?? false);
  }

  deliver(out: OutboundFrame): void {
    const stream = this.#streams.get(out.stream ?? '');
    if (!stream || this.#isClosed) return void this.#deps.metrics.dropped('gone');
    stream.deliver(out);
  }

  // ---- StreamOwner ----

  ended(stream: Stream): void {
    if (this.#streams.get(stream.name) !== stream) return;
    this.#streams.delete(stream.name);
    this.#deps.metrics.streamClosed();
  }

  error(e: FrameError): void {
    this.#deps.metrics.errorSent(e.code);
    this.write(this.encoding.error(e), 'error');
  }

  async whenWritable(wanted: () => boolean = () => true): Promise<void> {
    const { transport, config } = this.#deps;
    // Down to where the transport reads the client again: a replay never
    // gets the client cut for being slow nor keeps its frames unread, and a
    // client that stops reading stops the replay, not the gateway.
    while (
      !this.#isClosed &&
      wanted() &&
      transport.bufferedAmount > config.maxBufferedBytes * READ_RESUMES_AT
    )
      await new Promise((resolve) => setTimeout(resolve, WRITABLE_POLL_MS));
  }

  write(frame: Encoded, type: ServerFrameType): void {
    if (this.#isClosed) return;
    // The transport judges the unsent bytes once the task's writes reached
    // the socket, not after each frame (overloaded()).
    this.#deps.transport.send(frame);
    this.#deps.metrics.frameOut(type);
  }

  /** The transport says the client does not read what it is sent. */
  overloaded(): void {
    if (!this.#isClosed) this.#cutSlowClient();
  }

  // ---- client frames ----

  /** `payloadJson` is the frame's payload as the client wrote it: it travels byte-exact. */
  #dispatch(frame: ClientFrame, payloadJson: string | undefined): void {
    switch (frame.type) {
      case 'ping':
        return this.#send(
          frame.ref === undefined ? { type: 'pong' } : { type: 'pong', ref: frame.ref },
        );
      // The client's traceparent (1.1, muxgate's addition) parents the frame's span.
      case 'join':
        return inClientTrace(this.#traceparent(frame.traceparent), () =>
          this.#join(frame.stream, frame.ref, payloadJson, frame.since),
        );
      case 'msg':
        return inClientTrace(this.#traceparent(frame.traceparent), () =>
          this.#msg(frame.stream, frame.ref, payloadJson ?? 'null', frame.id),
        );
      case 'leave':
        return inClientTrace(this.#traceparent(frame.traceparent), () =>
          this.#leave(frame.stream, frame.ref),
        );
      case 'presence': {
        const stream = this.#streams.get(frame.stream);
        if (stream?.phase === 'joined') return stream.presence(frame.ref);
        return this.#notJoined(frame.stream, frame.ref);
      }
      case 'refresh':
        return this.#token.respond(this, this.#deps.scope, frame.token, frame.ref, this.#deps.log);
      default:
        // A frame type added to the schema must be handled here.
        frame satisfies never;
    }
  }

  /** The client's traceparent, unless the gateway is told not to trust it (MUX_CLIENT_TRACEPARENT). */
  #traceparent(traceparent: string | undefined): string | undefined {
    return this.#deps.config.clientTraceparent ? traceparent : undefined;
  }

  #join(
    name: string,
    ref: Ref | undefined,
    payloadJson: string | undefined,
    since: string | undefined,
  ): void {
    // The token in force now decides `=auth` routes, not the one at the upgrade.
    const route = this.#deps.router.resolve(name, this.#token.user);
    if (!route.ok) return this.#refuse(route, ref, name);
    const refused = this.#admission(name);
    if (refused) return this.#refuse(refused, ref, name);
    const stream = new Stream(
      {
        service: route.service,
        stream: name,
        topic: route.topic,
        connSubject: this.#deps.connSubject,
        scope: this.#deps.scope,
      },
      this.#streamContext,
    );
    this.#streams.set(name, stream);
    this.#deps.metrics.streamOpened();
    stream.join(ref, payloadJson, since);
  }

  /** The connection's own limits on a join: one stream per name, at most max_streams. */
  #admission(name: string): { code: ErrorCode; message: string } | undefined {
    const max = this.#deps.config.maxStreams;
    if (this.#streams.has(name))
      return { code: ErrorCode.AlreadyJoined, message: `${name} is already joined` };
    if (this.#streams.size >= max)
      return { code: ErrorCode.TooManyStreams, message: `at most ${max} streams per connection` };
    return undefined;
  }

  #msg(name: string, ref: Ref | undefined, payloadJson: string, id: string | undefined): void {
    const stream = this.#streams.get(name);
    if (!stream || stream.phase !== 'joined') return this.#notJoined(name, ref);
    stream.forward(payloadJson, ref, id);
  }

  #leave(name: string, ref: Ref | undefined): void {
    const stream = this.#streams.get(name);
    if (!stream) return this.#notJoined(name, ref);
    stream.requestLeave(ref);
  }

  #notJoined(name: string, ref: Ref | undefined): void {
    this.#refuse({ code: ErrorCode.NotJoined, message: `${name} is not joined` }, ref, name);
  }

  #refuse(e: { code: ErrorCode; message: string }, ref: Ref | undefined, stream: string): void {
    this.error({ code: e.code, message: e.message, ref, stream });
  }

  // ---- server-opened streams (§4.9) ----

  /**
   * Asks the connect service which streams to open and opens them, each
   * `joined` without ref, before any client frame is answered: the socket
   * is not read meanwhile, and the frames already read wait in #early.
   */
  #connect(hook: ConnectHook): void {
    this.#early = [];
    let done!: () => void;
    const connected = new Promise<void>((resolve) => (done = resolve));
    this.#deps.transport.hold(connected);
    const room = this.#deps.config.maxStreams - this.#streams.size;
    hook.ask(this.#deps.connSubject, this.#deps.scope, room, (plan) => {
      // Streams are made and their memberships added now, in the bus's
      // dispatch order, so that what their service sends and what reaches
      // their groups after its answer waits for their `joined`. Each opens
      // once its own new groups are confirmed, so their `joined` frames may
      // come in another order than the reply's.
      const opening = plan.streams.map((s) => {
        const [stream, opened] = this.#serverStream(hook.service, s);
        return this.#openByServer(stream, opened);
      });
      void Promise.all(opening).then(async () => {
        done();
        // The transport resumes reading once `connected` settles, before the
        // early frames run: a hold they ask for (Intake) is then not ignored.
        await connected;
        const early = this.#early ?? [];
        this.#early = undefined;
        for (const [data, bytes] of early) this.#receive(data, bytes);
      });
    });
  }

  #serverStream(service: string, opened: ServerStream): [Stream, ServerStream] {
    const stream = new Stream(
      {
        service,
        stream: opened.stream,
        topic: opened.topic,
        connSubject: this.#deps.connSubject,
        scope: this.#deps.scope,
      },
      this.#streamContext,
    );
    this.#streams.set(opened.stream, stream);
    this.#deps.metrics.streamOpened();
    return [stream, opened];
  }

  #openByServer(stream: Stream, opened: ServerStream): Promise<void> {
    return stream.openByServer(opened).catch((err: unknown) => {
      this.#deps.log.error({ err, conn: this.id, stream: opened.stream }, 'server open failed');
    });
  }

  // ---- the connection's end ----

  #teardown(): void {
    this.#isClosed = true;
    this.#token.stop();
    const headers = injectHeaders();
    for (const stream of [...this.#streams.values()]) stream.connectionClosed(headers);
  }

  #cutSlowClient(): void {
    // The client stopped reading. Dropping it protects the gateway's memory
    // and every other client; it can reconnect and rejoin.
    const { transport, log } = this.#deps;
    this.#closeCode = CloseCode.Overloaded;
    this.#teardown();
    log.warn({ conn: this.id, buffered: transport.bufferedAmount }, 'slow client disconnected');
    transport.abort(CloseCode.Overloaded, 'client too slow');
  }

  #send(frame: Parameters<Encoding['frame']>[0]): void {
    this.write(this.encoding.frame(frame), frame.type);
  }
}
