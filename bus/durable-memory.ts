// Durable groups in process, for `npm start` without NATS and for fast tests:
// the MemoryBroker hands every message to capture() before routing it, as a
// JetStream stream stores what is published to its subjects, and routes the
// live copy this returns after the original. The same contract suite runs
// here and on nats-server.
import { randomBytes } from 'node:crypto';
import type { BusMessage, Headers } from './message.ts';
import {
  MSG_ID_HEADER,
  LIVE_PREVIOUS,
  LIVE_SEQUENCE,
  LIVE_STREAM,
  type DeclaredStore,
  type DurableSpec,
  type DurableStore,
  type Position,
  type StoredMessage,
} from './durable.ts';
import { subjectMatches } from './subjects.ts';

interface Kept extends StoredMessage {
  readonly at: number;
}

interface GroupLog {
  readonly messages: Kept[];
}

interface Declared {
  spec: DurableSpec;
  /** Nats-Msg-Id → sequence and when it was stored, as JetStream's duplicate window. */
  readonly ids: Map<string, { seq: number; at: number }>;
  readonly tokens: string[];
  readonly liveTokens: string[];
  readonly epoch: string;
  seq: number;
  readonly groups: Map<string, GroupLog>;
}

export class MemoryDurableStore implements DurableStore {
  readonly #declared = new Map<string, Declared>();

  constructor(
    /** Routes a message through the broker, which stores it first (capture). */
    private readonly route: (msg: BusMessage) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async declare(spec: DurableSpec): Promise<DeclaredStore> {
    const existing = this.#declared.get(spec.name);
    if (existing) {
      existing.spec = spec;
      return { replicas: spec.replicas };
    }
    this.#declared.set(spec.name, {
      spec,
      tokens: spec.subjects.split('.'),
      liveTokens: spec.live.split('.'),
      epoch: randomBytes(5).readUIntBE(0, 5).toString(36),
      seq: 0,
      groups: new Map(),
      ids: new Map(),
    });
    // One process keeps one copy whatever is asked: nothing to warn about in dev.
    return { replicas: spec.replicas };
  }

  /** Stores a message published to a captured subject; returns its live copy (none for a duplicate). */
  capture(msg: BusMessage): BusMessage | undefined {
    const tokens = msg.subject.split('.');
    const d = this.#storeOf(tokens);
    if (!d) return undefined;
    if (this.#duplicate(d, msg.headers?.[MSG_ID_HEADER]) !== undefined) return undefined;
    const group = this.#group(d, msg.subject);
    const prev = group.messages.at(-1)?.seq ?? 0;
    const seq = ++d.seq;
    group.messages.push({ seq, data: msg.data, headers: msg.headers, at: this.now() });
    const id = msg.headers?.[MSG_ID_HEADER];
    if (id !== undefined) d.ids.set(id, { seq, at: this.now() });
    this.#trim(d, group);
    return {
      subject: liveSubject(d, tokens),
      data: msg.data,
      headers: {
        ...msg.headers,
        [LIVE_STREAM]: d.spec.name,
        [LIVE_SEQUENCE]: String(seq),
        [LIVE_PREVIOUS]: String(prev),
      },
      reply: undefined,
    };
  }

  async last(subject: string): Promise<Position | undefined> {
    const d = this.#storeOf(subject.split('.'));
    if (!d) return undefined;
    const group = this.#group(d, subject);
    this.#trim(d, group);
    return { epoch: d.epoch, seq: group.messages.at(-1)?.seq ?? 0 };
  }

  async recoverable(subject: string, since: Position): Promise<boolean> {
    const d = this.#storeOf(subject.split('.'));
    if (!d || d.epoch !== since.epoch || since.seq > d.seq) return false;
    const group = this.#group(d, subject);
    this.#trim(d, group);
    // The rules JetStream lets NatsDurableStore check, so both agree: an
    // empty-group position while the group is below its limit, or a message
    // that is still kept (what follows it in its group is kept too).
    if (since.seq === 0) return group.messages.length < d.spec.maxPerGroup;
    return group.messages.some((m) => m.seq === since.seq);
  }

  async read(
    subject: string,
    after: number,
    upTo: number,
    onBatch: (batch: StoredMessage[]) => Promise<void> | void,
  ): Promise<void> {
    const d = this.#storeOf(subject.split('.'));
    if (!d) return;
    const wanted = this.#group(d, subject).messages.filter((m) => m.seq > after && m.seq <= upTo);
    for (let i = 0; i < wanted.length; i += READ_BATCH)
      await onBatch(wanted.slice(i, i + READ_BATCH));
  }

  async tail(subject: string, n: number, upTo = Infinity): Promise<StoredMessage[]> {
    const d = this.#storeOf(subject.split('.'));
    if (!d) return [];
    const group = this.#group(d, subject);
    this.#trim(d, group);
    return group.messages.filter((m) => m.seq <= upTo).slice(-n);
  }

  async publish(subject: string, data: Uint8Array, headers?: Headers): Promise<Position> {
    const d = this.#storeOf(subject.split('.'));
    if (!d) throw new Error(`no store keeps ${subject}`);
    const stored = this.#duplicate(d, headers?.[MSG_ID_HEADER]);
    if (stored !== undefined) return { epoch: d.epoch, seq: stored };
    this.route({
      subject,
      data: Uint8Array.from(data),
      headers: headers && { ...headers },
      reply: undefined,
    });
    return { epoch: d.epoch, seq: d.seq };
  }

  /** The sequence a message with this id was stored at within the window, if it was. */
  #duplicate(d: Declared, id: string | undefined): number | undefined {
    if (id === undefined) return undefined;
    const seen = d.ids.get(id);
    if (seen && seen.at > this.now() - DUPLICATE_WINDOW_MS) return seen.seq;
    if (seen) d.ids.delete(id);
    return undefined;
  }

  #storeOf(tokens: string[]): Declared | undefined {
    for (const d of this.#declared.values()) if (subjectMatches(d.tokens, tokens)) return d;
    return undefined;
  }

  #group(d: Declared, subject: string): GroupLog {
    let group = d.groups.get(subject);
    if (!group) d.groups.set(subject, (group = { messages: [] }));
    return group;
  }

  /** Drops what JetStream would: the oldest past the count, and the expired. */
  #trim(d: Declared, group: GroupLog): void {
    const { maxPerGroup, maxAgeMs } = d.spec;
    const oldest = maxAgeMs > 0 ? this.now() - maxAgeMs : -Infinity;
    let drop = Math.max(0, group.messages.length - maxPerGroup);
    while (drop < group.messages.length && group.messages[drop]!.at < oldest) drop++;
    if (drop > 0) group.messages.splice(0, drop);
  }
}

const READ_BATCH = 500;
const DUPLICATE_WINDOW_MS = 120_000;

/** The live subject for a captured one: the pattern's literal tokens swapped, the wildcard part kept. */
function liveSubject(d: Declared, tokens: string[]): string {
  const out = d.liveTokens.slice();
  for (let i = 0; i < d.tokens.length; i++) {
    if (d.tokens[i] === '>') return [...out.slice(0, i), ...tokens.slice(i)].join('.');
    if (d.tokens[i] === '*') out[i] = tokens[i]!;
  }
  return out.join('.');
}
