// What a chat join costs as the chat store grows (issue 11 item 4): one
// nats-server with JetStream, a gateway and the chat service in this process;
// the chat stream is filled with `stored` messages spread over 20 rooms (at
// most 2,000 each, what a room keeps), then `joins` clients join the fullest
// room one after another, each on its own socket, and leave. Each join hands
// over the room's last 50 messages.
//
//   node --import tsx bench/chat-join.ts [--stored=0,10000,40000] [--joins=50]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { NatsBus } from '../bus/nats.ts';
import { cliGatewayConfig } from '../cli/settings.ts';
import { Gateway } from '../gateway/gateway.ts';
import { NatsServer } from '../harness/nats-server.ts';
import { SUBPROTOCOL_JSON } from '../protocol/frames.ts';
import { chatService } from '../services/chat/index.ts';
import { Publisher, ServiceRunner } from '../services/sdk/index.ts';

const ROOMS = 20;

const { values } = parseArgs({
  options: { stored: { type: 'string', default: '0,10000,40000' }, joins: { type: 'string' } },
});
const sizes = values.stored.split(',').map(Number);
const joins = Number(values.joins ?? 50);

const nats = await NatsServer.start({ jetstream: true });
try {
  console.log('stored messages | joins | total ms | ms per join | history per join');
  for (const stored of sizes) {
    const r = await measure(stored);
    console.log(
      `${stored} | ${joins} | ${r.totalMs.toFixed(0)} | ${(r.totalMs / joins).toFixed(1)} | ${r.history}`,
    );
  }
} finally {
  await nats.close();
}

async function measure(stored: number): Promise<{ totalMs: number; history: number }> {
  const prefix = `b${randomBytes(4).toString('hex')}`;
  const connect = (name: string) => NatsBus.connect({ servers: nats.url, name });
  const chat = await ServiceRunner.start(await connect('chat'), chatService(), { prefix });
  const gateway = await Gateway.start({
    config: cliGatewayConfig({ PORT: '0', HOST: '127.0.0.1', MUX_PREFIX: prefix }),
    bus: await connect('gateway'),
    processMetrics: false,
  });
  const publisher = new Publisher(await connect('filler'), prefix);
  try {
    // Stored, not just published: each write waits for its acknowledgement in batches.
    for (let i = 0; i < stored; i += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, stored - i) }, (_, j) =>
          publisher.toGroupStored(`chat.room${(i + j) % ROOMS}`, { text: `m${i + j}` }),
        ),
      );
    const url = `ws://127.0.0.1:${gateway.port}/ws`;
    let history = 0;
    const start = performance.now();
    for (let i = 0; i < joins; i++) history = await joinOnce(url);
    return { totalMs: performance.now() - start, history };
  } finally {
    await gateway.drain();
    await chat.drain();
    await publisher.bus.drain();
  }
}

/** Opens a socket, joins chat:room0, and returns how many messages `joined` held. */
function joinOnce(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, SUBPROTOCOL_JSON);
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'join', stream: 'chat:room0', ref: 'j' })));
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as { type: string; payload?: { history?: unknown[] } };
      if (f.type === 'joined') {
        ws.close();
        resolve(f.payload?.history?.length ?? 0);
      } else if (f.type === 'error') {
        ws.close();
        reject(new Error(String(data)));
      }
    });
  });
}
