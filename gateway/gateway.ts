// Wires one gateway: an HTTP server running the Koa app, `ws` attached to the
// same server through handleUpgrade, the hub, the router and the sessions.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Bus } from '../bus/bus.ts';
import { Subjects } from '../bus/subjects.ts';
import { CloseCode } from '../protocol/codes.ts';
import { pickSubprotocol, SUBPROTOCOL_PROTO } from '../protocol/version.ts';
import { silentLogger, type Logger } from '../lib/log.ts';
import { Admission, probeOrigin } from './admission.ts';
import { Authenticator, signDevToken, UpgradeRefused, type Identity } from './auth.ts';
import { Beacon } from './beacon.ts';
import { BusGaps } from './bus-gaps.ts';
import { BusWatch } from './bus-watch.ts';
import { ConnectHook } from './connect.ts';
import { ControlListener } from './control.ts';
import type { GatewayConfig } from './config.ts';
import { guardHandshakes } from './handshake.ts';
import { PROTO_ENCODING } from './codec-proto.ts';
import { deflateOptions } from './deflate.ts';
import { JSON_ENCODING } from './encoding.ts';
import { createHttpApp } from './http.ts';
import { HttpConnections } from './http-fallback.ts';
import type { HttpTransport } from './http-transport.ts';
import { Hub } from './hub.ts';
import { GatewayMetrics } from './metrics.ts';
import { Presence } from './presence.ts';
import { Router } from './router.ts';
import { Session, type SessionDeps } from './session.ts';
import type { StreamOptions } from './stream.ts';
import type { Transport } from './transport.ts';
import { WsTransport } from './ws-transport.ts';
import { boundDeflate, destroySocket, refuseUpgrade, UpgradeGate } from './upgrade.ts';

export interface GatewayOptions {
  config: GatewayConfig;
  /** The gateway owns its bus: drain() drains it. */
  bus: Bus;
  log?: Logger;
  /** Directory of the built demo page, served at `/`. */
  webRoot?: string;
  /** Collect Node process metrics too (off in tests that run many gateways). */
  processMetrics?: boolean;
}

export class Gateway {
  readonly config: GatewayConfig;
  readonly bus: Bus;
  readonly metrics: GatewayMetrics;
  readonly hub: Hub;
  readonly subjects: Subjects;
  readonly log: Logger;
  readonly #router: Router;
  readonly #auth: Authenticator;
  readonly #gate: UpgradeGate;
  readonly #wss: WebSocketServer;
  readonly #server: Server;
  #heartbeat: NodeJS.Timeout | undefined;
  #draining: Promise<void> | undefined;
  readonly #busWatch: BusWatch;
  readonly #busGaps: BusGaps;
  readonly #beacon: Beacon;
  readonly #control: ControlListener;
  readonly #presence: Presence;
  /** §4.9: present when the gateway has a connect service. */
  readonly #connect: ConnectHook | undefined;
  /** The connections of the HTTP fallbacks (§4.5) this gateway holds. */
  readonly httpConnections: HttpConnections;

  private constructor(opts: GatewayOptions) {
    this.config = opts.config;
    this.bus = opts.bus;
    this.log = (opts.log ?? silentLogger).child({ gateway: opts.config.gatewayId });
    this.metrics = new GatewayMetrics({ processMetrics: opts.processMetrics });
    this.subjects = new Subjects(this.config.prefix);
    this.hub = new Hub(this.bus, this.subjects, this.config.gatewayId, this.metrics, this.log);
    this.#router = new Router(
      this.bus,
      this.subjects,
      this.config.routes,
      this.config.joinTimeoutMs,
    );
    this.#busGaps = new BusGaps(this.metrics, this.log);
    this.#busWatch = new BusWatch(this.bus, {
      lossCloseMs: this.config.busLossCloseMs,
      onLost: () => {
        for (const conn of [...this.hub.connections()])
          conn.shutdown(CloseCode.Restarting, 'gateway without its message bus');
      },
      onBack: () => this.#busGaps.busBack(),
      metrics: this.metrics,
      log: this.log,
    });
    this.#presence = new Presence(
      this.bus,
      this.subjects,
      this.config.gatewayId,
      this.config.presence,
      this.metrics,
      this.log,
    );
    this.#connect =
      this.config.connectService === undefined
        ? undefined
        : new ConnectHook({
            bus: this.bus,
            subjects: this.subjects,
            service: this.config.connectService,
            timeoutMs: this.config.connectTimeoutMs,
            metrics: this.metrics,
            log: this.log,
          });
    this.#control = new ControlListener(this.bus, this.subjects, this.hub, this.log);
    this.#beacon = new Beacon(
      this.bus,
      this.subjects,
      this.config.gatewayId,
      this.config.heartbeatMs,
      this.log,
    );
    this.#auth = new Authenticator(this.config.auth);
    this.#gate = new UpgradeGate(
      new Admission(this.config, this.#auth),
      () => ({ draining: this.draining, busLost: this.#busWatch.lost }),
      this.metrics,
      this.log,
    );
    this.httpConnections = new HttpConnections({
      gatewayId: this.config.gatewayId,
      bus: this.bus,
      subjects: this.subjects,
      log: this.log,
      limits: {
        maxBufferedBytes: this.config.maxBufferedBytes,
        idleMs: 2 * this.config.heartbeatMs,
        pollTimeoutMs: this.config.pollTimeoutMs,
      },
      maxFrameBytes: this.config.maxFrameBytes,
      maxBodyBytes: this.config.httpMaxBodyBytes,
      maxPendingSends: this.config.httpMaxPendingSends,
    });
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.config.maxFrameBytes,
      perMessageDeflate: deflateOptions(this.config.deflate),
      clientTracking: false,
      handleProtocols: (offered) => pickSubprotocol(offered) ?? false,
    });
    const app = createHttpApp({
      bus: this.bus,
      subjects: this.subjects,
      metrics: this.metrics,
      log: this.log,
      apiKeys: this.config.apiKeys,
      maxBodyBytes: this.config.maxFrameBytes,
      maxJsonDepth: this.config.maxJsonDepth,
      webRoot: opts.webRoot,
      fallback: {
        connections: this.httpConnections,
        allowedOrigins: this.config.allowedOrigins,
        open: (req, url) => this.#openHttp(req, url),
      },
      isReady: () => ({ ready: this.ready, bus: this.bus.status, draining: this.draining }),
      probeUpgrade: (req, url) =>
        this.#gate.probe(req, url, probeOrigin(req, this.config.allowedOrigins)),
      devToken:
        this.config.devTokens && this.config.auth.secret
          ? (sub, scope) => signDevToken(this.config.auth.secret!, sub, scope)
          : undefined,
    });
    this.#server = createServer(app.callback());
    guardHandshakes(this.#server, {
      timeoutMs: this.config.handshakeTimeoutMs,
      maxPending: this.config.maxPendingHandshakes,
      onDropped: (reason) => this.metrics.handshakeDropped(reason),
    });
    this.#server.on('upgrade', (req, socket, head) => {
      this.#upgrade(req, socket, head).catch((err) => {
        this.log.error({ err }, 'upgrade failed');
        socket.destroy();
      });
    });
  }

  /** Starts the gateway and resolves once it listens. */
  static async start(opts: GatewayOptions): Promise<Gateway> {
    const gw = new Gateway(opts);
    gw.hub.start();
    gw.#control.start();
    gw.httpConnections.start();
    gw.#presence.start();
    await new Promise<void>((resolve, reject) => {
      gw.#server.once('error', reject);
      gw.#server.listen(gw.config.port, gw.config.host, () => resolve());
    });
    gw.#heartbeat = setInterval(() => gw.#sweep(), gw.config.heartbeatMs);
    gw.#heartbeat.unref();
    gw.#beacon.start();
    gw.log.info({ port: gw.port, bus: gw.bus.kind }, 'gateway listening');
    return gw;
  }

  get port(): number {
    const addr = this.#server.address();
    return typeof addr === 'object' && addr ? addr.port : this.config.port;
  }

  get draining(): boolean {
    return this.#draining !== undefined;
  }

  get ready(): boolean {
    return !this.draining && this.bus.status === 'connected';
  }

  /** Open sessions, for tests and diagnostics. */
  get connectionCount(): number {
    return this.hub.connectionCount;
  }

  /**
   * Graceful stop (SIGTERM): readiness turns 503, new upgrades are refused,
   * every socket closes with 1001 after its streams' Leaves are published,
   * then the bus drains and the HTTP server closes.
   */
  drain(): Promise<void> {
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  async #drain(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#gate.stop();
    this.#busWatch.stop();
    this.#control.stop();
    this.httpConnections.stop();
    this.log.info({ connections: this.hub.connectionCount }, 'draining');
    for (const conn of [...this.hub.connections()])
      conn.shutdown(CloseCode.GoingAway, 'gateway draining');
    if (!(await this.hub.whenEmpty(this.config.drainTimeoutMs)))
      for (const conn of [...this.hub.connections()]) conn.terminate();
    this.hub.stop();
    this.#presence.stop();
    // Every stream's Leave is out: services may forget this gateway.
    this.#beacon.stop();
    await this.bus.flush().catch(() => undefined);
    await this.bus.drain().catch((err: unknown) => this.log.warn({ err }, 'bus drain failed'));
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    this.log.info('drained');
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', destroySocket);
    try {
      const url = new URL(req.url ?? '/', 'http://gateway');
      const identity = await this.#gate.admit(req, url, req.headers.origin);
      boundDeflate(req, this.config.deflate);
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, req, identity));
    } catch (err) {
      if (!(err instanceof UpgradeRefused)) throw err;
      refuseUpgrade(socket, err);
    }
  }

  #accept(ws: WebSocket, req: IncomingMessage, identity: Identity): void {
    if (this.draining) return ws.close(CloseCode.GoingAway, 'gateway draining');
    // Random, not a counter: a service holding the address of a connection
    // from before a restart must never reach a new connection by accident.
    const id = randomBytes(9).toString('base64url');
    const encoding = ws.protocol === SUBPROTOCOL_PROTO ? PROTO_ENCODING : JSON_ENCODING;
    const transport = new WsTransport(ws, {
      maxBufferedBytes: this.config.maxBufferedBytes,
      binary: encoding.binary,
      compressFrom: this.config.deflate?.threshold,
    });
    const session = this.#session(id, transport, req, identity, { encoding });
    transport.listen(session);
    ws.on('error', (err) => this.log.debug({ err, conn: id }, 'socket error'));
    ws.once('close', (code) => session.socketClosed(code));
    session.start();
  }

  /**
   * Opens a connection of the HTTP fallbacks (§4.5) after the upgrade's
   * checks; throws UpgradeRefused. Its `welcome` is queued on the transport.
   */
  async #openHttp(req: IncomingMessage, url: URL): Promise<HttpTransport> {
    const origin = probeOrigin(req, this.config.allowedOrigins);
    const identity = await this.#gate.admit(req, url, origin);
    const id = randomBytes(9).toString('base64url');
    let session: Session | undefined;
    const transport = this.httpConnections.open((t, secret) => {
      session = this.#session(id, t, req, identity, { httpSession: secret });
      t.listen(session);
      return session;
    });
    session!.start();
    return transport;
  }

  #session(
    id: string,
    transport: Transport,
    req: IncomingMessage,
    identity: Identity,
    extra: Pick<SessionDeps, 'httpSession' | 'encoding'> = {},
  ): Session {
    return new Session({
      id,
      connSubject: this.subjects.conn(this.config.gatewayId, id),
      transport,
      router: this.#router,
      hub: this.hub,
      streams: this.#streamOptions,
      metrics: this.metrics,
      log: this.log,
      config: this.config,
      scope: {
        user: identity.user,
        claims: identity.claims ? JSON.stringify(identity.claims) : '',
        remoteAddr: req.socket.remoteAddress ?? '',
        origin: req.headers.origin ?? '',
        userAgent: req.headers['user-agent'] ?? '',
        gateway: this.config.gatewayId,
      },
      identity,
      verifier: this.#auth,
      connect: this.#connect,
      ...extra,
    });
  }

  /** What every stream needs: one object for every session, not one per connection. */
  get #streamOptions(): StreamOptions {
    this.#streamOptionsMemo ??= {
      flush: () => this.bus.flush(),
      maxPending: this.config.maxPendingFrames,
      msgTimeoutMs: this.config.msgTimeoutMs,
      store: this.bus.durable,
      groupSubject: (group) => this.subjects.group(group),
      presence: this.#presence,
      busGaps: this.#busGaps,
    };
    return this.#streamOptionsMemo;
  }
  #streamOptionsMemo: StreamOptions | undefined;

  #sweep(): void {
    for (const conn of this.hub.connections()) conn.heartbeat();
  }
}
