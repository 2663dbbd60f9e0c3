// Durable groups on JetStream: one stream per declaration captures the
// groups' subjects and republishes each message, once stored, to the live
// subjects with its sequence and its group's previous sequence
// (`Nats-Sequence`, `Nats-Last-Sequence`), which is what gateways deliver.
import {
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import {
  DIRECT_READ_DEFAULTS,
  DirectReader,
  retrying,
  type DirectReadOptions,
} from './direct-read.ts';
import type { Headers } from './message.ts';
import type {
  DeclaredStore,
  DurableSpec,
  DurableStore,
  Position,
  StoredMessage,
} from './durable.ts';

const NANOS_PER_MS = 1_000_000;
// Sequences one batch of a read spans: what a replay writes before it waits for the client.
const READ_SPAN = 512;
// A read spanning more sequences than this tries a consumer first: one pull
// brings a batch, where direct gets cost a request per message, and a long
// replay that falls behind the group's trimming fails.
const CONSUMER_READ_OVER = 256;
// How long creating that consumer may take before direct gets take over.
const CONSUMER_CREATE_MS = 1000;
const READ_BATCH = 500;
// Within this window JetStream drops a second publish with the same Nats-Msg-Id.
const DUPLICATE_WINDOW_MS = 120_000;
// Stream lookups by subject are cached; the cache is cleared past this size.
const MAX_CACHED_SUBJECTS = 10_000;

interface StreamFacts {
  readonly name: string;
  readonly epoch: string;
  readonly maxPerGroup: number;
  /** The stream's subject patterns. */
  readonly subjects: readonly string[];
}

export class NatsDurableStore implements DurableStore {
  readonly #js: JetStreamClient;
  #jsm: Promise<JetStreamManager> | undefined;
  readonly #bySubject = new Map<string, Promise<StreamFacts | undefined>>();
  // Facts per stream, once read: a new group of a known stream costs only
  // the meta leader's lookup, not its stream leader (which may be in election).
  readonly #byName = new Map<string, StreamFacts>();
  // Reads go through direct gets, never a consumer (./direct-read.ts).
  readonly #direct: DirectReader;
  readonly #budgetMs: number;

  constructor(
    private readonly nc: NatsConnection,
    opts: DirectReadOptions = {},
  ) {
    this.#js = jetstream(nc);
    this.#direct = new DirectReader(nc, opts);
    this.#budgetMs = opts.budgetMs ?? DIRECT_READ_DEFAULTS.budgetMs;
  }

  #manager(): Promise<JetStreamManager> {
    this.#jsm ??= jetstreamManager(this.nc, { checkAPI: false });
    return this.#jsm;
  }

  /** A request to the stream's leader (or the meta leader), asked again while one is being elected. */
  async #api<T>(request: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
    const jsm = await this.#manager();
    return retrying(this.#budgetMs, () => request(jsm));
  }

  async declare(spec: DurableSpec): Promise<DeclaredStore> {
    const jsm = await this.#manager();
    const wanted = {
      subjects: [spec.subjects],
      republish: { src: spec.subjects, dest: spec.live },
      max_msgs_per_subject: spec.maxPerGroup,
      max_age: spec.maxAgeMs * NANOS_PER_MS,
      // Joins and replays read with direct gets, which any current replica answers.
      allow_direct: true,
    };
    let replicas = spec.replicas;
    try {
      const { config } = await jsm.streams.info(spec.name);
      // Only what this store relies on is put right; settings an operator
      // chose (size limits, placement, the number of copies) stay as they are.
      replicas = config.num_replicas;
      const stale =
        config.subjects?.join() !== spec.subjects ||
        config.republish?.dest !== spec.live ||
        config.max_msgs_per_subject !== spec.maxPerGroup ||
        config.max_age !== wanted.max_age ||
        config.allow_direct !== true;
      if (stale) await jsm.streams.update(spec.name, { ...wanted, num_replicas: replicas });
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound))
        throw err;
      // Several replicas may start at once: adding an identical stream twice succeeds.
      await jsm.streams.add({
        name: spec.name,
        ...wanted,
        num_replicas: spec.replicas,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        duplicate_window: DUPLICATE_WINDOW_MS * NANOS_PER_MS,
      });
    }
    this.#bySubject.clear();
    this.#byName.clear();
    return { replicas };
  }

  async last(subject: string): Promise<Position | undefined> {
    const facts = await this.#facts(subject);
    if (!facts) return undefined;
    const msg = await this.#direct.last(facts.name, subject);
    return { epoch: facts.epoch, seq: msg?.seq ?? 0 };
  }

  async recoverable(subject: string, since: Position): Promise<boolean> {
    const facts = await this.#facts(subject);
    if (!facts || facts.epoch !== since.epoch) return false;
    if (since.seq === 0) {
      // The client joined while the group was empty. Messages go oldest
      // first, and only once the group holds its limit, so nothing after it
      // has gone while the group is below the limit.
      const info = await this.#api((jsm) =>
        jsm.streams.info(facts.name, { subjects_filter: subject }),
      );
      return (info.state.subjects?.[subject] ?? 0) < facts.maxPerGroup;
    }
    // The message the client saw last is still kept: everything after it in
    // its group is too, since a group loses its oldest messages first.
    const msg = await this.#direct.bySeq(facts.name, since.seq);
    return msg?.subject === subject;
  }

  async read(
    subject: string,
    after: number,
    upTo: number,
    onBatch: (batch: StoredMessage[]) => Promise<void> | void,
  ): Promise<void> {
    if (upTo <= after) return;
    const facts = await this.#facts(subject);
    if (!facts) return;
    let from = after + 1;
    if (upTo - after > CONSUMER_READ_OVER)
      from = (await this.#readByConsumer(facts.name, subject, after, upTo, onBatch)) + 1;
    // Spans of sequences, each walked in parallel sub-ranges; an empty
    // stretch costs nothing, since a span starts at the subject's next message.
    while (from > 0 && from <= upTo) {
      const to = Math.min(upTo, from + READ_SPAN - 1);
      const { messages, next } = await this.#direct.range(facts.name, subject, from, to);
      if (messages.length) await onBatch(messages.map(stored));
      from = next;
    }
  }

  /**
   * Reads through an ordered consumer while it works; returns the last
   * sequence handed over (upTo when it read everything, `after` when it
   * could not start), so direct gets carry on from there.
   */
  async #readByConsumer(
    stream: string,
    subject: string,
    after: number,
    upTo: number,
    onBatch: (batch: StoredMessage[]) => Promise<void> | void,
  ): Promise<number> {
    let last = after;
    const consumer = await withTimeout(
      CONSUMER_CREATE_MS,
      this.#js.consumers.get(stream, {
        filter_subjects: subject,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: after + 1,
        inactive_threshold: 30_000,
      }),
    ).catch(() => undefined);
    if (!consumer) return after;
    try {
      let pending = (await withTimeout(CONSUMER_CREATE_MS, consumer.info(true))).num_pending;
      while (pending > 0) {
        const batch: StoredMessage[] = [];
        const messages = await consumer.fetch({
          max_messages: Math.min(READ_BATCH, pending),
          expires: CONSUMER_CREATE_MS,
        });
        for await (const m of messages) {
          pending = m.info.pending;
          if (m.seq > upTo) break;
          batch.push({ seq: m.seq, data: m.data, headers: ownHeaders(m.headers) });
          if (m.seq === upTo) break;
        }
        if (batch.length === 0) break;
        await onBatch(batch);
        last = batch.at(-1)!.seq;
        if (last >= upTo) return upTo;
      }
      return pending === 0 ? upTo : last;
    } catch {
      return last;
    } finally {
      void consumer.delete().catch(() => undefined);
    }
  }

  async tail(subject: string, n: number, upTo?: number): Promise<StoredMessage[]> {
    const facts = await this.#facts(subject);
    if (!facts || n <= 0) return [];
    const top = upTo ?? (await this.#direct.last(facts.name, subject))?.seq ?? 0;
    // Backwards from the top, so the cost follows `n`, not what the group or stream holds.
    return (await this.#direct.tail(facts.name, subject, n, top)).map(stored);
  }

  async publish(subject: string, data: Uint8Array, headers?: Headers): Promise<Position> {
    const facts = await this.#facts(subject);
    if (!facts) throw new Error(`no store keeps ${subject}`);
    let h: MsgHdrs | undefined;
    if (headers) {
      h = natsHeaders();
      for (const [k, v] of Object.entries(headers)) h.set(k, v);
    }
    const ack = await this.#js.publish(subject, data, { headers: h });
    return { epoch: facts.epoch, seq: ack.seq };
  }

  /** Which stream keeps the subject, and its epoch; undefined when none does. */
  #facts(subject: string): Promise<StreamFacts | undefined> {
    let facts = this.#bySubject.get(subject);
    if (!facts) {
      if (this.#bySubject.size >= MAX_CACHED_SUBJECTS) {
        this.#bySubject.clear();
        this.#byName.clear();
      }
      facts = this.#lookUp(subject);
      this.#bySubject.set(subject, facts);
      // A failed lookup is not remembered: the next join asks again.
      facts.catch(() => this.#bySubject.delete(subject));
    }
    return facts;
  }

  async #lookUp(subject: string): Promise<StreamFacts | undefined> {
    // A stream already known captures it: no need for the meta leader, which
    // may be in election (a new room joined while a node is down).
    for (const facts of this.#byName.values())
      if (facts.subjects.some((pattern) => matches(pattern, subject))) return facts;
    let name: string;
    try {
      name = await this.#api((jsm) => jsm.streams.find(subject));
    } catch (err) {
      if (err instanceof JetStreamApiError || (err as Error).name === 'StreamNotFoundError') {
        this.#bySubject.delete(subject);
        return undefined;
      }
      throw err;
    }
    const known = this.#byName.get(name);
    if (known) return known;
    const info = await this.#api((jsm) => jsm.streams.info(name));
    const facts = {
      name,
      // The creation time tells a stream from one created anew under its name.
      epoch: Date.parse(info.created).toString(36),
      maxPerGroup: info.config.max_msgs_per_subject,
      subjects: info.config.subjects ?? [],
    };
    this.#byName.set(name, facts);
    return facts;
  }
}

/** Whether a NATS subject pattern (`*` one token, `>` the rest) matches a subject. */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const t = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return t.length > i;
    if (i >= t.length || (p[i] !== '*' && p[i] !== t[i])) return false;
  }
  return p.length === t.length;
}

/** Resolves as `p` does, or rejects after `ms`. */
function withTimeout<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function ownHeaders(h: MsgHdrs | undefined): Headers | undefined {
  if (!h) return undefined;
  const out: Headers = {};
  for (const [k, v] of h) out[k] = v[0] ?? '';
  return out;
}

function stored(m: { seq: number; data: Uint8Array; headers: Headers | undefined }): StoredMessage {
  return { seq: m.seq, data: m.data, headers: m.headers };
}
