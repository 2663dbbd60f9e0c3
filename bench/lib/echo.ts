// One closed-loop echo level: `clients` connections each keep one round trip
// in flight. Shared by the gateway echo and the bare ws echo.
import type { ClientPool } from './clients.ts';
import type { Sizes } from './context.ts';
import { CpuMeter } from './proc-stats.ts';
import { round, rounded, type Histogram, type Summary } from './stats.ts';

export interface EchoLevel {
  clients: number;
  roundTrips: number;
  roundTripsPerSec: number;
  /** Frames answered with an `error` (e.g. rate_limited) instead of an echo. */
  errors: number;
  /** Round-trip time, µs. */
  latency: Summary;
  cpuSeconds: Record<string, number>;
  /** The part of cpuSeconds spent in the kernel (system calls: socket reads and writes). */
  systemSeconds: Record<string, number>;
  /** CPU of the server processes per round trip, µs. */
  cpuPerRoundTripUs: number;
}

export function echoLevel(
  clients: number,
  r: { roundTrips: number; errors: number; hist: Histogram },
  durationMs: number,
  cpu: ReturnType<CpuMeter['stop']>,
  servers: string[],
): EchoLevel {
  const serverCpu = servers.reduce((a, n) => a + (cpu.cpuSeconds[n] ?? 0), 0);
  return {
    clients,
    roundTrips: r.roundTrips,
    roundTripsPerSec: Math.round(r.roundTrips / (durationMs / 1000)),
    errors: r.errors,
    latency: r.hist.summary(),
    cpuSeconds: rounded(cpu.cpuSeconds),
    systemSeconds: rounded(cpu.systemSeconds),
    cpuPerRoundTripUs: r.roundTrips ? round((serverCpu * 1e6) / r.roundTrips, 2) : 0,
  };
}

/** Runs `fn` and measures CPU from the end of its warm-up to its end. */
export async function measuredAfterWarmup<T>(
  warmupMs: number,
  pids: Record<string, number>,
  fn: () => Promise<T>,
): Promise<{ result: T; cpu: ReturnType<CpuMeter['stop']> }> {
  let meter: CpuMeter | undefined;
  const timer = setTimeout(() => (meter = new CpuMeter(pids)), warmupMs);
  const result = await fn();
  clearTimeout(timer);
  return { result, cpu: (meter ?? new CpuMeter(pids)).stop() };
}

/** Runs the echo load on an open pool. */
export async function runEcho(
  pool: ClientPool,
  clients: number,
  sizes: Sizes,
  stream: string,
  pids: Record<string, number>,
  servers: string[],
): Promise<EchoLevel> {
  const { result, cpu } = await measuredAfterWarmup(sizes.echoWarmupMs, pids, () =>
    pool.echo({
      stream,
      warmupMs: sizes.echoWarmupMs,
      durationMs: sizes.echoDurationMs,
      payloadBytes: sizes.payloadBytes,
    }),
  );
  return echoLevel(clients, result, sizes.echoDurationMs, cpu, servers);
}
