// What waits for a stream's `joined`, or for a replay from the store to
// finish: the service's frames, group frames and durable group messages, in
// arrival order, up to a limit. Past it, a durable message is not lost (the
// store has it, and the overflow makes the replay read on); anything else is
// dropped, and the stream that dropped it must not go on as if whole: it
// fails its join, or leaves with `unavailable` (Stream).
import type { OutboundFrame } from '../proto/index.ts';
import type { ServerFrameType } from '../protocol/frames.ts';
import type { LiveMessage } from './live.ts';

export type Held =
  | { out: OutboundFrame }
  | { frame: string | Buffer; type: ServerFrameType }
  | { live: LiveMessage };

export class HoldQueue {
  #items: Held[] | undefined;
  #overflowed = false;
  #lost = false;

  constructor(private readonly max: number) {}

  /** Holds the item; false when it was dropped for want of room and not kept elsewhere. */
  add(item: Held): boolean {
    const items = (this.#items ??= []);
    if (items.length < this.max) items.push(item);
    else if ('live' in item) this.#overflowed = true;
    else return !(this.#lost = true);
    return true;
  }

  /** True once a frame that only existed here was dropped: the stream has a gap. */
  get lost(): boolean {
    return this.#lost;
  }

  /** Everything held, in order; the queue is empty afterwards. */
  take(): Held[] {
    const items = this.#items ?? [];
    this.#items = undefined;
    return items;
  }

  /** Puts back what was not handed on, after whatever was held since take(). */
  putBack(rest: Held[]): void {
    if (rest.length) this.#items = [...(this.#items ?? []), ...rest];
  }

  /** True once durable messages were dropped for want of room. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** True (once) when durable messages were dropped since the last call. */
  takeOverflow(): boolean {
    const was = this.#overflowed;
    this.#overflowed = false;
    return was;
  }

  clear(): void {
    this.#items = undefined;
  }
}
