// A lease in the store: at most one replica holds it, and whoever holds it
// relays the bucket's changes to its groups (relay.ts). nats-server 2.9 has no
// per-key TTL, so liveness is a heartbeat: the holder rewrites the record
// every ttl/6 with compare-and-set; a contender that sees the record's
// revision stand still for a whole ttl, on its own monotonic clock, takes it
// over with compare-and-set. No two clocks are ever compared.
//
// The holder stops acting once it has not renewed for ttl/2, before any
// contender can take over. Renewing every ttl/6 lets two renewals fail or
// run late first: on a busy process a renewal's write took up to 1.3 s, and
// with one renewal every ttl/3 a single late one (0.5 s with the 3 s
// default) cost the lease. A pause longer than ttl/2 (GC, a frozen VM) can
// still leave two holders for a moment; what they relay carries revisions,
// and clients drop revisions they already hold, so the overlap duplicates
// nothing a client applies.
//
// A holder that stood down for lateness takes the lease straight back if its
// own record is still the latest: nobody has written it since, so nobody has
// relayed, and its relay resumes where it stopped (`own`) instead of waiting
// a whole ttl and reading the history again.
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
  /**
   * Called once the lease is ours, with the position the previous holder
   * recorded (0 if none); `own` when it came back to this holder with no
   * write since it stood down, so no other holder came between.
   */
  onAcquire(position: number, own: boolean): void;
  /** Called when the lease is no longer ours: lost, expired on our side, released. */
  onLose(): void;
  log: Logger;
}

interface LeaseRecord {
  holder: string | null;
  position: number;
}

/** Checks (renewals, for the holder) per ttl. */
const CHECKS_PER_TTL = 6;

export class Lease {
  #revision: number | undefined;
  /** The revision this holder last wrote, when it stood down for lateness. */
  #lapsed: number | undefined;
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
      const started = performance.now();
      // The next check is due a period after this one started: a slow write
      // does not push every later renewal back by its own duration.
      const next = () =>
        this.#schedule(Math.max(0, this.o.ttlMs / CHECKS_PER_TTL - (performance.now() - started)));
      this.#tick = this.#check().then(next, (err: unknown) => {
        this.o.log.warn({ err }, 'relay lease check failed');
        next();
      });
    }, ms);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    const now = performance.now();
    if (this.#revision !== undefined) {
      if (now - this.#renewedAt > this.o.ttlMs / 2) {
        this.o.log.warn('relay lease not renewed in time; standing down');
        this.#lapsed = this.#revision;
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
    const lapsed = this.#lapsed;
    this.#lapsed = undefined;
    if (!current) {
      return this.#take(() => this.o.store.create(this.o.key, record(this.o.holder, 0)), 0);
    }
    const rec = parseRecord(current.value);
    // Our own record, unwritten since we stood down: ours again at once, at
    // the position our relay has reached.
    const own = current.revision === lapsed;
    if (
      own ||
      rec.holder === null ||
      (this.#seen?.revision === current.revision && now - this.#seen.at >= this.o.ttlMs)
    ) {
      const position = own ? this.o.position() : rec.position;
      return this.#take(
        () => this.o.store.update(this.o.key, record(this.o.holder, position), current.revision),
        rec.position,
        own,
      );
    }
    if (this.#seen?.revision !== current.revision)
      this.#seen = { revision: current.revision, at: now };
  }

  async #take(write: () => Promise<number>, position: number, own = false): Promise<void> {
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
    this.o.log.info({ position, own }, 'relay lease acquired');
    this.o.onAcquire(position, own);
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
