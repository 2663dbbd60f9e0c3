// What NatsBus and MemoryBus share beside the broker: the status they report,
// their pending requests, and what happens to both when the bus drains. One
// class, so the two cannot drift apart after a close (the contract suite
// checks the behaviour, test/helpers/bus-contract.ts).
import type { Logger } from '../lib/log.ts';
import {
  BusClosedError,
  RequestTimeoutError,
  type BusMessage,
  type BusStatus,
  type ReplyCallback,
} from './bus.ts';

interface Pending {
  readonly subject: string;
  readonly callback: ReplyCallback;
  readonly timer: NodeJS.Timeout;
  /** Releases what the bus holds for this request (the memory bus's inbox subscription). */
  readonly release: (() => void) | undefined;
}

/**
 * Status moves connected <-> reconnecting while the bus is open, then
 * draining, then closed, which is final: a broker event arriving late never
 * moves it back.
 */
export class BusLifecycle {
  #status: BusStatus = 'connected';
  readonly #listeners = new Set<(status: BusStatus) => void>();
  readonly #pending = new Map<string, Pending>();
  #seq = 0;
  #drained: Promise<void> | undefined;

  constructor(private readonly log: Logger) {}

  get status(): BusStatus {
    return this.#status;
  }

  /** Nothing may be published, subscribed or requested once this is false. */
  get open(): boolean {
    return this.#status === 'connected' || this.#status === 'reconnecting';
  }

  assertOpen(): void {
    if (!this.open) throw new BusClosedError();
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The broker connection went away or came back; ignored once the bus is draining. */
  connection(up: boolean): void {
    if (this.open) this.#set(up ? 'connected' : 'reconnecting');
  }

  /** The broker connection closed (after a drain, or on its own): pending requests fail. */
  closed(): void {
    if (this.#status === 'closed') return;
    this.#failPending();
    this.#set('closed');
  }

  /**
   * Drains once: the status goes to draining and every pending request fails
   * with BusClosedError at once (an answer could no longer be acted on, and
   * waiting for the timers would hold the drain up), then `work` runs and the
   * status ends closed even when it fails. Later calls get the same promise.
   */
  drain(work: () => Promise<void>): Promise<void> {
    if (this.#status === 'closed') return (this.#drained ??= Promise.resolve());
    this.#drained ??= (async () => {
      this.#set('draining');
      this.#failPending();
      try {
        await work();
      } finally {
        this.closed();
      }
    })();
    return this.#drained;
  }

  /** Resolves once the bus is closed; what flush() means on a bus that is no longer open. */
  ended(): Promise<void> {
    return this.#drained ?? Promise.resolve();
  }

  /**
   * Registers a request and returns its token. The callback gets
   * RequestTimeoutError after `timeoutMs` unless `settle` comes first.
   */
  request(
    subject: string,
    timeoutMs: number,
    callback: ReplyCallback,
    release?: () => void,
  ): string {
    const token = String(++this.#seq);
    const timer = setTimeout(
      () => this.settle(token, new RequestTimeoutError(subject), undefined),
      timeoutMs,
    );
    this.#pending.set(token, { subject, callback, timer, release });
    return token;
  }

  /** The subject a pending request was sent to; undefined once it is settled. */
  subjectOf(token: string): string | undefined {
    return this.#pending.get(token)?.subject;
  }

  /** Hands a request its answer or its error; false when it was settled already (a late answer). */
  settle(token: string, err: Error | undefined, msg: BusMessage | undefined): boolean {
    const req = this.#pending.get(token);
    if (!req) return false;
    this.#pending.delete(token);
    clearTimeout(req.timer);
    req.release?.();
    try {
      req.callback(err, msg);
    } catch (e) {
      this.log.error({ err: e, subject: req.subject }, 'bus reply callback threw');
    }
    return true;
  }

  #failPending(): void {
    for (const token of [...this.#pending.keys()])
      this.settle(token, new BusClosedError(), undefined);
  }

  #set(status: BusStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch (err) {
        this.log.error({ err, status }, 'bus status listener threw');
      }
    }
  }
}
