// What a gateway's bus gap costs its clients' rejoins, by the client
// library's rejoinSpreadMs. One nats-server with JetStream and `muxgate dev`
// (gateway and services, one process); `clients` library clients each join
// one chat room of 20 (each join reads the room's history). nats-server is
// restarted: the gateway ends every stream with `left` `unavailable`, and
// each client rejoins with `since` after a random wait up to the spread.
// Printed: when the rejoins landed after the restart, how many were refused
// first, and the most rejoins answered in any 100 ms.
//
//   node --import tsx bench/rejoin-spread.ts [--clients=2000] [--spread=100,1000]
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { connect, type MuxClient, type WebSocketConstructor } from '../client/index.ts';
import { NatsServer } from '../harness/nats-server.ts';
import { spawnMuxgate } from '../test/helpers/process.ts';

const ROOMS = 20;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '2000' },
    spread: { type: 'string', default: '100,1000' },
  },
});
const clients = Number(values.clients);
const spreads = values.spread.split(',').map(Number);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

console.log(
  'spread ms | streams | rejoined | first, median, p99, last rejoin after the restart (ms) | refused first | most rejoins in 100 ms',
);
for (const spread of spreads) {
  const r = await measure(spread);
  console.log(
    `${spread} | ${clients} | ${r.rejoined} | ${r.times.map((t) => t.toFixed(0)).join(', ')} | ${r.refused} | ${r.peak}`,
  );
}

async function measure(spreadMs: number) {
  const nats = await NatsServer.start({ jetstream: true });
  const dev = await spawnMuxgate(['dev'], { NATS_URL: nats.url, LOG_LEVEL: 'error' });
  const url = `ws://127.0.0.1:${dev.port}/ws`;
  const open: MuxClient[] = [];
  const rejoinedAt: number[] = [];
  let refused = 0;
  try {
    for (let i = 0; i < clients; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, clients - i) }, async (_, k) => {
          const c = connect(url, {
            WebSocket: WebSocket as unknown as WebSocketConstructor,
            rejoinSpreadMs: spreadMs,
          });
          open.push(c);
          const s = c.stream(`chat:room${(i + k) % ROOMS}`);
          let ended = false;
          s.on('error', () => {
            // The first error is the gateway's `left`; any later one refused a rejoin.
            if (ended) refused++;
            ended = true;
          });
          s.on('joined', ({ rejoin }) => {
            if (rejoin) rejoinedAt.push(performance.now());
            ended = false;
          });
          await s.join({ name: `u${i + k}` });
        }),
      );
    }
    await sleep(1000);
    await nats.stop();
    await nats.restart();
    const restartedAt = performance.now();
    const deadline = Date.now() + 60_000;
    while (rejoinedAt.length < clients && Date.now() < deadline) await sleep(100);
    const after = rejoinedAt.map((t) => t - restartedAt);
    const perTenth = new Map<number, number>();
    for (const t of after) {
      const tenth = Math.floor(t / 100);
      perTenth.set(tenth, (perTenth.get(tenth) ?? 0) + 1);
    }
    return {
      rejoined: after.length,
      times: [
        Math.min(...after),
        percentile(after, 0.5),
        percentile(after, 0.99),
        Math.max(...after),
      ],
      refused,
      peak: Math.max(0, ...perTenth.values()),
    };
  } finally {
    for (const c of open) c.close();
    await dev.stop();
    await nats.close();
  }
}
