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
// - `watch` yields every retained change in revision order, then live ones,
//   until stopped. Changes beyond the store's history depth are compacted
//   away: the last change of each key is always retained.

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

export interface ChangeLog {
  /** Every change up to this revision is in `changes` (or compacted away), none after it. */
  readonly revision: number;
  readonly changes: Change[];
}

export interface Watch extends AsyncIterable<Change> {
  /** Ends the iteration; idempotent. */
  stop(): void;
}

export interface KvStore {
  /** The live value of a key; undefined when it was never written or is deleted. */
  get(key: string): Promise<Entry | undefined>;
  /** Every live key below `prefix`, with the revision the snapshot reflects. */
  list(prefix: string): Promise<Snapshot>;
  /** Every retained change below `prefix` after `revision`, in order. */
  changesSince(prefix: string, revision: number): Promise<ChangeLog>;
  /** The store's latest revision; 0 when it is empty. */
  lastRevision(): Promise<number>;
  /** Writes a new key; ConflictError when it is live. */
  create(key: string, value: Json): Promise<number>;
  /** Writes a key; with `expected`, only if its latest revision (a delete included) is that one, else ConflictError. */
  update(key: string, value: Json, expected?: number): Promise<number>;
  /** Deletes a key (writes a marker); with `expected`, as update. */
  delete(key: string, expected?: number): Promise<number>;
  /** Every retained change (below `prefix` when given), then live changes. */
  watch(prefix?: string): Promise<Watch>;
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
