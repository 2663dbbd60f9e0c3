// Chat history in a JetStream stream, shared by every chat replica and kept
// across restarts. One subject per room under `<prefix>.chat.history.>`; the
// stream keeps HISTORY_LIMIT messages per subject (max_msgs_per_subject), so
// the server, not the service, forgets old messages. A message's id is its
// stream sequence: unique across replicas and increasing in store order.
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
import type { History, NewMessage } from './history.ts';
import { HISTORY_LIMIT, type ChatMessage } from './messages.ts';
import { roomKey } from './rooms.ts';

export interface JetStreamHistoryOptions {
  /** The deployment's subject prefix (MUX_PREFIX). */
  prefix: string;
  /** Stream replicas when creating the stream (default 1); 3 on a clustered NATS survives a lost server. */
  replicas?: number;
}

/** `mux` -> `MUX_CHAT`; stream names cannot hold '.', which prefixes may. */
export function chatStreamName(prefix: string): string {
  return `${prefix.replaceAll('.', '_').toUpperCase()}_CHAT`;
}

export class JetStreamHistory implements History {
  private constructor(
    private readonly js: JetStreamClient,
    readonly stream: string,
    private readonly subjectPrefix: string,
  ) {}

  /** Creates the stream, or updates it to this configuration, and returns the store. */
  static async open(nc: NatsConnection, opts: JetStreamHistoryOptions): Promise<JetStreamHistory> {
    const jsm = await jetstreamManager(nc);
    const name = chatStreamName(opts.prefix);
    const subjectPrefix = `${opts.prefix}.chat.history`;
    const subjects = [`${subjectPrefix}.>`];
    try {
      const { config } = await jsm.streams.info(name);
      // Only what this service relies on is put right; settings an operator
      // chose (replicas, size limits, placement) stay as they are.
      const stale =
        config.max_msgs_per_subject !== HISTORY_LIMIT ||
        config.subjects?.length !== 1 ||
        config.subjects[0] !== subjects[0] ||
        (opts.replicas !== undefined && config.num_replicas !== opts.replicas);
      if (stale)
        await jsm.streams.update(name, {
          subjects,
          max_msgs_per_subject: HISTORY_LIMIT,
          ...(opts.replicas !== undefined && { num_replicas: opts.replicas }),
        });
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound))
        throw err;
      // Several replicas may start at once: adding an identical stream twice succeeds.
      await jsm.streams.add({
        name,
        subjects,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        max_msgs_per_subject: HISTORY_LIMIT,
        num_replicas: opts.replicas ?? 1,
      });
    }
    return new JetStreamHistory(jetstream(nc), name, subjectPrefix);
  }

  #subject(room: string): string {
    return `${this.subjectPrefix}.${roomKey(room)}`;
  }

  async append(room: string, msg: NewMessage): Promise<ChatMessage> {
    const stored = { user: msg.user, text: msg.text, ts: msg.ts };
    const ack = await this.js.publish(this.#subject(room), JSON.stringify(stored));
    return { id: String(ack.seq), ...stored };
  }

  async recent(room: string): Promise<ChatMessage[]> {
    // The stream keeps at most HISTORY_LIMIT messages on the room's subject,
    // so reading all of them is reading the last ones. An ordered consumer
    // does it in one pull; batched direct gets would need nats-server 2.11.
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: this.#subject(room),
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 30_000,
    });
    try {
      const pending = (await consumer.info(true)).num_pending;
      if (pending === 0) return [];
      const out: ChatMessage[] = [];
      const messages = await consumer.fetch({ max_messages: pending, expires: 5_000 });
      for await (const m of messages) {
        const body = m.json<NewMessage>();
        out.push({ id: String(m.seq), user: body.user, text: body.text, ts: body.ts });
        // Messages dropped by the per-room limit while we read make the
        // count shrink: stop at the last one rather than wait for more.
        if (m.info.pending === 0) break;
      }
      return out.slice(-HISTORY_LIMIT);
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  async close(): Promise<void> {}
}
