// The KvStore in process, for the in-memory bus: the same revisions, markers,
// history depth and change feed as a JetStream KV bucket, so service code
// cannot tell them apart.
import {
  assertKey,
  ConflictError,
  DUPLICATE_WINDOW_MS,
  writeId,
  type Change,
  type ChangeLog,
  type Entry,
  type Json,
  type KeyList,
  type KvStore,
  type Snapshot,
  type Watch,
  type WriteOptions,
  type WriteResult,
} from './kv.ts';

export interface MemoryKvOptions {
  /** Changes kept per key, as a KV bucket's `history` (1 to 64). */
  history?: number;
  /** How long a write's msg id is remembered; JetStream's default, 2 minutes. */
  duplicateWindowMs?: number;
  /** The clock of the duplicate window, for tests. */
  now?: () => number;
}

export class MemoryKvStore implements KvStore {
  #revision = 0;
  /** Retained changes by revision; a Map iterates in insertion (revision) order. */
  readonly #log = new Map<number, Change>();
  /** Retained revisions of each key, oldest first; the last one is the key's latest change. */
  readonly #byKey = new Map<string, number[]>();
  readonly #watches = new Set<ChangeQueue>();
  readonly #history: number;
  /** Msg ids of recent writes (writeId), with their revision and time, oldest first. */
  readonly #ids = new Map<string, { revision: number; at: number }>();
  readonly #window: number;
  readonly #now: () => number;

  constructor(opts: MemoryKvOptions = {}) {
    this.#history = opts.history ?? 64;
    this.#window = opts.duplicateWindowMs ?? DUPLICATE_WINDOW_MS;
    this.#now = opts.now ?? Date.now;
  }

  async get(key: string): Promise<Entry | undefined> {
    const last = this.#latest(key);
    return last?.op === 'put'
      ? { key, value: last.value ?? null, revision: last.revision }
      : undefined;
  }

  async list(prefix: string): Promise<Snapshot> {
    const entries: Entry[] = [];
    for (const revs of this.#byKey.values()) {
      const last = this.#log.get(revs[revs.length - 1]!)!;
      if (last.op === 'put' && matches(prefix, last.key))
        entries.push({ key: last.key, value: last.value ?? null, revision: last.revision });
    }
    entries.sort((a, b) => a.revision - b.revision);
    return { revision: this.#revision, entries };
  }

  async keys(prefix: string): Promise<KeyList> {
    const keys: string[] = [];
    for (const [key, revs] of this.#byKey)
      if (matches(prefix, key) && this.#log.get(revs[revs.length - 1]!)!.op === 'put')
        keys.push(key);
    return { revision: this.#revision, keys };
  }

  async getMany(keys: readonly string[]): Promise<Entry[]> {
    const out: Entry[] = [];
    for (const key of keys) {
      const e = await this.get(key);
      if (e) out.push(e);
    }
    return out;
  }

  async changesSince(prefix: string, revision: number): Promise<ChangeLog> {
    const changes = [...this.#log.values()].filter(
      (c) => c.revision > revision && matches(prefix, c.key),
    );
    return { revision: this.#revision, changes };
  }

  async lastRevision(): Promise<number> {
    return this.#revision;
  }

  create(key: string, value: Json): Promise<number>;
  create(key: string, value: Json, opts: WriteOptions): Promise<WriteResult>;
  async create(key: string, value: Json, opts?: WriteOptions): Promise<number | WriteResult> {
    return this.#dedup(key, opts, () => {
      if (this.#latest(key)?.op === 'put') throw new ConflictError(key, `${key} exists`);
      return this.#write({ op: 'put', key, value });
    });
  }

  update(key: string, value: Json, expected?: number): Promise<number>;
  update(
    key: string,
    value: Json,
    expected: number | undefined,
    opts: WriteOptions,
  ): Promise<WriteResult>;
  async update(
    key: string,
    value: Json,
    expected?: number,
    opts?: WriteOptions,
  ): Promise<number | WriteResult> {
    return this.#dedup(key, opts, () => {
      this.#expect(key, expected);
      return this.#write({ op: 'put', key, value });
    });
  }

  delete(key: string, expected?: number): Promise<number>;
  delete(key: string, expected: number | undefined, opts: WriteOptions): Promise<WriteResult>;
  async delete(key: string, expected?: number, opts?: WriteOptions): Promise<number | WriteResult> {
    return this.#dedup(key, opts, () => {
      this.#expect(key, expected);
      return this.#write({ op: 'delete', key });
    });
  }

  async applied(key: string, msgId: string): Promise<number | undefined> {
    assertKey(key);
    this.#forget(this.#now());
    return this.#ids.get(`${key}/${msgId}`)?.revision;
  }

  async watch(prefix?: string, after = 0): Promise<Watch> {
    const q = new ChangeQueue(prefix, () => this.#watches.delete(q));
    // Copying the log and registering happen in one synchronous step, so no
    // write can fall between the retained changes and the live ones.
    for (const c of this.#log.values()) if (c.revision > after) q.offer(c);
    this.#watches.add(q);
    return q;
  }

  /**
   * Runs a write unless one with the same key and msg id was applied within
   * the window: like JetStream, the id is checked before the expected revision.
   * Without options the revision alone is answered, as before.
   */
  #dedup(key: string, opts: WriteOptions | undefined, write: () => number): number | WriteResult {
    assertKey(key);
    if (!opts) return write();
    const id = writeId(key, opts);
    if (id === undefined) return { revision: write(), duplicate: false };
    const now = this.#now();
    this.#forget(now);
    const seen = this.#ids.get(id);
    if (seen) return { revision: seen.revision, duplicate: true };
    const revision = write();
    this.#ids.set(id, { revision, at: now });
    return { revision, duplicate: false };
  }

  /** Drops the ids older than the window; the map is in time order. */
  #forget(now: number): void {
    for (const [k, v] of this.#ids) {
      if (now - v.at < this.#window) break;
      this.#ids.delete(k);
    }
  }

  #latest(key: string): Change | undefined {
    const revs = this.#byKey.get(key);
    return revs ? this.#log.get(revs[revs.length - 1]!) : undefined;
  }

  #expect(key: string, expected: number | undefined): void {
    if (expected === undefined) return;
    const current = this.#latest(key)?.revision ?? 0;
    if (current !== expected)
      throw new ConflictError(key, `${key} is at revision ${current}, not ${expected}`);
  }

  #write(change: Omit<Change, 'revision'>): number {
    assertKey(change.key);
    const c: Change = { ...change, revision: ++this.#revision };
    this.#log.set(c.revision, c);
    const revs = this.#byKey.get(c.key) ?? [];
    revs.push(c.revision);
    this.#byKey.set(c.key, revs);
    while (revs.length > this.#history) this.#log.delete(revs.shift()!);
    for (const q of this.#watches) q.offer(c);
    return c.revision;
  }
}

function matches(prefix: string | undefined, key: string): boolean {
  return !prefix || key.startsWith(`${prefix}.`);
}

/** The live side of a watch: an unbounded queue read by one async iterator. */
class ChangeQueue implements Watch {
  readonly #items: Change[] = [];
  #wake: (() => void) | undefined;
  #done = false;

  constructor(
    readonly prefix: string | undefined,
    private readonly onStop: () => void,
  ) {}

  offer(c: Change): void {
    if (this.#done || !matches(this.prefix, c.key)) return;
    this.#items.push(c);
    this.#wake?.();
  }

  stop(): void {
    if (this.#done) return;
    this.#done = true;
    this.#items.length = 0;
    this.onStop();
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Change> {
    try {
      for (;;) {
        const next = this.#items.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.#done) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = undefined;
      }
    } finally {
      this.stop();
    }
  }
}
