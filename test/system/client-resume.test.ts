// The client library on a stream with a durable group (PROTOCOL.md §4.1):
// cut off for a while, it comes back on its own with the last `pos` it saw and
// delivers exactly what it missed, in order, then live messages; it says
// `recovered` and counts what came back. Real nats-server, two gateways.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connect, type MuxClient, type WebSocketConstructor } from '../../client/index.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService } from '../../services/sdk/index.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import { startGateway, TestSystem } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;
const API_KEY = 'resume-key';

const rooms = defineService({
  name: 'room',
  durable: { groups: 'room.>', maxPerGroup: 5000 },
  join: (ctx) => accept({ durable: `room.${ctx.topic}` }),
});

describe('client library resume on a durable group', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let other: Gateway;
  let proxy: TcpProxy;
  let client: MuxClient;
  before(async () => {
    nats = await NatsServer.start();
    const env = { MUX_ROUTES: 'room', MUX_API_KEYS: API_KEY };
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [rooms], env });
    other = await startGateway({ nats: nats.url }, sys.prefix, env);
    proxy = await TcpProxy.start(sys.gateway.port);
  });
  after(async () => {
    client?.close();
    await proxy.close().catch(() => undefined);
    await other.drain();
    await sys.close();
    await nats.close();
  });

  /** Publishes through the other gateway's HTTP API, as a backend would. */
  async function publish(n: number): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${other.port}/v1/groups/room.lobby/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { n } }),
    });
    assert.equal(res.status, 202);
  }

  it('gets exactly the 1,000 messages sent while it was cut off, in order, then live ones', async () => {
    client = connect(`ws://127.0.0.1:${proxy.port}/ws`, {
      WebSocket: WS,
      backoff: { steps: [100] },
    });
    const room = client.stream('room:lobby');
    const got: number[] = [];
    room.on('message', (p) => got.push((p as { n: number }).n));
    const joined = collect<{ rejoin: boolean; recovered?: boolean; pos?: string }>();
    room.on('joined', joined.push);
    const recovered = collect<{ count: number }>();
    room.on('recovered', recovered.push);
    await room.join();
    for (let n = 1; n <= 3; n++) await publish(n);
    await until(() => got.length === 3);
    assert.match(String(room.pos), /:\d+$/);

    await proxy.cut();
    for (let n = 4; n <= 1003; n++) await publish(n);
    await new Promise((r) => setTimeout(r, 1000));
    await proxy.restore();

    const [, rejoin] = await joined.wait(2, 15_000);
    assert.deepEqual([rejoin!.rejoin, rejoin!.recovered], [true, true]);
    const [count] = await recovered.wait(1, 15_000);
    assert.equal(count!.count, 1000);
    for (let n = 1004; n <= 1005; n++) await publish(n);
    await until(() => got.length >= 1005, 10_000, 'live messages after the replay');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      got,
      Array.from({ length: 1005 }, (_, i) => i + 1),
      'no gap, no duplicate',
    );
  });
});
