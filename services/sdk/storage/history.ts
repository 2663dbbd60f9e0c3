// A history: the last entries of each key, kept by the store itself (the
// history stream of the services' Storage, storage.ts). Chat keeps a room's
// recent messages in one. JetStreamHistory keeps it in a JetStream stream,
// shared by every replica and kept across restarts; MemoryHistory keeps it
// in process. Both pass test/system/chat-history.test.ts.
//
// Contract, for both implementations:
// - `append` resolves with the entry's id once it is stored; ids are unique
//   across every replica that opens the same history.
// - `recent` resolves with the key's last `perKey` entries, oldest first, in
//   the order they were stored; one key's entries never appear under another.
// - Both reject when the store is unreachable; neither drops an entry silently.
import type { Json } from './kv.ts';

export interface HistoryOptions {
  /** Its name ([A-Za-z0-9_-]); every replica that opens the same name shares the entries. */
  name: string;
  /** The subject below which each key is stored, `<subject>.<key>`, on NATS. */
  subject: string;
  /** Entries kept per key; the store forgets older ones. */
  perKey: number;
  /** Stream replicas when the stream is created (default 1); 3 on a clustered NATS survives a lost server. */
  replicas?: number;
}

export interface HistoryEntry {
  readonly id: string;
  readonly value: Json;
}

export interface History {
  /** Stores `value` as the newest entry of `key`, a store key (tokens of [A-Za-z0-9_-] joined by '.'). */
  append(key: string, value: Json): Promise<string>;
  recent(key: string): Promise<HistoryEntry[]>;
  /** Releases what this handle holds; the entries stay, and the connection stays its owner's. */
  close(): Promise<void>;
}
