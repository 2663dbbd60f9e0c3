// How a joined stream delivers its durable group (protocol 1.1): each live
// message is written, dropped as seen, or, after a gap, held while what the
// client missed is replayed from the store first (DurableCursor). A replay
// is paced by the client, and reads on while live messages overflow the
// stream's hold. The stream keeps its phase and its hold; this keeps the
// cursor and whether a replay is running.
import type { DurableCursor, ReplayTarget } from './durable-cursor.ts';
import type { Held, HoldQueue } from './hold.ts';
import type { LiveMessage } from './live.ts';
import type { BaseStreamContext } from './stream-context.ts';

/** What a durable delivery needs from its stream. */
export interface DeliveryHost {
  readonly name: string;
  /** True until the stream ends; a replay stops writing then. */
  joined(): boolean;
  /** Holds a frame until the replay is done (Stream's hold). */
  hold(item: Held): void;
  /** Hands on what waited, once a replay is done. */
  release(): void;
  /** Ends the stream with `left` `unavailable`: it can no longer deliver everything. */
  gone(why: string): void;
}

export class DurableDelivery {
  /** Reading missed messages from the store: everything else waits. */
  #replaying = false;
  readonly #target: ReplayTarget;

  constructor(
    private readonly cursor: DurableCursor,
    private readonly ctx: BaseStreamContext,
    held: HoldQueue,
    private readonly stream: DeliveryHost,
  ) {
    this.#target = {
      write: (frame) => {
        if (!stream.joined()) return false;
        ctx.owner.write(frame, 'msg');
        return true;
      },
      whenWritable: () => ctx.owner.whenWritable(() => stream.joined()),
      takeOverflow: () => held.takeOverflow(),
      undecodable: () => ctx.metrics.dropped('undecodable'),
    };
  }

  get replaying(): boolean {
    return this.#replaying;
  }

  /** Writes a durable message the client has not seen; replays first what it missed before it. */
  live(msg: LiveMessage): void {
    const cursor = this.cursor;
    const verdict = cursor.classify(msg);
    if (verdict === 'new') return this.ctx.owner.write(cursor.take(msg), 'msg');
    if (verdict === 'seen') return;
    this.stream.hold({ live: msg });
    void this.replay(cursor.lastSeq, msg.prev);
  }

  /**
   * Replays what the client missed (DurableCursor.replay) with everything
   * else held meanwhile. If the store fails, the stream ends with `left`
   * `unavailable`: the client rejoins with its last `pos` rather than miss a
   * message unknowingly.
   */
  async replay(after: number, upTo: number): Promise<void> {
    this.#replaying = true;
    try {
      await this.cursor.replay(after, upTo, this.#target);
    } catch (err) {
      if (!this.stream.joined()) return;
      this.ctx.log.warn({ err, conn: this.ctx.conn, stream: this.stream.name }, 'replay failed');
      return this.stream.gone('missed messages could not be read');
    } finally {
      this.#replaying = false;
    }
    if (this.stream.joined()) this.stream.release();
  }
}
