// One fan-out measurement, shared by the bare ws broadcast and the gateway's
// group fan-out: a source sends `rate` messages per second for a while, every
// member should get each one; the clients count deliveries per sequence
// number and time them. Then a ramp finds the highest rate that holds.
import type { ClientPool } from './clients.ts';
import type { Paced } from './pacer.ts';
import { CpuMeter } from './proc-stats.ts';
import { round, rounded, type Summary } from './stats.ts';

export interface Source {
  send(args: { rate: number; durationMs: number; step: number }): Promise<Paced>;
}

export interface StepOptions {
  members: number;
  durationMs: number;
  /** A step lasts long enough to send at least this many messages (large groups get low rates). */
  minMessages: number;
  /** The processes whose CPU is the cost of the fan-out (the gateways, or the bare server). */
  servers: Record<string, number>;
  /** Other processes, measured for the record (nats-server, service, publisher, clients). */
  others: Record<string, number>;
  /** Above this delivery p99 the system is queueing, not keeping up. */
  p99LimitMs: number;
}

export interface StepResult {
  /** Messages per second offered by the source. */
  rate: number;
  offeredDeliveriesPerSec: number;
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  stale: number;
  disconnects: number;
  deliveriesPerSec: number;
  /** Delivery latency, publisher to client, in µs. */
  latency: Summary;
  cpuSeconds: Record<string, number>;
  /** The part of cpuSeconds spent in the kernel (system calls: socket reads and writes). */
  systemSeconds: Record<string, number>;
  /** CPU of the server processes per delivery, µs. */
  cpuPerDeliveryUs: number;
  sustained: boolean;
  why: string | undefined;
}

let stepIds = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function fanoutStep(
  pool: ClientPool,
  source: Source,
  rate: number,
  o: StepOptions,
): Promise<StepResult> {
  const step = ++stepIds;
  const before = await pool.countPoll();
  await pool.countStart(step);
  const meter = new CpuMeter({ ...o.servers, ...o.others });
  const t0 = performance.now();
  const durationMs = Math.max(o.durationMs, (o.minMessages * 1000) / rate);
  const paced = await source.send({ rate, durationMs, step });
  const expected = paced.sent * o.members;
  // Wait for the deliveries in flight: all of them, or until none has come for a second.
  let last = -1;
  let lastChange = performance.now();
  let disconnects = 0;
  for (const deadline = performance.now() + 20_000; performance.now() < deadline;) {
    const p = await pool.countPoll();
    disconnects = p.disconnects - before.disconnects;
    if (p.received !== last) {
      last = p.received;
      lastChange = performance.now();
    }
    if (p.received >= expected || performance.now() - lastChange > 1000) break;
    await sleep(50);
  }
  const window = Math.max(durationMs, lastChange - t0) / 1000;
  const cpu = meter.stop();
  const r = await pool.countStop(paced.sent);
  let lost = 0;
  let duplicates = 0;
  for (const c of r.counts) {
    if (c < o.members) lost += o.members - c;
    else duplicates += c - o.members;
  }
  const serverCpu = Object.keys(o.servers).reduce((a, n) => a + cpu.cpuSeconds[n]!, 0);
  const latency = r.hist.summary();
  const why =
    lost > 0
      ? `${lost} lost` + (disconnects > 0 ? `, ${disconnects} clients dropped by the server` : '')
      : disconnects > 0
        ? `${disconnects} clients disconnected`
        : latency.p99 > o.p99LimitMs * 1000
          ? `delivery p99 ${round(latency.p99 / 1000)} ms > ${o.p99LimitMs} ms`
          : paced.elapsedMs > durationMs * 1.25
            ? `the source fell behind (${round(paced.elapsedMs)} ms to send ${round(durationMs)} ms worth)`
            : undefined;
  return {
    rate: round(rate, 2),
    offeredDeliveriesPerSec: Math.round(rate * o.members),
    sent: paced.sent,
    expected,
    delivered: r.received,
    lost,
    duplicates,
    stale: r.stale,
    disconnects,
    deliveriesPerSec: Math.round(r.received / window),
    latency,
    // Four decimals: a short step's CPU, split by process, stays readable per delivery.
    cpuSeconds: rounded(cpu.cpuSeconds, 4),
    systemSeconds: rounded(cpu.systemSeconds),
    cpuPerDeliveryUs: r.received ? round((serverCpu * 1e6) / r.received, 3) : 0,
    sustained: why === undefined,
    why,
  };
}

export interface RampOptions {
  /** Deliveries per second of the first step. */
  startDeliveries: number;
  factor: number;
  maxSteps: number;
  /** The step at startDeliveries, when it was already run. */
  first?: StepResult;
}

export interface RampResult {
  steps: StepResult[];
  /** The highest step that held: 0 lost, no disconnect, p99 under the limit. */
  max: StepResult | undefined;
}

/**
 * Raises the rate by `factor` until a step fails, then tries once between
 * the last good rate and the failed one. After a failed step the clients the
 * server dropped are reconnected, so the next step starts whole.
 */
export async function ramp(
  pool: ClientPool,
  source: Source,
  o: StepOptions & RampOptions,
  log: (line: string) => void,
): Promise<RampResult> {
  const steps: StepResult[] = [];
  let max: StepResult | undefined;
  let failedRate: number | undefined;
  const run = async (rate: number): Promise<StepResult> => {
    const r = await fanoutStep(pool, source, rate, o);
    steps.push(r);
    log(
      `    ${r.offeredDeliveriesPerSec} deliveries/s offered: ${r.deliveriesPerSec}/s, p99 ${round(r.latency.p99 / 1000)} ms, ` +
        `${r.cpuPerDeliveryUs} µs CPU/delivery, ${r.sustained ? 'held' : `failed: ${r.why}`}`,
    );
    if (!r.sustained) await recover(pool);
    return r;
  };
  let rate = o.startDeliveries / o.members;
  let i = 0;
  if (o.first) {
    // A step already measured at the starting rate (the fixed offered load).
    steps.push(o.first);
    i = 1;
    if (o.first.sustained) {
      max = o.first;
      rate *= o.factor;
    } else failedRate = rate;
  }
  for (; failedRate === undefined && i < o.maxSteps; i++, rate *= o.factor) {
    const r = await run(rate);
    if (!r.sustained) {
      failedRate = rate;
      break;
    }
    max = r;
  }
  // Even the first rate failed: come down until one holds.
  for (let i = 0; !max && i < 3; i++) {
    rate = (failedRate ?? rate) / o.factor ** 2;
    const r = await run(rate);
    if (r.sustained) max = r;
    else failedRate = rate;
  }
  if (max && failedRate !== undefined && failedRate > max.rate) {
    const r = await run(Math.sqrt(max.rate * failedRate));
    if (r.sustained) max = r;
  }
  return { steps, max };
}

/** Reconnects whatever the server dropped and lets queues drain before the next step. */
export async function recover(pool: ClientPool): Promise<void> {
  await sleep(500);
  const r = await pool.reconnect();
  if (r.failed > 0) throw new Error(`could not reconnect ${r.failed} clients: ${r.firstError}`);
}
