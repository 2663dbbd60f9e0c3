// What a bus reconnect costs the streams, told instead of hidden. NATS core
// keeps nothing for a subscriber that is away: whatever was published to a
// plain group or a presence group, and whatever a service sent one
// connection (a direct msg, a close, a group_add), while this gateway's
// connection was down (a nats-server restart, a node killed in a cluster,
// nats-server cutting the gateway as a slow consumer) never reaches it, and
// nats.js subscribes again on reconnect without a word about what passed.
// Only a durable group's messages come back by themselves: their live copies
// carry `prev`, and a gap reads the store (durable-cursor.ts).
//
// So every stream its service had accepted when the bus came back ends as an
// overflowed hold ends it (stream.ts): `left` `unavailable`, a Leave for its
// service, and the client rejoins (with `since` on a durable group, so
// nothing is replayed twice); one still joining fails its join with
// `unavailable`. docs/protocol-decisions.md, "The gateway's NATS connection
// comes back".
import type { Logger } from '../lib/log.ts';
import type { GatewayMetrics } from './metrics.ts';

/** What a bus gap can do to a stream: end it, or fail its join. */
export interface GapExposed {
  /**
   * The bus came back: the stream may have missed group messages. Returns
   * what it was when told ('joined' ends now, 'joining' fails its join).
   */
  busReturned(): 'joined' | 'joining' | undefined;
}

export const BUS_GAP_REASON = 'may have been lost while the gateway reconnected to NATS';

export class BusGaps {
  /**
   * Streams their service accepted, from the accept until they end: the
   * service may send any of them frames on the connection's subject, which
   * carry no sequence. A stream stays here after a group_discard too:
   * nats.js reports the reconnect after it has resubscribed, so a discard
   * published after the outage may be applied first.
   */
  readonly #exposed = new Set<GapExposed>();

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {}

  add(stream: GapExposed): void {
    this.#exposed.add(stream);
  }

  delete(stream: GapExposed): void {
    this.#exposed.delete(stream);
  }

  /** Streams a reconnect would end now, for tests and diagnostics. */
  get size(): number {
    return this.#exposed.size;
  }

  /**
   * The bus is connected again after being away: every exposed stream is
   * told (GapExposed.busReturned). Returns how many ended, and how many
   * joins will fail; BusWatch logs them with the reconnect.
   */
  busBack(): { ended: number; joinsFailed: number } {
    const exposed = [...this.#exposed];
    let joined = 0;
    let joining = 0;
    for (const s of exposed) {
      let was;
      try {
        was = s.busReturned();
      } catch (err) {
        // A bug here must cost one stream, not the others' notice.
        this.log.error({ err }, 'ending a stream after a bus gap failed');
      }
      if (was === 'joined') joined++;
      else if (was === 'joining') joining++;
    }
    this.metrics.busGapStreams('joined', joined);
    this.metrics.busGapStreams('joining', joining);
    return { ended: joined, joinsFailed: joining };
  }
}
