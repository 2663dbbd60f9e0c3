// PROTOCOL.md §4.1, the two-step join, for a plain group whose state the
// service keeps itself: the service builds the `joined` payload only once the
// stream's group is live on its gateway, so while writers publish flat out
// every message is in the snapshot or delivered after it, never neither.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { Subjects } from '../../bus/subjects.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { GroupMessage } from '../../proto/index.ts';
import { accept, defineService, Publisher, ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { connectBus, startGateway, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const dec = new TextDecoder();

/** Each writer's last counter per room, as the service sees the group. */
const view = new Map<string, Record<number, number>>();

const tally = defineService({
  name: 'tally',
  join: (ctx) =>
    ctx.topic === 'closed'
      ? accept({ groups: [`tally.${ctx.topic}`], confirm: true, state: { closed: true } })
      : accept({ groups: [`tally.${ctx.topic}`], confirm: true }),
  snapshot(ctx) {
    if ((ctx.state as { closed?: boolean } | undefined)?.closed)
      return { accept: false, code: 'room_closed', message: 'closed meanwhile' };
    return { accept: true, payload: { last: { ...view.get(ctx.topic) } } };
  },
});

const msgs = (c: TestClient, stream: string) =>
  c.frames.filter((f) => f.type === 'msg' && f.stream === stream);

for (const kind of ['nats', 'memory'] as const) {
  describe(`the two-step join over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let source: BusSource;
    let sys: TestSystem;
    let other: Gateway;
    before(async () => {
      source = { memory: new MemoryBroker() };
      if (kind === 'nats') source = { nats: (nats = await NatsServer.start()).url };
      // The hold before `joined` is not under test here (session.test.ts
      // checks a join that overflows it fails with unavailable): 4 writers flat
      // out on a loaded machine can outrun the default while 50 joins settle.
      const env = { MUX_ROUTES: 'tally', MUX_MAX_PENDING_FRAMES: '1000000' };
      sys = await TestSystem.start({ bus: source, env });
      // The service keeps its view on its own bus connection, in order with its requests.
      const runner = await ServiceRunner.start(await connectBus(source, 'tally'), tally, {
        prefix: sys.prefix,
      });
      sys.runners.push(runner);
      const subjects = new Subjects(sys.prefix);
      runner.bus.subscribe(subjects.group('tally.*'), (m) => {
        const { w, n } = JSON.parse(dec.decode(GroupMessage.decode(m.data).payload)) as {
          w: number;
          n: number;
        };
        const room = subjects.groupOf(m.subject).slice('tally.'.length);
        view.set(room, { ...view.get(room), [w]: n });
      });
      await runner.bus.flush();
      other = await startGateway(source, sys.prefix, env);
    });
    after(async () => {
      await other.drain();
      await sys.close();
      await nats?.close();
    });

    it('leaves no gap between the snapshot and live delivery while 4 writers publish flat out', async () => {
      const room = `race${kind}`;
      let stop = false;
      const counters = [0, 0, 0, 0];
      const pumps = counters.map(async (_, w) => {
        const own = new Publisher(await connectBus(source, `writer-${w}`), sys.prefix);
        while (!stop) {
          for (let i = 0; i < 5; i++) own.toGroup(`tally.${room}`, { w, n: ++counters[w]! });
          await new Promise((r) => setTimeout(r, 1));
        }
        await own.bus.drain();
      });
      await new Promise((r) => setTimeout(r, 50));
      const clients: TestClient[] = [];
      for (let i = 0; i < 50; i++) {
        const c = await sys.client({}, i % 2 ? `ws://127.0.0.1:${other.port}/ws` : sys.url);
        c.send({ type: 'join', stream: `tally:${room}`, ref: 'j' });
        clients.push(c);
      }
      const joins = await Promise.all(clients.map((c) => c.next((f) => f.ref === 'j', 10_000)));
      stop = true;
      await Promise.all(pumps);
      const totals = counters.slice();
      const lastOf = (c: TestClient) => {
        const last = new Map<number, number>();
        for (const f of msgs(c, `tally:${room}`)) {
          const p = f.payload as { w: number; n: number };
          last.set(p.w, p.n);
        }
        return last;
      };
      await until(
        () => clients.every((c) => totals.every((t, w) => (lastOf(c).get(w) ?? 0) === t)),
        20_000,
        'every client to reach every writer’s last message',
      ).catch(() => undefined);
      for (const [i, c] of clients.entries()) {
        assert.equal(joins[i]!.type, 'joined');
        const snapshot = (joins[i]!.payload as { last: Record<string, number> }).last;
        const next = new Map<number, number>();
        for (const f of msgs(c, `tally:${room}`)) {
          const { w, n } = f.payload as { w: number; n: number };
          const after = snapshot[String(w)] ?? 0;
          // The snapshot may already hold what also arrives live: a client drops those.
          if (n <= after) continue;
          const want = next.get(w) ?? after + 1;
          assert.equal(n, want, `client ${i}, writer ${w}: got ${n}, expected ${want}`);
          next.set(w, n + 1);
        }
        for (const [w, t] of totals.entries())
          assert.equal(
            Math.max((next.get(w) ?? 1) - 1, snapshot[String(w)] ?? 0),
            t,
            `client ${i}, writer ${w}`,
          );
      }
    });

    it('answers a refusal in the second step with its code, and tells the service the stream left', async () => {
      const c = await sys.client();
      c.send({ type: 'join', stream: 'tally:closed', ref: 'j' });
      const answer = await c.next((f) => f.ref === 'j');
      assert.deepEqual([answer.type, answer.code], ['error', 'room_closed']);
      c.send({ type: 'leave', stream: 'tally:closed', ref: 'l' });
      assert.equal((await c.next((f) => f.ref === 'l')).code, 'not_joined');
    });
  });
}
