// The soak: one gateway held at `soakConnections` open connections for
// `soakDurationMs` while they churn (bench/lib/churn.ts: a fixed share ends
// every second and as many open, join echo and chat rooms, send msgs, leave
// streams, close or drop their sockets). The gateway's RSS and heap are
// sampled all along; after the warm-up, RSS must stay flat. At the end every
// client closes, and the gateway's gauges must come back to 0 and each
// service must have had a Leave for every stream it accepted.
//
// The echo and chat services are the real definitions, each in its own
// process, wrapped to record their joins and Leaves (bench/lib/ledger.ts).
// Chat keeps its rooms in durable groups: the section runs on a nats-server
// with JetStream.
import type { ChurnArgs, ChurnCounts, ChurnResult, ChurnStatus } from '../lib/churn-types.ts';
import { LOCAL_ADDRESSES } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import type { LedgerCounts } from '../lib/ledger.ts';
import { imageNodeOptions, podOldSpaceMiB } from '../../harness/image-env.ts';
import { CpuMeter, rssBytes } from '../lib/proc-stats.ts';
import { forkWorker, startGateway } from '../lib/procs.ts';
import type { Worker } from '../lib/rpc.ts';
import { scrape } from '../lib/scrape.ts';
import { Histogram, round, rounded, type Summary } from '../lib/stats.ts';
import { duration } from '../lib/table.ts';
import { summarize, type MemorySummary } from '../lib/trend.ts';

export interface SoakSample {
  /** Seconds since the churn started. */
  t: number;
  rssMiB: number;
  heapUsedMiB: number | undefined;
  /** The V8 heap the gateway holds from the system (used or not), and memory outside it (buffers). */
  heapTotalMiB: number | undefined;
  externalMiB: number | undefined;
  /** The gateway's gauges. */
  connections: number | undefined;
  streams: number | undefined;
  /** Connections the clients hold set up. */
  live: number;
  /** Connections opened by the clients so far. */
  opened: number;
  servicesRssMiB: Record<string, number>;
  natsRssMiB: number;
}

export interface SoakEnd {
  /** The gauges once every client closed (the last value read, at most ENDING_MS later). */
  connections: number | undefined;
  streams: number | undefined;
  groupMembers: number | undefined;
  /** ms from the clients' last close until both gauges read 0; undefined when they did not. */
  settledMs: number | undefined;
  ledgers: Record<string, LedgerCounts>;
  /** Joins the gateway answered `joined` (its join histogram): each one a stream a service accepted. */
  gatewayAccepts: number | undefined;
}

export interface SoakResult {
  /** Gateway settings the run changed from their defaults. */
  gatewayEnv: Record<string, string>;
  requested: number;
  /** Why fewer connections were held than asked for, when so. */
  capped: string | undefined;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  churnPerSec: number;
  rooms: number;
  clientProcs: number;
  rampSeconds: number;
  samples: SoakSample[];
  /** Gateway RSS and heap over the samples after the warm-up. */
  rss: MemorySummary;
  heap: MemorySummary | undefined;
  /** Open connections after the warm-up (the gateway's gauge), lowest and mean of the samples. */
  held: { min: number; mean: number };
  /** Of them, connections set up (every join answered), lowest and mean. */
  setUp: { min: number; mean: number };
  clients: ChurnCounts;
  /** Worst event-loop delay of a client process, ms: how far the load generator kept up. */
  clientLoopDelayP99Ms: number;
  joinLatency: Summary;
  msgLatency: Summary;
  cpuSeconds: Record<string, number>;
  end: SoakEnd;
}

// Descriptors the gateway needs besides its sockets (NATS, listeners, stdio, libraries).
const FD_RESERVE = 500;
/** Connections one client process holds at most: several processes keep each one's event loop short. */
const CONNS_PER_PROC = 2500;
/** Connections per chat room: rooms of about fifty members each. */
const CONNS_PER_ROOM = 100;
/** Connections opened per second in the ramp, all client processes together. */
const RAMP_PER_SEC = 200;
/** Connections in setup at once per client process, at most: a guard, far above what a steady churn needs. */
const SETUP_LIMIT = 1000;
const RAMP_LIMIT_MS = 300_000;
const ENDING_MS = 30_000;
const SERVICES = ['echo', 'chat'] as const;
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(ctx: BenchContext): Promise<SoakResult> {
  const { sizes } = ctx;
  const requested = sizes.soakConnections;
  const max = ctx.fdLimit - FD_RESERVE;
  const n = Math.min(requested, max);
  const capped =
    n < requested
      ? `the open-file limit is ${ctx.fdLimit} per process; the gateway holds one descriptor per connection`
      : undefined;
  if (capped) ctx.log(`  ${capped}: ${n} connections, not ${requested}`);
  const prefix = 'bench-soak';
  const services = Object.fromEntries(
    SERVICES.map((s) => [s, forkWorker(`soak-${s}`, 'servers/soak-services.ts', ctx.dirs)]),
  ) as Record<(typeof SERVICES)[number], Worker>;
  for (const [service, w] of Object.entries(services))
    await w.call('start', { service, natsUrl: ctx.natsUrl, prefix });
  // The gateway runs as deployed: the image's V8 options, and the old
  // generation V8 would size from the pod's memory limit (this machine has
  // none, so V8 would size it from the host's 24 GiB); --soak-heap sets
  // another.
  const oldSpaceMiB = sizes.soakGatewayHeapMiB ?? (await podOldSpaceMiB());
  const nodeOptions = [await imageNodeOptions(), `--max-old-space-size=${oldSpaceMiB}`];
  const gatewayEnv: Record<string, string> = {
    MUX_ROUTES: SERVICES.join(','),
    NODE_OPTIONS: nodeOptions.join(' '),
  };
  const gw = await startGateway('gw-soak', ctx.natsUrl, prefix, gatewayEnv, ctx.dirs);
  const http = `http://127.0.0.1:${gw.port}`;
  const procs = Math.max(2, Math.ceil(n / CONNS_PER_PROC));
  const clients = Array.from({ length: procs }, (_, i) =>
    forkWorker(`soak-clients-${i}`, 'workers/soak-client.ts', ctx.dirs),
  );
  const rooms = Math.max(1, Math.round(n / CONNS_PER_ROOM));
  const pids: Record<string, number> = {
    gateway: gw.pid,
    nats: ctx.natsPid,
    ...Object.fromEntries(Object.entries(services).map(([s, w]) => [s, w.pid])),
    ...Object.fromEntries(clients.map((w, i) => [`clients-${i}`, w.pid])),
  };
  try {
    await Promise.all(
      clients.map((w, i) =>
        w.call('start', {
          url: gw.wsUrl,
          localAddresses: LOCAL_ADDRESSES,
          connections: Math.floor(n / procs) + (i < n % procs ? 1 : 0),
          churnPerSec: sizes.soakChurnPerSec,
          rooms,
          rampPerSec: RAMP_PER_SEC / procs,
          concurrency: SETUP_LIMIT,
          echoEveryMs: sizes.soakEchoEveryMs,
        } satisfies ChurnArgs),
      ),
    );
    const status = async () => {
      const all = await Promise.all(clients.map((w) => w.call<ChurnStatus>('status')));
      return {
        live: all.reduce((a, s) => a + s.live, 0),
        opened: all.reduce((a, s) => a + s.counts.opened, 0),
      };
    };

    // The ramp: every connection opens and sets up (they all do what a new
    // one does); the churn starts once nearly all are live.
    const rampStart = performance.now();
    let nextRampLog = 10_000;
    for (;;) {
      const s = await status();
      if (s.live >= n * 0.99) break;
      const ms = performance.now() - rampStart;
      if (ms >= nextRampLog) {
        nextRampLog += 10_000;
        ctx.log(`  ramp: ${s.live} of ${n} connections set up`);
      }
      if (performance.now() - rampStart > RAMP_LIMIT_MS)
        throw new Error(
          `only ${s.live} of ${n} connections set up after ${RAMP_LIMIT_MS / 1000} s`,
        );
      await sleep(250);
    }
    const rampSeconds = round((performance.now() - rampStart) / 1000, 1);
    ctx.log(
      `  ${n} connections set up in ${rampSeconds} s; churning ${sizes.soakChurnPerSec * 100} %/s`,
    );
    await Promise.all(clients.map((w) => w.call('churn')));

    const samples: SoakSample[] = [];
    const t0 = performance.now();
    const cpu = new CpuMeter(pids);
    let nextLog = 60_000;
    for (let k = 0; ; k++) {
      const due = t0 + k * sizes.soakSampleMs;
      await sleep(Math.max(0, due - performance.now()));
      const elapsed = performance.now() - t0;
      if (elapsed > sizes.soakDurationMs + sizes.soakSampleMs / 2) break;
      const sample = await takeSample(elapsed, gw.pid, http, services, ctx.natsPid, status);
      samples.push(sample);
      if (elapsed >= nextLog || (ctx.sizes.soakDurationMs < 60_000 && k === 0)) {
        nextLog += 60_000;
        ctx.log(
          `  ${Math.round(elapsed / 1000)} s: ${sample.connections} connections, ${sample.streams} streams, ` +
            `RSS ${sample.rssMiB} MiB, heap ${sample.heapUsedMiB} MiB, ${sample.opened} opened so far`,
        );
      }
    }
    const cpuSeconds = rounded(cpu.stop().cpuSeconds);

    const results = await Promise.all(clients.map((w) => w.call<ChurnResult>('stop')));
    const closedAt = performance.now();
    const end = await settle(http, services, closedAt);
    ctx.log(
      `  after every client closed: ${end.connections} connections, ${end.streams} streams` +
        (end.settledMs === undefined ? ' (not 0 after 30 s)' : ` (0 in ${end.settledMs} ms)`),
    );

    const after = samples.filter((s) => s.t * 1000 >= sizes.soakWarmupMs);
    const window = Math.min(60, (sizes.soakDurationMs - sizes.soakWarmupMs) / 3000);
    const rss = summarize(after, (s) => s.rssMiB, window)!;
    const heap = summarize(after, (s) => s.heapUsedMiB, window);
    const spread = (xs: number[]) => ({
      min: Math.min(...xs),
      mean: Math.round(xs.reduce((a, x) => a + x, 0) / (xs.length || 1)),
    });
    const result: SoakResult = {
      gatewayEnv,
      requested,
      capped,
      connections: n,
      durationSeconds: sizes.soakDurationMs / 1000,
      warmupSeconds: sizes.soakWarmupMs / 1000,
      churnPerSec: sizes.soakChurnPerSec,
      rooms,
      clientProcs: procs,
      rampSeconds,
      samples,
      rss,
      heap,
      held: spread(after.flatMap((s) => (s.connections === undefined ? [] : [s.connections]))),
      setUp: spread(after.map((s) => s.live)),
      clients: sumCounts(results.map((r) => r.counts)),
      clientLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
      joinLatency: Histogram.from(results.map((r) => r.joinLatency)).summary(),
      msgLatency: Histogram.from(results.map((r) => r.msgLatency)).summary(),
      cpuSeconds,
      end,
    };
    ctx.log(
      `  gateway RSS after the warm-up: ${rss.minMiB}–${rss.maxMiB} MiB (max ÷ min ${rss.ratio}), ` +
        `first ${duration(window)} ${rss.firstMiB} MiB, last ${rss.lastMiB} MiB`,
    );
    return result;
  } finally {
    for (const w of clients) await w.stop();
    await gw.stop();
    for (const w of Object.values(services)) {
      await w.call('drain').catch(() => undefined);
      await w.stop();
    }
  }
}

async function takeSample(
  elapsedMs: number,
  gwPid: number,
  http: string,
  services: Record<string, Worker>,
  natsPid: number,
  status: () => Promise<{ live: number; opened: number }>,
): Promise<SoakSample> {
  const m = await scrape(http).catch(() => new Map<string, number>());
  const mib = (name: string) => {
    const v = m.get(name);
    return v === undefined ? undefined : round(v / MiB, 1);
  };
  const s = await status();
  return {
    t: round(elapsedMs / 1000, 1),
    rssMiB: round(rssBytes(gwPid) / MiB, 1),
    heapUsedMiB: mib('nodejs_heap_size_used_bytes'),
    heapTotalMiB: mib('nodejs_heap_size_total_bytes'),
    externalMiB: mib('nodejs_external_memory_bytes'),
    connections: m.get('muxgate_connections'),
    streams: m.get('muxgate_streams'),
    live: s.live,
    opened: s.opened,
    servicesRssMiB: Object.fromEntries(
      Object.entries(services).map(([name, w]) => [name, round(rssBytes(w.pid) / MiB, 1)]),
    ),
    natsRssMiB: round(rssBytes(natsPid) / MiB, 1),
  };
}

/** Waits until the gauges read 0 and each service has had every Leave, for ENDING_MS at most. */
async function settle(
  http: string,
  services: Record<string, Worker>,
  closedAt: number,
): Promise<SoakEnd> {
  let m = new Map<string, number>();
  let settledMs: number | undefined;
  let ledgers: Record<string, LedgerCounts> = {};
  while (performance.now() - closedAt < ENDING_MS) {
    m = await scrape(http).catch(() => m);
    if (
      settledMs === undefined &&
      m.get('muxgate_connections') === 0 &&
      m.get('muxgate_streams') === 0
    )
      settledMs = Math.round(performance.now() - closedAt);
    ledgers = Object.fromEntries(
      await Promise.all(
        Object.entries(services).map(async ([s, w]) => [s, await w.call<LedgerCounts>('ledger')]),
      ),
    ) as Record<string, LedgerCounts>;
    if (settledMs !== undefined && Object.values(ledgers).every((l) => l.open === 0)) break;
    await sleep(200);
  }
  return {
    connections: m.get('muxgate_connections'),
    streams: m.get('muxgate_streams'),
    groupMembers: m.get('muxgate_group_members'),
    settledMs,
    ledgers,
    gatewayAccepts: m.get('muxgate_join_duration_seconds_count{result="accept"}'),
  };
}

function sumCounts(all: ChurnCounts[]): ChurnCounts {
  const out = { ...all[0]!, serverCloseCodes: {}, errorCodes: {} } as ChurnCounts;
  const num = out as unknown as Record<string, number>;
  for (const k of Object.keys(out)) if (typeof num[k] === 'number') num[k] = 0;
  for (const c of all) {
    for (const [k, v] of Object.entries(c)) if (typeof v === 'number') num[k] = (num[k] ?? 0) + v;
    out.firstError ??= c.firstError;
    for (const [code, x] of Object.entries(c.serverCloseCodes))
      out.serverCloseCodes[code] = (out.serverCloseCodes[code] ?? 0) + x;
    for (const [code, x] of Object.entries(c.errorCodes))
      out.errorCodes[code] = (out.errorCodes[code] ?? 0) + x;
  }
  return out;
}
