// Durable groups (protocol 1.1), each against the plain group it replaces, on
// one nats-server with JetStream:
//
// 1. Fan-out (durable-fanout.ts): CPU per delivery, plain against durable.
// 2. Replay: a client sees one message, goes away while a burst of messages
//    is stored, then joins with `since` on a new socket; the time until the
//    last missed message arrives, and the gateway's CPU for it.
// 3. Join latency: sequential joins (each followed by a leave) of a plain
//    group, a durable one, and a durable one with `since`, interleaved; once
//    as the group's first member on the gateway, once with another member
//    already there.
import type { BenchContext } from '../lib/context.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import type { Worker } from '../lib/rpc.ts';
import { forkWorker, startGateway, startService, type GatewayProc } from '../lib/procs.ts';
import { Histogram, round, rounded, type HistogramData, type Summary } from '../lib/stats.ts';
import type { JoinTimes, JoinVariant, ReplayTimes } from '../workers/durable-client.ts';
import { fanoutPair, type DurableFanoutRun } from './durable-fanout.ts';

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
