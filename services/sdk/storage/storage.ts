// Where services keep state: the storage seam, as the Bus is the messaging
// one. The command line builds one Storage next to each bus (cli/main.ts):
// JetStreamStorage on a NATS connection, MemoryStorage beside the in-memory
// bus. Services get it in their ServiceEnv and never ask which one it is.
import type { KvStore } from './kv.ts';

export interface KvOptions {
  /** Changes kept per key (1 to 64); default 64. */
  history?: number;
}

/**
 * Contract, for both implementations: opening a bucket that exists (another
 * replica's, or a previous run's on NATS) gives its data; opening it for the
 * first time creates it with these options. Each returned store keeps its
 * own contract (kv.ts). Messages a service keeps go in durable groups
 * (ServiceDefinition.durable), which the bus stores.
 */
export interface Storage {
  /** "jetstream" or "memory", for logs. */
  readonly kind: string;
  /** A revisioned key-value bucket with a change feed, by name ([A-Za-z0-9_-]). */
  keyValue(bucket: string, opts?: KvOptions): Promise<KvStore>;
}
