// Storage on NATS JetStream: KV buckets that every replica on the same NATS
// shares and that outlive restarts.
import type { NatsConnection } from '@nats-io/transport-node';
import type { KvStore } from './kv.ts';
import { JetStreamKvStore } from './kv-jetstream.ts';
import type { KvOptions, Storage } from './storage.ts';

export class JetStreamStorage implements Storage {
  readonly kind = 'jetstream';

  /** The connection stays its owner's (the bus): storage never closes it. */
  constructor(private readonly connection: NatsConnection) {}

  keyValue(bucket: string, opts: KvOptions = {}): Promise<KvStore> {
    return JetStreamKvStore.open(this.connection, { bucket, history: opts.history });
  }
}
