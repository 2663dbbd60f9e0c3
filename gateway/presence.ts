// Presence across gateways (protocol 1.1 §4.3). The store is the gateways
// themselves: each owns the members it holds and announces them on
// `<prefix>.presence.<group>` (PresenceUpdate), and every gateway with a
// member of the group keeps the whole list (presence-roster.ts). So:
// - a join or leave is one coalesced diff on the bus, at most one per group
//   per MUX_PRESENCE_ANNOUNCE_MS per gateway; members get `presence_diff`
//   at most every MUX_PRESENCE_FLUSH_MS;
// - a gateway's first member of a group asks the others for their state
//   (PresenceQuery); each answers with its whole membership;
// - every MUX_PRESENCE_SYNC_MS, and whenever the bus comes back (NATS
//   restarted: updates may have been lost), each gateway announces its whole
//   membership again, which replaces what the others held for it;
// - a gateway that dies without draining is noticed by its silence
//   (bus/gateway-liveness.ts, the same beats services watch), and its
//   members leave every list within 3 × its heartbeat.
// docs/architecture.md, "Presence", weighs this against JetStream KV.
import type { Bus, BusMessage, Subscription } from '../bus/bus.ts';
import { GatewayLiveness } from '../bus/gateway-liveness.ts';
import type { Subjects } from '../bus/subjects.ts';
import type { Logger } from '../lib/log.ts';
import {
  PresenceUpdate,
  type PresenceMemberProps,
  type PresenceUpdateProps,
  type ScopeProps,
} from '../proto/index.ts';
import type { Ref } from '../protocol/frames.ts';
import type { ServerFrame } from '../protocol/server-frames.ts';
import type { Encoding } from './encoding.ts';
import type { Member } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import { jsonPayloadText } from '../protocol/json.ts';
import { Throttle, type Clock, realClock } from './presence-batch.ts';
import type { PresenceAsk } from './router.ts';
import {
  presenceAnswer,
  presenceDiffFrame,
  presenceRecord,
  PresenceRoster,
  type PresenceRecord,
} from './presence-roster.ts';

/** A stream's place in its presence group, from `enter` until `leave`. */
export interface PresenceSeat {
  /** Sends the stream the `presence` frame answering `ref`. */
  answer(ref: Ref | undefined): void;
  leave(): void;
}

export interface PresenceOptions {
  /** At most one `presence_diff` per group per this (MUX_PRESENCE_FLUSH_MS). */
  flushMs: number;
  /**
   * At most one bus diff per group per this (MUX_PRESENCE_ANNOUNCE_MS).
   * Shorter than flushMs: a remote join waits for both, and the protocol's
   * 100 ms only binds what clients get.
   */
  announceMs: number;
  /** Members listed in a `presence` answer at most (MUX_PRESENCE_MAX_MEMBERS). */
  maxMembers: number;
  /** How often each gateway announces its whole membership again (MUX_PRESENCE_SYNC_MS). */
  syncMs: number;
  clock?: Clock;
}

/** Members per PresenceState message: a big group goes in several, well under NATS's 1 MB. */
const STATE_CHUNK = 500;
const dec = new TextDecoder();
const enc = new TextEncoder();

interface Group {
  readonly name: string;
  readonly roster: PresenceRoster;
  /** Local streams with presence on: they get the group's diffs. */
  readonly streams: Set<Member>;
  readonly sub: Subscription;
  /** `presence_diff` to local streams. */
  readonly view: Throttle;
  /** This gateway's diff on the bus. */
  readonly own: Throttle;
  /** Gateways whose PresenceState is arriving in chunks. */
  readonly incoming: Map<string, Map<string, PresenceRecord>>;
}

export class Presence {
  readonly #groups = new Map<string, Group>();
  /**
   * Gateways taken for dead whose members were dropped. One that speaks
   * again (it was cut off, not dead) is asked for its state: its diffs
   * alone would not bring back the members it kept meanwhile.
   */
  readonly #lost = new Set<string>();
  readonly #liveness: GatewayLiveness;
  readonly #clock: Clock;
  #sync: NodeJS.Timeout | undefined;
  #stopStatus: (() => void) | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly gatewayId: string,
    private readonly opts: PresenceOptions,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {
    this.#clock = opts.clock ?? realClock;
    this.#liveness = new GatewayLiveness(
      bus,
      subjects,
      { lost: (id) => this.#dropGateway(id, 'lost'), stopped: (id) => this.#dropGateway(id) },
      log,
      gatewayId,
    );
  }

  start(): void {
    this.#liveness.start();
    this.#sync = setInterval(() => this.#announceAll(false), this.opts.syncMs);
    this.#sync.unref();
    let away = false;
    this.#stopStatus = this.bus.onStatus((status) => {
      if (status !== 'connected') return void (away = true);
      if (!away) return;
      away = false;
      // Updates published while NATS was away are lost both ways.
      this.#announceAll(true);
    });
  }

  /** Announces what left during a drain, then stops listening. */
  stop(): void {
    clearInterval(this.#sync);
    this.#stopStatus?.();
    this.#liveness.stop();
    for (const g of this.#groups.values()) {
      g.own.now();
      g.view.stop();
      g.sub.unsubscribe();
    }
    this.#groups.clear();
  }

  /**
   * A joined stream of connection `conn` whose service turned presence on
   * enters its group, as the scope's user (its JWT subject).
   */
  enter(ask: PresenceAsk, stream: Member, conn: string, scope: ScopeProps): PresenceSeat {
    const g = this.#groups.get(ask.group) ?? this.#open(ask.group);
    g.streams.add(stream);
    g.roster.enter(presenceRecord(conn, scope.user ?? '', ask.info));
    g.view.poke();
    g.own.poke();
    let seated = true;
    const max = this.opts.maxMembers;
    return {
      answer: (ref) => {
        const frame = presenceAnswer(stream.nameJson, ref, g.roster.count, g.roster.members(), max);
        stream.sendFrame(inEncoding(frame, stream.encoding), 'presence');
      },
      leave: () => {
        if (!seated) return;
        seated = false;
        this.#leave(g, stream, conn);
      },
    };
  }

  /** Groups with a local member, for tests and diagnostics. */
  groupNames(): string[] {
    return [...this.#groups.keys()];
  }

  #open(name: string): Group {
    const roster = new PresenceRoster();
    const g: Group = {
      name,
      roster,
      streams: new Set(),
      sub: this.bus.subscribe(this.subjects.presence(name), (m) => this.#onUpdate(g, m)),
      view: new Throttle(this.opts.flushMs, () => this.#sendDiff(g), this.#clock),
      own: new Throttle(this.opts.announceMs, () => this.#announceDiff(g), this.#clock),
      incoming: new Map(),
    };
    this.#groups.set(name, g);
    // Asked once the server has our subscription, so no answer passes us by.
    void this.bus
      .flush()
      .catch(() => undefined)
      .then(() => {
        if (this.#groups.get(name) === g) this.#publish(g, { query: {} });
      });
    return g;
  }

  #leave(g: Group, stream: Member, conn: string): void {
    g.streams.delete(stream);
    g.roster.exit(conn);
    if (g.streams.size > 0) {
      g.view.poke();
      return g.own.poke();
    }
    // The last local member: the others hear it now, and this gateway stops listening.
    g.own.poke();
    g.own.now();
    g.view.stop();
    g.sub.unsubscribe();
    this.#groups.delete(g.name);
    this.#gauge();
  }

  /** Every list changes through a diff, so the gauges are set there (and when a group goes). */
  #gauge(): void {
    let listed = 0;
    for (const g of this.#groups.values()) listed += g.roster.count;
    this.metrics.presenceKept(this.#groups.size, listed);
  }

  /** The changes of the whole list, as one frame per stream name, to every local member. */
  #sendDiff(g: Group): void {
    this.#gauge();
    if (g.roster.view.empty) return;
    const { joins, leaves } = g.roster.view.take();
    // One frame per stream name and encoding, shared by every member it goes to.
    const frames = new Map<string, Buffer>();
    for (const s of g.streams) {
      const key = `${s.encoding.name} ${s.name}`;
      let frame = frames.get(key);
      if (!frame) {
        const json = presenceDiffFrame(s.nameJson, g.roster.count, joins, leaves);
        frames.set(key, (frame = Buffer.from(inEncoding(json, s.encoding))));
      }
      s.sendFrame(frame, 'presence_diff');
    }
  }

  #announceDiff(g: Group): void {
    if (g.roster.own.empty) return;
    const { joins, leaves } = g.roster.own.take();
    this.#publish(g, { diff: { joins: joins.map(toProto), leaves: leaves.map((m) => m.conn) } });
  }

  /** This gateway's whole membership of the group, in chunks. */
  #announceState(g: Group): void {
    // A state says everything: a pending diff would only repeat part of it.
    g.roster.own.take();
    const members = g.roster.localMembers();
    for (let i = 0; i === 0 || i < members.length; i += STATE_CHUNK)
      this.#publish(g, {
        state: {
          members: members.slice(i, i + STATE_CHUNK).map(toProto),
          first: i === 0,
          last: i + STATE_CHUNK >= members.length,
        },
      });
  }

  #announceAll(ask: boolean): void {
    for (const g of this.#groups.values()) {
      this.#announceState(g);
      if (ask) this.#publish(g, { query: {} });
    }
  }

  #publish(g: Group, kind: Omit<PresenceUpdateProps, 'gateway'>): void {
    this.metrics.presenceAnnounced(kind.diff ? 'diff' : kind.state ? 'state' : 'query');
    try {
      const body = PresenceUpdate.encode({ gateway: this.gatewayId, ...kind }).finish();
      this.bus.publish(this.subjects.presence(g.name), body);
    } catch (err) {
      // A closed bus: the next state (sync or reconnect) says it all again.
      this.log.debug({ err, group: g.name }, 'presence update not published');
    }
  }

  #onUpdate(g: Group, m: BusMessage): void {
    let u;
    try {
      u = PresenceUpdate.decode(m.data);
    } catch (err) {
      return this.log.warn({ err, subject: m.subject }, 'undecodable PresenceUpdate');
    }
    const from = u.gateway ?? '';
    if (!from || from === this.gatewayId || this.#groups.get(g.name) !== g) return;
    this.#liveness.watch(from);
    if (this.#lost.delete(from))
      for (const other of this.#groups.values())
        if (other !== g || u.kind !== 'state') this.#publish(other, { query: {} });
    if (u.kind === 'query') return this.#announceState(g);
    if (u.kind === 'diff' && u.diff) {
      const joins = (u.diff.joins ?? []).flatMap(fromProto);
      g.roster.applyDiff(from, joins, u.diff.leaves ?? []);
    } else if (u.kind === 'state' && u.state) {
      const s = u.state;
      if (s.first) g.incoming.set(from, new Map());
      const into = g.incoming.get(from);
      // A state whose first chunk we missed waits for the next one.
      if (!into) return;
      for (const rec of (s.members ?? []).flatMap(fromProto)) into.set(rec.conn, rec);
      if (!s.last) return;
      g.incoming.delete(from);
      g.roster.replace(from, into);
    } else return;
    if (!g.roster.view.empty) g.view.poke();
  }

  #dropGateway(id: string, why?: 'lost'): void {
    if (why === 'lost') this.#lost.add(id);
    let members = 0;
    for (const g of this.#groups.values()) {
      g.incoming.delete(id);
      const before = g.roster.count;
      if (g.roster.drop(id)) g.view.poke();
      members += before - g.roster.count;
    }
    if (why === 'lost' && members > 0)
      this.log.warn({ gateway: id, members }, 'gateway lost: its presence members leave');
  }
}

function toProto(m: PresenceRecord): PresenceMemberProps {
  return {
    conn: m.conn,
    user: m.user,
    info: m.info === undefined ? undefined : enc.encode(m.info),
  };
}

/** A member from the bus; one whose info is not JSON is dropped, as a frame that is not would be. */
function fromProto(m: PresenceMemberProps): PresenceRecord[] {
  if (!m.conn) return [];
  const info = m.info?.length ? dec.decode(m.info) : undefined;
  if (info !== undefined && jsonPayloadText(m.info) === undefined) return [];
  return [presenceRecord(m.conn, m.user ?? '', info)];
}

/**
 * A presence frame, built as JSON text, in the member's encoding. Binary
 * members get it through the encoding's object form: presence frames are
 * off the hot path (at most one diff per group every 100 ms).
 */
function inEncoding(json: string, encoding: Encoding): string | Buffer {
  return encoding.binary ? encoding.frame(JSON.parse(json) as ServerFrame) : json;
}
