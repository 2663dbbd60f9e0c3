// Durable groups (PROTOCOL.md §4.1): every message published to such a group
// is stored before any member sees it, and carries its position. The store
// captures the group's ordinary subject (`<prefix>.group.<g>`), so every
// publisher, in any language and of any version, is stored without a change;
// once stored, the message is copied to `<prefix>.dlive.<g>` with its
// sequence, which is what gateways deliver to durable members. JetStream does
// this on NATS (a stream with RePublish); MemoryDurableStore does the same in
// process. Both pass test/helpers/durable-contract.ts.
import type { BusMessage, Headers } from './message.ts';

/** One declaration: a family of groups (a subject pattern) kept together. */
export interface DurableSpec {
  /** Names the store, e.g. "chat" (JetStream stream `<PREFIX>_DG_CHAT`). */
  name: string;
  /** The groups' subjects, e.g. `mux.group.chat.>`. */
  subjects: string;
  /** Where stored copies go live, e.g. `mux.dlive.chat.>`; same wildcards as `subjects`. */
  live: string;
  /** Messages kept per group; the oldest go first. */
  maxPerGroup: number;
  /** Age past which a message is dropped; 0 keeps messages until the count drops them. */
  maxAgeMs: number;
  /** Copies JetStream keeps of a store it creates (1 in dev, 3 in production). */
  replicas: number;
}

/** What a declaration found or made. */
export interface DeclaredStore {
  /**
   * Copies the store keeps: `replicas` for one created now; one that existed
   * keeps its own count, which may differ (an operator's to change).
   */
  replicas: number;
}

/**
 * A position in a store: the store's epoch (it changes when the store is
 * lost and created anew, so an old position is never misread) and a
 * sequence, increasing in store order, shared by all groups of the store.
 */
export interface Position {
  readonly epoch: string;
  readonly seq: number;
}

export interface StoredMessage {
  readonly seq: number;
  readonly data: Uint8Array;
  readonly headers: Headers | undefined;
}

/** What a live copy says about itself. */
export interface LiveCopy {
  readonly seq: number;
  /** The sequence of the group's previous message; 0 for its first. A member that has not seen it missed something. */
  readonly prev: number;
}

export interface DurableStore {
  /** Creates the store for a declaration, or puts right what it relies on. */
  declare(spec: DurableSpec): Promise<DeclaredStore>;
  /**
   * The group's position now: its last message, or seq 0 when it has none.
   * Undefined when no store captures the subject: the group is not durable.
   */
  last(subject: string): Promise<Position | undefined>;
  /**
   * Whether every message of the group after `since` is still stored: the
   * epoch is the store's, and nothing after it has been dropped.
   */
  recoverable(subject: string, since: Position): Promise<boolean>;
  /** Hands over the group's messages with after < seq <= upTo, in order, in batches. */
  read(
    subject: string,
    after: number,
    upTo: number,
    onBatch: (batch: StoredMessage[]) => Promise<void> | void,
  ): Promise<void>;
  /** The group's last `n` messages up to `upTo`, oldest first: a service's snapshot. */
  tail(subject: string, n: number, upTo?: number): Promise<StoredMessage[]>;
  /**
   * Publishes to a captured subject and resolves once the message is stored,
   * with its position; rejects when the store cannot take it (unlike a plain
   * publish, which the store would miss silently while it is down).
   */
  publish(subject: string, data: Uint8Array, headers?: Headers): Promise<Position>;
}

// The headers JetStream's RePublish adds; MemoryDurableStore writes the same.
export const LIVE_STREAM = 'Nats-Stream';
export const LIVE_SEQUENCE = 'Nats-Sequence';
export const LIVE_PREVIOUS = 'Nats-Last-Sequence';
/** A publish with this header is stored once per id within the store's duplicate window (2 min). */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

/** Sequence and predecessor of a live copy; undefined for anything else. */
export function liveCopyOf(msg: BusMessage): LiveCopy | undefined {
  const seq = Number(msg.headers?.[LIVE_SEQUENCE]);
  const prev = Number(msg.headers?.[LIVE_PREVIOUS] ?? 0);
  return Number.isSafeInteger(seq) && seq > 0 && Number.isSafeInteger(prev)
    ? { seq, prev }
    : undefined;
}

/** A position as clients see it: opaque text, `<epoch>:<seq>`. */
export function formatPosition(p: Position): string {
  return `${p.epoch}:${p.seq}`;
}

const POSITION_RE = /^([a-z0-9]{1,16}):(\d{1,16})$/;

/** The position a client sent back (`since`); undefined when it is not one of ours. */
export function parsePosition(text: string): Position | undefined {
  const m = POSITION_RE.exec(text);
  if (!m) return undefined;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { epoch: m[1]!, seq } : undefined;
}
