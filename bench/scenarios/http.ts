// The HTTP fallback transports (PROTOCOL.md §4.5) against WebSocket: echo
// round trips through the client library over each transport, one client,
// closed loop (the SSE goal: p50 at most 2× WebSocket's), and a long-poll
// fan-out to many clients (the goal: none lost). The gateway, the services
// and the clients are separate processes, as in the other sections.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TransportName } from '../../client/index.ts';
import type { BenchContext } from '../lib/context.ts';
import { startGateway, startService } from '../lib/procs.ts';
import type { Summary } from '../lib/stats.ts';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const API_KEY = 'bench-http-key';

export interface HttpResult {
  echo: { transport: TransportName; summary: Summary }[];
  /** SSE p50 / WebSocket p50 through the client library; the goal is at most 2. */
  sseVsWsP50: number;
  /** The same over the bare protocol: `ws`, and node:http with keep-alive (no fetch). */
  rawEcho: { transport: 'websocket' | 'sse'; summary: Summary }[];
  rawSseVsWsP50: number;
  longPollFanout: {
    clients: number;
    messages: number;
    expected: number;
    delivered: number;
    lost: number;
    /** Connections lost and reopened while the clients opened and joined (not measured)… */
    reconnectsOpening: number;
    /** …and while the messages were delivered: each could lose messages. */
    reconnects: number;
    seconds: number;
    deliveriesPerSec: number;
  };
}

async function worker<T>(task: object): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'bench/workers/http-clients.ts', JSON.stringify(task)],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

export async function runHttp(ctx: BenchContext): Promise<HttpResult> {
  const prefix = 'bench-http';
  const echoSvc = await startService(
    'http-echo-service',
    ['cli/main.ts', 'service', 'echo'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const benchSvc = await startService(
    'http-bench-service',
    ['bench/servers/bench-service.ts'],
    ctx.natsUrl,
    prefix,
    ctx.dirs,
  );
  const gw = await startGateway(
    'gw-http',
    ctx.natsUrl,
    prefix,
    { MUX_ROUTES: 'echo,bench', MUX_API_KEYS: API_KEY },
    ctx.dirs,
  );
  try {
    const echo: HttpResult['echo'] = [];
    for (const transport of ['websocket', 'sse', 'long-poll'] as const) {
      const r = await worker<HttpResult['echo'][number]>({
        mode: 'echo',
        url: gw.wsUrl,
        transport,
        warmupMs: ctx.sizes.echoWarmupMs,
        durationMs: ctx.sizes.echoDurationMs,
        payloadBytes: ctx.sizes.payloadBytes,
      });
      echo.push(r);
      ctx.log(
        `  echo over ${r.transport}: p50 ${(r.summary.p50 / 1000).toFixed(3)} ms, p99 ${(r.summary.p99 / 1000).toFixed(3)} ms, ${r.summary.count} round trips`,
      );
    }
    const p50 = (t: TransportName) => echo.find((e) => e.transport === t)!.summary.p50;
    const sseVsWsP50 = Math.round((p50('sse') / p50('websocket')) * 100) / 100;
    ctx.log(`  SSE p50 / WebSocket p50: ${sseVsWsP50} (goal ≤ 2)`);
    // The full run's 1,000 clients; a handful in --quick.
    const rawEcho: HttpResult['rawEcho'] = [];
    for (const transport of ['websocket', 'sse'] as const) {
      const r = await worker<HttpResult['rawEcho'][number]>({
        mode: 'raw-echo',
        url: gw.wsUrl,
        transport,
        warmupMs: ctx.sizes.echoWarmupMs,
        durationMs: ctx.sizes.echoDurationMs,
        payloadBytes: ctx.sizes.payloadBytes,
      });
      rawEcho.push(r);
      ctx.log(
        `  bare-protocol echo over ${r.transport}: p50 ${(r.summary.p50 / 1000).toFixed(3)} ms, p99 ${(r.summary.p99 / 1000).toFixed(3)} ms`,
      );
    }
    const rawP50 = (t: string) => rawEcho.find((e) => e.transport === t)!.summary.p50;
    const rawSseVsWsP50 = Math.round((rawP50('sse') / rawP50('websocket')) * 100) / 100;
    ctx.log(`  bare-protocol SSE p50 / WebSocket p50: ${rawSseVsWsP50}`);
    const clients = ctx.sizes.echoDurationMs >= 5000 ? 1000 : 50;
    const longPollFanout = await worker<HttpResult['longPollFanout']>({
      mode: 'fanout',
      url: gw.wsUrl,
      http: `http://127.0.0.1:${gw.port}`,
      apiKey: API_KEY,
      clients,
      topic: 'poll',
      messages: clients >= 1000 ? 100 : 20,
      perSecond: 50,
    });
    ctx.log(
      `  long poll to ${longPollFanout.clients} clients: ${longPollFanout.delivered}/${longPollFanout.expected} delivered (${longPollFanout.lost} lost, ${longPollFanout.reconnects} reconnects while delivering), ${longPollFanout.deliveriesPerSec} deliveries/s`,
    );
    return { echo, sseVsWsP50, rawEcho, rawSseVsWsP50, longPollFanout };
  } finally {
    await gw.stop();
    await benchSvc.stop();
    await echoSvc.stop();
  }
}
