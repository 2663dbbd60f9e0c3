// Storage in this process, beside the in-memory bus. One MemoryStorage serves
// every component of a process, as one NATS serves every replica: the
// dashboard and its feeder, each on its own bus, find the same bucket here.
import type { KvStore } from './kv.ts';
import { MemoryKvStore } from './kv-memory.ts';
import type { KvOptions, Storage } from './storage.ts';

export class MemoryStorage implements Storage {
  readonly kind = 'memory';
  readonly #buckets = new Map<string, MemoryKvStore>();

  async keyValue(bucket: string, opts: KvOptions = {}): Promise<KvStore> {
    let store = this.#buckets.get(bucket);
    if (!store) this.#buckets.set(bucket, (store = new MemoryKvStore(opts)));
    return store;
  }
}
