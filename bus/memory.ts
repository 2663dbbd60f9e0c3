// An in-process bus with NATS semantics, for `npm start` without a broker and
// for fast unit tests, as Django Channels has its in-memory layer. It passes
// the same contract suite as NatsBus.
import { randomBytes } from 'node:crypto';
import {
  BusClosedError,
  NoRespondersError,
  RequestTimeoutError,
  requestPromise,
  type Bus,
  type BusMessage,
  type BusStatus,
  type Handler,
  type PublishOptions,
  type ReplyCallback,
  type RequestOptions,
  type SubscribeOptions,
  type Subscription,
} from './bus.ts';
import { subjectMatches } from './subjects.ts';

interface MemorySub extends Subscription {
  readonly tokens: string[];
  readonly handler: Handler;
  readonly queue: string | undefined;
  readonly owner: MemoryBus;
  closed: boolean;
}

/**
 * The in-process broker. Each MemoryBus is one connection to it, so the
 * gateway and every service hold their own bus and drain it on their own, as
 * they would with NATS.
 */
export class MemoryBroker {
  readonly subs = new Set<MemorySub>();
  #queue: Array<[MemorySub, BusMessage]> = [];
  #scheduled = false;

  connect(): MemoryBus {
    return new MemoryBus(this);
  }

  /** Returns how many subscriptions the message was queued for. */
  route(msg: BusMessage): number {
    const tokens = msg.subject.split('.');
    let queues: Map<string, MemorySub[]> | undefined;
    let count = 0;
    for (const sub of this.subs) {
      if (!subjectMatches(sub.tokens, tokens)) continue;
      if (sub.queue === undefined) {
        this.#enqueue(sub, msg);
        count++;
      } else {
        queues ??= new Map();
        const members = queues.get(sub.queue);
        if (members) members.push(sub);
        else queues.set(sub.queue, [sub]);
      }
    }
    if (queues) {
      for (const members of queues.values()) {
        this.#enqueue(members[Math.floor(Math.random() * members.length)]!, msg);
        count++;
      }
    }
    return count;
  }

  pendingFor(owner: MemoryBus): boolean {
    return this.#queue.some(([sub]) => sub.owner === owner && !sub.closed);
  }

  #enqueue(sub: MemorySub, msg: BusMessage): void {
    this.#queue.push([sub, msg]);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#deliver);
    }
  }

  // One FIFO for the whole broker keeps per-publisher order, and delivering on
  // a later turn of the event loop keeps handlers from running inside publish().
  #deliver = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    for (const [sub, msg] of batch) {
      if (sub.closed) continue;
      try {
        sub.handler(msg);
      } catch (err) {
        console.error('muxgate: memory bus handler threw', err);
      }
    }
  };
}

export class MemoryBus implements Bus {
  readonly kind = 'memory';
  #subs = new Set<MemorySub>();
  #status: BusStatus = 'connected';
  #listeners = new Set<(s: BusStatus) => void>();
  #inboxPrefix = `_INBOX.${randomBytes(8).toString('hex')}.`;
  #inboxSeq = 0;

  /** Without a broker, the bus gets one of its own. */
  constructor(readonly broker: MemoryBroker = new MemoryBroker()) {}

  get status(): BusStatus {
    return this.#status;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void {
    this.#send(subject, data, opts, undefined);
  }

  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription {
    this.#assertOpen();
    const sub: MemorySub = {
      subject,
      tokens: subject.split('.'),
      handler,
      queue: opts?.queue,
      owner: this,
      closed: false,
      unsubscribe: () => {
        sub.closed = true;
        this.#subs.delete(sub);
        this.broker.subs.delete(sub);
      },
    };
    this.#subs.add(sub);
    this.broker.subs.add(sub);
    return sub;
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
    const inbox = `${this.#inboxPrefix}${++this.#inboxSeq}`;
    const sub = this.subscribe(inbox, (msg) => {
      clearTimeout(timer);
      sub.unsubscribe();
      callback(undefined, msg);
    });
    const timer = setTimeout(() => {
      sub.unsubscribe();
      callback(new RequestTimeoutError(subject), undefined);
    }, opts.timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      sub.unsubscribe();
      // Asynchronous, like the broker's "no responders" status message.
      setImmediate(() => callback(err, undefined));
    };
    try {
      if (this.#send(subject, data, opts, inbox) === 0) fail(new NoRespondersError(subject));
    } catch (err) {
      fail(err as Error);
    }
  }

  respond(msg: BusMessage, data: Uint8Array, opts?: PublishOptions): void {
    if (msg.reply) this.publish(msg.reply, data, opts);
  }

  async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async drain(): Promise<void> {
    if (this.#status === 'closed' || this.#status === 'draining') return;
    this.#setStatus('draining');
    while (this.broker.pendingFor(this))
      await new Promise<void>((resolve) => setImmediate(resolve));
    for (const sub of this.#subs) sub.unsubscribe();
    this.#setStatus('closed');
  }

  #assertOpen(): void {
    if (this.#status === 'closed' || this.#status === 'draining') throw new BusClosedError();
  }

  #send(
    subject: string,
    data: Uint8Array,
    opts: PublishOptions | undefined,
    reply: string | undefined,
  ): number {
    this.#assertOpen();
    return this.broker.route({
      subject,
      // A copy, so a publisher that reuses its buffer cannot change what was sent.
      data: Uint8Array.from(data),
      headers: opts?.headers ? { ...opts.headers } : undefined,
      reply,
    });
  }

  #setStatus(status: BusStatus): void {
    this.#status = status;
    for (const l of this.#listeners) l(status);
  }
}
