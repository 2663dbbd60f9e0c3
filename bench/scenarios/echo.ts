// Echo through the whole system: client → gateway → NATS → echo service →
// NATS → gateway → client, each a separate process, at each client count.
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import { runEcho, type EchoLevel } from '../lib/echo.ts';
import { startGateway, startService } from '../lib/procs.ts';

export interface EchoResult {
  /** Gateway settings the run changed from their defaults, and why. */
  gatewayEnv: Record<string, string>;
  levels: EchoLevel[];
}

// The gateway's default limits, rate limit included: a closed-loop client's
// several thousand round trips a second must fit under them.
const GATEWAY_ENV = { MUX_ROUTES: 'echo' };

export async function runEchoScenario(ctx: BenchContext): Promise<EchoResult> {
  const prefix = 'bench-echo';
  const service = await startService(
    'echo-service',
    ['cli/main.ts', 'service', 'echo'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gw = await startGateway('gw-echo', ctx.natsUrl, prefix, GATEWAY_ENV, ctx.dirs);
  try {
    const levels: EchoLevel[] = [];
    for (const clients of ctx.sizes.echoClients) {
      const { pool, opened } = await ClientPool.open(
        `echo-${clients}`,
        { urls: [gw.wsUrl], count: clients, procs: 1, welcome: true, join: 'echo' },
        ctx.dirs,
      );
      try {
        if (opened.failed) throw new Error(`${opened.failed} clients failed: ${opened.firstError}`);
        const level = await runEcho(
          pool,
          clients,
          ctx.sizes,
          'echo',
          { gateway: gw.pid, service: service.pid, nats: ctx.natsPid, clients: pool.pids[0]! },
          ['gateway'],
        );
        levels.push(level);
        ctx.log(
          `  echo, ${clients} clients: p50 ${(level.latency.p50 / 1000).toFixed(3)} ms, p99 ${(level.latency.p99 / 1000).toFixed(3)} ms, ${level.roundTripsPerSec} round trips/s` +
            (level.errors ? `, ${level.errors} error frames` : ''),
        );
      } finally {
        await pool.close();
      }
    }
    return { gatewayEnv: GATEWAY_ENV, levels };
  } finally {
    await gw.stop();
    await service.stop();
  }
}
