// A bare WebSocket server (`ws` on Node, or Bun's built-in one): echo at each
// client count, and broadcast to N sockets at a fixed offered load and at the
// highest load it sustains.
import { fanoutStep, ramp, recover, type RampResult, type StepResult } from '../lib/broadcast.ts';
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import { runEcho, type EchoLevel } from '../lib/echo.ts';
import type { Paced } from '../lib/pacer.ts';
import { bunClockOffset } from '../lib/bun.ts';
import { forkWorker } from '../lib/procs.ts';

export interface BroadcastResult {
  members: number;
  fixed: StepResult;
  ramp: RampResult;
}

export interface BareWsResult {
  echo: EchoLevel[];
  broadcast: BroadcastResult[];
}

/** Which bare server: its name in logs and results, its file, and the runtime that runs it. */
export interface BareServer {
  name: 'bare-ws' | 'bare-bun';
  label: string;
  file: string;
  /** The runtime's binary; Node (with tsx) when unset. */
  runtime?: string;
}

export const BARE_WS: BareServer = {
  name: 'bare-ws',
  label: 'bare ws',
  file: 'servers/bare-ws.ts',
};

export const bareBun = (runtime: string): BareServer => ({
  name: 'bare-bun',
  label: 'bare Bun',
  file: 'servers/bare-bun.ts',
  runtime,
});

export async function runBareWs(ctx: BenchContext, bare = BARE_WS): Promise<BareWsResult> {
  const { sizes } = ctx;
  const server = forkWorker(bare.name, bare.file, ctx.dirs, bare.runtime);
  try {
    const { port } = await server.call<{ port: number }>('listen');
    if (bare.runtime) await server.call('setClockOffset', { us: await bunClockOffset(server) });
    const url = `ws://127.0.0.1:${port}/`;
    const echo: EchoLevel[] = [];
    for (const clients of sizes.echoClients) {
      const { pool } = await ClientPool.open(
        `${bare.name}-echo-${clients}`,
        { urls: [url], count: clients, procs: 1, welcome: false },
        ctx.dirs,
      );
      try {
        const level = await runEcho(
          pool,
          clients,
          sizes,
          'echo',
          { server: server.pid, clients: pool.pids[0]! },
          ['server'],
        );
        echo.push(level);
        ctx.log(
          `  ${bare.label} echo, ${clients} clients: p50 ${(level.latency.p50 / 1000).toFixed(3)} ms, ${level.roundTripsPerSec} round trips/s`,
        );
      } finally {
        await pool.close();
      }
    }

    const broadcast: BroadcastResult[] = [];
    for (const members of sizes.fanoutMembers) {
      const stream = `bench:f${members}`;
      const { pool, opened } = await ClientPool.open(
        `${bare.name}-bcast-${members}`,
        { urls: [url], count: members, procs: clientProcs(members, ctx), welcome: false },
        ctx.dirs,
      );
      try {
        if (opened.failed) throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
        const source = {
          send: (a: { rate: number; durationMs: number; step: number }) =>
            server.call<Paced>('broadcast', { ...a, stream }),
        };
        const opts = {
          members,
          durationMs: sizes.stepMs,
          minMessages: sizes.minMessages,
          servers: { server: server.pid },
          others: Object.fromEntries(pool.pids.map((p, i) => [`clients-${i}`, p])),
          p99LimitMs: sizes.p99LimitMs,
        };
        ctx.log(`  ${bare.label} broadcast to ${members} sockets`);
        const fixed = await fanoutStep(pool, source, sizes.fanoutFixedDeliveries / members, opts);
        if (!fixed.sustained) await recover(pool);
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
        broadcast.push({ members, fixed, ramp: r });
      } finally {
        await pool.close();
      }
    }
    return { echo, broadcast };
  } finally {
    await server.stop();
  }
}

/** Client processes for `members` connections: two from 1,000 members up, so clients can use both cores. */
export function clientProcs(members: number, ctx: BenchContext): number {
  return Math.max(members >= 1000 ? 2 : 1, Math.ceil(members / ctx.sizes.connsPerClientProc));
}
