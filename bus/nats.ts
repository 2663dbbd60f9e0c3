// The Bus on a real NATS server, through the maintained nats.js v3 client.
import {
  connect,
  createInbox,
  headers as natsHeaders,
  type MsgHdrs,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import { fallbackLogger, type Logger } from '../lib/log.ts';
import {
  BusClosedError,
  NoRespondersError,
  requestPromise,
  type Bus,
  type BusMessage,
  type BusStatus,
  type Handler,
  type Headers,
  type PublishOptions,
  type ReplyCallback,
  type RequestOptions,
  type SubscribeOptions,
  type Subscription,
} from './bus.ts';
import type { DirectReadOptions } from './direct-read.ts';
import { NatsDurableStore } from './durable-nats.ts';
import type { DurableStore } from './durable.ts';
import { BusLifecycle } from './lifecycle.ts';
import {
  natsConnectionSetup,
  redactSecrets,
  type NatsAuth,
  type NatsConnectionSetup,
} from './nats-auth.ts';

/** How long a publish waits, at least, for a "no responders" answer it may never get. */
const NO_RESPONDERS_WINDOW_MS = 5000;

/** nats.js's own pendingLimit: past it, nats.js writes its buffer without waiting. */
const BATCH_LIMIT_BYTES = 32 * 1024;

export interface NatsBusOptions {
  /**
   * One URL or several, comma-separated, as in NATS_URL. Credentials in a URL
   * (`nats://user:password@host`, `nats://token@host`) are used as if given in `auth`.
   */
  servers: string;
  /** Credentials and TLS for a secured NATS (bus/nats-auth.ts). */
  auth?: NatsAuth;
  /** Shown by `nats server report connections`; helps when debugging a fleet. */
  name?: string;
  /** Where handler and deferred publish errors go; by default stderr. */
  log?: Logger;
  /** How soon a dead or hung server is noticed (NATS_LIVENESS_DEFAULTS otherwise). */
  liveness?: Partial<NatsLiveness>;
  /** How the durable store's direct gets wait and retry (DIRECT_READ_DEFAULTS otherwise). */
  reads?: DirectReadOptions;
}

/**
 * nats.js waits 2 minutes between pings and gives up after 2 missed: a hung
 * server (frozen, or a network path that drops without a reset) kept a
 * gateway attached for minutes while every request timed out. With these, a
 * connection that has not answered for about pingIntervalMs × (maxPingOut + 1)
 * is dropped and the next server in the list is tried.
 */
export interface NatsLiveness {
  pingIntervalMs: number;
  maxPingOut: number;
  /** How long one attempt to connect may take. */
  connectTimeoutMs: number;
}

export const NATS_LIVENESS_DEFAULTS: NatsLiveness = {
  pingIntervalMs: 2000,
  maxPingOut: 2,
  connectTimeoutMs: 5000,
};

export class NatsBus implements Bus {
  readonly kind = 'nats';
  readonly #life: BusLifecycle;
  // Requests share one wildcard inbox subscription, as nats.js does, but
  // answers are dispatched from its callback rather than through a promise.
  readonly #inbox = createInbox();
  #inboxReady = false;
  // Publishes that asked to hear of "no responders", by reply token. The
  // broker answers only when nobody subscribes, so an entry is normally never
  // answered: entries live for two sweeps, then are forgotten.
  #noResponders = new Map<string, () => void>();
  #noRespondersOld = new Map<string, () => void>();
  #noRespondersSeq = 0;
  #sweep: NodeJS.Timeout | undefined;

  private constructor(
    readonly connection: NatsConnection,
    private readonly log: Logger,
    private readonly reads: DirectReadOptions = {},
  ) {
    this.#life = new BusLifecycle(log);
    void this.#watch();
  }

  /**
   * Connects, or throws NatsConnectError: its message names NATS, the servers
   * (without credentials) and the way it authenticated, and quotes no secret.
   */
  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    let setup: NatsConnectionSetup;
    try {
      setup = natsConnectionSetup(opts.servers, opts.auth);
    } catch (err) {
      throw new NatsConnectError(`cannot connect to NATS: ${(err as Error).message}`);
    }
    const live = { ...NATS_LIVENESS_DEFAULTS, ...opts.liveness };
    let nc: NatsConnection;
    try {
      nc = await connect({
        ...setup.options,
        name: opts.name,
        pingInterval: live.pingIntervalMs,
        maxPingOut: live.maxPingOut,
        timeout: live.connectTimeoutMs,
        // A gateway outlives broker restarts: keep trying, and buffer while away.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
      });
    } catch (err) {
      const how = setup.method ? ` ${setup.method}` : '';
      // With TLS 1.3 a server that wants a client certificate hangs up after
      // the handshake, which nats.js only sees as its connect timeout.
      const hint =
        setup.options.tls && !setup.options.tls.certFile && (err as Error).name === 'TimeoutError'
          ? ' (does the server require a client certificate?)'
          : '';
      throw new NatsConnectError(
        redactSecrets(
          `cannot connect to NATS at ${setup.display}${how}: ${reason(err)}${hint}`,
          setup.secrets,
        ),
      );
    }
    return new NatsBus(nc, opts.log ?? fallbackLogger(), opts.reads);
  }

  get status(): BusStatus {
    return this.#life.status;
  }

  /** The server this connection is attached to (or trying), as host:port. */
  get server(): string {
    return this.connection.getServer();
  }

  #durable: NatsDurableStore | undefined;
  get durable(): DurableStore {
    this.#durable ??= new NatsDurableStore(this.connection, this.reads);
    return this.#durable;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    return this.#life.onStatus(listener);
  }

  // Publishes reach nats.js once per event-loop turn. nats.js writes its
  // buffer on the microtask after a publish, so a gateway publishing once per
  // client frame (each frame its own socket read, its own task) made one
  // write system call per frame; batched, it makes one per turn. A turn that
  // publishes more than BATCH_LIMIT_BYTES hands the batch over at once, as
  // nats.js writes its own buffer inline past its pendingLimit: what one turn
  // holds stays bounded. Whatever must stay ordered after a publish (request,
  // subscribe, flush, drain) hands the batch over first.
  #batch: [string, Uint8Array, PublishOptions | undefined, string | undefined][] = [];
  #batchBytes = 0;
  #scheduled = false;

  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void {
    this.#life.assertOpen();
    this.#batch.push([
      subject,
      data,
      opts,
      opts?.onNoResponders && this.#watchResponders(opts.onNoResponders),
    ]);
    this.#batchBytes += subject.length + data.length;
    if (this.#batchBytes >= BATCH_LIMIT_BYTES) this.#handOver();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#onTurn);
    }
  }

  #onTurn = (): void => {
    this.#scheduled = false;
    this.#handOver();
  };

  #handOver(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#batchBytes = 0;
    for (const [subject, data, opts, reply] of batch) {
      try {
        this.connection.publish(
          subject,
          data,
          opts?.headers || reply
            ? { headers: opts?.headers && toNats(opts.headers), reply }
            : undefined,
        );
      } catch (err) {
        // Deferred, so there is no caller left to throw to; the connection
        // closed under us (drain hands the batch over before it starts).
        this.log.error({ err, subject }, 'deferred publish failed');
      }
    }
  }

  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription {
    this.#life.assertOpen();
    this.#handOver();
    const sub = this.connection.subscribe(subject, {
      queue: opts?.queue,
      callback: (err, msg) => {
        if (err) return;
        try {
          handler(fromNats(msg));
        } catch (e) {
          this.log.error({ err: e, subject: msg.subject }, 'bus handler threw');
        }
      },
    });
    return { subject, unsubscribe: () => sub.unsubscribe() };
  }

  request(subject: string, data: Uint8Array, opts: RequestOptions): Promise<BusMessage> {
    return requestPromise(this, subject, data, opts);
  }

  requestCallback(
    subject: string,
    data: Uint8Array,
    opts: RequestOptions,
    callback: ReplyCallback,
  ): void {
    if (!this.#life.open) {
      setImmediate(() => callback(new BusClosedError(), undefined));
      return;
    }
    const token = this.#life.request(subject, opts.timeoutMs, callback);
    try {
      this.#handOver();
      this.#ensureInbox();
      this.connection.publish(subject, data, {
        reply: `${this.#inbox}.${token}`,
        headers: opts.headers ? toNats(opts.headers) : undefined,
      });
    } catch (err) {
      setImmediate(() => this.#life.settle(token, err as Error, undefined));
    }
  }

  #ensureInbox(): void {
    if (this.#inboxReady) return;
    this.connection.subscribe(`${this.#inbox}.*`, {
      callback: (_err, msg) => this.#onReply(msg),
    });
    this.#inboxReady = true;
  }

  /** A reply subject that reports "no responders" to `callback`. */
  #watchResponders(callback: () => void): string {
    this.#ensureInbox();
    const token = `n${++this.#noRespondersSeq}`;
    this.#noResponders.set(token, callback);
    this.#sweep ??= setInterval(() => {
      this.#noRespondersOld = this.#noResponders;
      this.#noResponders = new Map();
    }, NO_RESPONDERS_WINDOW_MS).unref();
    return `${this.#inbox}.${token}`;
  }

  #onReply(msg: Msg | undefined): void {
    if (!msg) return;
    const token = msg.subject.slice(this.#inbox.length + 1);
    if (token.startsWith('n')) {
      if (msg.headers?.code !== 503) return;
      const callback = this.#noResponders.get(token) ?? this.#noRespondersOld.get(token);
      this.#noResponders.delete(token);
      this.#noRespondersOld.delete(token);
      return callback?.();
    }
    const subject = this.#life.subjectOf(token);
    if (subject === undefined) return;
    // The server answers a request nobody subscribes to with an empty 503 status message.
    if (msg.data.length === 0 && msg.headers?.code === 503)
      this.#life.settle(token, new NoRespondersError(subject), undefined);
    else this.#life.settle(token, undefined, fromNats(msg));
  }

  respond(msg: BusMessage, data: Uint8Array, opts?: PublishOptions): void {
    if (msg.reply) this.publish(msg.reply, data, opts);
  }

  async flush(): Promise<void> {
    // Drain flushes what was published before it; there is nothing after.
    if (!this.#life.open) return this.#life.ended();
    this.#handOver();
    await this.connection.flush();
  }

  drain(): Promise<void> {
    return this.#life.drain(async () => {
      clearInterval(this.#sweep);
      this.#handOver();
      if (!this.connection.isClosed()) await this.connection.drain();
    });
  }

  // What the server reports (credentials refused on a reconnect, expired
  // creds, permission violations), each distinct message at most once a minute.
  #reported = new Map<string, number>();
  #serverError(err: Error): void {
    const now = Date.now();
    const key = `${err.name}: ${err.message}`;
    if ((this.#reported.get(key) ?? -Infinity) > now - 60_000) return;
    if (this.#reported.size > 100) this.#reported.clear();
    this.#reported.set(key, now);
    this.log.warn({ err: { name: err.name, message: err.message } }, 'NATS reported an error');
  }

  async #watch(): Promise<void> {
    void this.connection.closed().then(() => this.#life.closed());
    for await (const s of this.connection.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') this.#life.connection(false);
      else if (s.type === 'reconnect') this.#life.connection(true);
      else if (s.type === 'error') this.#serverError(s.error);
    }
  }
}

/** The first connection to NATS failed; the message quotes no password, token or seed. */
export class NatsConnectError extends Error {
  override name = 'NatsConnectError';
}

/** nats.js's message, and its cause's (a TLS or socket error) when it wraps one. */
function reason(err: unknown): string {
  const e = err as Error | undefined;
  const message = e?.message || String(err);
  const cause = (e?.cause as Error | undefined)?.message;
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
}

function toNats(h: Headers): MsgHdrs {
  const out = natsHeaders();
  for (const k in h) out.set(k, h[k]!);
  return out;
}

function fromNats(msg: Msg): BusMessage {
  let headers: Headers | undefined;
  if (msg.headers) {
    headers = {};
    for (const [k, v] of msg.headers) if (v[0] !== undefined) headers[k] = v[0];
  }
  return { subject: msg.subject, data: msg.data, headers, reply: msg.reply || undefined };
}
