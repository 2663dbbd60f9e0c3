// The hub indexes this gateway's connections and group memberships: it is the
// one registry of sessions, from the upgrade until the socket has closed. It
// holds one bus subscription for every connection's Outbound frames, and one
// per group with at least one local member, so a gateway never receives
// traffic for groups it has no members of.
import type { Bus, BusMessage, Subscription } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import { VIA_API, VIA_HEADER } from '../bus/groups.ts';
import { extractContext, inSpan, SpanKind } from '../bus/trace.ts';
import { GroupMessage, Outbound } from '../proto/index.ts';
import { jsonPayloadText } from '../protocol/json.ts';
import type { Encoding } from './encoding.ts';
import { LiveFeeds } from './live.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Logger } from '../lib/log.ts';
import type { ServerFrameType } from '../protocol/frames.ts';

/** A (connection, stream) pair: what a group message is delivered to. */
export interface Member {
  /** The stream's name, and the same as JSON text. */
  readonly name: string;
  readonly nameJson: string;
  /** The member's connection's encoding: a group frame is encoded once per encoding and name. */
  readonly encoding: Encoding;
  /** Writes an encoded frame to the member's socket. */
  sendFrame(frame: string | Buffer, type: ServerFrameType): void;
}

/** What the hub and the gateway need from a session. */
export interface Connection {
  readonly id: string;
  /** An Outbound frame addressed to this connection. */
  deliver(out: Outbound): void;
  /** Closes the connection from the gateway's side (drain: 1001). */
  shutdown(code: number, reason: string): void;
  /** Drops the connection at once, after drain's deadline. */
  terminate(): void;
  /** One heartbeat check; see Transport.heartbeat. */
  heartbeat(): void;
  /** The JWT subject in force; '' when anonymous (the server API disconnects by it). */
  readonly user: string;
  /** The server API: makes one joined stream leave; false when it is not joined. */
  kick(stream: string, reason: string): boolean;
}

type Outbound = ReturnType<typeof Outbound.decode>;

interface Group {
  readonly sub: Subscription;
  readonly members: Set<Member>;
}

export class Hub {
  readonly #conns = new Map<string, Connection>();
  readonly #groups = new Map<string, Group>();
  #connSub: Subscription | undefined;
  readonly #connPrefixLength: number;
  /** Resolved when the last connection unregisters, while someone waits for it. */
  #emptied: (() => void) | undefined;
  /** Durable groups (protocol 1.1): their stored copies, with positions. */
  readonly live: LiveFeeds;

  constructor(
    readonly bus: Bus,
    readonly subjects: Subjects,
    readonly gatewayId: string,
    readonly metrics: GatewayMetrics,
    readonly log: Logger,
  ) {
    this.#connPrefixLength = subjects.conn(gatewayId, '').length;
    this.live = new LiveFeeds(bus, subjects, metrics, log);
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

  /** A connection of this gateway by its id (welcome.conn). */
  connection(id: string): Connection | undefined {
    return this.#conns.get(id);
  }

  register(conn: Connection): void {
    this.#conns.set(conn.id, conn);
  }

  /** The connection's socket has closed. */
  unregister(conn: Connection): void {
    this.#conns.delete(conn.id);
    if (this.#conns.size === 0) this.#emptied?.();
  }

  /** Resolves once no connection is registered, or after `ms`; true when empty. */
  async whenEmpty(ms: number): Promise<boolean> {
    if (this.#conns.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const emptied = new Promise<boolean>((resolve) => (this.#emptied = () => resolve(true)));
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
    try {
      return await Promise.race([emptied, timedOut]);
    } finally {
      clearTimeout(timer);
      this.#emptied = undefined;
    }
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
      this.metrics.groupSubscribed();
    }
    if (g.members.has(member)) return false;
    g.members.add(member);
    this.metrics.memberAdded();
    return true;
  }

  /** Removes a member; unsubscribes from the group with its last local member. */
  removeMember(group: string, member: Member): void {
    const g = this.#groups.get(group);
    if (!g || !g.members.delete(member)) return;
    this.metrics.memberRemoved();
    if (g.members.size === 0) {
      g.sub.unsubscribe();
      this.#groups.delete(group);
      this.metrics.groupUnsubscribed();
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
    this.live.stop();
    this.#connSub?.unsubscribe();
    for (const g of this.#groups.values()) g.sub.unsubscribe();
    this.#groups.clear();
  }

  #onOutbound = (msg: BusMessage): void => {
    const conn = this.#conns.get(msg.subject.slice(this.#connPrefixLength));
    // The connection may have closed while the frame was in flight: normal, not an error.
    if (!conn) return void this.metrics.dropped('gone');
    let out: Outbound;
    try {
      out = Outbound.decode(msg.data);
    } catch (err) {
      this.metrics.dropped('undecodable');
      return this.log.warn({ err, subject: msg.subject }, 'undecodable Outbound frame');
    }
    inSpan('muxgate deliver', SpanKind.CONSUMER, extractContext(msg.headers), (span) => {
      span.setAttribute('muxgate.stream', out.stream ?? '');
      conn.deliver(out);
    });
  };

  #onGroup = (msg: BusMessage): void => {
    this.metrics.groupMessage();
    const g = this.#groups.get(this.subjects.groupOf(msg.subject));
    if (!g) return;
    let payload: string | undefined;
    try {
      payload = jsonPayloadText(GroupMessage.decode(msg.data).payload);
    } catch (err) {
      this.metrics.dropped('undecodable');
      return this.log.warn({ err, subject: msg.subject }, 'undecodable GroupMessage');
    }
    if (payload === undefined) {
      this.metrics.dropped('invalid');
      return this.log.warn({ subject: msg.subject }, 'GroupMessage payload is not JSON');
    }
    const via = msg.headers?.[VIA_HEADER] === VIA_API ? VIA_API : undefined;
    // Encoded once per stream name and encoding, not once per member, and as
    // bytes, so the socket writes do not encode the text again per member.
    // Members of one group nearly always share their stream name (all of
    // "chat:lobby"), so the table of other names and encodings is only built
    // when a second one shows up.
    let name: string | undefined;
    let encoding: Encoding | undefined;
    let frame: Buffer | undefined;
    let others: Map<string, Buffer> | undefined;
    for (const m of g.members) {
      if (m.name !== name || m.encoding !== encoding) {
        if (name !== undefined) (others ??= new Map()).set(`${encoding!.name}\n${name}`, frame!);
        name = m.name;
        encoding = m.encoding;
        frame = others?.get(`${encoding.name}\n${name}`) ?? encoding.msg(m, payload, { via });
      }
      m.sendFrame(frame!, 'msg');
    }
  };
}
