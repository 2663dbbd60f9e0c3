// Durable groups (protocol 1.1), each against the plain group it replaces, on
// one nats-server with JetStream:
//
// 1. Fan-out: the same members (each socket joins `bench:<t>` and
//    `benchd:<t>`), the same gateways and the same offered rate; plain and
//    durable steps alternate, and the gateways' plus nats-server's CPU per
//    delivery of each is summed over the rounds.
// 2. Replay: a client sees one message, goes away while a burst of messages
//    is stored, then joins with `since` on a new socket; the time until the
//    last missed message arrives, and the gateway's CPU for it.
// 3. Join latency: sequential joins (each followed by a leave) of a plain
//    group, a durable one, and a durable one with `since`, interleaved; once
//    as the group's first member on the gateway, once with another member
//    already there.
import { fanoutStep, recover, type StepResult } from '../lib/broadcast.ts';
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Paced } from '../lib/pacer.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import type { Worker } from '../lib/rpc.ts';
import { forkWorker, startGateway, startService, type GatewayProc } from '../lib/procs.ts';
import { Histogram, round, rounded, type HistogramData, type Summary } from '../lib/stats.ts';
import type { JoinTimes, JoinVariant, ReplayTimes } from '../workers/durable-client.ts';
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

export interface ReplayRun extends ReplayTimes {
  /** Missed messages per second, from sending `join` to the last one. */
  perSec: number;
  /** The same, from `joined` to the last one. */
  afterJoinedPerSec: number;
  cpuSeconds: Record<string, number>;
  /** CPU per replayed message, µs. */
  gatewayUsPerMsg: number;
  natsUsPerMsg: number;
}

export interface ReplayResult {
  messages: number;
  /** Bytes of one replayed `msg` frame, as the client receives it. */
  payload: string;
  runs: ReplayRun[];
  /** The run with the median rate. */
  median: ReplayRun;
}

export interface JoinVariantResult {
  name: string;
  latency: Summary;
  notRecovered: number;
}

export interface JoinCase {
  /** "first member": nothing else on the gateway is in the group; "joined group": another member is. */
  case: 'first member' | 'joined group';
  joins: number;
  variants: JoinVariantResult[];
}

export interface DurableResult {
  fanout: DurableFanoutRun[];
  replay: ReplayResult;
  joins: JoinCase[];
  /** The store's lookup alone, from another process: what a durable join adds to a plain one. */
  lookups: JoinVariantResult[];
}

const SERVICES = 'bench,benchd';

export async function runDurable(ctx: BenchContext): Promise<DurableResult> {
  const { sizes } = ctx;
  const prefix = 'bench-durable';
  const service = await startService(
    'bench-service-durable',
    ['bench/servers/bench-service.ts', '--durable'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gateways: GatewayProc[] = [];
  const publisher = forkWorker('publisher-durable', 'workers/publisher.ts', ctx.dirs);
  const client = forkWorker('durable-client', 'workers/durable-client.ts', ctx.dirs);
  try {
    for (let i = 0; i < Math.max(...sizes.durableGateways); i++)
      gateways.push(
        await startGateway(
          `gw-durable-${i}`,
          ctx.natsUrl,
          prefix,
          { MUX_ROUTES: SERVICES },
          ctx.dirs,
        ),
      );
    await publisher.call('connect', { url: ctx.natsUrl, prefix });
    const fanout: DurableFanoutRun[] = [];
    for (const members of sizes.durableMembers)
      for (const n of sizes.durableGateways)
        fanout.push(
          ...(await fanoutPair(ctx, members, gateways.slice(0, n), service.pid, publisher)),
        );
    ctx.log(`  replay of ${sizes.replayMessages} missed messages to one client`);
    const replay = await runReplay(ctx, gateways[0]!, publisher, client);
    ctx.log(`  join latency, ${sizes.joinCount} joins of each kind`);
    const joins = await runJoins(ctx, gateways[0]!, publisher, client);
    const lookups = Object.entries(
      await publisher.call<Record<string, HistogramData>>('lookups', {
        group: 'benchd.jjoined',
        count: sizes.joinCount,
      }),
    ).map(([name, h]) => ({ name, latency: Histogram.from([h]).summary(), notRecovered: 0 }));
    ctx.log(
      `    the store's lookup alone: ` +
        lookups
          .map(
            (l) =>
              `${l.name} p50 ${(l.latency.p50 / 1000).toFixed(3)} ms, p99 ${(l.latency.p99 / 1000).toFixed(3)} ms`,
          )
          .join('; '),
    );
    return { fanout, replay, joins, lookups };
  } finally {
    await client.stop();
    await publisher.stop();
    await Promise.all(gateways.map((g) => g.stop()));
    await service.stop();
  }
}

async function fanoutPair(
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

async function runReplay(
  ctx: BenchContext,
  gw: GatewayProc,
  publisher: Worker,
  client: Worker,
): Promise<ReplayResult> {
  const { sizes } = ctx;
  const topic = 'replay';
  const stream = `benchd:${topic}`;
  const group = `benchd.${topic}`;
  // The client joins and sees one message: the pos it resumes from.
  await client.call('open', { name: 'away', url: gw.wsUrl });
  await client.call('join', { socket: 'away', stream });
  const marker = await publisher.call<string>('stored', { group, step: 0, seq: 0 });
  const since = await client.call<string | undefined>('nextPos', { socket: 'away' });
  if (since !== marker) throw new Error(`the client saw pos ${since}, the store said ${marker}`);
  await client.call('close', { name: 'away' });
  // While it is away, the burst is stored.
  const last = await publisher.call<string>('burst', {
    group,
    step: 1,
    count: sizes.replayMessages,
  });
  const runs: ReplayRun[] = [];
  for (let i = 0; i < sizes.replayRepeats; i++) {
    await client.call('open', { name: 'back', url: gw.wsUrl });
    const meter = new CpuMeter({ gateway: gw.pid, nats: ctx.natsPid });
    let t: ReplayTimes;
    try {
      t = await client.call<ReplayTimes>('replay', {
        socket: 'back',
        stream,
        since,
        expect: sizes.replayMessages,
      });
    } finally {
      await client.call('close', { name: 'back' });
    }
    const cpu = meter.stop();
    if (t.received !== sizes.replayMessages || t.outOfOrder > 0 || t.lastPos !== last)
      throw new Error(
        `replay: ${t.received} of ${sizes.replayMessages}, ${t.outOfOrder} out of order, ` +
          `last pos ${t.lastPos} (stored: ${last})`,
      );
    const n = sizes.replayMessages;
    const run: ReplayRun = {
      ...t,
      joinedMs: round(t.joinedMs, 3),
      firstMs: round(t.firstMs, 3),
      lastMs: round(t.lastMs, 3),
      perSec: Math.round(n / (t.lastMs / 1000)),
      afterJoinedPerSec: Math.round(n / ((t.lastMs - t.joinedMs) / 1000)),
      cpuSeconds: rounded(cpu.cpuSeconds),
      gatewayUsPerMsg: round((cpu.cpuSeconds.gateway! * 1e6) / n, 2),
      natsUsPerMsg: round((cpu.cpuSeconds.nats! * 1e6) / n, 2),
    };
    runs.push(run);
    ctx.log(
      `    replay ${i + 1}: joined in ${run.joinedMs} ms, last of ${n} at ${run.lastMs} ms: ` +
        `${run.perSec} messages/s; gateway ${run.gatewayUsPerMsg} µs/message`,
    );
  }
  const sorted = [...runs].sort((a, b) => a.perSec - b.perSec);
  return {
    messages: sizes.replayMessages,
    payload: '{"k":1,"s":<seq>,"t":<µs>}, ~105 bytes per msg frame',
    runs,
    median: sorted[Math.floor((sorted.length - 1) / 2)]!,
  };
}

async function runJoins(
  ctx: BenchContext,
  gw: GatewayProc,
  publisher: Worker,
  client: Worker,
): Promise<JoinCase[]> {
  const { sizes } = ctx;
  await client.call('open', { name: 'joiner', url: gw.wsUrl });
  await client.call('open', { name: 'resident', url: gw.wsUrl });
  try {
    const out: JoinCase[] = [];
    for (const c of ['first member', 'joined group'] as const) {
      const topic = c === 'first member' ? 'jfirst' : 'jjoined';
      // A stored message to resume from, so a join with since is recovered.
      const since = await publisher.call<string>('stored', {
        group: `benchd.${topic}`,
        step: 0,
        seq: 0,
      });
      if (c === 'joined group')
        for (const stream of [`bench:${topic}`, `benchd:${topic}`])
          await client.call('join', { socket: 'resident', stream });
      const variants: JoinVariant[] = [
        { name: 'plain', stream: `bench:${topic}` },
        { name: 'durable', stream: `benchd:${topic}` },
        { name: 'durable, since', stream: `benchd:${topic}`, since },
      ];
      if (sizes.joinWarmup > 0)
        await client.call('joinTimes', { socket: 'joiner', variants, count: sizes.joinWarmup });
      const times = await client.call<JoinTimes[]>('joinTimes', {
        socket: 'joiner',
        variants,
        count: sizes.joinCount,
      });
      const result: JoinCase = {
        case: c,
        joins: sizes.joinCount,
        variants: times.map((t) => ({
          name: t.name,
          latency: Histogram.from([t.hist]).summary(),
          notRecovered: t.notRecovered,
        })),
      };
      out.push(result);
      ctx.log(
        `    ${c}: ` +
          result.variants
            .map(
              (v) =>
                `${v.name} p50 ${(v.latency.p50 / 1000).toFixed(3)} ms, p99 ${(v.latency.p99 / 1000).toFixed(3)} ms`,
            )
            .join('; '),
      );
    }
    return out;
  } finally {
    await client.call('close', { name: 'joiner' });
    await client.call('close', { name: 'resident' });
  }
}
