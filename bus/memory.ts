// An in-process bus with NATS semantics, for `npm start` without a broker and
// for fast unit tests, as Django Channels has its in-memory layer. It passes
// the same contract suite as NatsBus.
import { randomBytes } from 'node:crypto';
import { fallbackLogger, type Logger } from '../lib/log.ts';
import {
  BusClosedError,
  NoRespondersError,
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
import { MemoryDurableStore } from './durable-memory.ts';
import type { DurableStore } from './durable.ts';
import { BusLifecycle } from './lifecycle.ts';
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
  /** Durable groups: what a JetStream stream beside the NATS server would keep. */
  readonly durable = new MemoryDurableStore((msg) => this.route(msg));
  #queue: Array<[MemorySub, BusMessage]> = [];
  #scheduled = false;

  connect(opts: MemoryBusOptions = {}): MemoryBus {
    return new MemoryBus(this, opts);
  }

  /** Returns how many subscriptions the message was queued for. */
  route(msg: BusMessage): number {
    // Stored before anyone sees it; the live copy follows the original, as
    // JetStream republishes only after storing.
    const live = this.durable.capture(msg);
    const count = this.#routeOne(msg);
    if (live) this.#routeOne(live);
    return count;
  }

  #routeOne(msg: BusMessage): number {
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
        sub.owner.log.error({ err, subject: msg.subject }, 'bus handler threw');
      }
    }
  };
}

export interface MemoryBusOptions {
  /** Where handler errors go; by default stderr. */
  log?: Logger;
}

export class MemoryBus implements Bus {
  readonly kind = 'memory';
  readonly server = 'memory';
  readonly log: Logger;
  readonly #life: BusLifecycle;
  #subs = new Set<MemorySub>();
  #inboxPrefix = `_INBOX.${randomBytes(8).toString('hex')}.`;
  #inboxSeq = 0;

  /** Without a broker, the bus gets one of its own. */
  constructor(
    readonly broker: MemoryBroker = new MemoryBroker(),
    opts: MemoryBusOptions = {},
  ) {
    this.log = opts.log ?? fallbackLogger();
    this.#life = new BusLifecycle(this.log);
  }

  get status(): BusStatus {
    return this.#life.status;
  }

  get durable(): DurableStore {
    return this.broker.durable;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    return this.#life.onStatus(listener);
  }

  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void {
    const routed = this.#send(subject, data, opts, undefined);
    const noResponders = opts?.onNoResponders;
    if (routed === 0 && noResponders) setImmediate(noResponders);
  }

  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription {
    this.#life.assertOpen();
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
    // Failures are reported asynchronously, as NatsBus reports them and as
    // the broker's "no responders" status message arrives.
    const failLater = (token: string, err: Error): void =>
      void setImmediate(() => this.#life.settle(token, err, undefined));
    if (!this.#life.open) {
      setImmediate(() => callback(new BusClosedError(), undefined));
      return;
    }
    const inbox = `${this.#inboxPrefix}${++this.#inboxSeq}`;
    const inboxSub = this.subscribe(inbox, (msg) => this.#life.settle(token, undefined, msg));
    const token = this.#life.request(subject, opts.timeoutMs, callback, () =>
      inboxSub.unsubscribe(),
    );
    try {
      if (this.#send(subject, data, opts, inbox) === 0)
        failLater(token, new NoRespondersError(subject));
    } catch (err) {
      failLater(token, err as Error);
    }
  }

  respond(msg: BusMessage, data: Uint8Array, opts?: PublishOptions): void {
    if (msg.reply) this.publish(msg.reply, data, opts);
  }

  async flush(): Promise<void> {
    // Drain delivers what was published before it; there is nothing after.
    if (!this.#life.open) return this.#life.ended();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  drain(): Promise<void> {
    return this.#life.drain(async () => {
      while (this.broker.pendingFor(this))
        await new Promise<void>((resolve) => setImmediate(resolve));
      for (const sub of this.#subs) sub.unsubscribe();
    });
  }

  #send(
    subject: string,
    data: Uint8Array,
    opts: PublishOptions | undefined,
    reply: string | undefined,
  ): number {
    this.#life.assertOpen();
    return this.broker.route({
      subject,
      // A copy, so a publisher that reuses its buffer cannot change what was sent.
      data: Uint8Array.from(data),
      headers: opts?.headers ? { ...opts.headers } : undefined,
      reply,
    });
  }
}
