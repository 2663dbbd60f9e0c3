// The relay turns the bucket's change feed into group events. Exactly one
// replica relays at a time (it holds the Lease), so every change reaches its
// group once, whoever wrote it: this service, another replica, another
// program, or `nats kv put`. It holds one watch on the bucket, whatever the
// number of groups and bound streams, and publishes each change once.
//
// On taking the lease, the relay reads the bucket's whole retained history in
// order. Changes up to the previous holder's position are only counted (which
// keys exist, each group's last revision); changes after it are published.
// That history is what lets it label a put `create` or `update` and give each
// event its group's previous revision (`prev`), exactly as the previous holder
// would have. When the history has lost revisions (a key's history overran
// during an outage), an event after such a hole cannot know what it skipped:
// it says so with `gap: true`, and clients sync (docs/services.md).
//
// A replica that stood down only for lateness and took its own lease straight
// back (no holder between) resumes its feed where it stopped, with what it
// had counted: a 100,000-key bucket's history is not read again each time a
// busy process renews late.
import type { Logger } from '../../../lib/log.ts';
import type { Publisher } from '../publisher.ts';
import type { Change, KvStore, Watch } from '../storage/kv.ts';
import type { KeyGroups } from './keys.ts';
import { Lease } from './lease.ts';
import type { BindingEvent } from './model.ts';

export interface RelayOptions {
  store: KvStore;
  /** Where the lease lives: a store of its own, so heartbeats stay out of the bound history. */
  leaseStore: KvStore;
  /** The lease's key: one per binding, so bindings of one bucket each relay. */
  leaseKey: string;
  publisher: Publisher;
  holder: string;
  ttlMs: number;
  log: Logger;
  /** Which group each key's changes go to. */
  groups: KeyGroups;
  /** The bus group of a binding group: `<binding>.<group>`. */
  busGroup(group: string): string;
  /** The field events name their group under. */
  groupField: string;
}

export class BindingRelay {
  readonly #lease: Lease;
  #position = 0;
  #watch: Watch | undefined;
  /** What this replica's feed has read, kept for a resume of its own lease. */
  #seen: Seen | undefined;
  /** Bumped on every acquire and loss, so a feed from an earlier tenure stops publishing. */
  #tenure = 0;
  #active = false;
  #published = 0;

  constructor(private readonly o: RelayOptions) {
    this.#lease = new Lease({
      store: o.leaseStore,
      key: o.leaseKey,
      holder: o.holder,
      ttlMs: o.ttlMs,
      position: () => this.#position,
      onAcquire: (position, own) => this.#acquired(position, own),
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

  #acquired(position: number, own: boolean): void {
    const tenure = ++this.#tenure;
    this.#active = true;
    const resume = own ? this.#seen : undefined;
    // A feed of another tenure's reading is never resumed after a fresh one.
    this.#seen = resume;
    if (!resume) this.#position = position;
    void this.#relay(tenure, resume).catch((err: unknown) => {
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

  async #relay(tenure: number, resume: Seen | undefined): Promise<void> {
    // Changes up to `from` were relayed already: counted, not published. A
    // resumed feed may have counted past it (it stood down while catching
    // up), so it reads on from the last change it saw.
    const from = this.#position;
    const seen = resume ?? unseen();
    const watch = await this.o.store.watch(undefined, resume?.last);
    if (tenure !== this.#tenure) return watch.stop();
    this.#watch = watch;
    this.#seen = seen;
    for await (const c of watch) {
      if (tenure !== this.#tenure) return;
      const event = toBindingEvent(c, seen, this.o.groups);
      if (c.revision <= from) continue;
      if (event) {
        const { group, ...rest } = event;
        this.o.publisher.toGroup(this.o.busGroup(group), { ...rest, [this.o.groupField]: group });
        this.#published++;
      }
      this.#position = c.revision;
    }
    if (tenure === this.#tenure) throw new Error('the change feed ended');
  }
}

/** What the relay has read of the bucket's history in this tenure. */
export interface Seen {
  /** Keys whose last change was a put. */
  readonly live: Set<string>;
  /** Each group's last revision. */
  readonly lastOfGroup: Map<string, number>;
  /** The last revision read. */
  last: number;
  /** The highest revision the feed never gave (dropped from the history); 0 when none. */
  hole: number;
}

/** Folds one change into the relay's view of the bucket and returns its event, if it belongs to a group. */
export function toBindingEvent(
  c: Change,
  seen: Seen,
  groups: KeyGroups,
): (BindingEvent & { group: string }) | undefined {
  if (c.revision > seen.last + 1) seen.hole = c.revision - 1;
  seen.last = c.revision;
  const existed = seen.live.has(c.key);
  if (c.op === 'put') seen.live.add(c.key);
  else seen.live.delete(c.key);
  const name = groups.of(c.key);
  if (!name) return undefined;
  const prev = seen.lastOfGroup.get(name.group) ?? 0;
  seen.lastOfGroup.set(name.group, c.revision);
  // A revision between the group's previous event and this one is gone:
  // it may have been this group's, so `prev` (and `create`) cannot be trusted.
  const gap = seen.hole > prev ? { gap: true as const } : {};
  const base = { group: name.group, key: name.key, revision: c.revision };
  return c.op === 'put'
    ? {
        type: existed ? 'update' : 'create',
        ...base,
        value: c.value,
        pos: String(c.revision),
        prev,
        ...gap,
      }
    : { type: 'delete', ...base, pos: String(c.revision), prev, ...gap };
}

/** A fresh view, for toBindingEvent's tests. */
export function unseen(): Seen {
  return { live: new Set(), lastOfGroup: new Map(), last: 0, hole: 0 };
}
