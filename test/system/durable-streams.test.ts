// PROTOCOL.md §4.1 on a real nats-server with two gateways, and on the
// in-memory bus: messages of a durable group carry `pos`, a client that comes
// back with `since` gets exactly what it missed and then live ones, a client
// whose history was trimmed is told `recovered: false`, and a snapshot taken
// while writers publish flat out leaves no gap before live delivery.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService, Publisher } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { connectBus, startGateway, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** Rooms on durable groups; on request a snapshot: each writer's last counter among recent messages. */
function roomService(maxPerGroup: number) {
  return defineService({
    name: 'room',
    durable: { groups: 'room.>', maxPerGroup },
    async join(ctx, payload) {
      const group = `room.${ctx.topic}`;
      if ((payload as { snapshot?: boolean } | undefined)?.snapshot !== true)
        return accept({ durable: group });
      const recent = await ctx.recent(group, 100);
      const last: Record<number, number> = {};
      for (const m of recent.messages) {
        const { w, n } = m.payload as { w: number; n: number };
        last[w] = n;
      }
      return accept({ durable: group, payload: { last }, snapshotPos: recent.pos });
    },
  });
}

/** Messages a room keeps. */
const KEPT = 2000;

const msgs = (c: TestClient, stream: string) =>
  c.frames.filter((f) => f.type === 'msg' && f.stream === stream);

for (const kind of ['nats', 'memory'] as const) {
  describe(`durable groups over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let source: BusSource;
    let sys: TestSystem;
    let other: Gateway;
    let publisher: Publisher;
    before(async () => {
      source = { memory: new MemoryBroker() };
      if (kind === 'nats') source = { nats: (nats = await NatsServer.start()).url };
      sys = await TestSystem.start({
        bus: source,
        services: [roomService(KEPT)],
        env: { MUX_ROUTES: 'room' },
      });
      other = await startGateway(source, sys.prefix, { MUX_ROUTES: 'room' });
      publisher = new Publisher(await connectBus(source, 'publisher'), sys.prefix);
    });
    after(async () => {
      await sys.close();
      await other.drain();
      await publisher.bus.drain();
      await nats?.close();
    });
    const otherUrl = () => `ws://127.0.0.1:${other.port}/ws`;

    it('resumes after a cut with exactly the missed messages, in order, then live ones', async () => {
      const c = await sys.client();
      const joined = await c.join('room:resume');
      assert.match(String(joined.pos), /^[a-z0-9]+:\d+$/);
      for (let n = 1; n <= 3; n++) publisher.toGroup('room.resume', { n });
      await until(() => msgs(c, 'room:resume').length === 3);
      const seen = msgs(c, 'room:resume');
      assert.deepEqual(
        seen.map((f) => (f.payload as { n: number }).n),
        [1, 2, 3],
      );
      const since = String(seen.at(-1)!.pos);
      await c.close();

      for (let n = 4; n <= 1003; n++) publisher.toGroup('room.resume', { n });
      await publisher.bus.flush();
      const back = await sys.client({}, otherUrl());
      back.send({ type: 'join', stream: 'room:resume', ref: 'r', since });
      const rejoined = await back.next((f) => f.ref === 'r');
      assert.equal(rejoined.type, 'joined');
      assert.equal(rejoined.recovered, true);
      await until(() => msgs(back, 'room:resume').length >= 1000, 10_000, '1,000 replayed');
      for (let n = 1004; n <= 1006; n++) publisher.toGroup('room.resume', { n });
      await until(() => msgs(back, 'room:resume').length >= 1003, 5000, 'live after replay');
      await new Promise((r) => setTimeout(r, 100));
      const got = msgs(back, 'room:resume').map((f) => (f.payload as { n: number }).n);
      assert.deepEqual(
        got,
        Array.from({ length: 1003 }, (_, i) => 4 + i),
        'no gap, no duplicate',
      );
      const positions = msgs(back, 'room:resume').map((f) => Number(String(f.pos).split(':')[1]));
      assert.ok(
        positions.every((p, i) => i === 0 || p > positions[i - 1]!),
        'positions increase',
      );
      assert.equal(
        positions[999],
        Number(String(rejoined.pos).split(':')[1]),
        'the last replayed one is at joined.pos',
      );
    });

    it('says recovered: false when the history was trimmed past since, and starts live', async () => {
      const c = await sys.client();
      await c.join('room:trim');
      publisher.toGroup('room.trim', { n: 1 });
      const [first] = await until(() => msgs(c, 'room:trim').length === 1).then(() =>
        msgs(c, 'room:trim'),
      );
      await c.close();
      for (let n = 2; n <= KEPT + 80; n++) publisher.toGroup('room.trim', { n });
      await publisher.bus.flush();
      const back = await sys.client();
      back.send({ type: 'join', stream: 'room:trim', ref: 'r', since: first!.pos });
      const rejoined = await back.next((f) => f.ref === 'r');
      assert.deepEqual([rejoined.type, rejoined.recovered], ['joined', false]);
      publisher.toGroup('room.trim', { n: 0 });
      await until(() => msgs(back, 'room:trim').length === 1);
      assert.deepEqual(msgs(back, 'room:trim')[0]!.payload, { n: 0 }, 'live only');
    });

    it('answers a since it cannot read as recovered: false', async () => {
      const c = await sys.client();
      c.send({ type: 'join', stream: 'room:junk', ref: 'r', since: 'not-a-position' });
      const joined = await c.next((f) => f.ref === 'r');
      assert.deepEqual([joined.type, joined.recovered], ['joined', false]);
    });

    it('leaves no gap between a snapshot and live delivery while 4 writers publish flat out', async () => {
      const writers = 4;
      let stop = false;
      const counters = Array.from({ length: writers }, () => 0);
      const pumps = counters.map(async (_, w) => {
        const own = new Publisher(await connectBus(source, `writer-${w}`), sys.prefix);
        while (!stop) {
          for (let i = 0; i < 5; i++) own.toGroup('room.race', { w, n: ++counters[w]! });
          await new Promise((r) => setTimeout(r, 1));
        }
        await own.bus.drain();
      });
      await new Promise((r) => setTimeout(r, 50));
      const clients: TestClient[] = [];
      for (let i = 0; i < 50; i++) {
        const c = await sys.client({}, i % 2 ? otherUrl() : sys.url);
        c.send({ type: 'join', stream: 'room:race', ref: 'j', payload: { snapshot: true } });
        clients.push(c);
      }
      const joins = await Promise.all(clients.map((c) => c.next((f) => f.ref === 'j', 10_000)));
      stop = true;
      await Promise.all(pumps);
      const totals = counters.slice();
      await until(
        () =>
          clients.every((c) => {
            const last = new Map<number, number>();
            for (const f of msgs(c, 'room:race')) {
              const p = f.payload as { w: number; n: number };
              last.set(p.w, p.n);
            }
            return totals.every((t, w) => (last.get(w) ?? 0) === t || t === 0);
          }),
        20_000,
        'every client to reach every writer’s last message',
      ).catch(() => undefined);
      for (const [i, c] of clients.entries()) {
        const snapshot = (joins[i]!.payload as { last: Record<string, number> }).last;
        const next = new Map<number, number>();
        // Each writer's messages are consecutive from the snapshot on. A
        // writer missing from the snapshot's window (too early, or not yet
        // started) can only be checked from its first delivered message.
        for (const f of msgs(c, 'room:race')) {
          const { w, n } = f.payload as { w: number; n: number };
          const after = snapshot[String(w)];
          const want = next.get(w) ?? (after !== undefined ? after + 1 : n);
          assert.equal(n, want, `client ${i}, writer ${w}: got ${n}, expected ${want}`);
          next.set(w, n + 1);
        }
        for (const [w, t] of totals.entries())
          assert.equal(
            (next.get(w) ?? 1) - 1,
            t,
            `client ${i} has writer ${w}'s last message; it has ${msgs(c, 'room:race').length} ` +
              `messages, joined ${JSON.stringify(joins[i])}, closed: ${c.ws.readyState}`,
          );
      }
    });
  });
}
