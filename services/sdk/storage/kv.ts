// A revisioned key-value store with a change feed: the KV bucket of the
// services' Storage (storage.ts). JetStreamKvStore keeps values in a NATS
// JetStream KV bucket; MemoryKvStore keeps them in process for the in-memory
// bus. Both pass test/system/dashboard-store.test.ts.
//
// Contract, for both implementations:
// - Every write gets a revision from one counter shared by the whole store,
//   strictly increasing (a JetStream stream sequence). Revisions of one key
//   are therefore increasing but not contiguous.
// - A delete is a write too: it leaves a marker with its own revision, and
//   `create` succeeds on a deleted key.
// - Keys are tokens of [A-Za-z0-9_-] joined by '.'; a prefix names the keys
//   below `<prefix>.`.
// - `watch` yields every retained change in revision order (after a given
//   revision, when asked: a reader resuming a feed it kept state of), then
//   live ones, until stopped. Changes beyond the store's history depth are compacted
//   away: the last change of each key is always retained.
// - A write may carry a msg id (WriteOptions): a second write of the same key
//   with the same id within DUPLICATE_WINDOW_MS is not applied, whatever its
//   value or expected revision, and answers the first one's revision with
//   `duplicate: true` (JetStream's Nats-Msg-Id, checked before the expected
//   revision). Ids are scoped by key: the same id on another key is a new write.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface Entry {
  readonly key: string;
  readonly value: Json;
  readonly revision: number;
}

export interface Change {
  readonly op: 'put' | 'delete';
  readonly key: string;
  /** Absent for a delete. */
  readonly value?: Json;
  readonly revision: number;
}

export interface Snapshot {
  /** Every change up to this revision is reflected in `entries`, none after it. */
  readonly revision: number;
  readonly entries: Entry[];
}

/** The keys below a prefix, for reading their values a few at a time (getMany). */
export interface KeyList {
  /**
   * Read before the keys were listed: every key live at this revision is in
   * `keys`. Keys written later may be there too, and keys deleted before or
   * since (their values are then absent).
   */
  readonly revision: number;
  /** In no particular order. */
  readonly keys: string[];
}

export interface ChangeLog {
  /** Every change up to this revision is in `changes` (or compacted away), none after it. */
  readonly revision: number;
  readonly changes: Change[];
}

export interface Watch extends AsyncIterable<Change> {
  /** Ends the iteration; idempotent. */
  stop(): void;
}

/** How long a write's msg id is remembered: JetStream's default duplicate window. */
export const DUPLICATE_WINDOW_MS = 120_000;

export interface WriteOptions {
  /** The writer's id for this write (a client's msg id): a retry with it is applied once. */
  msgId?: string;
}

export interface WriteResult {
  /** The write's revision; for a duplicate, the first write's. */
  readonly revision: number;
  /** True when a write with the same key and msg id was already applied. */
  readonly duplicate: boolean;
}

export interface KvStore {
  /** The live value of a key; undefined when it was never written or is deleted. */
  get(key: string): Promise<Entry | undefined>;
  /** Every live key below `prefix`, with the revision the snapshot reflects. */
  list(prefix: string): Promise<Snapshot>;
  /** The keys below `prefix` without their values: far cheaper than list for a large prefix. */
  keys(prefix: string): Promise<KeyList>;
  /** The live values of `keys`, each read now, in the order given; a key with none is left out. */
  getMany(keys: readonly string[]): Promise<Entry[]>;
  /** Every retained change below `prefix` after `revision`, in order. */
  changesSince(prefix: string, revision: number): Promise<ChangeLog>;
  /** The store's latest revision; 0 when it is empty. */
  lastRevision(): Promise<number>;
  /** Writes a new key; ConflictError when it is live. */
  create(key: string, value: Json): Promise<number>;
  /** As create; a retry with the same msg id is a duplicate rather than a conflict. */
  create(key: string, value: Json, opts: WriteOptions): Promise<WriteResult>;
  /** Writes a key; with `expected`, only if its latest revision (a delete included) is that one, else ConflictError. */
  update(key: string, value: Json, expected?: number): Promise<number>;
  /** As update; a retry with the same msg id is a duplicate rather than a second write or a conflict. */
  update(
    key: string,
    value: Json,
    expected: number | undefined,
    opts: WriteOptions,
  ): Promise<WriteResult>;
  /** Deletes a key (writes a marker); with `expected`, as update. */
  delete(key: string, expected?: number): Promise<number>;
  /** As delete, with a msg id as update. */
  delete(key: string, expected: number | undefined, opts: WriteOptions): Promise<WriteResult>;
  /**
   * The revision of the write to `key` with this msg id, when one was applied
   * within the window; undefined otherwise. Writes nothing. For a retry that
   * would be refused (the key is gone, or moved past the client's revision)
   * because its first attempt was applied.
   */
  applied(key: string, msgId: string): Promise<number | undefined>;
  /** Every retained change (below `prefix` when given; after revision `after` when given), then live changes. */
  watch(prefix?: string, after?: number): Promise<Watch>;
}

/** A compare-and-set failed: the key exists (create) or moved past the expected revision. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly key: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeValue(value: Json): Uint8Array {
  return enc.encode(JSON.stringify(value));
}

/**
 * Values are JSON text. A value written from outside (the `nats` tool) that is
 * not JSON is read as a string rather than dropped, so it still reaches clients.
 */
export function decodeValue(bytes: Uint8Array): Json {
  const text = dec.decode(bytes);
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** The id a write is deduplicated by: its msg id, scoped by key. */
export function writeId(key: string, opts: WriteOptions | undefined): string | undefined {
  return opts?.msgId ? `${key}/${opts.msgId}` : undefined;
}

/** Keys written through a KvStore: tokens of [A-Za-z0-9_-] joined by '.'. */
export const KEY_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
}

export function assertKey(key: string): void {
  if (!KEY_RE.test(key)) throw new InvalidKeyError(`not a store key: ${JSON.stringify(key)}`);
}

/** The filter for keys below a prefix, as a NATS subject tail. */
export function below(prefix: string | undefined): string {
  return prefix ? `${prefix}.>` : '>';
}
