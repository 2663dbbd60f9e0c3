// What every scenario gets: the sizes of this run (full or quick), the
// nats-server, where logs go, and a progress logger.
import type { RunDirs } from './procs.ts';

export interface Sizes {
  echoClients: number[];
  echoWarmupMs: number;
  echoDurationMs: number;
  /** Bytes of the echo payload. */
  payloadBytes: number;
  fanoutMembers: number[];
  fanoutGateways: number[];
  /** The fixed offered load, in deliveries per second (rate × members). */
  fanoutFixedDeliveries: number;
  stepMs: number;
  /** Messages a fan-out step sends at least, however low its rate. */
  minMessages: number;
  rampFactor: number;
  rampMaxSteps: number;
  p99LimitMs: number;
  idleConnections: number[];
  /** Time for a server's memory to settle before and after opening idle connections. */
  settleMs: number;
  /** Connections one client worker process holds at most. */
  connsPerClientProc: number;
}

export const FULL: Sizes = {
  echoClients: [1, 50, 200],
  echoWarmupMs: 1000,
  echoDurationMs: 5000,
  payloadBytes: 64,
  fanoutMembers: [100, 1000, 10_000],
  fanoutGateways: [1, 2],
  fanoutFixedDeliveries: 20_000,
  stepMs: 2000,
  minMessages: 10,
  rampFactor: 1.6,
  rampMaxSteps: 10,
  p99LimitMs: 500,
  idleConnections: [10_000, 50_000],
  settleMs: 2000,
  connsPerClientProc: 15_000,
};

/** The smoke test's sizes: every code path, a few seconds, no meaningful figures. */
export const QUICK: Sizes = {
  echoClients: [1, 5],
  echoWarmupMs: 100,
  echoDurationMs: 300,
  payloadBytes: 64,
  fanoutMembers: [20],
  fanoutGateways: [1, 2],
  fanoutFixedDeliveries: 400,
  stepMs: 300,
  minMessages: 3,
  rampFactor: 2,
  rampMaxSteps: 2,
  p99LimitMs: 2000,
  idleConnections: [200],
  settleMs: 200,
  connsPerClientProc: 15_000,
};

export interface BenchContext {
  sizes: Sizes;
  natsUrl: string;
  natsPid: number;
  dirs: RunDirs;
  /** The open-file limit every process of this run has: it caps the idle connections. */
  fdLimit: number;
  log(line: string): void;
}
