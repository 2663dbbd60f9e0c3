// A History in a JetStream stream, shared by every replica and kept across
// restarts. One subject per key below the history's subject; the stream keeps
// `perKey` messages per subject (max_msgs_per_subject), so the server, not
// the service, forgets old entries. An entry's id is its stream sequence:
// unique across replicas and increasing in store order.
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
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { History, HistoryEntry, HistoryOptions } from './history.ts';
import { assertKey, type Json } from './kv.ts';

export class JetStreamHistory implements History {
  private constructor(
    private readonly js: JetStreamClient,
    readonly stream: string,
    private readonly subject: string,
    private readonly perKey: number,
  ) {}

  /** Creates the stream, or updates it to this configuration, and returns the history. */
  static async open(nc: NatsConnection, opts: HistoryOptions): Promise<JetStreamHistory> {
    const jsm = await jetstreamManager(nc);
    const subjects = [`${opts.subject}.>`];
    try {
      const { config } = await jsm.streams.info(opts.name);
      // Only what this store relies on is put right; settings an operator
      // chose (replicas, size limits, placement) stay as they are.
      const stale =
        config.max_msgs_per_subject !== opts.perKey ||
        config.subjects?.length !== 1 ||
        config.subjects[0] !== subjects[0] ||
        (opts.replicas !== undefined && config.num_replicas !== opts.replicas);
      if (stale)
        await jsm.streams.update(opts.name, {
          subjects,
          max_msgs_per_subject: opts.perKey,
          ...(opts.replicas !== undefined && { num_replicas: opts.replicas }),
        });
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound))
        throw err;
      // Several replicas may start at once: adding an identical stream twice succeeds.
      await jsm.streams.add({
        name: opts.name,
        subjects,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        max_msgs_per_subject: opts.perKey,
        num_replicas: opts.replicas ?? 1,
      });
    }
    return new JetStreamHistory(jetstream(nc), opts.name, opts.subject, opts.perKey);
  }

  #subject(key: string): string {
    assertKey(key);
    return `${this.subject}.${key}`;
  }

  async append(key: string, value: Json): Promise<string> {
    const ack = await this.js.publish(this.#subject(key), JSON.stringify(value));
    return String(ack.seq);
  }

  async recent(key: string): Promise<HistoryEntry[]> {
    // The stream keeps at most perKey messages on the key's subject, so
    // reading all of them is reading the last ones. An ordered consumer does
    // it in one pull; batched direct gets would need nats-server 2.11.
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: this.#subject(key),
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 30_000,
    });
    try {
      const pending = (await consumer.info(true)).num_pending;
      if (pending === 0) return [];
      const out: HistoryEntry[] = [];
      const messages = await consumer.fetch({ max_messages: pending, expires: 5_000 });
      for await (const m of messages) {
        out.push({ id: String(m.seq), value: m.json<Json>() });
        // Messages dropped by the per-key limit while we read make the
        // count shrink: stop at the last one rather than wait for more.
        if (m.info.pending === 0) break;
      }
      return out.slice(-this.perKey);
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  async close(): Promise<void> {}
}
