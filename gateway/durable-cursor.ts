// Where one client stands in its stream's durable group (protocol 1.1), and
// how it catches up: the join locates it (the group's position now, and where
// replay starts: after `since`, after the service's snapshot, or nowhere), and
// replays read what it missed from the store. The stream that owns the cursor
// decides when; this file knows the store's rules.
import { formatPosition, parsePosition, type DurableStore, type Position } from '../bus/durable.ts';
import type { FrameTarget } from './encoding.ts';
import { storedMessage, type LiveMessage } from './live.ts';

export interface Located {
  readonly cursor: DurableCursor;
  /** `joined.pos`: the group's position when live delivery started. */
  readonly pos: string;
  /** `joined.recovered`: present when the client sent `since`. */
  readonly recovered: boolean | undefined;
  /** Replay runs up to here; every later message arrives live. */
  readonly upTo: number;
}

/** What a replay needs from its stream. */
export interface ReplayTarget {
  /** Writes a frame; false once the stream has ended (the replay stops). */
  write(frame: Buffer): boolean;
  /** Resolves when the client can take more. */
  whenWritable(): Promise<void>;
  /** True (once) when live messages overflowed the stream's hold and must be read from the store. */
  takeOverflow(): boolean;
  /** A stored message that is not a GroupMessage with JSON. */
  undecodable(): void;
}

export class DurableCursor {
  private constructor(
    private readonly store: DurableStore,
    readonly subject: string,
    /** The stream, for its frames. */
    private readonly to: FrameTarget,
    readonly epoch: string,
    /** The last sequence written to the client, or the one its copy starts after. */
    public lastSeq: number,
  ) {}

  /**
   * Called once the live subscription is in, so every message after the
   * position taken here arrives live: replay up to it leaves no gap.
   * Throws when the store cannot answer.
   */
  static async locate(
    store: DurableStore,
    subject: string,
    to: FrameTarget,
    sinceText: string | undefined,
    snapshotText: string | undefined,
    /** The group's position as the gateway's live subscription knows it: spares the store a lookup. */
    known?: Position,
  ): Promise<Located> {
    const since = sinceText === undefined ? undefined : parsePosition(sinceText);
    const [now, recovered] = await Promise.all([
      known ?? store.last(subject),
      since ? store.recoverable(subject, since) : false,
    ]);
    if (!now) throw new Error(`no store keeps ${subject}`);
    const snapshot = snapshotText === undefined ? undefined : parsePosition(snapshotText);
    const start = recovered ? since!.seq : startOf(snapshot, now);
    // A position known from the live subscription may lag a snapshot the
    // service read from the store: what lies between is in the snapshot and
    // will also arrive live, where the cursor drops it as seen.
    const upTo = Math.max(now.seq, start);
    return {
      cursor: new DurableCursor(store, subject, to, now.epoch, start),
      pos: formatPosition({ epoch: now.epoch, seq: upTo }),
      recovered: sinceText === undefined ? undefined : recovered,
      upTo,
    };
  }

  /** What to do with a live message: write it, drop it as seen, or replay what precedes it first. */
  classify(msg: LiveMessage): 'new' | 'seen' | 'gap' {
    if (msg.seq <= this.lastSeq) return 'seen';
    // The group's previous message never reached this client (a reconnect
    // to NATS, a leader change): it is in the store.
    return msg.prev > this.lastSeq ? 'gap' : 'new';
  }

  /** The frame for a new message, which the client now has. */
  take(msg: LiveMessage): Buffer {
    this.lastSeq = msg.seq;
    return msg.frame(this.to, this.epoch);
  }

  /**
   * Writes the group's messages after `after` up to `upTo` that the client
   * has not seen, paced by the client, and reads on while live messages
   * overflowed meanwhile. Throws when the store fails or has dropped
   * messages before they could be read: the caller must tell the client.
   */
  async replay(after: number, upTo: number, target: ReplayTarget): Promise<void> {
    let from = after;
    let to = upTo;
    let open = true;
    for (;;) {
      if (from < to)
        await this.store.read(this.subject, from, to, async (batch) => {
          for (const m of batch) {
            const msg = storedMessage(m.seq, m.data, m.headers);
            if (!msg) target.undecodable();
            else if (m.seq > this.lastSeq && !(open = target.write(this.take(msg)))) return;
          }
          await target.whenWritable();
        });
      if (!open) return;
      if (!target.takeOverflow()) {
        // A group loses its oldest messages first: if the one the replay
        // started after is still kept, nothing after it went while we read.
        const intact = await this.store.recoverable(this.subject, {
          epoch: this.epoch,
          seq: after,
        });
        if (!intact) throw new Error('the group dropped messages before they could be replayed');
        if (!target.takeOverflow()) return;
      }
      from = this.lastSeq;
      to = (await this.store.last(this.subject))?.seq ?? from;
    }
  }
}

/** Replay starts after the service's snapshot when it names one in this store; else live only. */
function startOf(snapshot: Position | undefined, now: Position): number {
  return snapshot?.epoch === now.epoch ? snapshot.seq : now.seq;
}
