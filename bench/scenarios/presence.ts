// Presence (protocol 1.1 §4.3) on vs off, over two gateways: a room of
// resident members, and join/leave churn into it at a fixed rate. The same
// workload runs on `bench:<room>` (a plain group) and `benchp:<room>` (the
// same group with presence on), each on fresh client workers. Measured:
// gateway + nats-server CPU per join over the churn, the presence_diff
// frames and bytes the residents got, and the time from a join's frame
// leaving its client to the diff naming it reaching observer residents.
import type { BenchContext } from '../lib/context.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import { forkWorker, startGateway, startService, type GatewayProc } from '../lib/procs.ts';
import { Histogram, round, type Summary } from '../lib/stats.ts';
import type { ChurnResult, DiffStats } from '../workers/presence-client.ts';

export interface PresenceVariant {
  presence: boolean;
  members: number;
  joinsPerSecOffered: number;
  churn: ChurnResult;
  churnSeconds: number;
  cpuSeconds: { gateways: number; nats: number };
  /** Gateway + nats-server CPU per completed join (its leave included), ms. */
  cpuMsPerJoin: number;
  diffs: number;
  diffMiB: number;
  /** Join sent → presence_diff received, ms; null with presence off. */
  diffLatencyMs: Summary | null;
}

export interface PresenceResult {
  variants: PresenceVariant[];
  /** CPU per join, presence on ÷ off (goal ≤ 1.5). */
  cpuRatio: number;
  /** presence_diff latency p99, ms (goal < 250). */
  diffP99Ms: number | undefined;
}

const OBSERVERS = 20;
const RESIDENTS_PER_PROC = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPresence(ctx: BenchContext): Promise<PresenceResult> {
  const { sizes } = ctx;
  const prefix = 'bench-presence';
  await startService(
    'bench-service-presence',
    ['bench/servers/bench-service.ts'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gateways: GatewayProc[] = [];
  for (let i = 0; i < 2; i++)
    gateways.push(
      await startGateway(
        `gw-presence-${i}`,
        ctx.natsUrl,
        prefix,
        { MUX_ROUTES: 'bench,benchp' },
        ctx.dirs,
      ),
    );
  const urls = gateways.map((g) => g.wsUrl);
  const variants: PresenceVariant[] = [];
  for (const presence of [false, true]) {
    const stream = `${presence ? 'benchp' : 'bench'}:room`;
    const members = sizes.presenceMembers;
    const rate = sizes.presenceJoinsPerSec;
    ctx.log(
      `  presence ${presence ? 'on' : 'off'}: ${members} members over 2 gateways, churn ${rate} joins/s`,
    );
    // Several processes hold the residents: one would spend the run reading
    // diffs, and its delay would count as the gateways'.
    const procs = Math.max(1, Math.ceil(members / RESIDENTS_PER_PROC));
    const residents = Array.from({ length: procs }, (_, i) =>
      forkWorker(`presence-residents-${presence}-${i}`, 'workers/presence-client.ts', ctx.dirs),
    );
    const churner = forkWorker(
      `presence-churn-${presence}`,
      'workers/presence-client.ts',
      ctx.dirs,
    );
    const per = Math.ceil(members / procs);
    try {
      await Promise.all(
        residents.map((w, i) =>
          w.call('residents', {
            urls,
            first: i * per,
            count: Math.min(per, members - i * per),
            stream,
            observers: Math.ceil(OBSERVERS / procs),
          }),
        ),
      );
      await sleep(sizes.settleMs);
      await Promise.all(residents.map((w) => w.call('stats')));
      // Each churning connection holds one membership at a time, joined for
      // holdMs; the rest is room for join and leave round trips on a busy machine.
      const conns = Math.ceil((rate * (sizes.presenceHoldMs + 500)) / 1000) + 10;
      const meter = new CpuMeter({
        gw0: gateways[0]!.pid,
        gw1: gateways[1]!.pid,
        nats: ctx.natsPid,
      });
      const started = performance.now();
      const churn = await churner.call<ChurnResult>('churn', {
        urls,
        conns,
        stream,
        joinsPerSec: rate,
        holdMs: sizes.presenceHoldMs,
        durationMs: sizes.presenceDurationMs,
      });
      const churnSeconds = (performance.now() - started) / 1000;
      const cpu = meter.stop();
      // The last diffs of the churn.
      await sleep(500);
      const parts = await Promise.all(residents.map((w) => w.call<DiffStats>('stats')));
      const stats = {
        diffs: parts.reduce((n, p) => n + p.diffs, 0),
        diffBytes: parts.reduce((n, p) => n + p.diffBytes, 0),
      };
      const gw = cpu.cpuSeconds.gw0! + cpu.cpuSeconds.gw1!;
      const nats = cpu.cpuSeconds.nats!;
      const hist = Histogram.from(parts.map((p) => p.hist));
      const v: PresenceVariant = {
        presence,
        members,
        joinsPerSecOffered: rate,
        churn,
        churnSeconds: round(churnSeconds, 2),
        cpuSeconds: { gateways: round(gw, 2), nats: round(nats, 2) },
        cpuMsPerJoin: churn.joins ? round(((gw + nats) * 1000) / churn.joins, 3) : 0,
        diffs: stats.diffs,
        diffMiB: round(stats.diffBytes / 1024 / 1024, 1),
        diffLatencyMs: hist.count ? msSummary(hist.summary()) : null,
      };
      variants.push(v);
      ctx.log(
        `    ${churn.joins} joins, ${churn.leaves} leaves (${churn.errors} errors, ${churn.skipped} skipped) in ${v.churnSeconds} s; ` +
          `CPU ${v.cpuSeconds.gateways} s gateways + ${v.cpuSeconds.nats} s nats = ${v.cpuMsPerJoin} ms/join; ` +
          `${v.diffs} diffs (${v.diffMiB} MiB)` +
          (v.diffLatencyMs
            ? `; diff latency p50 ${v.diffLatencyMs.p50} ms, p99 ${v.diffLatencyMs.p99} ms`
            : ''),
      );
    } finally {
      await Promise.all(residents.map((w) => w.call('close').catch(() => undefined)));
      await Promise.all(residents.map((w) => w.stop()));
      await churner.stop();
    }
  }
  const [off, on] = variants;
  return {
    variants,
    cpuRatio: off!.cpuMsPerJoin ? round(on!.cpuMsPerJoin / off!.cpuMsPerJoin, 2) : 0,
    diffP99Ms: on!.diffLatencyMs?.p99,
  };
}

/** The histogram's µs as ms. */
function msSummary(s: Summary): Summary {
  const ms = (us: number) => round(us / 1000, 1);
  return {
    count: s.count,
    mean: ms(s.mean),
    p50: ms(s.p50),
    p90: ms(s.p90),
    p99: ms(s.p99),
    max: ms(s.max),
  };
}
