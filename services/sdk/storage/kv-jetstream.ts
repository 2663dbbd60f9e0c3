// The KvStore on a NATS JetStream KV bucket. A revision is the
// bucket stream's sequence number; a delete is a KV-Operation: DEL marker.
// Anything that writes the bucket (another service, another replica, the
// `nats kv put` command) is seen by `watch`.
import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JetStreamPublishOptions,
  type JsMsg,
} from '@nats-io/jetstream';
import { Kvm, KvWatchInclude, type KV, type KvEntry } from '@nats-io/kv';
import { headers, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
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
  /** How long a snapshot or catch-up read may take before it fails. */
  readTimeoutMs?: number;
  /** Copies JetStream keeps of the bucket if this creates it; default 1. */
  replicas?: number;
}

const OPERATION = 'KV-Operation';
const EMPTY = new Uint8Array(0);

export class JetStreamKvStore implements KvStore {
  /** The bucket's JetStream stream. */
  readonly stream: string;
  readonly #subjectPrefix: string;

  private constructor(
    readonly bucket: string,
    private readonly kv: KV,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly readTimeoutMs: number,
    /** Copies JetStream keeps of the bucket, as found at open. */
    readonly replicas: number,
  ) {
    this.stream = `KV_${bucket}`;
    this.#subjectPrefix = `$KV.${bucket}.`;
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
    // An existing bucket is opened as it is, whatever `replicas` says.
    const { replicas } = await kv.status();
    return new JetStreamKvStore(
      opts.bucket,
      kv,
      js,
      await jetstreamManager(nc),
      opts.readTimeoutMs ?? 10_000,
      replicas,
    );
  }

  async get(key: string): Promise<Entry | undefined> {
    const e = await this.kv.get(key);
    if (!e || e.operation !== 'PUT') return undefined;
    return { key, value: decodeValue(e.value), revision: e.revision };
  }

  async list(prefix: string): Promise<Snapshot> {
    const floor = await this.lastRevision();
    const { changes, revision } = await this.#read(prefix, {
      deliver_policy: DeliverPolicy.LastPerSubject,
    });
    const entries: Entry[] = [];
    for (const c of changes)
      if (c.op === 'put')
        entries.push({ key: c.key, value: c.value ?? null, revision: c.revision });
    // The floor covers a board whose latest changes were delete markers that the
    // server has since removed: the snapshot still reflects them.
    return { revision: Math.max(floor, revision), entries };
  }

  async changesSince(prefix: string, revision: number): Promise<ChangeLog> {
    const floor = await this.lastRevision();
    const read = await this.#read(prefix, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: revision + 1,
    });
    return { revision: Math.max(floor, read.revision), changes: read.changes };
  }

  async lastRevision(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.last_seq;
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

  async watch(prefix?: string): Promise<Watch> {
    const it = await this.kv.watch({ key: below(prefix), include: KvWatchInclude.AllHistory });
    return {
      stop: () => it.stop(),
      async *[Symbol.asyncIterator]() {
        for await (const e of it) yield fromEntry(e);
      },
    };
  }

  /**
   * Reads the changes a short-lived ordered consumer finds under `prefix`:
   * exactly those pending when it was created, so a read ends even while
   * writers keep the board busy.
   */
  async #read(
    prefix: string,
    policy: { deliver_policy: DeliverPolicy; opt_start_seq?: number },
  ): Promise<ChangeLog> {
    const oc = await this.js.consumers.getPushConsumer(this.stream, {
      filter_subjects: `${this.#subjectPrefix}${below(prefix)}`,
      ...policy,
    });
    const changes: Change[] = [];
    try {
      const count = (await oc.info(true)).num_pending;
      if (count > 0) {
        let done!: () => void;
        const caughtUp = new Promise<void>((resolve) => (done = resolve));
        const iter = await oc.consume({
          callback: (m) => {
            changes.push(this.#fromMsg(m));
            if (changes.length >= count || m.info.pending === 0) done();
          },
        });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`reading ${this.bucket} took over ${this.readTimeoutMs} ms`)),
            this.readTimeoutMs,
          );
        });
        try {
          await Promise.race([caughtUp, timeout]);
        } finally {
          clearTimeout(timer);
          iter.stop();
        }
      }
    } finally {
      await oc.delete().catch(() => undefined);
    }
    const revision = changes.reduce((max, c) => Math.max(max, c.revision), 0);
    return { revision, changes };
  }

  #fromMsg(m: JsMsg): Change {
    const key = m.subject.slice(this.#subjectPrefix.length);
    const op = m.headers?.get(OPERATION);
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
