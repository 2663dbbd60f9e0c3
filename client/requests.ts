// A stream's requests in flight, by ref. A request is either queued (never
// written) or sent; when the socket drops only the sent ones fail, because
// only they may be lost: queued ones go out after the rejoin.
import { ClientErrorCode, MuxError } from './errors.ts';

type Timer = ReturnType<typeof setTimeout>;

interface Entry {
  resolve(payload: unknown): void;
  reject(err: MuxError): void;
  timer: Timer;
  sent: boolean;
}

export class Requests {
  readonly #entries = new Map<number, Entry>();

  constructor(readonly stream: string) {}

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Tracks a request; `onTimeout` runs before the rejection, so the caller can
   * take the frame back out of the send queue.
   */
  add(ref: number, timeoutMs: number, sent: boolean, onTimeout: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#entries.delete(ref);
        onTimeout();
        reject(
          new MuxError(
            ClientErrorCode.Timeout,
            `no reply on ${this.stream} within ${timeoutMs} ms`,
            {
              stream: this.stream,
            },
          ),
        );
      }, timeoutMs);
      this.#entries.set(ref, { resolve, reject, timer, sent });
    });
  }

  has(ref: unknown): ref is number {
    return typeof ref === 'number' && this.#entries.has(ref);
  }

  markSent(ref: number): void {
    const e = this.#entries.get(ref);
    if (e) e.sent = true;
  }

  resolve(ref: number, payload: unknown): void {
    const e = this.#take(ref);
    e?.resolve(payload);
  }

  reject(ref: number, err: MuxError): void {
    this.#take(ref)?.reject(err);
  }

  /** Rejects every request (or only the sent ones) with `err`. */
  rejectAll(err: MuxError, onlySent = false): void {
    for (const [ref, e] of [...this.#entries]) if (!onlySent || e.sent) this.reject(ref, err);
  }

  #take(ref: number): Entry | undefined {
    const e = this.#entries.get(ref);
    if (!e) return undefined;
    clearTimeout(e.timer);
    this.#entries.delete(ref);
    return e;
  }
}
