// A pool of client worker processes that together hold `count` connections.
// Connections are split evenly; every call goes to all workers at once, so
// they start a phase together.
import type {
  CountResult,
  EchoArgs,
  EchoResult,
  OpenArgs,
  OpenResult,
} from '../workers/clients.ts';
import { forkWorker, type RunDirs } from './procs.ts';
import type { Worker } from './rpc.ts';
import { Histogram } from './stats.ts';

/** Source addresses for client sockets: each has its own ~28,000 ephemeral ports. */
export const LOCAL_ADDRESSES = Array.from({ length: 16 }, (_, i) => `127.0.0.${10 + i}`);

export interface PoolOptions {
  urls: string[];
  count: number;
  procs: number;
  welcome: boolean;
  /** Streams every connection joins, one after another. */
  join?: string | string[];
  concurrency?: number;
  /** The frames' encoding (the gateway's subprotocol); JSON by default. */
  encoding?: 'json' | 'proto';
}

export class ClientPool {
  private constructor(
    readonly workers: Worker[],
    readonly count: number,
  ) {}

  /** Forks the workers and opens every connection; `opened` is the wall time until the last one was ready. */
  static async open(
    name: string,
    opts: PoolOptions,
    dirs: RunDirs,
  ): Promise<{ pool: ClientPool; opened: OpenResult }> {
    const n = Math.max(1, Math.min(opts.procs, opts.count));
    const workers = Array.from({ length: n }, (_, i) =>
      forkWorker(`${name}-clients-${i}`, 'workers/clients.ts', dirs),
    );
    const pool = new ClientPool(workers, opts.count);
    // Booting a worker (tsx compiles it) is no part of the time to connect.
    await pool.#all('status');
    const t0 = performance.now();
    const results = await Promise.all(
      workers.map((w, i) =>
        w.call<OpenResult>('open', {
          urls: opts.urls,
          count: Math.floor(opts.count / n) + (i < opts.count % n ? 1 : 0),
          localAddresses: LOCAL_ADDRESSES,
          welcome: opts.welcome,
          join: opts.join,
          concurrency: opts.concurrency ?? 128,
          encoding: opts.encoding ?? 'json',
        } satisfies OpenArgs),
      ),
    );
    return { pool, opened: { ...sumOpen(results), ms: performance.now() - t0 } };
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  async reconnect(): Promise<OpenResult> {
    return sumOpen(await this.#all<OpenResult>('reconnect'));
  }

  async echo(args: EchoArgs): Promise<{ roundTrips: number; errors: number; hist: Histogram }> {
    const rs = await this.#all<EchoResult>('echo', args);
    return {
      roundTrips: rs.reduce((a, r) => a + r.roundTrips, 0),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      hist: Histogram.from(rs.map((r) => r.hist)),
    };
  }

  async countStart(step: number): Promise<void> {
    await this.#all('countStart', { step });
  }

  async countPoll(): Promise<{ received: number; disconnects: number }> {
    const rs = await this.#all<{ received: number; disconnects: number }>('countPoll');
    return {
      received: rs.reduce((a, r) => a + r.received, 0),
      disconnects: rs.reduce((a, r) => a + r.disconnects, 0),
    };
  }

  /** Stops counting; per sequence number, deliveries summed over every worker. */
  async countStop(
    sent: number,
  ): Promise<{ counts: number[]; received: number; stale: number; hist: Histogram }> {
    const rs = await this.#all<CountResult>('countStop', { sent });
    const counts = new Array<number>(sent).fill(0);
    for (const r of rs) for (let i = 0; i < sent; i++) counts[i]! += r.counts[i] ?? 0;
    return {
      counts,
      received: rs.reduce((a, r) => a + r.received, 0),
      stale: rs.reduce((a, r) => a + r.stale, 0),
      hist: Histogram.from(rs.map((r) => r.hist)),
    };
  }

  async close(): Promise<void> {
    await this.#all('close').catch(() => undefined);
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  #all<T>(cmd: string, args?: unknown): Promise<T[]> {
    return Promise.all(this.workers.map((w) => w.call<T>(cmd, args)));
  }
}

function sumOpen(rs: OpenResult[]): OpenResult {
  return {
    opened: rs.reduce((a, r) => a + r.opened, 0),
    failed: rs.reduce((a, r) => a + r.failed, 0),
    firstError: rs.find((r) => r.firstError)?.firstError,
    ms: Math.max(0, ...rs.map((r) => r.ms)),
  };
}
