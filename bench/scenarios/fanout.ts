// Group fan-out: one publisher (the SDK's Publisher, its own process) sends
// to a group whose members are spread over one gateway or two. Measured at a
// fixed offered load, at the rate the bare ws server sustained for the same
// number of sockets, and at the highest rate the gateway sustains.
import { fanoutStep, ramp, recover, type RampResult, type StepResult } from '../lib/broadcast.ts';
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Paced } from '../lib/pacer.ts';
import { forkWorker, startGateway, startService, type GatewayProc } from '../lib/procs.ts';
import { clientProcs } from './bare-ws.ts';

export interface FanoutRun {
  members: number;
  gateways: number;
  fixed: StepResult;
  /** At the highest rate the bare ws server sustained for as many sockets, when it was measured. */
  atBareMax: StepResult | undefined;
  ramp: RampResult;
}

/** Per member count: the bare server's highest sustained rate, messages/s. */
export type BareMax = ReadonlyMap<number, StepResult>;

export async function runFanout(ctx: BenchContext, bareMax: BareMax): Promise<FanoutRun[]> {
  const { sizes } = ctx;
  const prefix = 'bench-fanout';
  const service = await startService(
    'bench-service',
    ['bench/servers/bench-service.ts'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gateways: GatewayProc[] = [];
  const publisher = forkWorker('publisher', 'workers/publisher.ts', ctx.dirs);
  try {
    for (let i = 0; i < Math.max(...sizes.fanoutGateways); i++)
      gateways.push(
        await startGateway(
          `gw-fanout-${i}`,
          ctx.natsUrl,
          prefix,
          { MUX_ROUTES: 'bench' },
          ctx.dirs,
        ),
      );
    await publisher.call('connect', { url: ctx.natsUrl, prefix });
    const runs: FanoutRun[] = [];
    for (const members of sizes.fanoutMembers)
      for (const n of sizes.fanoutGateways) {
        const topic = `f${members}x${n}`;
        const gws = gateways.slice(0, n);
        ctx.log(`  fan-out to ${members} members over ${n} gateway${n > 1 ? 's' : ''}`);
        const { pool, opened } = await ClientPool.open(
          `fanout-${topic}`,
          {
            urls: gws.map((g) => g.wsUrl),
            count: members,
            procs: clientProcs(members, ctx),
            welcome: true,
            join: `bench:${topic}`,
            concurrency: 64,
          },
          ctx.dirs,
        );
        try {
          if (opened.failed)
            throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
          const source = {
            send: (a: { rate: number; durationMs: number; step: number }) =>
              publisher.call<Paced>('run', { ...a, group: `bench.${topic}` }),
          };
          const opts = {
            members,
            durationMs: sizes.stepMs,
            minMessages: sizes.minMessages,
            servers: Object.fromEntries(gws.map((g, i) => [`gateway-${i}`, g.pid])),
            others: {
              nats: ctx.natsPid,
              service: service.pid,
              publisher: publisher.pid,
              ...Object.fromEntries(pool.pids.map((p, i) => [`clients-${i}`, p])),
            },
            p99LimitMs: sizes.p99LimitMs,
          };
          const fixed = await fanoutStep(pool, source, sizes.fanoutFixedDeliveries / members, opts);
          if (!fixed.sustained) await recover(pool);
          const bare = n === 1 ? bareMax.get(members) : undefined;
          let atBareMax: StepResult | undefined;
          if (bare) {
            atBareMax = await fanoutStep(pool, source, bare.rate, opts);
            ctx.log(
              `    at the bare server's highest rate (${bare.offeredDeliveriesPerSec} deliveries/s): ` +
                `${atBareMax.lost} lost, ${atBareMax.cpuPerDeliveryUs} µs CPU/delivery (bare: ${bare.cpuPerDeliveryUs})`,
            );
            if (!atBareMax.sustained) await recover(pool);
          }
          const r = await ramp(
            pool,
            source,
            {
              ...opts,
              startDeliveries: sizes.fanoutFixedDeliveries,
              factor: sizes.rampFactor,
              maxSteps: sizes.rampMaxSteps,
              first: fixed,
            },
            ctx.log,
          );
          runs.push({ members, gateways: n, fixed, atBareMax, ramp: r });
        } finally {
          await pool.close();
        }
      }
    return runs;
  } finally {
    await publisher.stop();
    await Promise.all(gateways.map((g) => g.stop()));
    await service.stop();
  }
}
