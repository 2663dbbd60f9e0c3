// A History in this process's memory: for `dev` on the in-memory bus and for
// tests. Replicas in one process share it through MemoryStorage.
import { randomBytes } from 'node:crypto';
import type { History, HistoryEntry } from './history.ts';
import { assertKey, type Json } from './kv.ts';

export interface MemoryHistoryOptions {
  /** Entries kept per key. */
  perKey: number;
  /** Keys kept; the least recently written key is forgotten beyond this. */
  maxKeys?: number;
}

export class MemoryHistory implements History {
  // A Map iterates in insertion order: re-inserting a key on every write
  // keeps the least recently written key first, ready to be evicted.
  readonly #keys = new Map<string, HistoryEntry[]>();
  readonly #perKey: number;
  readonly #maxKeys: number;

  constructor(opts: MemoryHistoryOptions) {
    this.#perKey = opts.perKey;
    this.#maxKeys = opts.maxKeys ?? 10_000;
  }

  async append(key: string, value: Json): Promise<string> {
    assertKey(key);
    // Random rather than a counter: a client that kept entries from before a
    // restart of this process (a page merging history by id) must never see
    // an old id reused for a new entry.
    const id = randomBytes(9).toString('base64url');
    // A copy, as a store that serializes would keep: later changes to `value` are not stored.
    const entries = this.#keys.get(key) ?? [];
    this.#keys.delete(key);
    entries.push({ id, value: structuredClone(value) });
    if (entries.length > this.#perKey) entries.splice(0, entries.length - this.#perKey);
    this.#keys.set(key, entries);
    if (this.#keys.size > this.#maxKeys)
      this.#keys.delete(this.#keys.keys().next().value as string);
    return id;
  }

  async recent(key: string): Promise<HistoryEntry[]> {
    return (this.#keys.get(key) ?? []).map((e) => structuredClone(e));
  }

  // The entries belong to the process, not to one handle: another replica
  // opened on the same MemoryStorage still reads them.
  async close(): Promise<void> {}
}
