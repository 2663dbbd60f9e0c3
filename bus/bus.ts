// The Bus is the seam between muxgate and its message broker. The gateway, the
// hub and the services SDK see only this interface; NatsBus and MemoryBus
// implement it and pass the same contract suite (test/helpers/bus-contract.ts).
import type { DurableStore } from './durable.ts';

export type { BusMessage, Headers } from './message.ts';
import type { BusMessage, Headers } from './message.ts';

export type Handler = (msg: BusMessage) => void;

export interface Subscription {
  readonly subject: string;
  /** Stops delivery at once; messages already queued for this handler are dropped. */
  unsubscribe(): void;
}

export interface PublishOptions {
  headers?: Headers;
  /**
   * Called once, from the bus's dispatch, when the broker reports that nobody
   * subscribes to the subject (NATS answers such a publish with a 503 status
   * on its reply subject). Never called when someone does, so it costs the
   * caller nothing to forget. Protocol 1.1: how a `msg` to a service with no
   * running replica is answered `unavailable` instead of vanishing.
   */
  onNoResponders?: () => void;
}

export interface SubscribeOptions {
  /** Members of one queue group share the subject: each message goes to exactly one of them. */
  queue?: string;
}

export interface RequestOptions {
  timeoutMs: number;
  headers?: Headers;
}

/** Called once with the answer, or with NoRespondersError, RequestTimeoutError or BusClosedError. */
export type ReplyCallback = (err: Error | undefined, msg: BusMessage | undefined) => void;

export type BusStatus = 'connected' | 'reconnecting' | 'draining' | 'closed';

/**
 * Contract, for both implementations:
 * - Subjects are NATS subjects: tokens joined by '.', with '*' matching one
 *   token and '>' matching one or more trailing tokens in subscriptions.
 * - Messages one publisher sends on one subject reach each subscriber in order.
 * - Handlers run one at a time per subscription, never re-entrantly.
 * - `request` rejects with NoRespondersError when nobody subscribes to the
 *   subject, and with RequestTimeoutError when no answer comes in time.
 * - `publish` never throws for a missing subscriber; it throws BusClosedError
 *   once the bus is draining or closed, as `subscribe` and `respond` do.
 * - Draining fails every pending request with BusClosedError at once; a
 *   request made after that fails with it too, through its callback and
 *   never synchronously. Status then moves draining -> closed, which is final.
 * - Once closed, `flush` and `drain` resolve at once.
 */
export interface Bus {
  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void;
  subscribe(subject: string, handler: Handler, opts?: SubscribeOptions): Subscription;
  request(subject: string, data: Uint8Array, opts: RequestOptions): Promise<BusMessage>;
  /**
   * request(), with the answer handed to `callback` from the bus's own
   * dispatch, in order with every other message this bus receives. A promise
   * would run later, after messages that arrived with the answer: the gateway
   * must apply a JoinReply's groups before a group message the service
   * published right after it.
   */
  requestCallback(
    subject: string,
    data: Uint8Array,
    opts: RequestOptions,
    callback: ReplyCallback,
  ): void;
  /** Answers a request; a no-op for a message that carried no reply subject. */
  respond(msg: BusMessage, data: Uint8Array, opts?: PublishOptions): void;
  /** Resolves once everything published so far has reached the broker. */
  flush(): Promise<void>;
  /** Lets subscriptions finish their queued messages, then closes; every call gets the same promise. */
  drain(): Promise<void>;
  readonly status: BusStatus;
  /** Calls the listener on every status change; returns a function that stops it. */
  onStatus(listener: (status: BusStatus) => void): () => void;
  /** A short name for logs: "nats" or "memory". */
  readonly kind: string;
  /** Where the bus is attached, for logs and the bus-state metric: host:port on NATS. */
  readonly server: string;
  /** Durable groups (protocol 1.1), where the broker can keep them. */
  readonly durable?: DurableStore;
}

export class BusError extends Error {
  override name = 'BusError';
}

export class NoRespondersError extends BusError {
  override name = 'NoRespondersError';
  constructor(
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(`no responders for ${subject}`, options);
  }
}

export class RequestTimeoutError extends BusError {
  override name = 'RequestTimeoutError';
  constructor(
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(`request to ${subject} timed out`, options);
  }
}

export class BusClosedError extends BusError {
  override name = 'BusClosedError';
  constructor(options?: ErrorOptions) {
    super('the bus is draining or closed', options);
  }
}

/** request() for implementations that have requestCallback: one promise wrapper for every Bus. */
export function requestPromise(
  bus: Pick<Bus, 'requestCallback'>,
  subject: string,
  data: Uint8Array,
  opts: RequestOptions,
): Promise<BusMessage> {
  return new Promise((resolve, reject) =>
    bus.requestCallback(subject, data, opts, (err, msg) =>
      err || !msg ? reject(err) : resolve(msg),
    ),
  );
}
