// A metrics feeder for the demo dashboard: every tick it writes a few made-up
// values to one board, straight into the store. It never talks to the
// dashboard service, so what clients see of it also proves that writes made
// outside the service reach them.
import type { Logger } from '../../lib/log.ts';
import { storeKey } from './model.ts';
import type { KvStore } from '../sdk/index.ts';

export interface FeederOptions {
  store: KvStore;
  board: string;
  intervalMs: number;
  log: Logger;
}

export class Feeder {
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #cpu = 35;
  #memory = 512;
  #requests: number | undefined;

  constructor(private readonly o: FeederOptions) {}

  start(): void {
    this.#timer = setInterval(() => {
      // A slow store must not pile ticks up: skip one while the last is running.
      if (this.#tick) return;
      this.#tick = this.tick()
        .catch((err: unknown) => this.o.log.warn({ err }, 'feeder tick failed'))
        .finally(() => (this.#tick = undefined));
    }, this.o.intervalMs);
    this.#timer.unref();
    this.o.log.info(
      { board: this.o.board, everyMs: this.o.intervalMs },
      'dashboard feeder running',
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#tick;
  }

  /** Writes one round of values. */
  async tick(): Promise<void> {
    const { store, board } = this.o;
    this.#cpu = clamp(this.#cpu + (Math.random() - 0.5) * 12, 1, 99);
    this.#memory = clamp(this.#memory + (Math.random() - 0.5) * 40, 128, 2048);
    if (this.#requests === undefined) {
      const prev = (await store.get(storeKey(board, 'requests')))?.value;
      this.#requests = typeof prev === 'number' ? prev : 0;
    }
    this.#requests += Math.floor(Math.random() * 50);
    const p50 = 5 + Math.random() * 10;
    await Promise.all([
      store.update(storeKey(board, 'cpu'), round(this.#cpu)),
      store.update(storeKey(board, 'memory_mb'), round(this.#memory)),
      store.update(storeKey(board, 'requests'), this.#requests),
      store.update(storeKey(board, 'latency_ms'), {
        p50: round(p50),
        p95: round(p50 * (2 + Math.random())),
        p99: round(p50 * (4 + Math.random() * 2)),
      }),
    ]);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
