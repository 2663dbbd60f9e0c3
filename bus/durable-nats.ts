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
import type { Headers } from './message.ts';
import type {
  DeclaredStore,
  DurableSpec,
  DurableStore,
  Position,
  StoredMessage,
} from './durable.ts';

const NANOS_PER_MS = 1_000_000;
const READ_BATCH = 500;
// Within this window JetStream drops a second publish with the same Nats-Msg-Id.
const DUPLICATE_WINDOW_MS = 120_000;
// Stream lookups by subject are cached; the cache is cleared past this size.
const MAX_CACHED_SUBJECTS = 10_000;

interface StreamFacts {
  readonly name: string;
  readonly epoch: string;
  readonly maxPerGroup: number;
}

export class NatsDurableStore implements DurableStore {
  readonly #js: JetStreamClient;
  #jsm: Promise<JetStreamManager> | undefined;
  readonly #bySubject = new Map<string, Promise<StreamFacts | undefined>>();

  constructor(private readonly nc: NatsConnection) {
    this.#js = jetstream(nc);
  }

  #manager(): Promise<JetStreamManager> {
    this.#jsm ??= jetstreamManager(this.nc);
    return this.#jsm;
  }

  async declare(spec: DurableSpec): Promise<DeclaredStore> {
    const jsm = await this.#manager();
    const wanted = {
      subjects: [spec.subjects],
      republish: { src: spec.subjects, dest: spec.live },
      max_msgs_per_subject: spec.maxPerGroup,
      max_age: spec.maxAgeMs * NANOS_PER_MS,
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
        config.max_age !== wanted.max_age;
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
        allow_direct: true,
        duplicate_window: DUPLICATE_WINDOW_MS * NANOS_PER_MS,
      });
    }
    this.#bySubject.clear();
    return { replicas };
  }

  async last(subject: string): Promise<Position | undefined> {
    const facts = await this.#facts(subject);
    if (!facts) return undefined;
    const jsm = await this.#manager();
    const msg = await jsm.streams.getMessage(facts.name, { last_by_subj: subject });
    return { epoch: facts.epoch, seq: msg?.seq ?? 0 };
  }

  async recoverable(subject: string, since: Position): Promise<boolean> {
    const facts = await this.#facts(subject);
    if (!facts || facts.epoch !== since.epoch) return false;
    const jsm = await this.#manager();
    if (since.seq === 0) {
      // The client joined while the group was empty. Messages go oldest
      // first, and only once the group holds its limit, so nothing after it
      // has gone while the group is below the limit.
      const info = await jsm.streams.info(facts.name, { subjects_filter: subject });
      return (info.state.subjects?.[subject] ?? 0) < facts.maxPerGroup;
    }
    // The message the client saw last is still kept: everything after it in
    // its group is too, since a group loses its oldest messages first.
    const msg = await jsm.streams.getMessage(facts.name, { seq: since.seq }).catch(() => null);
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
    // An ordered consumer, not direct gets: one pull brings a batch, where
    // direct gets on nats-server 2.9 cost a round trip each.
    const consumer = await this.#js.consumers.get(facts.name, {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: after + 1,
      inactive_threshold: 30_000,
    });
    try {
      let pending = (await consumer.info(true)).num_pending;
      while (pending > 0) {
        const batch: StoredMessage[] = [];
        let done = false;
        const messages = await consumer.fetch({
          max_messages: Math.min(READ_BATCH, pending),
          expires: 5_000,
        });
        for await (const m of messages) {
          pending = m.info.pending;
          if (m.seq > upTo) {
            done = true;
            break;
          }
          batch.push({ seq: m.seq, data: m.data, headers: fromNats(m.headers) });
          if (m.seq === upTo || pending === 0) {
            done = true;
            break;
          }
        }
        if (batch.length) await onBatch(batch);
        if (done || batch.length === 0) return;
      }
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  async tail(subject: string, n: number, upTo = Number.MAX_SAFE_INTEGER): Promise<StoredMessage[]> {
    // A group holds at most maxPerGroup messages: reading them all is
    // reading its last ones (2.9 has no way to read backwards).
    const out: StoredMessage[] = [];
    await this.read(subject, 0, upTo, (batch) => {
      out.push(...batch);
      if (out.length > n) out.splice(0, out.length - n);
    });
    return out;
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
      if (this.#bySubject.size >= MAX_CACHED_SUBJECTS) this.#bySubject.clear();
      facts = this.#lookUp(subject);
      this.#bySubject.set(subject, facts);
      // A failed lookup is not remembered: the next join asks again.
      facts.catch(() => this.#bySubject.delete(subject));
    }
    return facts;
  }

  async #lookUp(subject: string): Promise<StreamFacts | undefined> {
    const jsm = await this.#manager();
    let name: string;
    try {
      name = await jsm.streams.find(subject);
    } catch (err) {
      if (err instanceof JetStreamApiError || (err as Error).name === 'StreamNotFoundError') {
        this.#bySubject.delete(subject);
        return undefined;
      }
      throw err;
    }
    const info = await jsm.streams.info(name);
    return {
      name,
      // The creation time tells a stream from one created anew under its name.
      epoch: Date.parse(info.created).toString(36),
      maxPerGroup: info.config.max_msgs_per_subject,
    };
  }
}

function fromNats(h: MsgHdrs | undefined): Headers | undefined {
  if (!h) return undefined;
  const out: Headers = {};
  for (const [k, v] of h) out[k] = v[0] ?? '';
  return out;
}
