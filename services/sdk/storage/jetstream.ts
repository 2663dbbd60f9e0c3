// Storage on NATS JetStream: KV buckets that every replica on the same NATS
// shares and that outlive restarts. Buckets are created with the configured
// number of copies (MUX_JETSTREAM_REPLICAS); one that exists with fewer is
// reported at open (../replicas.ts).
import type { NatsConnection } from '@nats-io/transport-node';
import type { DirectReadOptions } from '../../../bus/direct-read.ts';
import { silentLogger, type Logger } from '../../../lib/log.ts';
import { checkReplicas } from '../replicas.ts';
import type { KvStore } from './kv.ts';
import { JetStreamKvStore } from './kv-jetstream.ts';
import type { KvOptions, Storage } from './storage.ts';

export interface JetStreamStorageOptions {
  /** Copies JetStream keeps of a bucket it creates (MUX_JETSTREAM_REPLICAS); default 1. */
  replicas?: number;
  /** Where a bucket with fewer copies than `replicas` is reported. */
  log?: Logger;
  /** How direct gets of the buckets wait and retry (NATS_READ_*); DIRECT_READ_DEFAULTS otherwise. */
  reads?: DirectReadOptions;
}

export class JetStreamStorage implements Storage {
  readonly kind = 'jetstream';
  readonly #replicas: number;
  readonly #log: Logger;
  readonly #reads: DirectReadOptions;

  /** The connection stays its owner's (the bus): storage never closes it. */
  constructor(
    private readonly connection: NatsConnection,
    opts: JetStreamStorageOptions = {},
  ) {
    this.#replicas = opts.replicas ?? 1;
    this.#log = opts.log ?? silentLogger;
    this.#reads = opts.reads ?? {};
  }

  async keyValue(bucket: string, opts: KvOptions = {}): Promise<KvStore> {
    const store = await JetStreamKvStore.open(this.connection, {
      bucket,
      history: opts.history,
      replicas: this.#replicas,
      readTimeoutMs: this.#reads.budgetMs,
      reads: this.#reads,
    });
    checkReplicas(this.#log, store.stream, store.replicas, this.#replicas, { bucket });
    return store;
  }
}
