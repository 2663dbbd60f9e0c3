// A lease in the store: at most one replica holds it, and whoever holds it
// relays the bucket's changes to its groups (relay.ts). nats-server 2.9 has no
// per-key TTL, so liveness is a heartbeat: the holder rewrites the record
// every ttl/3 with compare-and-set; a contender that sees the record's
// revision stand still for a whole ttl, on its own monotonic clock, takes it
// over with compare-and-set. No two clocks are ever compared.
//
// The holder stops acting once it has not renewed for ttl/2, before any
// contender can take over. A pause longer than that (GC, a frozen VM) can
// still leave two holders for a moment; what they relay carries revisions,
// and clients drop revisions they already hold, so the overlap duplicates
// nothing a client applies.
//
// The record also carries the holder's position (the last revision it
// relayed), so a successor resumes where it stopped instead of skipping or
// replaying everything.
import type { Logger } from '../../../lib/log.ts';
import { ConflictError, type Json, type KvStore } from '../storage/kv.ts';

export interface LeaseOptions {
  store: KvStore;
  key: string;
  /** This replica's name, unique among contenders. */
  holder: string;
  ttlMs: number;
  /** The position to record with each renewal. */
  position(): number;
  /** Called once the lease is ours, with the position the previous holder recorded (0 if none). */
  onAcquire(position: number): void;
  /** Called when the lease is no longer ours: lost, expired on our side, released. */
  onLose(): void;
  log: Logger;
}

interface LeaseRecord {
  holder: string | null;
  position: number;
}

export class Lease {
  #revision: number | undefined;
  #renewedAt = 0;
  #seen: { revision: number; at: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly o: LeaseOptions) {}

  get held(): boolean {
    return this.#revision !== undefined;
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops contending; a holder hands the lease over at once, keeping its position. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.release();
  }

  /** Gives the lease up now (keeping the position) so any replica may take it at its next check. */
  async release(): Promise<void> {
    const revision = this.#revision;
    if (revision === undefined) return;
    this.#lose();
    await this.o.store
      .update(this.o.key, record(null, this.o.position()), revision)
      .catch((err: unknown) => this.o.log.warn({ err }, 'could not release the relay lease'));
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#check().then(
        () => this.#schedule(this.o.ttlMs / 3),
        (err: unknown) => {
          this.o.log.warn({ err }, 'relay lease check failed');
          this.#schedule(this.o.ttlMs / 3);
        },
      );
    }, ms);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    const now = performance.now();
    if (this.#revision !== undefined) {
      if (now - this.#renewedAt > this.o.ttlMs / 2) {
        this.o.log.warn('relay lease not renewed in time; giving it up');
        return this.#lose();
      }
      try {
        this.#revision = await this.o.store.update(
          this.o.key,
          record(this.o.holder, this.o.position()),
          this.#revision,
        );
        this.#renewedAt = now;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        this.o.log.warn('relay lease taken over by another replica');
        this.#lose();
      }
      return;
    }
    const current = await this.o.store.get(this.o.key);
    if (!current) {
      return this.#take(() => this.o.store.create(this.o.key, record(this.o.holder, 0)), 0);
    }
    const rec = parseRecord(current.value);
    if (
      rec.holder === null ||
      (this.#seen?.revision === current.revision && now - this.#seen.at >= this.o.ttlMs)
    )
      return this.#take(
        () =>
          this.o.store.update(this.o.key, record(this.o.holder, rec.position), current.revision),
        rec.position,
      );
    if (this.#seen?.revision !== current.revision)
      this.#seen = { revision: current.revision, at: now };
  }

  async #take(write: () => Promise<number>, position: number): Promise<void> {
    const at = performance.now();
    try {
      this.#revision = await write();
    } catch (err) {
      if (err instanceof ConflictError) return; // another replica was faster
      throw err;
    }
    this.#renewedAt = at;
    this.#seen = undefined;
    if (this.#stopped) return this.release();
    this.o.log.info({ position }, 'relay lease acquired');
    this.o.onAcquire(position);
  }

  #lose(): void {
    if (this.#revision === undefined) return;
    this.#revision = undefined;
    this.o.onLose();
  }
}

function record(holder: string | null, position: number): Json {
  return { holder, position } satisfies LeaseRecord;
}

function parseRecord(value: Json): LeaseRecord {
  const v = value as Partial<LeaseRecord> | null;
  return {
    holder: typeof v?.holder === 'string' ? v.holder : null,
    position: typeof v?.position === 'number' ? v.position : 0,
  };
}
