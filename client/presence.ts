// A stream's presence list (protocol 1.1 §4.3), kept from the gateway's
// `presence` answer and the `presence_diff` frames after it. A diff may
// repeat what an answer already showed (the answer is the list at that
// moment, diffs say what changed since the last diff): joins are applied as
// upserts and leaves as deletes, so repeating one changes nothing.
import type { PresenceMember, StreamFrame } from '../protocol/server-frames.ts';

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

export class PresenceList {
  readonly #members = new Map<string, PresenceMember>();
  #count = 0;

  get count(): number {
    return this.#count;
  }

  get members(): PresenceMember[] {
    return [...this.#members.values()];
  }

  /** A `presence` answer or a `presence_diff`. */
  take(frame: Extract<StreamFrame, { type: 'presence' | 'presence_diff' }>): PresenceView {
    return frame.type === 'presence'
      ? this.answered(frame.count, frame.members)
      : this.changed(frame.joins, frame.leaves, frame.count);
  }

  /** A `presence` answer: the whole list. */
  answered(count: number, members: readonly PresenceMember[]): PresenceView {
    this.#members.clear();
    for (const m of members) this.#members.set(m.conn, m);
    this.#count = count;
    return { count, members: this.members, joins: [], leaves: [] };
  }

  /** A `presence_diff`. */
  changed(
    joins: readonly PresenceMember[],
    leaves: readonly PresenceMember[],
    count: number | undefined,
  ): PresenceView {
    for (const m of leaves) this.#members.delete(m.conn);
    for (const m of joins) this.#members.set(m.conn, m);
    // A gateway that sends no count (it is muxgate's addition): what the list holds.
    this.#count = count ?? this.#members.size;
    return { count: this.#count, members: this.members, joins: [...joins], leaves: [...leaves] };
  }
}
