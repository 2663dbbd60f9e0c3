// Storage in this process, beside the in-memory bus. One MemoryStorage serves
// every component of a process, as one NATS serves every replica: the
// dashboard and its feeder, each on its own bus, find the same bucket here.
import type { History, HistoryOptions } from './history.ts';
import { MemoryHistory } from './history-memory.ts';
import type { KvStore } from './kv.ts';
import { MemoryKvStore } from './kv-memory.ts';
import type { KvOptions, Storage } from './storage.ts';

export class MemoryStorage implements Storage {
  readonly kind = 'memory';
  readonly #buckets = new Map<string, MemoryKvStore>();
  readonly #histories = new Map<string, MemoryHistory>();

  async keyValue(bucket: string, opts: KvOptions = {}): Promise<KvStore> {
    let store = this.#buckets.get(bucket);
    if (!store) this.#buckets.set(bucket, (store = new MemoryKvStore(opts)));
    return store;
  }

  async history(opts: HistoryOptions): Promise<History> {
    let history = this.#histories.get(opts.name);
    if (!history) this.#histories.set(opts.name, (history = new MemoryHistory(opts)));
    return history;
  }
}
