// Frames waiting for their stream to be joined: while the socket is down, and
// while a stream rejoins after a reconnect (the gateway refuses a `msg` for a
// stream whose join is still in flight). One bound for the whole client, so a
// long outage costs bounded memory and the application hears about it.
import type { WireFrame } from './codec.ts';
import { ClientErrorCode, MuxError } from './errors.ts';

export interface Queued {
  readonly stream: string;
  /** The encoded frame. */
  readonly text: WireFrame;
  /** Set for requests, so a timed-out request can take its frame back. */
  readonly ref?: number;
}

export class SendQueue {
  readonly #items: Queued[] = [];

  constructor(readonly limit: number) {}

  get size(): number {
    return this.#items.length;
  }

  /** Throws MuxError(queue_full) when the queue holds `limit` frames. */
  push(item: Queued): void {
    if (this.#items.length >= this.limit)
      throw new MuxError(
        ClientErrorCode.QueueFull,
        `send queue is full (${this.limit} frames) while ${item.stream} is not joined`,
        { stream: item.stream },
      );
    this.#items.push(item);
  }

  /** Removes and returns the stream's frames, oldest first. */
  take(stream: string): Queued[] {
    const out: Queued[] = [];
    for (let i = 0; i < this.#items.length;) {
      if (this.#items[i]!.stream === stream) out.push(...this.#items.splice(i, 1));
      else i++;
    }
    return out;
  }

  /** Removes a request's frame; false when it was not queued (already sent). */
  remove(ref: number): boolean {
    const i = this.#items.findIndex((q) => q.ref === ref);
    if (i < 0) return false;
    this.#items.splice(i, 1);
    return true;
  }
}
