// The relay turns the bucket's change feed into board events. Exactly one
// replica relays at a time (it holds the Lease), so every change reaches each
// board's group once, whoever wrote it: this service, another replica, another
// service, or `nats kv put`.
//
// On taking the lease, the relay reads the bucket's whole retained history in
// order. Changes up to the previous holder's position are only counted (which
// keys exist, each board's last revision); changes after it are published.
// That history is what lets it label a put `create` or `update` and give each
// event its board's previous revision (`prev`), exactly as the previous holder
// would have.
import type { Logger } from '../../lib/log.ts';
import type { Publisher } from '../sdk/index.ts';
import { Lease } from './lease.ts';
import { boardGroup, splitStoreKey, type BoardEvent } from './model.ts';
import type { Change, KvStore, Watch } from '../sdk/index.ts';

export interface RelayOptions {
  store: KvStore;
  /** Where the lease lives: a store of its own, so heartbeats stay out of the boards' history. */
  leaseStore: KvStore;
  publisher: Publisher;
  holder: string;
  ttlMs: number;
  log: Logger;
}

export const LEASE_KEY = 'relay';

export class Relay {
  readonly #lease: Lease;
  #position = 0;
  #watch: Watch | undefined;
  /** Bumped on every acquire and loss, so a feed from an earlier tenure stops publishing. */
  #tenure = 0;
  #active = false;
  #published = 0;

  constructor(private readonly o: RelayOptions) {
    this.#lease = new Lease({
      store: o.leaseStore,
      key: LEASE_KEY,
      holder: o.holder,
      ttlMs: o.ttlMs,
      position: () => this.#position,
      onAcquire: (position) => this.#acquired(position),
      onLose: () => this.#lost(),
      log: o.log,
    });
  }

  /** True while this replica holds the lease and relays. */
  get active(): boolean {
    return this.#active;
  }

  /** The last revision relayed (or counted) by this replica. */
  get position(): number {
    return this.#position;
  }

  /** Events published since start, for tests and logs. */
  get published(): number {
    return this.#published;
  }

  start(): void {
    this.#lease.start();
  }

  async stop(): Promise<void> {
    await this.#lease.stop();
    this.#lost();
  }

  #acquired(position: number): void {
    const tenure = ++this.#tenure;
    this.#active = true;
    this.#position = position;
    void this.#relay(tenure, position).catch((err: unknown) => {
      if (tenure !== this.#tenure) return;
      this.o.log.error({ err }, 'relay feed failed; releasing the lease');
      void this.#lease.release();
    });
  }

  #lost(): void {
    this.#tenure++;
    this.#active = false;
    this.#watch?.stop();
    this.#watch = undefined;
  }

  async #relay(tenure: number, from: number): Promise<void> {
    const watch = await this.o.store.watch();
    if (tenure !== this.#tenure) return watch.stop();
    this.#watch = watch;
    const live = new Set<string>();
    const lastOfBoard = new Map<string, number>();
    for await (const c of watch) {
      if (tenure !== this.#tenure) return;
      const event = toEvent(c, live, lastOfBoard);
      if (c.revision <= from) continue;
      if (event) {
        this.o.publisher.toGroup(boardGroup(event.board), event);
        this.#published++;
      }
      this.#position = c.revision;
    }
    if (tenure === this.#tenure) throw new Error('the change feed ended');
  }
}

/** Folds one change into the relay's view of the bucket and returns its event, if it belongs to a board. */
function toEvent(
  c: Change,
  live: Set<string>,
  lastOfBoard: Map<string, number>,
): BoardEvent | undefined {
  const existed = live.has(c.key);
  if (c.op === 'put') live.add(c.key);
  else live.delete(c.key);
  const name = splitStoreKey(c.key);
  if (!name) return undefined;
  const prev = lastOfBoard.get(name.board) ?? 0;
  lastOfBoard.set(name.board, c.revision);
  return c.op === 'put'
    ? {
        type: existed ? 'update' : 'create',
        board: name.board,
        key: name.key,
        value: c.value,
        revision: c.revision,
        pos: String(c.revision),
        prev,
      }
    : {
        type: 'delete',
        board: name.board,
        key: name.key,
        revision: c.revision,
        pos: String(c.revision),
        prev,
      };
}
