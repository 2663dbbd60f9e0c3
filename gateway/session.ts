// One client connection: decodes its frames, keeps its rates and outbound
// buffer in bounds, and writes frames back. Its streams live in a
// StreamTable (stream-table.ts), each running its own lifecycle (stream.ts).
// A session sees a Transport, the Router and the Hub, never ws or nats.
import { inClientTrace, injectHeaders } from '../bus/trace.ts';
import type { Logger } from '../lib/log.ts';
import type { OutboundFrame, ScopeProps } from '../proto/index.ts';
import { CloseCode, ErrorCode } from '../protocol/codes.ts';
import type { ClientFrame, ServerFrameType } from '../protocol/frames.ts';
import type { FrameError } from './codec.ts';
import { JSON_ENCODING, type Encoded, type Encoding } from './encoding.ts';
import { ANONYMOUS, type Identity } from './auth.ts';
import type { ConnectHook } from './connect.ts';
import { openServerStreams } from './connect-open.ts';
import { limitsOf, type GatewayConfig } from './config.ts';
import type { Connection, Hub } from './hub.ts';
import { expire, TokenLifetime, type TokenVerifier } from './lifetime.ts';
import type { GatewayMetrics } from './metrics.ts';
import { Intake } from './intake.ts';
import type { Router } from './router.ts';
import type { Stream, StreamOptions, StreamOwner } from './stream.ts';
import { StreamTable } from './stream-table.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import { untilWritable, type Transport, type TransportListener } from './transport.ts';

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

export class Session implements Connection, StreamOwner, TransportListener {
  readonly id: string;
  readonly encoding: Encoding;
  readonly #deps: SessionDeps;
  readonly #streams: StreamTable;
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
    const identity = deps.identity ?? { ...ANONYMOUS, user: deps.scope.user ?? '' };
    this.#token = new TokenLifetime(identity, deps.verifier, () => expire(this));
    this.#streams = new StreamTable({
      context: {
        ...deps.streams,
        conn: deps.id,
        owner: this,
        router: deps.router,
        hub: deps.hub,
        metrics: deps.metrics,
        log: deps.log,
      },
      connSubject: deps.connSubject,
      scope: deps.scope,
      maxStreams: deps.config.maxStreams,
      refuse: (e) => this.error(e),
    });
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
      protocol: PROTOCOL_VERSION,
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
   * for protobuf) and answers the other with `bad_frame`.
   */
  #receive(data: string | Buffer, bytes: number): void {
    if (this.#isClosed) return;
    if (this.#early) return void this.#early.push([data, bytes]);
    // Past `exp` nothing more is done for the connection, even before its timer has run.
    if (this.#token.expired) return expire(this);
    const read = this.#intake.read(data, bytes, this.encoding);
    this.#deps.metrics.frameIn(read.ok ? read.frame.type : read.type);
    if (!read.ok) return this.error(read.error);
    const { frame, payloadJson } = read;
    try {
      this.#dispatch(frame, payloadJson);
    } catch (err) {
      this.#deps.log.error({ err, conn: this.id }, 'frame handling failed');
      const stream = 'stream' in frame ? frame.stream : undefined;
      this.error({ code: ErrorCode.Internal, message: 'internal error', ref: frame.ref, stream });
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
    return !this.#isClosed && this.#streams.kick(stream, reason);
  }

  deliver(out: OutboundFrame): void {
    if (this.#isClosed || !this.#streams.deliver(out)) this.#deps.metrics.dropped('gone');
  }

  // ---- StreamOwner ----

  ended(stream: Stream): void {
    this.#streams.ended(stream);
  }

  error(e: FrameError): void {
    this.#deps.metrics.errorSent(e.code);
    this.write(this.encoding.error(e), 'error');
  }

  whenWritable(wanted: () => boolean = () => true): Promise<void> {
    const { transport, config } = this.#deps;
    return untilWritable(transport, config.maxBufferedBytes, () => !this.#isClosed && wanted());
  }

  write(frame: Encoded, type: ServerFrameType): void {
    if (this.#isClosed) return;
    // The transport judges the unsent bytes once the task's writes reached
    // the socket, not after each frame (overloaded()).
    this.#deps.transport.send(frame);
    this.#deps.metrics.frameOut(type);
  }

  /**
   * The transport says the client does not read what it is sent. Dropping
   * it protects the gateway's memory and every other client; it can
   * reconnect and rejoin.
   */
  overloaded(): void {
    if (this.#isClosed) return;
    const { transport, log } = this.#deps;
    this.#closeCode = CloseCode.Overloaded;
    this.#teardown();
    log.warn({ conn: this.id, buffered: transport.bufferedAmount }, 'slow client disconnected');
    transport.abort(CloseCode.Overloaded, 'client too slow');
  }

  // ---- client frames ----

  /** `payloadJson` is the frame's payload as the client wrote it: it travels byte-exact. */
  #dispatch(frame: ClientFrame, payloadJson: string | undefined): void {
    switch (frame.type) {
      case 'ping':
        return this.#send(
          frame.ref === undefined ? { type: 'pong' } : { type: 'pong', ref: frame.ref },
        );
      case 'refresh':
        return this.#token.respond(this, this.#deps.scope, frame.token, frame.ref, this.#deps.log);
      default: {
        // The client's traceparent (1.1, muxgate's addition) parents the
        // frame's span, unless the gateway is told not to trust it
        // (MUX_CLIENT_TRACEPARENT).
        const trusted = this.#deps.config.clientTraceparent && 'traceparent' in frame;
        const user = this.#token.user;
        return inClientTrace(trusted ? frame.traceparent : undefined, () =>
          this.#streams.handle(frame, payloadJson, user),
        );
      }
    }
  }

  // ---- server-opened streams (§4.9) ----

  /** Opens them before any client frame is answered; the frames already read wait in #early. */
  #connect(hook: ConnectHook): void {
    this.#early = [];
    const { connSubject, scope, log, transport } = this.#deps;
    openServerStreams(hook, {
      conn: this.id,
      connSubject,
      scope,
      log,
      room: () => this.#streams.room,
      hold: (until) => transport.hold(until),
      addStream: (address) => this.#streams.add(address),
      resume: () => {
        const early = this.#early ?? [];
        this.#early = undefined;
        for (const [data, bytes] of early) this.#receive(data, bytes);
      },
    });
  }

  // ---- the connection's end ----

  #teardown(): void {
    this.#isClosed = true;
    this.#token.stop();
    this.#streams.closeAll(injectHeaders());
  }

  #send(frame: Parameters<Encoding['frame']>[0]): void {
    this.write(this.encoding.frame(frame), frame.type);
  }
}
