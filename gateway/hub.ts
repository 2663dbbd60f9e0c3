// The hub indexes this gateway's connections and group memberships. It holds
// one bus subscription for every connection's Outbound frames, and one per
// group with at least one local member, so a gateway never receives traffic
// for groups it has no members of.
import type { Bus, BusMessage, Subscription } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import { extractContext, inSpan, SpanKind } from '../bus/trace.ts';
import { GroupMessage, Outbound } from '../proto/index.ts';
import { msgFrame } from './codec.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Logger } from '../lib/log.ts';

/** A (connection, stream) pair: what a group message is delivered to. */
export interface Member {
  readonly stream: string;
  readonly streamJson: string;
  /** Writes an encoded frame to the member's socket. */
  sendFrame(frame: string | Buffer, type: string): void;
}

/** What the hub needs from a session to hand it Outbound frames. */
export interface Connection {
  readonly id: string;
  deliver(out: Outbound): void;
}

type Outbound = ReturnType<typeof Outbound.decode>;

interface Group {
  readonly sub: Subscription;
  readonly members: Set<Member>;
}

const dec = new TextDecoder();

export class Hub {
  readonly #conns = new Map<string, Connection>();
  readonly #groups = new Map<string, Group>();
  #connSub: Subscription | undefined;
  readonly #connPrefixLength: number;

  constructor(
    readonly bus: Bus,
    readonly subjects: Subjects,
    readonly gatewayId: string,
    readonly metrics: GatewayMetrics,
    readonly log: Logger,
  ) {
    this.#connPrefixLength = subjects.conn(gatewayId, '').length;
  }

  start(): void {
    this.#connSub = this.bus.subscribe(this.subjects.connsOf(this.gatewayId), this.#onOutbound);
  }

  get connectionCount(): number {
    return this.#conns.size;
  }

  connections(): IterableIterator<Connection> {
    return this.#conns.values();
  }

  register(conn: Connection): void {
    this.#conns.set(conn.id, conn);
  }

  unregister(conn: Connection): void {
    this.#conns.delete(conn.id);
  }

  /** Adds a member; subscribes to the group on its first local member. Returns false if it was already one. */
  addMember(group: string, member: Member): boolean {
    let g = this.#groups.get(group);
    if (!g) {
      g = {
        sub: this.bus.subscribe(this.subjects.group(group), this.#onGroup),
        members: new Set(),
      };
      this.#groups.set(group, g);
      this.metrics.groupSubscriptions.inc();
    }
    if (g.members.has(member)) return false;
    g.members.add(member);
    this.metrics.groupMembers.inc();
    return true;
  }

  /** Removes a member; unsubscribes from the group with its last local member. */
  removeMember(group: string, member: Member): void {
    const g = this.#groups.get(group);
    if (!g || !g.members.delete(member)) return;
    this.metrics.groupMembers.dec();
    if (g.members.size === 0) {
      g.sub.unsubscribe();
      this.#groups.delete(group);
      this.metrics.groupSubscriptions.dec();
    }
  }

  /** Whether this gateway already subscribes to the group (has a local member). */
  hasGroup(group: string): boolean {
    return this.#groups.has(group);
  }

  /** Groups this gateway subscribes to, for tests and diagnostics. */
  groupNames(): string[] {
    return [...this.#groups.keys()];
  }

  stop(): void {
    this.#connSub?.unsubscribe();
    for (const g of this.#groups.values()) g.sub.unsubscribe();
    this.#groups.clear();
  }

  #onOutbound = (msg: BusMessage): void => {
    const conn = this.#conns.get(msg.subject.slice(this.#connPrefixLength));
    // The connection may have closed while the frame was in flight: normal, not an error.
    if (!conn) return void this.metrics.busDropped.labels('gone').inc();
    let out: Outbound;
    try {
      out = Outbound.decode(msg.data);
    } catch (err) {
      this.metrics.busDropped.labels('undecodable').inc();
      return this.log.warn({ err, subject: msg.subject }, 'undecodable Outbound frame');
    }
    inSpan('muxgate deliver', SpanKind.CONSUMER, extractContext(msg.headers), (span) => {
      span.setAttribute('muxgate.stream', out.stream ?? '');
      conn.deliver(out);
    });
  };

  #onGroup = (msg: BusMessage): void => {
    this.metrics.groupMessages.inc();
    const g = this.#groups.get(this.subjects.groupOf(msg.subject));
    if (!g) return;
    let payload: string;
    try {
      payload = dec.decode(GroupMessage.decode(msg.data).payload ?? new Uint8Array(0)) || 'null';
      JSON.parse(payload);
    } catch (err) {
      this.metrics.busDropped.labels('undecodable').inc();
      return this.log.warn({ err, subject: msg.subject }, 'undecodable GroupMessage');
    }
    // Encoded once per stream name, not once per member: members of one group
    // nearly always share their stream name (all of "chat:lobby").
    // As bytes, so the socket writes do not encode the text again per member.
    const frames = new Map<string, Buffer>();
    for (const m of g.members) {
      let frame = frames.get(m.stream);
      if (frame === undefined)
        frames.set(m.stream, (frame = Buffer.from(msgFrame(m.streamJson, payload))));
      m.sendFrame(frame, 'msg');
    }
  };
}
