// The Bus on a real NATS server, through the maintained nats.js v3 client.
import {
  connect,
  headers as natsHeaders,
  NoRespondersError as NatsNoResponders,
  RequestError,
  TimeoutError,
  type MsgHdrs,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  BusClosedError,
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type BusMessage,
  type BusStatus,
  type Handler,
  type Headers,
  type PublishOptions,
  type RequestOptions,
  type SubscribeOptions,
  type Subscription,
} from './bus.ts';

export interface NatsBusOptions {
  /** One URL or several, comma-separated, as in NATS_URL. */
  servers: string;
  /** Shown by `nats server report connections`; helps when debugging a fleet. */
  name?: string;
}

export class NatsBus implements Bus {
  readonly kind = 'nats';
  #status: BusStatus = 'connected';
  #listeners = new Set<(s: BusStatus) => void>();

  private constructor(readonly connection: NatsConnection) {
    void this.#watch();
  }

  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: opts.servers.split(',').map((s) => s.trim()),
      name: opts.name,
      // A gateway outlives broker restarts: keep trying, and buffer while away.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    return new NatsBus(nc);
  }

  get status(): BusStatus {
    return this.#status;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void {
    this.#assertOpen();
    this.connection.publish(
      subject,
      data,
      opts?.headers ? { headers: toNats(opts.headers) } : undefined,
    );
  }

  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription {
    this.#assertOpen();
    const sub = this.connection.subscribe(subject, {
      queue: opts?.queue,
      callback: (err, msg) => {
        if (err) return;
        try {
          handler(fromNats(msg));
        } catch (e) {
          console.error('muxgate: bus handler threw', e);
        }
      },
    });
    return { subject, unsubscribe: () => sub.unsubscribe() };
  }

  async request(subject: string, data: Uint8Array, opts: RequestOptions): Promise<BusMessage> {
    this.#assertOpen();
    try {
      const msg = await this.connection.request(subject, data, {
        timeout: opts.timeoutMs,
        headers: opts.headers ? toNats(opts.headers) : undefined,
      });
      return fromNats(msg);
    } catch (err) {
      throw translateRequestError(subject, err);
    }
  }

  respond(msg: BusMessage, data: Uint8Array, opts?: PublishOptions): void {
    if (msg.reply) this.publish(msg.reply, data, opts);
  }

  async flush(): Promise<void> {
    await this.connection.flush();
  }

  async drain(): Promise<void> {
    if (this.connection.isClosed()) return;
    this.#setStatus('draining');
    await this.connection.drain();
    this.#setStatus('closed');
  }

  #assertOpen(): void {
    if (this.connection.isClosed() || this.connection.isDraining()) throw new BusClosedError();
  }

  async #watch(): Promise<void> {
    void this.connection.closed().then(() => this.#setStatus('closed'));
    for await (const s of this.connection.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') this.#setStatus('reconnecting');
      else if (s.type === 'reconnect') this.#setStatus('connected');
    }
  }

  #setStatus(status: BusStatus): void {
    if (this.#status === status || this.#status === 'closed') return;
    if (this.#status === 'draining' && status !== 'closed') return;
    this.#status = status;
    for (const l of this.#listeners) l(status);
  }
}

function translateRequestError(subject: string, err: unknown): unknown {
  if (err instanceof RequestError && err.isNoResponders())
    return new NoRespondersError(subject, { cause: err });
  if (err instanceof NatsNoResponders) return new NoRespondersError(subject, { cause: err });
  if (
    err instanceof TimeoutError ||
    (err instanceof RequestError && err.cause instanceof TimeoutError)
  )
    return new RequestTimeoutError(subject, { cause: err });
  return err;
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
