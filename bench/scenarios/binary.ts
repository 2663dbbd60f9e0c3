// The binary encoding (muxgate.v1.proto) against JSON on the same gateway, in
// one run: gateway CPU per echo round trip and per fan-out delivery. Rounds
// alternate which encoding goes first, so a machine that gets busier during
// the run weighs on both alike; each figure is the median of its rounds.
import { fanoutStep, recover, type StepResult } from '../lib/broadcast.ts';
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import { runEcho, type EchoLevel } from '../lib/echo.ts';
import { forkWorker, startGateway, startService } from '../lib/procs.ts';
import type { Paced } from '../lib/pacer.ts';
import { round } from '../lib/stats.ts';
import { clientProcs } from './bare-ws.ts';

export type WireEncoding = 'json' | 'proto';

export interface EncodingPair<T> {
  json: T[];
  proto: T[];
  /** Median gateway µs per round trip or delivery, each encoding. */
  jsonUs: number;
  protoUs: number;
  /** protoUs ÷ jsonUs. */
  ratio: number;
}

export interface BinaryResult {
  echo: EncodingPair<EchoLevel> & { clients: number };
  fanout: EncodingPair<StepResult> & { members: number; offeredDeliveriesPerSec: number };
}

const ENCODINGS = (round: number): WireEncoding[] =>
  round % 2 === 0 ? ['json', 'proto'] : ['proto', 'json'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function pair<T>(runs: Record<WireEncoding, T[]>, us: (t: T) => number): EncodingPair<T> {
  const jsonUs = round(median(runs.json.map(us)), 2);
  const protoUs = round(median(runs.proto.map(us)), 2);
  return { ...runs, jsonUs, protoUs, ratio: round(protoUs / jsonUs, 3) };
}

export async function runBinary(ctx: BenchContext): Promise<BinaryResult> {
  const { sizes } = ctx;
  const prefix = 'bench-binary';
  const echoService = await startService(
    'binary-echo-service',
    ['cli/main.ts', 'service', 'echo'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const benchService = await startService(
    'binary-bench-service',
    ['bench/servers/bench-service.ts'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gw = await startGateway(
    'gw-binary',
    ctx.natsUrl,
    prefix,
    { MUX_ROUTES: 'echo,bench' },
    ctx.dirs,
  );
  const publisher = forkWorker('binary-publisher', 'workers/publisher.ts', ctx.dirs);
  try {
    await publisher.call('connect', { url: ctx.natsUrl, prefix });
    const clients = sizes.binaryEchoClients;
    const echoRuns: Record<WireEncoding, EchoLevel[]> = { json: [], proto: [] };
    for (let r = 0; r < sizes.binaryRounds; r++)
      for (const encoding of ENCODINGS(r)) {
        const { pool, opened } = await ClientPool.open(
          `binary-echo-${encoding}-${r}`,
          { urls: [gw.wsUrl], count: clients, procs: 1, welcome: true, join: 'echo', encoding },
          ctx.dirs,
        );
        try {
          if (opened.failed)
            throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
          const level = await runEcho(
            pool,
            clients,
            sizes,
            'echo',
            { gateway: gw.pid, clients: pool.pids[0]! },
            ['gateway'],
          );
          echoRuns[encoding].push(level);
          ctx.log(
            `  echo ${encoding}, ${clients} clients: ${level.cpuPerRoundTripUs} µs gateway CPU per round trip, ${level.roundTripsPerSec}/s`,
          );
        } finally {
          await pool.close();
        }
      }

    const members = sizes.binaryMembers;
    const rate = sizes.fanoutFixedDeliveries / members;
    const fanRuns: Record<WireEncoding, StepResult[]> = { json: [], proto: [] };
    // One group per encoding, both open through the rounds.
    const pools: Partial<Record<WireEncoding, { pool: ClientPool; topic: string }>> = {};
    for (const encoding of ['json', 'proto'] as const) {
      const topic = `b${members}${encoding}`;
      const { pool, opened } = await ClientPool.open(
        `binary-fanout-${encoding}`,
        {
          urls: [gw.wsUrl],
          count: members,
          procs: clientProcs(members, ctx),
          welcome: true,
          join: `bench:${topic}`,
          concurrency: 64,
          encoding,
        },
        ctx.dirs,
      );
      if (opened.failed) throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
      pools[encoding] = { pool, topic };
    }
    try {
      for (let r = 0; r < sizes.binaryRounds; r++)
        for (const encoding of ENCODINGS(r)) {
          const { pool, topic } = pools[encoding]!;
          const source = {
            send: (a: { rate: number; durationMs: number; step: number }) =>
              publisher.call<Paced>('run', { ...a, group: `bench.${topic}` }),
          };
          const step = await fanoutStep(pool, source, rate, {
            members,
            durationMs: sizes.stepMs,
            minMessages: sizes.minMessages,
            servers: { gateway: gw.pid },
            others: { nats: ctx.natsPid, publisher: publisher.pid },
            p99LimitMs: sizes.p99LimitMs,
          });
          if (!step.sustained) await recover(pool);
          fanRuns[encoding].push(step);
          ctx.log(
            `  fan-out ${encoding} to ${members}: ${step.cpuPerDeliveryUs} µs gateway CPU per delivery, ${step.lost} lost`,
          );
        }
    } finally {
      for (const p of Object.values(pools)) await p?.pool.close();
    }
    return {
      echo: { clients, ...pair(echoRuns, (l) => l.cpuPerRoundTripUs) },
      fanout: {
        members,
        offeredDeliveriesPerSec: sizes.fanoutFixedDeliveries,
        ...pair(fanRuns, (s) => s.cpuPerDeliveryUs),
      },
    };
  } finally {
    await publisher.stop();
    await gw.stop();
    await benchService.stop();
    await echoService.stop();
  }
}
