// PROTOCOL.md §4.2 (issue 11 item 5): a gateway killed without draining
// leaves no ghosts. Its streams get a Leave with reason `gateway_lost` within
// 3 × its heartbeat, each exactly once, from the replica that accepted it;
// a stream that had already left gets nothing more; a gateway that drains
// causes no gateway_lost at all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService, ServiceRunner } from '../../services/sdk/index.ts';
import { TestClient } from '../helpers/client.ts';
import { spawnMuxgate } from '../helpers/process.ts';
import { connectBus, uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const HEARTBEAT_MS = 300;

/** Every Leave the service saw: stream, the user's name and why. */
const leaves: { stream: string; user: string; reason: string }[] = [];

const room = defineService<{ name: string }>({
  name: 'room',
  join: (ctx, payload) =>
    accept({ groups: [`room.${ctx.topic}`], state: { name: (payload as { name: string }).name } }),
  leave(ctx, reason) {
    leaves.push({ stream: ctx.stream, user: ctx.state?.name ?? '?', reason });
  },
});

describe('a gateway that dies without draining', () => {
  let nats: NatsServer;
  let prefix: string;
  const runners: ServiceRunner[] = [];
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    prefix = uniquePrefix();
    // Two replicas: a Leave goes to one of them, and the other must forget the stream too.
    for (let i = 0; i < 2; i++)
      runners.push(
        await ServiceRunner.start(await connectBus({ nats: nats.url }), room, { prefix }),
      );
  });
  after(async () => {
    await Promise.all(runners.map((r) => r.drain()));
    await nats.close();
  });

  const gateway = () =>
    spawnMuxgate(['gateway'], {
      NATS_URL: nats.url,
      MUX_PREFIX: prefix,
      MUX_ROUTES: 'room',
      MUX_HEARTBEAT_MS: String(HEARTBEAT_MS),
      LOG_LEVEL: 'warn',
    });

  it('sends gateway_lost once for each stream it held, and nothing for one that left', async () => {
    leaves.length = 0;
    const gw = await gateway();
    const clients: TestClient[] = [];
    for (const name of ['ann', 'bob', 'cy', 'dee']) {
      const c = await TestClient.open(gw.url);
      await c.join('room:lost', { name });
      clients.push(c);
    }
    await clients[0]!.send({ type: 'leave', stream: 'room:lost', ref: 'l' });
    await clients[0]!.next((f) => f.ref === 'l');
    await until(() => leaves.length === 1, 5000, 'the first Leave');
    assert.deepEqual(leaves[0], { stream: 'room:lost', user: 'ann', reason: 'leave' });

    await gw.stop('SIGKILL');
    await until(() => leaves.length >= 4, 10 * HEARTBEAT_MS + 5000, 'the gateway_lost Leaves');
    // Another three beats' time: nothing more comes (no second Leave for anyone).
    await new Promise((r) => setTimeout(r, 3 * HEARTBEAT_MS + 500));
    assert.deepEqual(
      leaves.slice(1).sort((a, b) => a.user.localeCompare(b.user)),
      ['bob', 'cy', 'dee'].map((user) => ({ stream: 'room:lost', user, reason: 'gateway_lost' })),
    );
    for (const c of clients) await c.close();
  });

  it('sends no gateway_lost for a gateway that drained', async () => {
    leaves.length = 0;
    const gw = await gateway();
    const c = await TestClient.open(gw.url);
    await c.join('room:drained', { name: 'eve' });
    await gw.stop('SIGTERM');
    await until(() => leaves.length === 1, 5000, 'the drain’s Leave');
    await new Promise((r) => setTimeout(r, 4 * HEARTBEAT_MS + 500));
    assert.deepEqual(leaves, [{ stream: 'room:drained', user: 'eve', reason: 'disconnect' }]);
    await c.close();
  });
});
