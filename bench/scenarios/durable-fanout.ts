// Durable groups against plain ones, fan-out: the same members (each socket
// joins `bench:<t>` and `benchd:<t>`), the same gateways and the same offered
// rate; plain and durable steps alternate, and the gateways' plus
// nats-server's CPU per delivery of each is summed over the rounds. Run by
// the durable scenario (durable.ts).
import { fanoutStep, recover, type StepResult } from '../lib/broadcast.ts';
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Paced } from '../lib/pacer.ts';
import type { GatewayProc } from '../lib/procs.ts';
import type { Worker } from '../lib/rpc.ts';
import { round } from '../lib/stats.ts';
import { clientProcs } from './bare-ws.ts';

export type GroupKind = 'plain' | 'durable';

export interface CpuPerDelivery {
  delivered: number;
  lost: number;
  /** µs of CPU per delivery: the gateways together, nats-server, and both. */
  gatewaysUs: number;
  natsUs: number;
  totalUs: number;
}

export interface DurableFanoutRun {
  members: number;
  gateways: number;
  offeredDeliveriesPerSec: number;
  /** Every measured step, in the order they ran (the kinds alternate). */
  steps: { kind: GroupKind; step: StepResult }[];
  plain: CpuPerDelivery;
  durable: CpuPerDelivery;
  /** durable.totalUs ÷ plain.totalUs. */
  ratio: number | undefined;
  /** Every step held (0 lost, no client dropped, p99 under the limit, the source on schedule). */
  held: boolean;
}

export async function fanoutPair(
  ctx: BenchContext,
  members: number,
  gws: GatewayProc[],
  servicePid: number,
  publisher: Worker,
): Promise<DurableFanoutRun[]> {
  const { sizes } = ctx;
  const topic = `d${members}x${gws.length}`;
  ctx.log(
    `  durable vs plain fan-out to ${members} members over ${gws.length} gateway${gws.length > 1 ? 's' : ''}`,
  );
  const { pool, opened } = await ClientPool.open(
    `durable-${topic}`,
    {
      urls: gws.map((g) => g.wsUrl),
      count: members,
      procs: clientProcs(members, ctx),
      welcome: true,
      join: [`bench:${topic}`, `benchd:${topic}`],
      concurrency: 64,
    },
    ctx.dirs,
  );
  try {
    if (opened.failed) throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
    const source = (kind: GroupKind) => ({
      send: (a: { rate: number; durationMs: number; step: number }) =>
        publisher.call<Paced>('run', {
          ...a,
          group: `${kind === 'plain' ? 'bench' : 'benchd'}.${topic}`,
        }),
    });
    const opts = (durationMs: number) => ({
      members,
      durationMs,
      minMessages: sizes.minMessages,
      servers: {
        ...Object.fromEntries(gws.map((g, i) => [`gateway-${i}`, g.pid])),
        nats: ctx.natsPid,
      },
      others: {
        service: servicePid,
        publisher: publisher.pid,
        ...Object.fromEntries(pool.pids.map((p, i) => [`clients-${i}`, p])),
      },
      p99LimitMs: sizes.p99LimitMs,
    });
    const runs: DurableFanoutRun[] = [];
    for (const deliveries of sizes.durableDeliveries) {
      const rate = deliveries / members;
      if (sizes.durableWarmupMs > 0)
        for (const kind of ['plain', 'durable'] as const) {
          const w = await fanoutStep(pool, source(kind), rate, opts(sizes.durableWarmupMs));
          if (!w.sustained) await recover(pool);
        }
      const steps: DurableFanoutRun['steps'] = [];
      for (let round = 0; round < sizes.durableRounds; round++) {
        const order: GroupKind[] = round % 2 === 0 ? ['plain', 'durable'] : ['durable', 'plain'];
        for (const kind of order) {
          const step = await fanoutStep(pool, source(kind), rate, opts(sizes.durableStepMs));
          steps.push({ kind, step });
          if (!step.sustained) await recover(pool);
        }
      }
      const plain = perDelivery(steps.filter((s) => s.kind === 'plain').map((s) => s.step));
      const durable = perDelivery(steps.filter((s) => s.kind === 'durable').map((s) => s.step));
      const run: DurableFanoutRun = {
        members,
        gateways: gws.length,
        offeredDeliveriesPerSec: deliveries,
        steps,
        plain,
        durable,
        ratio: plain.totalUs > 0 ? round(durable.totalUs / plain.totalUs, 3) : undefined,
        held: steps.every((s) => s.step.sustained),
      };
      runs.push(run);
      ctx.log(
        `    ${deliveries} deliveries/s: plain ${plain.totalUs} µs/delivery (gateways ${plain.gatewaysUs}, nats ${plain.natsUs}), ` +
          `durable ${durable.totalUs} (gateways ${durable.gatewaysUs}, nats ${durable.natsUs}): ×${run.ratio}` +
          (plain.lost + durable.lost > 0
            ? `; lost ${plain.lost} plain, ${durable.lost} durable`
            : '') +
          (run.held ? '' : '; not every step held'),
      );
    }
    return runs;
  } finally {
    await pool.close();
  }
}

/** CPU per delivery over several steps: total CPU over total deliveries. */
function perDelivery(steps: StepResult[]): CpuPerDelivery {
  const delivered = steps.reduce((a, s) => a + s.delivered, 0);
  // cpuPerDeliveryUs keeps three decimals of the servers' total; cpuSeconds
  // per process four, enough to split it.
  const total = steps.reduce((a, s) => a + s.cpuPerDeliveryUs * s.delivered, 0);
  const sum = (pick: (name: string) => boolean) =>
    steps.reduce(
      (a, s) =>
        a +
        Object.entries(s.cpuSeconds)
          .filter(([n]) => pick(n))
          .reduce((b, [, v]) => b + v, 0),
      0,
    );
  const us = (seconds: number) => (delivered ? round((seconds * 1e6) / delivered, 3) : 0);
  return {
    delivered,
    lost: steps.reduce((a, s) => a + s.lost, 0),
    gatewaysUs: us(sum((n) => n.startsWith('gateway-'))),
    natsUs: us(sum((n) => n === 'nats')),
    totalUs: delivered ? round(total / delivered, 3) : 0,
  };
}
