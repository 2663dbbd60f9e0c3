// A stream's presence (protocol 1.1 §4.3): `stream.presence`. It asks the
// gateway for the list and keeps it from the `presence_diff` frames after
// the answer. A diff may repeat what an answer already showed (the answer is
// the list at that moment; diffs say what changed since the last diff):
// joins are applied as upserts and leaves as deletes, so a repeat changes
// nothing.
import type { PresenceMember, StreamFrame } from '../protocol/server-frames.ts';
import { Emitter } from './emitter.ts';
import type { MuxError } from './errors.ts';

export type { PresenceMember };

/** The list as the application sees it, after each answer and each diff. */
export interface PresenceView {
  /** Exact, even when `members` was cut (over the gateway's limit, 1,000 by default). */
  count: number;
  members: PresenceMember[];
  /** What the diff changed; empty after an answer. */
  joins: PresenceMember[];
  leaves: PresenceMember[];
}

export interface PresenceEvents {
  /** After each answer and each diff: the whole list, and what changed. */
  change: PresenceView;
  /** A request made on its own (`track`) failed. */
  error: MuxError;
}

type PresenceFrame = Extract<StreamFrame, { type: 'presence' | 'presence_diff' }>;

export class StreamPresence extends Emitter<PresenceEvents> {
  readonly #members = new Map<string, PresenceMember>();
  #count = 0;
  /** join({ presence: true }): ask again after every `joined` (a new socket is a new member). */
  track = false;

  /** `ask` sends a `presence` frame with a ref; it settles once the answer was taken. */
  constructor(private readonly ask: (timeoutMs: number) => Promise<unknown>) {
    super();
  }

  /** As of the last answer and diff; empty before the first answer. */
  get members(): PresenceMember[] {
    return [...this.#members.values()];
  }

  /** The group's exact count, as of the last answer or diff. */
  get count(): number {
    return this.#count;
  }

  /**
   * Asks who is in the group; resolves with the list, which `members`,
   * `count` and `change` then follow. Rejects with `forbidden` when the
   * service did not turn presence on, or as a request does.
   */
  async request(opts: { timeout?: number } = {}): Promise<PresenceView> {
    await this.ask(opts.timeout ?? 10_000);
    return this.#view([], []);
  }

  /** The stream is joined (again). */
  joined(): void {
    if (this.track) this.request().catch((err: MuxError) => this.emit('error', err));
  }

  /** A `presence` answer or a `presence_diff` for the stream. */
  take(frame: PresenceFrame): void {
    if (frame.type === 'presence') {
      this.#members.clear();
      for (const m of frame.members) this.#members.set(m.conn, m);
      this.#count = frame.count;
      return this.emit('change', this.#view([], []));
    }
    for (const m of frame.leaves) this.#members.delete(m.conn);
    for (const m of frame.joins) this.#members.set(m.conn, m);
    // A gateway that sends no count (it is muxgate's addition): what the list holds.
    this.#count = frame.count ?? this.#members.size;
    this.emit('change', this.#view(frame.joins, frame.leaves));
  }

  #view(joins: PresenceMember[], leaves: PresenceMember[]): PresenceView {
    return { count: this.#count, members: this.members, joins: [...joins], leaves: [...leaves] };
  }
}
