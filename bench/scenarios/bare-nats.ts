// Bare NATS request/reply: a nats.js requester and a nats.js responder, each
// its own process, on the run's nats-server. No gateway, no SDK, no protobuf.
import type { BenchContext } from '../lib/context.ts';
import { echoLevel, measuredAfterWarmup, type EchoLevel } from '../lib/echo.ts';
import { forkWorker } from '../lib/procs.ts';
import { Histogram, type HistogramData } from '../lib/stats.ts';

export async function runBareNats(ctx: BenchContext): Promise<EchoLevel[]> {
  const { sizes } = ctx;
  const subject = 'bench.bare.echo';
  const responder = forkWorker('bare-nats-responder', 'servers/nats-responder.ts', ctx.dirs);
  const requester = forkWorker('bare-nats-requester', 'workers/nats-client.ts', ctx.dirs);
  try {
    await responder.call('start', { url: ctx.natsUrl, subject });
    await requester.call('connect', { url: ctx.natsUrl });
    const levels: EchoLevel[] = [];
    for (const concurrency of sizes.echoClients) {
      const pids = { responder: responder.pid, nats: ctx.natsPid, requester: requester.pid };
      const { result, cpu } = await measuredAfterWarmup(sizes.echoWarmupMs, pids, () =>
        requester.call<{ roundTrips: number; errors: number; hist: HistogramData }>('run', {
          subject,
          concurrency,
          warmupMs: sizes.echoWarmupMs,
          durationMs: sizes.echoDurationMs,
          // About what the gateway publishes for one echo msg (an Inbound with scope).
          payloadBytes: 160,
        }),
      );
      const level = echoLevel(
        concurrency,
        { ...result, hist: Histogram.from([result.hist]) },
        sizes.echoDurationMs,
        cpu,
        ['responder', 'nats'],
      );
      levels.push(level);
      ctx.log(
        `  bare NATS request/reply, ${concurrency} in flight: p50 ${(level.latency.p50 / 1000).toFixed(3)} ms, ${level.roundTripsPerSec}/s`,
      );
    }
    return levels;
  } finally {
    await Promise.all([responder.stop(), requester.stop()]);
  }
}
