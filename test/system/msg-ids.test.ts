// A client that retries a request after `timeout` sends the same msg id, and
// a service that stores its effect with that id applies it once (PROTOCOL.md
// §4.2; JetStream's Nats-Msg-Id on NATS, the same window in memory).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { MemoryBroker } from '../../bus/memory.ts';
import { connect, type MuxClient, type WebSocketConstructor } from '../../client/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService, Publisher } from '../../services/sdk/index.ts';
import { connectBus, TestSystem, type BusSource } from '../helpers/system.ts';

const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;
const MSG_TIMEOUT_MS = 300;

/** Stores each message in the room, and is slow to answer the first attempt of each id. */
function ledger() {
  const attempts = new Map<string, number>();
  return defineService({
    name: 'ledger',
    durable: { groups: 'ledger.>' },
    join: (ctx) => accept({ durable: `ledger.${ctx.topic}` }),
    async receive(ctx, payload, ref) {
      const pos = await ctx.groupSendStored(`ledger.${ctx.topic}`, payload, { msgId: ctx.msgId });
      const n = (attempts.get(ctx.msgId ?? '') ?? 0) + 1;
      attempts.set(ctx.msgId ?? '', n);
      // The first attempt answers after the gateway gave up on it: the client retries.
      if (n === 1) await new Promise((r) => setTimeout(r, MSG_TIMEOUT_MS * 2));
      if (ref !== undefined) ctx.reply(ref, { pos, attempt: n });
    },
  });
}

for (const kind of ['nats', 'memory'] as const) {
  describe(`msg ids over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let source: BusSource;
    let sys: TestSystem;
    let client: MuxClient;
    before(async () => {
      source = { memory: new MemoryBroker() };
      if (kind === 'nats') source = { nats: (nats = await NatsServer.start()).url };
      sys = await TestSystem.start({
        bus: source,
        services: [ledger()],
        env: { MUX_ROUTES: 'ledger', MUX_MSG_TIMEOUT_MS: String(MSG_TIMEOUT_MS) },
      });
      client = connect(sys.url, { WebSocket: WS });
    });
    after(async () => {
      client.close();
      await sys.close();
      await nats?.close();
    });

    it('applies a request retried after timeout once, and answers the retry', async () => {
      const room = client.stream('ledger:a');
      await room.join();
      const reply = (await room.request({ amount: 5 }, { retries: 8 })) as {
        pos: string;
        attempt: number;
      };
      // A stream's handlers run one at a time, so a retry may wait behind the
      // slow first attempt and time out too: what matters is that one is answered.
      assert.ok(reply.attempt >= 2, `answered attempt ${reply.attempt}: the first timed out`);
      const reader = new Publisher(await connectBus(source, 'reader'), sys.prefix);
      const stored = await reader.recent('ledger.a', 10);
      await reader.bus.drain();
      assert.deepEqual(
        stored.messages.map((m) => m.payload),
        [{ amount: 5 }],
        'stored once, though the service ran twice',
      );
      assert.equal(reply.pos, stored.messages[0]!.pos, 'the retry got the first one’s position');
    });

    it('gives up after its retries with the last error', async () => {
      const room = client.stream('ledger:b');
      await room.join();
      await assert.rejects(room.request({ amount: 1 }, { retries: 0 }), /did not answer/);
    });
  });
}
