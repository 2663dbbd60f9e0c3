// Carries out, on a joined stream, the frames its service sends
// (interpreted and checked by outbound.ts): writes them, settles the replies
// a msg is owed, ends the stream the service closes, changes its groups.
import type { OutboundFrame } from '../proto/index.ts';
import type { Member } from './hub.ts';
import { interpretOutbound } from './outbound.ts';
import type { ServiceRequests } from './requests.ts';
import type { BaseStreamContext } from './stream-context.ts';
import type { StreamMemberships } from './stream-memberships.ts';

/** What applying a frame may do to the stream beside writing and its groups. */
export interface OutboundHost {
  readonly member: Member;
  readonly service: string;
  readonly requests: ServiceRequests;
  readonly memberships: StreamMemberships;
  /** Ends the stream; `why` answers the msgs still waiting for a reply. */
  end(why?: { code: string; message: string }): void;
}

export class StreamOutbound {
  constructor(
    private readonly ctx: BaseStreamContext,
    private readonly host: OutboundHost,
  ) {}

  apply(out: OutboundFrame): void {
    const { owner, metrics } = this.ctx;
    const { member, requests, memberships } = this.host;
    const action = interpretOutbound(out, member, member.encoding);
    switch (action.kind) {
      case 'msg':
        return owner.write(action.frame, 'msg');
      case 'reply':
        // Already answered (timeout, unavailable) or never asked: a second
        // answer to one ref would contradict the first.
        if (!requests.settle(action.refJson)) return metrics.dropped('late');
        return owner.write(action.frame, 'reply');
      case 'close':
        // A msg still waiting gets the service's reason for closing, not a bare not_joined.
        this.host.end(
          action.code === undefined
            ? undefined
            : { code: action.code, message: action.reason ?? 'closed' },
        );
        return owner.write(action.frame, 'left');
      case 'groupAdd':
        for (const g of action.groups) memberships.join(g);
        if (action.bad.length) this.#invalid(`bad group names ${JSON.stringify(action.bad)}`);
        return;
      case 'groupDiscard':
        for (const g of action.groups) memberships.leave(g);
        return;
      case 'invalid':
        return this.#invalid(action.problem);
    }
  }

  #invalid(problem: string): void {
    this.ctx.metrics.dropped('invalid');
    this.ctx.log.warn(
      { conn: this.ctx.conn, stream: this.host.member.name, service: this.host.service },
      `invalid Outbound: ${problem}`,
    );
  }
}
