// The KvStore on a NATS JetStream KV bucket. A revision is the
// bucket stream's sequence number; a delete is a KV-Operation: DEL marker.
// Anything that writes the bucket (another service, another replica, the
// `nats kv put` command) is seen by `watch`.
import {
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JetStreamPublishOptions,
} from '@nats-io/jetstream';
import { Kvm, KvWatchInclude, type KV, type KvEntry } from '@nats-io/kv';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import {
  DIRECT_READ_DEFAULTS,
  DirectReader,
  retrying,
  type DirectMessage,
  type DirectReadOptions,
} from '../../../bus/direct-read.ts';
import {
  assertKey,
  below,
  ConflictError,
  decodeValue,
  writeId,
  encodeValue,
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

export interface JetStreamKvOptions {
  bucket: string;
  /** Changes kept per key (1 to 64); a client catching up after a gap sees at most this many per key. */
  history?: number;
  /** How long one read of the bucket (a request and its retries) may take before it fails; default 5000 ms. */
  readTimeoutMs?: number;
  /** How each direct get waits and is asked again (NATS_READ_ATTEMPT_MS, NATS_READ_HEDGE_MS, NATS_READ_COPIES). */
  reads?: Omit<DirectReadOptions, 'budgetMs'>;
  /** Copies JetStream keeps of the bucket if this creates it; default 1. */
  replicas?: number;
}

const OPERATION = 'KV-Operation';
const EMPTY = new Uint8Array(0);
// Sequences one step of a catch-up read spans.
const READ_SPAN = 512;
// Keys of a snapshot read at once.
const KEYS_AT_ONCE = 32;
// Direct gets getMany keeps in flight: 1,000 values took 84 ms with 32,
// 63 with 64 and 52 to 65 with 128 on the 2-core test machine.
const VALUES_AT_ONCE = 64;
// How long a key listing waits for the stream's leader to answer at all
// before it reads the whole history below the prefix instead.
const KEYS_WAIT_MS = 1500;
// The listing's extra wait per key the stream holds: 100,000 keys took 0.4 s
// to list on an idle 2-core machine, 3.3 s with its load average at 6 to 10.
const LIST_MS_PER_KEY = 0.04;

export class JetStreamKvStore implements KvStore {
  /** The bucket's JetStream stream. */
  readonly stream: string;
  readonly #subjectPrefix: string;
  // Reads are direct gets, which any current replica answers: no consumer to
  // create, so joins and syncs go on while a node of the bucket is down.
  readonly #direct: DirectReader;
  // Whether the stream has a leader, asked with a short timeout.
  readonly #leader: Promise<JetStreamManager>;
  readonly #nc: NatsConnection;

  private constructor(
    readonly bucket: string,
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly readTimeoutMs: number,
    /** Copies JetStream keeps of the bucket, as found at open. */
    readonly replicas: number,
    nc: NatsConnection,
    reads: Omit<DirectReadOptions, 'budgetMs'> = {},
  ) {
    this.stream = `KV_${bucket}`;
    this.#subjectPrefix = `$KV.${bucket}.`;
    this.#direct = new DirectReader(nc, { ...reads, budgetMs: readTimeoutMs });
    this.#leader = jetstreamManager(nc, { timeout: KEYS_WAIT_MS / 2, checkAPI: false });
    this.#nc = nc;
  }

  /** Opens the bucket, creating it when absent. Fails when the server has no JetStream. */
  static async open(nc: NatsConnection, opts: JetStreamKvOptions): Promise<JetStreamKvStore> {
    const js = jetstream(nc);
    const kv = await new Kvm(js)
      .create(opts.bucket, { history: opts.history ?? 64, replicas: opts.replicas ?? 1 })
      .catch((err: unknown) => {
        throw new Error(
          `cannot open the KV bucket ${opts.bucket} (storage on NATS needs JetStream: nats-server -js, ` +
            `and a new bucket needs MUX_JETSTREAM_REPLICAS=${opts.replicas ?? 1} JetStream nodes): ${(err as Error).message}`,
          { cause: err },
        );
      });
    // An existing bucket is opened as it is, whatever `replicas` says; one
    // made before reads were direct gets is given `allow_direct`.
    const { replicas } = await kv.status();
    const jsm = await jetstreamManager(nc);
    const stream = `KV_${opts.bucket}`;
    const { config } = await jsm.streams.info(stream);
    if (config.allow_direct !== true) await jsm.streams.update(stream, { allow_direct: true });
    const budget = opts.readTimeoutMs ?? DIRECT_READ_DEFAULTS.budgetMs;
    return new JetStreamKvStore(opts.bucket, kv, js, jsm, budget, replicas, nc, opts.reads);
  }

  async get(key: string): Promise<Entry | undefined> {
    const m = await this.#direct.last(this.stream, `${this.#subjectPrefix}${key}`);
    const c = m && this.#change(m);
    return c?.op === 'put' ? { key, value: c.value ?? null, revision: c.revision } : undefined;
  }

  async list(prefix: string): Promise<Snapshot> {
    // Each key's last change, read at once; writes landing meanwhile are then
    // applied from the changes between the revisions before and after, so
    // the snapshot is exact at the second. Every read is a direct get, from
    // the replica on this connection's server when it has one, so the reads
    // see one replica's history in order.
    const filter = `${this.#subjectPrefix}${below(prefix)}`;
    const floor = await this.lastRevision();
    const latest = new Map<string, Change>();
    const subjects = await this.#keysBelow(filter);
    if (subjects) {
      for (let i = 0; i < subjects.length; i += KEYS_AT_ONCE) {
        const read = await Promise.all(
          subjects.slice(i, i + KEYS_AT_ONCE).map((s) => this.#direct.last(this.stream, s)),
        );
        for (const m of read) if (m && m.seq <= floor) latest.set(m.subject, this.#change(m));
      }
    } else {
      // No leader to list the keys: the whole retained history below the prefix.
      for (const c of await this.#changes(filter, 1, floor)) latest.set(c.key, c);
    }
    const revision = await this.lastRevision();
    for (const c of await this.#changes(filter, floor + 1, revision)) latest.set(c.key, c);
    const entries: Entry[] = [];
    for (const c of latest.values())
      if (c.op === 'put')
        entries.push({ key: c.key, value: c.value ?? null, revision: c.revision });
    entries.sort((x, y) => x.revision - y.revision);
    return { revision, entries };
  }

  async keys(prefix: string): Promise<KeyList> {
    // The revision first: a key live at it has a message kept in the stream
    // (its value, or a later delete marker), so its subject is listed.
    const filter = `${this.#subjectPrefix}${below(prefix)}`;
    const revision = await this.lastRevision();
    const subjects = await this.#keysBelow(filter);
    const cut = this.#subjectPrefix.length;
    if (subjects) return { revision, keys: subjects.map((s) => s.slice(cut)) };
    // No leader to list the keys: the whole retained history below the prefix.
    const keys = new Set<string>();
    for (const c of await this.#changes(filter, 1, revision)) keys.add(c.key);
    return { revision, keys: [...keys] };
  }

  async getMany(keys: readonly string[]): Promise<Entry[]> {
    // Each direct get starts as another ends, so one slow answer holds up
    // one slot rather than a whole batch.
    const read = new Array<Entry | undefined>(keys.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < keys.length; i = next++) read[i] = await this.get(keys[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(VALUES_AT_ONCE, keys.length) }, worker));
    return read.filter((e) => e !== undefined);
  }

  async changesSince(prefix: string, revision: number): Promise<ChangeLog> {
    // Up to the bucket's last revision when asked: a read ends even while
    // writers keep the board busy.
    const last = await this.lastRevision();
    const changes = await this.#changes(
      `${this.#subjectPrefix}${below(prefix)}`,
      revision + 1,
      last,
    );
    return { revision: Math.max(last, revision), changes };
  }

  async lastRevision(): Promise<number> {
    return (await this.#direct.last(this.stream, `${this.#subjectPrefix}>`))?.seq ?? 0;
  }

  /**
   * The subjects of the keys below a filter, as the stream's leader counts
   * them; undefined when no leader answers soon (one is being elected).
   */
  async #keysBelow(filter: string): Promise<string[] | undefined> {
    // First whether a leader answers at all, with a short timeout and no
    // subjects, so an election costs little; then the listing, given time in
    // proportion to the keys the stream holds (its attempts as short as the
    // probe's for a board of 20 keys, one of up to the read budget for
    // 100,000): with 1.5 s in all a large listing on a loaded machine timed
    // out, and reading 100,000 changes instead took 39 s.
    let keys: number;
    try {
      const probe = await this.#leader;
      const info = await retrying(KEYS_WAIT_MS, () => probe.streams.info(this.stream));
      keys = info.state.num_subjects ?? 0;
    } catch {
      return undefined;
    }
    const attemptMs = Math.min(this.readTimeoutMs, KEYS_WAIT_MS / 2 + keys * LIST_MS_PER_KEY);
    try {
      const jsm = await jetstreamManager(this.#nc, { timeout: attemptMs, checkAPI: false });
      const info = await retrying(Math.max(KEYS_WAIT_MS, attemptMs), () =>
        jsm.streams.info(this.stream, { subjects_filter: filter }),
      );
      return Object.keys(info.state.subjects ?? {});
    } catch {
      return undefined;
    }
  }

  /** The changes under `filter` with from <= revision <= to, in order. */
  async #changes(filter: string, from: number, to: number): Promise<Change[]> {
    const out: Change[] = [];
    for (let lo = from; lo > 0 && lo <= to;) {
      const hi = Math.min(to, lo + READ_SPAN - 1);
      const { messages, next } = await this.#direct.range(this.stream, filter, lo, hi);
      for (const m of messages) out.push(this.#change(m));
      lo = next;
    }
    return out;
  }

  create(key: string, value: Json): Promise<number>;
  create(key: string, value: Json, opts: WriteOptions): Promise<WriteResult>;
  async create(key: string, value: Json, opts?: WriteOptions): Promise<number | WriteResult> {
    assertKey(key);
    if (!opts) return conflicts(key, () => this.kv.create(key, encodeValue(value)));
    // kv.create(), with a msg id: expect no entry, and when that fails because
    // the key's last change is a delete marker, expect that marker.
    const data = encodeValue(value);
    const res = await conflicts(key, () => this.#publish(key, data, opts, 0)).catch(
      async (err: unknown) => {
        if (!(err instanceof ConflictError)) throw err;
        const last = await this.kv.get(key);
        if (!last || last.operation === 'PUT') throw err;
        return conflicts(key, () => this.#publish(key, data, opts, last.revision));
      },
    );
    return res;
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
    assertKey(key);
    const res = await conflicts(key, () => this.#publish(key, encodeValue(value), opts, expected));
    return opts ? res : res.revision;
  }

  delete(key: string, expected?: number): Promise<number>;
  delete(key: string, expected: number | undefined, opts: WriteOptions): Promise<WriteResult>;
  async delete(key: string, expected?: number, opts?: WriteOptions): Promise<number | WriteResult> {
    // kv.delete() does not return the marker's revision; publishing the marker
    // ourselves does (the same message: a DEL operation header, empty body).
    assertKey(key);
    const h = headers();
    h.set(OPERATION, 'DEL');
    const res = await conflicts(key, () => this.#publish(key, EMPTY, opts, expected, h));
    return opts ? res : res.revision;
  }

  async applied(key: string, msgId: string): Promise<number | undefined> {
    // JetStream has no API to read its duplicate table, but it checks a
    // publish's msg id before its expected revision: a delete marker expecting
    // a revision the stream can never reach is either a duplicate (acked with
    // the first write's sequence) or refused, and never stored.
    assertKey(key);
    const h = headers();
    h.set(OPERATION, 'DEL');
    try {
      const res = await conflicts(key, () =>
        this.#publish(key, EMPTY, { msgId }, Number.MAX_SAFE_INTEGER, h),
      );
      return res.duplicate ? res.revision : undefined;
    } catch (err) {
      if (err instanceof ConflictError) return undefined;
      throw err;
    }
  }

  /**
   * Publishes one change to the key's subject, as the kv client does, with the
   * expected last revision of the key and the write's msg id (Nats-Msg-Id,
   * scoped by key). The server checks the id first: a retry inside the
   * stream's duplicate window is acked `duplicate` with the first sequence,
   * even when the key has moved on since.
   */
  async #publish(
    key: string,
    data: Uint8Array,
    opts: WriteOptions | undefined,
    expected: number | undefined,
    h?: MsgHdrs,
  ): Promise<WriteResult> {
    const id = writeId(key, opts);
    const o: Partial<JetStreamPublishOptions> = {
      ...(h && { headers: h }),
      ...(id !== undefined && { msgID: id }),
      ...(expected !== undefined && { expect: { lastSubjectSequence: expected } }),
    };
    const ack = await this.js.publish(`${this.#subjectPrefix}${key}`, data, o);
    return { revision: ack.seq, duplicate: ack.duplicate };
  }

  async watch(prefix?: string, after = 0): Promise<Watch> {
    const it = await this.kv.watch({
      key: below(prefix),
      include: KvWatchInclude.AllHistory,
      ...(after > 0 && { resumeFromRevision: after + 1 }),
    });
    return {
      stop: () => it.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const e of it) yield fromEntry(e);
      },
    };
  }

  #change(m: DirectMessage): Change {
    const key = m.subject.slice(this.#subjectPrefix.length);
    const op = m.headers?.[OPERATION];
    return op === 'DEL' || op === 'PURGE'
      ? { op: 'delete', key, revision: m.seq }
      : { op: 'put', key, value: decodeValue(m.data), revision: m.seq };
  }
}

function fromEntry(e: KvEntry): Change {
  return e.operation === 'PUT'
    ? { op: 'put', key: e.key, value: decodeValue(e.value), revision: e.revision }
    : { op: 'delete', key: e.key, revision: e.revision };
}

/** Runs a conditional write, turning JetStream's "wrong last sequence" into a ConflictError. */
async function conflicts<T>(key: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (
      err instanceof JetStreamApiError &&
      (err.code === JetStreamApiCodes.StreamWrongLastSequence ||
        err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
    )
      throw new ConflictError(key, err.message, { cause: err });
    throw err;
  }
}
