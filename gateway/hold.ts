// What waits for a stream's `joined`, or for a replay from the store to
// finish: the service's frames, group frames and durable group messages, in
// arrival order, up to a limit. Past it, a durable message is not lost (the
// store has it, and the overflow makes the replay read on); anything else is
// dropped and reported.
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

  constructor(
    private readonly max: number,
    /** Called for each non-durable item dropped past the limit. */
    private readonly onDrop: () => void,
  ) {}

  add(item: Held): void {
    const items = (this.#items ??= []);
    if (items.length < this.max) items.push(item);
    else if ('live' in item) this.#overflowed = true;
    else this.onDrop();
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
