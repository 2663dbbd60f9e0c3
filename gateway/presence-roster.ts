// One presence group as one gateway sees it (protocol 1.1 §4.3): the
// members it holds itself and those every other gateway announced, the
// exact count, the `presence` answer (its member list cut at a limit) and
// the `presence_diff` frames for its local streams. No bus here: presence.ts
// feeds it what the bus said.
import type { Ref } from '../protocol/frames.ts';
import { PresenceBatch } from './presence-batch.ts';

/** A member as every frame shows it; `json` is its frame text, built once. */
export interface PresenceRecord {
  readonly conn: string;
  readonly user: string;
  /** The service's info as JSON text; undefined for none. */
  readonly info: string | undefined;
  readonly json: string;
}

export function presenceRecord(
  conn: string,
  user: string,
  info: string | undefined,
): PresenceRecord {
  const head = `{"conn":${JSON.stringify(conn)},"user":${JSON.stringify(user)}`;
  return { conn, user, info, json: info === undefined ? `${head}}` : `${head},"info":${info}}` };
}

function same(a: PresenceRecord, b: PresenceRecord): boolean {
  return a.user === b.user && a.info === b.info;
}

/**
 * The `presence` answer: `count` is exact, `members` holds at most `max` of
 * them (the documented cut, MUX_PRESENCE_MAX_MEMBERS), this gateway's first.
 */
export function presenceAnswer(
  nameJson: string,
  ref: Ref | undefined,
  count: number,
  members: Iterable<PresenceRecord>,
  max: number,
): string {
  const parts: string[] = [];
  for (const m of members) {
    if (parts.length >= max) break;
    parts.push(m.json);
  }
  const refPart = ref === undefined ? '' : `,"ref":${JSON.stringify(ref)}`;
  return `{"type":"presence","stream":${nameJson}${refPart},"count":${count},"members":[${parts.join(',')}]}`;
}

/** `count` (the exact count after the change) is muxgate's addition to §4.3's fields. */
export function presenceDiffFrame(
  nameJson: string,
  count: number,
  joins: readonly PresenceRecord[],
  leaves: readonly PresenceRecord[],
): string {
  const list = (l: readonly PresenceRecord[]): string => l.map((m) => m.json).join(',');
  return `{"type":"presence_diff","stream":${nameJson},"joins":[${list(joins)}],"leaves":[${list(leaves)}],"count":${count}}`;
}

export class PresenceRoster {
  /** This gateway's members: a connection counts once, however many of its streams are in. */
  readonly #local = new Map<string, { rec: PresenceRecord; refs: number }>();
  /** Every other gateway's members, as its last state and diffs said. */
  readonly #remote = new Map<string, Map<string, PresenceRecord>>();
  /** What changed in the whole view since the last `presence_diff`. */
  readonly view = new PresenceBatch<PresenceRecord>();
  /** What changed in this gateway's own members since the last announcement. */
  readonly own = new PresenceBatch<PresenceRecord>();

  get count(): number {
    let n = this.#local.size;
    for (const m of this.#remote.values()) n += m.size;
    return n;
  }

  get localCount(): number {
    return this.#local.size;
  }

  *members(): IterableIterator<PresenceRecord> {
    for (const l of this.#local.values()) yield l.rec;
    for (const m of this.#remote.values()) yield* m.values();
  }

  localMembers(): PresenceRecord[] {
    return [...this.#local.values()].map((l) => l.rec);
  }

  gateways(): IterableIterator<string> {
    return this.#remote.keys();
  }

  /** A local stream entered: its connection joins unless already in. */
  enter(rec: PresenceRecord): void {
    const l = this.#local.get(rec.conn);
    if (l) {
      l.refs++;
      if (same(l.rec, rec)) return;
      l.rec = rec;
      this.own.join(rec.conn, rec, true);
      return this.view.join(rec.conn, rec, true);
    }
    this.#local.set(rec.conn, { rec, refs: 1 });
    this.own.join(rec.conn, rec, false);
    this.view.join(rec.conn, rec, false);
  }

  /** A local stream left: its connection leaves with its last stream in the group. */
  exit(conn: string): void {
    const l = this.#local.get(conn);
    if (!l || --l.refs > 0) return;
    this.#local.delete(conn);
    this.own.leave(conn, l.rec);
    this.view.leave(conn, l.rec);
  }

  /** Another gateway's diff. */
  applyDiff(gateway: string, joins: PresenceRecord[], leaves: string[]): void {
    let held = this.#remote.get(gateway);
    if (!held) this.#remote.set(gateway, (held = new Map()));
    for (const conn of leaves) {
      const rec = held.get(conn);
      if (rec && held.delete(conn)) this.view.leave(conn, rec);
    }
    for (const rec of joins) this.#put(held, rec);
  }

  /** Another gateway's whole membership: replaces what was held for it. */
  replace(gateway: string, members: Map<string, PresenceRecord>): void {
    const old = this.#remote.get(gateway) ?? new Map<string, PresenceRecord>();
    for (const [conn, rec] of old) if (!members.has(conn)) this.view.leave(conn, rec);
    const held = new Map<string, PresenceRecord>();
    for (const [conn, rec] of old) if (members.has(conn)) held.set(conn, rec);
    for (const rec of members.values()) this.#put(held, rec);
    if (held.size) this.#remote.set(gateway, held);
    else this.#remote.delete(gateway);
  }

  /** A gateway died or drained: its members leave. */
  drop(gateway: string): boolean {
    const held = this.#remote.get(gateway);
    if (!held) return false;
    this.#remote.delete(gateway);
    for (const [conn, rec] of held) this.view.leave(conn, rec);
    return held.size > 0;
  }

  #put(held: Map<string, PresenceRecord>, rec: PresenceRecord): void {
    const old = held.get(rec.conn);
    if (old && same(old, rec)) return;
    held.set(rec.conn, rec);
    this.view.join(rec.conn, rec, old !== undefined);
  }
}
