// What one stream is a member of, kept together so that its end undoes all
// of it: its groups (hub.ts), its durable group's feed (live.ts) and, once
// joined, its presence seat (§4.3, presence.ts). From the service's accept
// until it ends, the stream is in BusGaps (bus-gaps.ts): a bus reconnect can
// cost it messages to its plain groups, its seat's diffs, and whatever its
// service sent it directly.
import type { ScopeProps } from '../proto/index.ts';
import type { Ref } from '../protocol/frames.ts';
import type { BusGaps, GapExposed } from './bus-gaps.ts';
import type { Hub, Member } from './hub.ts';
import type { LiveMember } from './live.ts';
import type { Presence, PresenceSeat } from './presence.ts';
import type { PresenceAsk } from './router.ts';

export class StreamMemberships {
  readonly #hub: Hub;
  readonly #member: Member & LiveMember & GapExposed;
  readonly #gaps: BusGaps;
  readonly #groups = new Set<string>();
  /** Protocol 1.1: the stream's durable group, once a service named one. */
  #durableGroup: string | undefined;
  /** §4.3: the presence the service turned on, and the stream's seat once joined. */
  #presenceAsk: PresenceAsk | undefined;
  #seat: PresenceSeat | undefined;

  constructor(hub: Hub, member: Member & LiveMember & GapExposed, gaps: BusGaps) {
    this.#hub = hub;
    this.#member = member;
    this.#gaps = gaps;
  }

  join(group: string): void {
    if (this.#groups.has(group)) return;
    this.#groups.add(group);
    this.#hub.addMember(group, this.#member);
  }

  leave(group: string): void {
    if (this.#groups.delete(group)) this.#hub.removeMember(group, this.#member);
  }

  /** Follows the durable group's stored messages; what LiveFeeds.add answers. */
  followDurable(group: string): boolean {
    this.#durableGroup = group;
    return this.#hub.live.add(group, this.#member);
  }

  /**
   * The service accepted the stream, with the presence its JoinAccept turned
   * on (the seat is taken at `joined`). From now on the service may send the
   * stream frames on the connection's subject, which nothing numbers: a bus
   * gap loses them as silently as a plain group's messages.
   */
  accepted(ask: PresenceAsk | undefined): void {
    this.#presenceAsk = ask;
    this.#gaps.add(this.#member);
  }

  takeSeat(presence: Presence | undefined, conn: string, scope: ScopeProps): void {
    const ask = this.#presenceAsk;
    if (ask) this.#seat = presence?.enter(ask, this.#member, conn, scope);
  }

  /** Answers a `presence` request; false when the stream has no seat. */
  answerPresence(ref: Ref | undefined): boolean {
    if (!this.#seat) return false;
    this.#seat.answer(ref);
    return true;
  }

  /** Leaves everything; the stream has ended. */
  clear(): void {
    for (const g of this.#groups) this.#hub.removeMember(g, this.#member);
    this.#groups.clear();
    this.#gaps.delete(this.#member);
    this.#seat?.leave();
    if (this.#durableGroup !== undefined) this.#hub.live.remove(this.#durableGroup, this.#member);
  }
}
