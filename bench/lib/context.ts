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
  /** Durable vs plain fan-out: group sizes, gateways, offered loads (deliveries/s). */
  durableMembers: number[];
  durableGateways: number[];
  durableDeliveries: number[];
  /** Rounds of one plain and one durable step each, alternating which goes first. */
  durableRounds: number;
  durableStepMs: number;
  /** An unrecorded step of each kind before the rounds; 0 for none. */
  durableWarmupMs: number;
  /** Messages a client misses, then gets replayed after a join with since; replays timed. */
  replayMessages: number;
  replayRepeats: number;
  /** Sequential joins timed per kind (plain, durable, durable with since), after unrecorded ones. */
  joinCount: number;
  joinWarmup: number;
  /** Soak: connections held, how long they churn, the share replaced each second. */
  soakConnections: number;
  soakDurationMs: number;
  /** The soak's first part, left out of the RSS verdict (the heap grows to its working size). */
  soakWarmupMs: number;
  soakChurnPerSec: number;
  soakSampleMs: number;
  /** An echo stream of the soak sends a msg this often. */
  soakEchoEveryMs: number;
  /** The soak gateway's V8 old-space limit (--max-old-space-size), MiB; unset: V8's default. */
  soakGatewayHeapMiB?: number;
  /** Binding: clients joined to one bound group; changes an outside writer makes per step, and each step's rate. */
  bindingClients: number;
  bindingChanges: number;
  bindingRates: number[];
  /** Binary vs JSON: echo clients, fan-out members, and rounds of each (alternating which goes first). */
  binaryEchoClients: number;
  binaryMembers: number;
  binaryRounds: number;
  /** Presence on vs off: the room's resident members, the churn's joins per second, how long each churn membership lasts, how long the churn runs. */
  presenceMembers: number;
  presenceJoinsPerSec: number;
  presenceHoldMs: number;
  presenceDurationMs: number;
}

export const FULL: Sizes = {
  bindingClients: 1000,
  bindingChanges: 400,
  bindingRates: [20, 50, 100, 200, 400],
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
  durableMembers: [100, 1000],
  durableGateways: [1, 2],
  durableDeliveries: [20_000, 100_000],
  durableRounds: 2,
  durableStepMs: 3000,
  durableWarmupMs: 1000,
  replayMessages: 10_000,
  replayRepeats: 3,
  joinCount: 200,
  joinWarmup: 20,
  soakConnections: 10_000,
  // Ten minutes judged after a five-minute warm-up: under this churn V8 takes
  // about four minutes to grow its held heap to its working size under the
  // pod's old generation (docs/performance.md, "Soak").
  soakDurationMs: 900_000,
  soakWarmupMs: 300_000,
  soakChurnPerSec: 0.01,
  soakSampleMs: 5000,
  soakEchoEveryMs: 20_000,
  binaryEchoClients: 50,
  binaryMembers: 1000,
  binaryRounds: 3,
  presenceMembers: 1000,
  presenceJoinsPerSec: 1000,
  presenceHoldMs: 300,
  presenceDurationMs: 10_000,
};

/** The smoke test's sizes: every code path, a few seconds, no meaningful figures. */
export const QUICK: Sizes = {
  bindingClients: 20,
  bindingChanges: 50,
  bindingRates: [100],
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
  durableMembers: [20],
  durableGateways: [2],
  durableDeliveries: [400],
  durableRounds: 1,
  durableStepMs: 300,
  durableWarmupMs: 0,
  replayMessages: 200,
  replayRepeats: 1,
  joinCount: 5,
  joinWarmup: 0,
  soakConnections: 200,
  soakDurationMs: 12_000,
  soakWarmupMs: 4000,
  soakChurnPerSec: 0.05,
  soakSampleMs: 500,
  soakEchoEveryMs: 2000,
  binaryEchoClients: 5,
  binaryMembers: 20,
  binaryRounds: 1,
  presenceMembers: 50,
  presenceJoinsPerSec: 50,
  presenceHoldMs: 300,
  presenceDurationMs: 2000,
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
