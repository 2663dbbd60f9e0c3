// The benchmark orchestrator: `npm run bench` (full) or `npm run bench:quick`.
//
//   --quick                 tiny sizes, a few seconds: the smoke test's mode, no meaningful figures
//   --only=bare,echo,fanout,binary,idle,durable,http,soak,presence,binding   sections to run (default: all, in that order)
//   --out=<file>            JSON results (default bench/results/<date>.json)
//   --profile               run gateways under --cpu-prof; profiles go beside the logs
//   --members=100,1000      fan-out group sizes (default 100,1000,10000)
//   --gateways=1            fan-out over one gateway, two, or both (default 1,2)
//   --idle=10000,50000      idle connection counts (default 10000,50000)
//
// `bare` and `idle` measure Bun's built-in WebSocket server beside bare ws when
// the `bun` binary is there (the devDependency, or MUX_BENCH_BUN=<path>).
//   --soak-connections=10000, --soak-minutes=15, --soak-churn=0.01   the soak's size, length
//                           and share of connections replaced each second
//   --soak-heap=<MiB>       the soak gateway under --max-old-space-size (default: what V8 sizes
//                           in a pod with deploy/gateway.yaml's memory limit: 256 MiB for 512Mi)
//   --presence-members=1000, --presence-churn=1000   presence on vs off: the room's size and joins/s
//
// Every component is its own OS process on one real nats-server: gateways and
// the echo service through the command line, the bench service, the bare ws
// server, the bare NATS responder, the publisher and the client workers. The
// durable section (protocol 1.1 durable groups vs plain groups) and the soak
// (its chat rooms are durable groups) run on a nats-server of their own with
// JetStream, so the other sections keep theirs without it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NatsServer } from '../harness/nats-server.ts';
import { FULL, QUICK, type BenchContext } from './lib/context.ts';
import { machine } from './lib/machine.ts';
import { openFileLimit } from './lib/proc-stats.ts';
import { stopAll, type RunDirs } from './lib/procs.ts';
import { report } from './lib/report.ts';
import { duration } from './lib/table.ts';
import { targets, type Measured } from './lib/targets.ts';
import { runBareNats } from './scenarios/bare-nats.ts';
import { BARE_WS, bareBun, runBareWs } from './scenarios/bare-ws.ts';
import { runBinary } from './scenarios/binary.ts';
import { bunBinary } from './lib/bun.ts';
import { runBinding } from './scenarios/binding.ts';
import { runDurable } from './scenarios/durable.ts';
import { runEchoScenario } from './scenarios/echo.ts';
import { runFanout } from './scenarios/fanout.ts';
import { runHttp, type HttpResult } from './scenarios/http.ts';
import { runIdle } from './scenarios/idle.ts';
import { runPresence, type PresenceResult } from './scenarios/presence.ts';
import { runSoak } from './scenarios/soak.ts';

const SECTIONS = [
  'bare',
  'echo',
  'fanout',
  'binary',
  'idle',
  'durable',
  'http',
  'soak',
  'presence',
  'binding',
] as const;
type Section = (typeof SECTIONS)[number];
const ROOT = resolve(new URL('..', import.meta.url).pathname);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'boolean', default: false },
      members: { type: 'string' },
      gateways: { type: 'string' },
      idle: { type: 'string' },
      'soak-connections': { type: 'string' },
      'soak-minutes': { type: 'string' },
      'soak-churn': { type: 'string' },
      'soak-heap': { type: 'string' },
      'presence-members': { type: 'string' },
      'presence-churn': { type: 'string' },
    },
  });
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const bad = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (bad.length) {
    console.error(`--only: unknown section ${bad.join(', ')}; sections are ${SECTIONS.join(', ')}`);
    return 2;
  }
  const run = (s: Section) => only.includes(s);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(values.out ?? join(ROOT, 'bench/results', `${stamp}.json`));
  const logDir = join(ROOT, 'bench/results/logs', stamp);
  mkdirSync(logDir, { recursive: true });
  mkdirSync(dirname(out), { recursive: true });
  const dirs: RunDirs = { logDir, profileDir: values.profile ? logDir : undefined };

  const fdLimit = openFileLimit();
  const numbers = (s: string) => s.split(',').map((x) => Number(x.trim()));
  const sizes = {
    ...(values.quick ? QUICK : FULL),
    ...(values.members && { fanoutMembers: numbers(values.members) }),
    ...(values.gateways && { fanoutGateways: numbers(values.gateways) }),
    ...(values.idle && { idleConnections: numbers(values.idle) }),
    ...(values['soak-connections'] && { soakConnections: Number(values['soak-connections']) }),
    ...(values['soak-churn'] && { soakChurnPerSec: Number(values['soak-churn']) }),
    ...(values['soak-heap'] && { soakGatewayHeapMiB: Number(values['soak-heap']) }),
    ...(values['presence-members'] && { presenceMembers: Number(values['presence-members']) }),
    ...(values['presence-churn'] && { presenceJoinsPerSec: Number(values['presence-churn']) }),
  };
  const minutes = values['soak-minutes'];
  if (minutes) {
    // The warm-up keeps its share of the run (a third by default).
    const ms = Number(minutes) * 60_000;
    sizes.soakWarmupMs = Math.round((sizes.soakWarmupMs / sizes.soakDurationMs) * ms);
    sizes.soakDurationMs = ms;
  }
  const soakProblem = [
    sizes.soakConnections,
    sizes.soakDurationMs,
    sizes.soakChurnPerSec,
    sizes.soakGatewayHeapMiB ?? 1,
  ].some((x) => !Number.isFinite(x) || x <= 0);
  if (soakProblem) {
    console.error(
      '--soak-connections, --soak-minutes, --soak-churn and --soak-heap take positive numbers',
    );
    return 2;
  }
  const started = Date.now();
  // Other work on the machine moves every figure: the load is kept with them.
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const log = (line: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(
    `muxgate bench${values.quick ? ' (quick)' : ''}: ${only.join(', ')}; logs in ${logDir}; ` +
      `load average ${loadAtStart.join(', ')}`,
  );

  const nats = await startNats(false);
  const ctx: BenchContext = {
    sizes,
    natsUrl: nats.url,
    natsPid: natsPid(nats.port),
    dirs,
    fdLimit,
    log,
  };
  const bun = bunBinary();
  const m: Measured = {
    bareWs: undefined,
    bareBun: undefined,
    binary: undefined,
    bareNats: undefined,
    echo: undefined,
    fanout: undefined,
    idle: undefined,
    durable: undefined,
    soak: undefined,
    binding: undefined,
  };
  let http: HttpResult | undefined;
  let presence: PresenceResult | undefined;
  try {
    if (run('bare')) {
      log(`bare parts: ws${bun ? ' and Bun' : ''} echo and broadcast, NATS request/reply`);
      m.bareWs = await runBareWs(ctx);
      if (bun) m.bareBun = await runBareWs(ctx, bareBun(bun));
      else log('  no bun binary (npm install, or MUX_BENCH_BUN=<path>): Bun left out');
      m.bareNats = await runBareNats(ctx);
    }
    if (run('echo')) {
      log('echo through gateway → NATS → service → NATS → gateway');
      m.echo = await runEchoScenario(ctx);
    }
    if (run('fanout')) {
      log('group fan-out');
      const bareMax = new Map(
        (m.bareWs?.broadcast ?? []).flatMap((b) => (b.ramp.max ? [[b.members, b.ramp.max]] : [])),
      );
      m.fanout = await runFanout(ctx, bareMax);
    }
    if (run('binary')) {
      log('binary encoding vs JSON, same gateway');
      m.binary = await runBinary(ctx);
    }
    if (run('idle')) {
      log('idle connections');
      m.idle = await runIdle(ctx, bun ? [BARE_WS, bareBun(bun)] : [BARE_WS]);
    }
    if (run('durable')) {
      log('durable groups vs plain groups (nats-server with JetStream)');
      const js = await startNats(true);
      try {
        m.durable = await runDurable({ ...ctx, natsUrl: js.url, natsPid: natsPid(js.port) });
      } finally {
        await stopAll();
        await js.close();
      }
    }
    if (run('http')) {
      log('HTTP fallbacks: echo over WebSocket, SSE and long poll; long-poll fan-out');
      http = await runHttp(ctx);
    }
    if (run('soak')) {
      log(
        `soak: ${sizes.soakConnections} connections churning ${sizes.soakChurnPerSec * 100} %/s ` +
          `for ${duration(sizes.soakDurationMs / 1000)} (nats-server with JetStream, for chat)`,
      );
      const js = await startNats(true);
      try {
        m.soak = await runSoak({ ...ctx, natsUrl: js.url, natsPid: natsPid(js.port) });
      } finally {
        await stopAll();
        await js.close();
      }
    }
    if (run('presence')) {
      log('presence on vs off: a room over two gateways, with join/leave churn');
      presence = await runPresence(ctx);
    }
    if (run('binding')) {
      log('binding: outside writes relayed to bound clients (nats-server with JetStream)');
      const js = await startNats(true);
      try {
        m.binding = await runBinding({ ...ctx, natsUrl: js.url, natsPid: natsPid(js.port) });
        log(`binding: ${JSON.stringify(m.binding)}`);
      } finally {
        await stopAll();
        await js.close();
      }
    }
  } finally {
    await stopAll();
    await nats.close();
  }

  const t = targets(m);
  const results = {
    meta: {
      date: new Date(started).toISOString(),
      command:
        `npm run bench${values.quick ? ':quick' : ''} -- ${process.argv.slice(2).join(' ')}`.trim(),
      quick: values.quick,
      sections: only,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: machine(fdLimit),
      /** 1, 5 and 15 min load averages at the start and at the end (the end's include the run). */
      loadAverage: { start: loadAtStart, end: loadavg().map((x) => Math.round(x * 100) / 100) },
      sizes,
      note: 'All processes share the machine; figures from a machine other work also uses are noisy.',
    },
    bare:
      m.bareWs || m.bareNats
        ? { ws: m.bareWs ?? null, bun: m.bareBun ?? null, nats: m.bareNats ?? null }
        : null,
    binary: m.binary ?? null,
    echo: m.echo ?? null,
    fanout: m.fanout ?? null,
    idle: m.idle ?? null,
    durable: m.durable ?? null,
    soak: m.soak ?? null,
    http: http ?? null,
    presence: presence ?? null,
    binding: m.binding ?? null,
    targets: t,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${report(m, t)}`);
  if (presence)
    console.log(
      `presence: CPU per join on ÷ off ${presence.cpuRatio} (goal ≤ 1.5); ` +
        `presence_diff p99 ${presence.diffP99Ms ?? '–'} ms (goal < 250)`,
    );
  log(`results written to ${out}`);
  return 0;
}

// nats-servers of the run, stopped on SIGINT too: they are no child the run's
// process group takes down with it.
const natsServers = new Set<NatsServer>();
async function startNats(jetstream: boolean): Promise<NatsServer> {
  const server = await NatsServer.start({ jetstream });
  natsServers.add(server);
  return server;
}

/** The pid of the nats-server listening on `port` (the helper does not expose its process). */
function natsPid(port: number): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('nats-server') && argv.includes(String(port))) return Number(d);
    } catch {
      // the process went away while we looked
    }
  }
  throw new Error(`no nats-server process listening on ${port}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: stopping every process of the run`);
    void stopAll()
      .then(() => Promise.all([...natsServers].map((s) => s.close())))
      .finally(() => process.exit(130));
  });

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    await stopAll();
    process.exit(1);
  },
);
