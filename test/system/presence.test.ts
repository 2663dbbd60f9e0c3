// PROTOCOL.md §4.3 and §4.2's last clause (issue 13 item 1), on a real NATS
// with two gateway processes: presence lists and diffs agree on both
// gateways under churn; a gateway killed without draining takes its members
// off every list within 3 × its heartbeat; a 5,000-member group keeps an
// exact count while its list is cut; the errors a `presence` can get.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { Subjects } from '../../bus/subjects.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { GatewayBeat, PresenceUpdate } from '../../proto/index.ts';
import { accept, defineService, ServiceRunner } from '../../services/sdk/index.ts';
import { TestClient } from '../helpers/client.ts';
import { spawnMuxgate, type MuxgateProcess } from '../helpers/process.ts';
import { connectBus, uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const HEARTBEAT_MS = 400;
type Frame = Awaited<ReturnType<TestClient['next']>>;
interface Member {
  conn: string;
  user: string;
  info?: { name: string };
}

/** `room:<topic>` turns presence on in `room.<topic>`; `room:plain…` does not. */
const room = defineService({
  name: 'room',
  join: (ctx, payload) =>
    ctx.topic.startsWith('plain')
      ? accept({ groups: [`room.${ctx.topic}`] })
      : accept({
          groups: [`room.${ctx.topic}`],
          presence: { group: `room.${ctx.topic}`, info: payload },
        }),
});

/** A client's view of one stream's presence: the answer, then every diff on top. */
class Watcher {
  readonly members = new Map<string, Member>();
  count = 0;
  diffs = 0;
  constructor(
    readonly client: TestClient,
    readonly stream: string,
  ) {}

  /** Asks `presence`, then keeps applying the diffs that follow. */
  async start(): Promise<void> {
    const ref = `p-${Math.random()}`;
    this.client.send({ type: 'presence', stream: this.stream, ref });
    const answer = await this.client.next((f) => f.ref === ref, 10_000);
    assert.equal(answer.type, 'presence');
    this.#answered(answer);
  }

  /** Applies every diff received so far. */
  drain(): void {
    const frames = this.client.frames;
    for (let i = 0; i < frames.length;) {
      const f = frames[i]!;
      if (f.type !== 'presence_diff' || f.stream !== this.stream) {
        i++;
        continue;
      }
      frames.splice(i, 1);
      this.diffs++;
      for (const m of f.leaves as Member[]) this.members.delete(m.conn);
      for (const m of f.joins as Member[]) this.members.set(m.conn, m);
      this.count = f.count as number;
    }
  }

  names(): string[] {
    this.drain();
    return [...this.members.values()].map((m) => m.info?.name ?? '?').sort();
  }

  #answered(f: Frame): void {
    this.members.clear();
    for (const m of f.members as Member[]) this.members.set(m.conn, m);
    this.count = f.count as number;
  }
}

async function ask(c: TestClient, stream: string): Promise<Frame> {
  const ref = `a-${Math.random()}`;
  c.send({ type: 'presence', stream, ref });
  return c.next((f) => f.ref === ref, 10_000);
}

describe('presence across two gateways', () => {
  let nats: NatsServer;
  let prefix: string;
  let runner: ServiceRunner;
  let bus: Bus;
  const gateways: MuxgateProcess[] = [];
  const clients: TestClient[] = [];

  const gateway = async (heartbeatMs = HEARTBEAT_MS): Promise<MuxgateProcess> => {
    const gw = await spawnMuxgate(['gateway'], {
      NATS_URL: nats.url,
      MUX_PREFIX: prefix,
      MUX_ROUTES: 'room',
      MUX_HEARTBEAT_MS: String(heartbeatMs),
      MUX_MAX_STREAMS: '512',
      LOG_LEVEL: 'warn',
    });
    gateways.push(gw);
    return gw;
  };
  const open = async (gw: MuxgateProcess): Promise<TestClient> => {
    const c = await TestClient.open(gw.url);
    clients.push(c);
    return c;
  };

  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    prefix = uniquePrefix();
    runner = await ServiceRunner.start(await connectBus({ nats: nats.url }), room, { prefix });
    bus = await connectBus({ nats: nats.url }, 'fake-gateway');
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(gateways.filter((g) => g.running).map((g) => g.stop('SIGKILL')));
    await runner.drain();
    await bus.drain();
    await nats.close();
  });

  it('answers not_joined and forbidden, as documented', async () => {
    const gw = await gateway();
    const c = await open(gw);
    const notJoined = await ask(c, 'room:nobody');
    assert.deepEqual([notJoined.type, notJoined.code], ['error', 'not_joined']);
    await c.join('room:plain-x');
    const off = await ask(c, 'room:plain-x');
    assert.deepEqual([off.type, off.code, off.stream], ['error', 'forbidden', 'room:plain-x']);
  });

  it('keeps lists and diffs equal on both gateways under 200 joins and leaves', async () => {
    const [a, b] = [gateways[0]!, await gateway()];
    const wa = new Watcher(await open(a), 'room:churn');
    const wb = new Watcher(await open(b), 'room:churn');
    await wa.client.join('room:churn', { name: 'watch-a' });
    await wb.client.join('room:churn', { name: 'watch-b' });
    await wa.start();
    await wb.start();
    // 200 joins and leaves over four sockets, two on each gateway: one
    // presence member per connection, so each socket joins and leaves again.
    const churners = [await open(a), await open(a), await open(b), await open(b)];
    const expected = new Set(['watch-a', 'watch-b']);
    for (let round = 0; round < 25; round++) {
      await Promise.all(
        churners.map(async (c, i) => {
          const name = `c${i}`;
          await c.join('room:churn', { name });
          c.send({ type: 'leave', stream: 'room:churn', ref: `l${round}` });
          await c.next((f) => f.ref === `l${round}`);
        }),
      );
    }
    // The last two stay, one on each gateway.
    await churners[0]!.join('room:churn', { name: 'stay-a' });
    await churners[2]!.join('room:churn', { name: 'stay-b' });
    expected.add('stay-a').add('stay-b');
    const want = [...expected].sort();
    await until(
      () => JSON.stringify(wa.names()) === JSON.stringify(want),
      10_000,
      `gateway A's list: ${JSON.stringify(wa.names())}`,
    );
    await until(() => JSON.stringify(wb.names()) === JSON.stringify(want), 10_000, 'B’s list');
    assert.equal(wa.count, 4);
    assert.equal(wb.count, 4);
    // A fresh answer on each gateway says the same as the diffs made of it.
    for (const w of [wa, wb]) {
      const fresh = await ask(w.client, 'room:churn');
      assert.equal(fresh.count, 4);
      assert.deepEqual((fresh.members as Member[]).map((m) => m.info?.name).sort(), want);
    }
    // Coalesced: far fewer diffs than the 400 changes each watcher saw.
    assert.ok(wa.diffs < 200, `${wa.diffs} diffs`);
  });

  it('takes a killed gateway’s members off the list within 3 × its heartbeat', async () => {
    const survivor = gateways[1]!;
    const doomed = await gateway();
    const w = new Watcher(await open(survivor), 'room:kill');
    await w.client.join('room:kill', { name: 'survivor' });
    for (const name of ['k1', 'k2', 'k3']) await (await open(doomed)).join('room:kill', { name });
    await w.start();
    await until(() => w.names().length === 4, 10_000, 'all four listed');
    await doomed.stop('SIGKILL');
    const killed = Date.now();
    await until(() => w.names().length === 1, 3 * HEARTBEAT_MS + 10_000, 'the killed members');
    const took = Date.now() - killed;
    assert.deepEqual(w.names(), ['survivor']);
    assert.equal(w.count, 1);
    // 3 × heartbeat, plus a check interval and a diff interval; a loaded
    // machine may add scheduling delay, which is all the slack is for.
    assert.ok(took < 3 * HEARTBEAT_MS + 1500, `left after ${took} ms`);
  });

  it('takes a drained gateway’s members off the list as it drains, not 3 beats later', async () => {
    const survivor = gateways[1]!;
    // A minute's heartbeat: were the members left to the beats, they would stay 3 minutes.
    const draining = await gateway(60_000);
    const w = new Watcher(await open(survivor), 'room:drain');
    await w.client.join('room:drain', { name: 'survivor' });
    for (const name of ['d1', 'd2']) await (await open(draining)).join('room:drain', { name });
    await w.start();
    await until(() => w.names().length === 3, 10_000, 'all three listed');
    await draining.stop('SIGTERM');
    const exit = await draining.exited;
    // Drained, not killed after the stop's deadline: the leaves were announced.
    assert.deepEqual(exit, { code: 0, signal: null }, draining.output);
    await until(() => w.names().length === 1, 15_000, 'the drained members gone');
    assert.equal(w.count, 1);
  });

  it('keeps the count exact for a 5,000-member group, and cuts the list at 1,000', async () => {
    const [a, b] = [gateways[0]!, gateways[1]!];
    const ca = await open(a);
    const cb = await open(b);
    await ca.join('room:big', { name: 'real-a' });
    await cb.join('room:big', { name: 'real-b' });
    // A third gateway on the bus itself: 4,998 members, announced as a
    // gateway does (its beat, a state in chunks, then diffs).
    const subjects = new Subjects(prefix);
    const fake = 'gw-fake';
    const beat = (): void =>
      bus.publish(
        subjects.gatewayBeat(fake),
        GatewayBeat.encode({ gateway: fake, intervalMs: HEARTBEAT_MS }).finish(),
      );
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    try {
      const member = (i: number) => ({ conn: `fake${i}`, user: `u${i}` });
      const publish = (u: Parameters<typeof PresenceUpdate.encode>[0]): void =>
        bus.publish(subjects.presence('room.big'), PresenceUpdate.encode(u).finish());
      const state = Array.from({ length: 3000 }, (_, i) => member(i));
      for (let i = 0; i < state.length; i += 500)
        publish({
          gateway: fake,
          state: {
            members: state.slice(i, i + 500),
            first: i === 0,
            last: i + 500 >= state.length,
          },
        });
      for (let i = 3000; i < 4998; i += 333)
        publish({
          gateway: fake,
          diff: { joins: Array.from({ length: Math.min(333, 4998 - i) }, (_, k) => member(i + k)) },
        });
      for (const c of [ca, cb])
        await until(async () => (await ask(c, 'room:big')).count === 5000, 15_000, 'count 5,000');
      // What each gateway keeps shows in its metrics (other tests' rooms too).
      const gauge = async (gw: MuxgateProcess, name: string): Promise<number> => {
        const text = await (await fetch(`${gw.http}/metrics`)).text();
        return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      };
      for (const gw of [a, b])
        await until(
          async () => (await gauge(gw, 'muxgate_presence_listed')) >= 5000,
          10_000,
          'muxgate_presence_listed',
        );
      const full = await ask(ca, 'room:big');
      assert.equal((full.members as Member[]).length, 1000);
      assert.equal(new Set((full.members as Member[]).map((m) => m.conn)).size, 1000);
      // 1,000 leave and one joins twice (an upsert): exactly 4,000 remain.
      publish({
        gateway: fake,
        diff: { leaves: Array.from({ length: 1000 }, (_, i) => `fake${i}`), joins: [member(4000)] },
      });
      for (const c of [ca, cb])
        await until(async () => (await ask(c, 'room:big')).count === 4000, 15_000, 'count 4,000');
      // The fake gateway falls silent: its members go; the two real ones stay.
      clearInterval(timer);
      for (const c of [ca, cb])
        await until(
          async () => (await ask(c, 'room:big')).count === 2,
          3 * HEARTBEAT_MS + 10_000,
          'the silent gateway’s members gone',
        );
      // It was only cut off: when it speaks again, each gateway asks for its state.
      const queries = new Set<string>();
      const sub = bus.subscribe(subjects.presence('room.big'), (m) => {
        const u = PresenceUpdate.decode(m.data);
        if (u.kind === 'query') queries.add(u.gateway);
      });
      await bus.flush();
      publish({ gateway: fake, diff: { joins: [member(9999)] } });
      await until(() => queries.size >= 2, 10_000, 'both gateways asking');
      sub.unsubscribe();
    } finally {
      clearInterval(timer);
    }
  });

  // Last: it restarts the NATS server the other tests share.
  it('resyncs after NATS restarts: a leave during the outage reaches the other gateway', async () => {
    const [a, b] = [gateways[0]!, gateways[1]!];
    const w = new Watcher(await open(b), 'room:restart');
    await w.client.join('room:restart', { name: 'wb' });
    const gone = await open(a);
    await gone.join('room:restart', { name: 'gone' });
    const stays = await open(a);
    await stays.join('room:restart', { name: 'stays' });
    await w.start();
    await until(() => w.names().length === 3, 10_000, 'three listed');
    await nats.stop();
    // Its leave is published while NATS is away: whichever gateway reconnects
    // first, the state each announces on reconnect says who is left.
    await gone.close();
    await nats.restart();
    const joinWhenBack = (c: TestClient, name: string) =>
      until(
        async () => {
          try {
            await c.join('room:restart', { name });
            return true;
          } catch {
            return false; // the gateway is still reconnecting
          }
        },
        15_000,
        'a join after the restart',
      );
    // Diffs may have been lost while NATS was away: each gateway ends its
    // members' streams (`left` `unavailable`), and they join again, as the
    // client library does.
    for (const [c, name] of [
      [w.client, 'wb'],
      [stays, 'stays'],
    ] as const) {
      const left = await c.next((f) => f.type === 'left' && f.stream === 'room:restart', 15_000);
      assert.equal(left.code, 'unavailable');
      w.drain();
      await joinWhenBack(c, name);
    }
    await w.start();
    const late = await open(a);
    await joinWhenBack(late, 'late');
    const want = ['late', 'stays', 'wb'];
    await until(() => JSON.stringify(w.names()) === JSON.stringify(want), 15_000, 'B’s list');
    const fresh = await ask(late, 'room:restart');
    assert.deepEqual((fresh.members as Member[]).map((m) => m.info?.name).sort(), want);
    assert.equal(fresh.count, 3);
  });
});
