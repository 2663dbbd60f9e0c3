// Groups across gateways on one NATS: exactly-once, in-order fan-out to many
// members; no traffic for gateways without members; memberships that end the
// moment a stream leaves or its socket closes. Gateways run in this process
// (to read their hubs) and, in the last suite, as separate OS processes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { Subjects } from '../../bus/subjects.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { GroupMessage, JoinReply } from '../../proto/index.ts';
import { NatsBus } from '../../bus/nats.ts';
import { probeService } from '../helpers/probe.ts';
import { accept, defineService, Publisher, ServiceRunner } from '../../services/sdk/index.ts';
import { TestClient } from '../helpers/client.ts';
import { gatewayMetric, scrapeMetric } from '../helpers/metrics.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { spawnMuxgate, type MuxgateProcess } from '../helpers/process.ts';
import {
  connectBus,
  startGateway,
  TestSystem,
  uniquePrefix,
  type BusSource,
} from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** A service whose streams join the groups named in the join payload: `{groups: [...]}`. */
const memberService = defineService({
  name: 'member',
  join: (_ctx, payload) => accept({ groups: (payload as { groups: string[] }).groups }),
});

type Frame = TestClient['frames'][number];
const msgs = (c: TestClient, stream = 'member'): unknown[] =>
  c.frames.filter((f: Frame) => f.type === 'msg' && f.stream === stream).map((f) => f.payload);

/** Opens `n` clients on `url`, `batch` at a time, each joined to `groups`. */
async function members(
  url: string,
  n: number,
  groups: string[],
  batch = 100,
): Promise<TestClient[]> {
  const out: TestClient[] = [];
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, () => TestClient.open(url)),
    );
    for (const c of opened)
      c.send({ type: 'join', stream: 'member', ref: 'j', payload: { groups } });
    out.push(...opened);
  }
  await until(
    () => out.every((c) => c.frames.some((f) => f.type === 'joined' || f.type === 'error')),
    30_000,
    `${n} joins`,
  );
  const refused = out.flatMap((c) => c.frames.filter((f) => f.type === 'error'));
  if (refused.length > 0) throw new Error(`joins refused: ${JSON.stringify(refused[0])}`);
  return out;
}

const wsUrl = (gw: Gateway): string => `ws://127.0.0.1:${gw.port}/ws`;
const counter = async (gw: Gateway, name: string): Promise<number> =>
  (await gatewayMetric(gw, name)) ?? Number.NaN;

describe('groups across gateways in one process, on one NATS', () => {
  let nats: NatsServer;
  let source: BusSource;
  let prefix: string;
  let gateways: Gateway[];
  let runner: ServiceRunner;
  let pubBus: Bus;
  let publisher: Publisher;
  const clients: TestClient[] = [];
  before(async () => {
    nats = await NatsServer.start();
    source = { nats: nats.url };
    prefix = uniquePrefix();
    runner = await ServiceRunner.start(await connectBus(source), memberService, { prefix });
    gateways = await Promise.all(
      [1, 2, 3].map(() => startGateway(source, prefix, { MUX_ROUTES: 'member' })),
    );
    pubBus = await connectBus(source, 'publisher');
    publisher = new Publisher(pubBus, prefix);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(gateways.map((g) => g.drain()));
    await runner.drain();
    await pubBus.drain();
    await nats.close();
  });

  it('delivers 100 messages to 1,000 members over two gateways, each exactly once and in order', async (t) => {
    const [a, b] = gateways as [Gateway, Gateway];
    const before = {
      a: await counter(a, 'muxgate_group_messages_total'),
      b: await counter(b, 'muxgate_group_messages_total'),
    };
    const started = performance.now();
    const crowd = (
      await Promise.all([members(wsUrl(a), 500, ['big']), members(wsUrl(b), 500, ['big'])])
    ).flat();
    clients.push(...crowd);
    const joinedMs = performance.now() - started;
    for (let i = 0; i < 100; i++) publisher.toGroup('big', { n: i });
    await pubBus.flush();
    // Cheap to poll (the clients share this event loop with both gateways):
    // `joined`, then the messages (open() took the welcome).
    await until(
      () => crowd.every((c) => c.frames.length >= 101),
      60_000,
      '100 messages at every member',
    );
    const deliveredMs = performance.now() - started - joinedMs;
    const expected = Array.from({ length: 100 }, (_, i) => ({ n: i }));
    for (const [i, c] of crowd.entries()) assert.deepEqual(msgs(c), expected, `member ${i}`);
    // A marker published after them: once it is in, nothing more is on its way.
    publisher.toGroup('big', { n: 'end' });
    await until(() => crowd.every((c) => msgs(c).length === 101));
    // Fan-out happens on the gateway: each received every message once, not once per member.
    for (const [name, gw] of [
      ['a', a],
      ['b', b],
    ] as const) {
      assert.deepEqual(gw.hub.groupNames(), ['big']);
      assert.equal(await counter(gw, 'muxgate_group_subscriptions'), 1);
      assert.equal(await counter(gw, 'muxgate_group_members'), 500);
      assert.equal((await counter(gw, 'muxgate_group_messages_total')) - before[name], 101);
    }
    t.diagnostic(
      `1,000 members: opened and joined in ${joinedMs.toFixed(0)} ms, 100 messages delivered to all in ${deliveredMs.toFixed(0)} ms`,
    );
    await Promise.all(crowd.map((c) => c.close()));
    await until(
      () => a.hub.groupNames().length + b.hub.groupNames().length === 0,
      10_000,
      'memberships to end',
    );
  });

  it('sends a gateway without members of a group none of its traffic', async () => {
    const [a, b, c] = gateways as [Gateway, Gateway, Gateway];
    const [onA] = await members(wsUrl(a), 1, ['news']);
    const [onB] = await members(wsUrl(b), 1, ['news']);
    const [onC] = await members(wsUrl(c), 1, ['weather']);
    clients.push(onA!, onB!, onC!);
    const cBefore = await counter(c, 'muxgate_group_messages_total');
    for (let i = 0; i < 20; i++) publisher.toGroup('news', { n: i });
    // Published after the news by the same publisher: when it has reached c,
    // any news sent to c would have reached it too.
    publisher.toGroup('weather', 'rain');
    await until(
      () => msgs(onC!).length === 1 && msgs(onA!).length === 20 && msgs(onB!).length === 20,
    );
    assert.deepEqual(c.hub.groupNames(), ['weather']);
    assert.equal((await counter(c, 'muxgate_group_messages_total')) - cBefore, 1);
    assert.deepEqual(msgs(onC!), ['rain']);
    for (const x of [onA!, onB!, onC!]) await x.close();
  });

  it('stops delivery to a member the moment it leaves, and drops the subscription with the last one', async () => {
    const [a, b] = gateways as [Gateway, Gateway];
    const [a1, a2] = await members(wsUrl(a), 2, ['team']);
    const [b1] = await members(wsUrl(b), 1, ['team']);
    clients.push(a1!, a2!, b1!);
    const aBefore = await counter(a, 'muxgate_group_messages_total');

    a1!.send({ type: 'leave', stream: 'member' });
    await a1!.expect('left', 'member');
    publisher.toGroup('team', 'after a1 left');
    await until(() => msgs(a2!).length === 1 && msgs(b1!).length === 1);
    assert.deepEqual(a.hub.groupNames(), ['team'], 'a2 still holds the subscription');

    a2!.send({ type: 'leave', stream: 'member' });
    await a2!.expect('left', 'member');
    // No waiting: the membership and the subscription went before `left` was sent.
    assert.deepEqual(a.hub.groupNames(), []);
    assert.equal(await counter(a, 'muxgate_group_subscriptions'), 0);
    assert.equal(await counter(a, 'muxgate_group_members'), 0);
    publisher.toGroup('team', 'after a2 left');
    await until(() => msgs(b1!).length === 2);

    // A closed socket ends its memberships too, with nothing left to expire.
    await b1!.close();
    await until(() => b.hub.groupNames().length === 0, 5_000, 'b to drop the group');
    assert.equal(await counter(b, 'muxgate_group_members'), 0);
    const bBefore = await counter(b, 'muxgate_group_messages_total');
    publisher.toGroup('team', 'nobody left');
    // A marker for a group a still has a member of (fresh one), after it.
    const [marker] = await members(wsUrl(b), 1, ['marker']);
    clients.push(marker!);
    publisher.toGroup('marker', 'm');
    await until(() => msgs(marker!).length === 1);
    assert.equal((await counter(b, 'muxgate_group_messages_total')) - bBefore, 1);
    assert.deepEqual(msgs(a1!), [], 'a1 got nothing after it left');
    assert.deepEqual(msgs(a2!), ['after a1 left']);
    assert.deepEqual(msgs(b1!), ['after a1 left', 'after a2 left']);
    assert.equal((await counter(a, 'muxgate_group_messages_total')) - aBefore, 1);
    await marker!.close();
  });
});

describe('a group message published right after the JoinReply (core ordering)', () => {
  // A group message that the same bus read delivers right behind the JoinReply
  // must find the new member already in the group: the gateway applies the
  // reply from the bus's dispatch, not from a later promise continuation.
  it('reaches the new member', async () => {
    const broker = new MemoryBroker();
    const prefix = uniquePrefix();
    const subjects = new Subjects(prefix);
    const svc = broker.connect();
    // A raw service: answers the join, then at once sends to the group it
    // put the stream in, as any service handling other streams might.
    svc.subscribe(
      subjects.join('race'),
      (m) => {
        svc.respond(m, JoinReply.encode({ accept: { groups: ['g'] } }).finish());
        svc.publish(
          subjects.group('g'),
          GroupMessage.encode({
            group: 'g',
            payload: new TextEncoder().encode('"right after"'),
          }).finish(),
        );
      },
      { queue: 'race' },
    );
    const gw = await startGateway({ memory: broker }, prefix, { MUX_ROUTES: 'race,member' });
    const runner = await ServiceRunner.start(broker.connect(), memberService, { prefix });
    const old = await TestClient.open(wsUrl(gw));
    const fresh = await TestClient.open(wsUrl(gw));
    try {
      await old.join('member', { groups: ['g'] });
      await fresh.join('race');
      await until(() => msgs(old).length === 1);
      await until(() => msgs(fresh, 'race').length === 1, 1_000, 'the message at the new member');
    } finally {
      await Promise.all([old.close(), fresh.close()]);
      await gw.drain();
      await runner.drain();
      await svc.drain();
    }
  });
});

describe('chat across two gateway OS processes on one NATS', () => {
  let nats: NatsServer;
  const procs: MuxgateProcess[] = [];
  const clients: TestClient[] = [];
  const prefix = uniquePrefix();
  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    const env = { NATS_URL: nats.url, MUX_PREFIX: prefix, LOG_LEVEL: 'info' };
    procs.push(
      ...(await Promise.all([
        spawnMuxgate(['gateway'], env),
        spawnMuxgate(['gateway'], env),
        spawnMuxgate(['service', 'chat'], env, { ready: /service running/ }),
      ])),
    );
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    // Gateways first, so the service sees every Leave; each must exit cleanly.
    const exits = await Promise.all(procs.slice(0, 2).map((p) => p.stop()));
    exits.push(await procs[2]!.stop());
    await nats.close();
    assert.deepEqual(
      exits.map((e) => e.code),
      [0, 0, 0],
      procs.map((p) => p.output).join('\n'),
    );
  });

  it('delivers every message to every member exactly once, in store order', async () => {
    const [g1, g2] = procs as [MuxgateProcess, MuxgateProcess];
    const room = 'chat:ops';
    for (const [i, url] of [g1.url, g1.url, g1.url, g2.url, g2.url, g2.url].entries()) {
      const c = await TestClient.open(url);
      await c.join(room, { name: `member${i}` });
      clients.push(c);
    }
    // Every client sends 10 messages at once: 60 messages from 6 senders on 2 gateways.
    for (const [i, c] of clients.entries())
      for (let k = 0; k < 10; k++)
        c.send({ type: 'msg', stream: room, payload: { text: `${i}/${k}` } });
    // A chat message's id is the pos of its msg frame (the room is a durable group).
    const chat = (c: TestClient) =>
      c.frames
        .filter((f) => f.type === 'msg' && f.stream === room && f.pos !== undefined)
        .map((f) => ({ ...(f.payload as { text: string; user: string }), id: String(f.pos) }));
    await until(
      () => clients.every((c) => chat(c).length >= 60),
      20_000,
      '60 messages at every member',
    );
    const reference = chat(clients[0]!).map((m) => m.id);
    // The store delivers in its order, and a message's id holds its JetStream
    // sequence: every member gets the room in the order of ids.
    const seq = (id: string) => Number(id.split(':')[1]);
    assert.deepEqual(
      reference,
      [...reference].sort((x, y) => seq(x) - seq(y)),
    );
    assert.equal(new Set(reference).size, 60, 'no duplicates');
    for (const c of clients)
      assert.deepEqual(
        chat(c).map((m) => m.id),
        reference,
      );
    // Each sender's own messages kept the order it sent them in.
    for (let i = 0; i < 6; i++)
      assert.deepEqual(
        chat(clients[0]!)
          .filter((m) => m.user === `member${i}`)
          .map((m) => m.text),
        Array.from({ length: 10 }, (_, k) => `${i}/${k}`),
      );
    // One subscription per gateway for the room's durable group, one for its notices.
    for (const g of [g1, g2])
      assert.equal(await scrapeMetric(g.http, 'muxgate_group_subscriptions'), 2);

    // g1's members all leave: its subscription goes, and later traffic skips it.
    for (const c of clients.slice(0, 3)) {
      c.send({ type: 'leave', stream: room });
      await c.expect('left', room);
    }
    assert.equal(await scrapeMetric(g1.http, 'muxgate_group_subscriptions'), 0);
    const g1Before = await scrapeMetric(g1.http, 'muxgate_group_messages_total');
    clients[3]!.send({ type: 'msg', stream: room, payload: { text: 'only g2 now' } });
    await until(() => clients.slice(3).every((c) => chat(c).some((m) => m.text === 'only g2 now')));
    assert.equal(await scrapeMetric(g1.http, 'muxgate_group_messages_total'), g1Before);
    for (const c of clients.slice(0, 3)) assert.equal(chat(c).length, 60);
  });
});

describe('a group message published the moment a client sees joined', () => {
  // Each join below makes the gateway subscribe to a new group; the message
  // comes from another NATS connection. nats-server orders nothing across
  // connections, so without the gateway confirming its SUB (a flush) before
  // writing `joined`, some of these would be routed before the subscription.
  it('reaches the client, join after join', async () => {
    const nats = await NatsServer.start({ jetstream: false });
    const probe = probeService();
    const sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [probe.definition],
      env: { MUX_ROUTES: 'probe' },
    });
    const other = new Publisher(await NatsBus.connect({ servers: nats.url }), sys.prefix);
    try {
      const c = await sys.client();
      for (let i = 0; i < 100; i++) {
        const stream = `probe:fresh-${i}`;
        c.send({ type: 'join', stream, payload: { groups: [`fresh.g${i}`] } });
        await c.expect('joined', stream);
        other.toGroup(`fresh.g${i}`, i);
        assert.equal((await c.expect('msg', stream)).payload, i);
      }
      assert.equal(sys.gateway.hub.groupNames().length, 100);
    } finally {
      await other.bus.drain();
      await sys.close();
      await nats.close();
    }
  });
});
