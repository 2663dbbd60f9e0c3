// The dashboard service on a real nats-server with JetStream: two replicas,
// a gateway with optional JWT auth, writers on their own NATS connections.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SignJWT } from 'jose';
import type { Bus } from '../../bus/bus.ts';
import { createDashboard, defaultBucket, type Dashboard } from '../../services/dashboard/index.ts';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import type { BoardEvent, SnapshotPayload } from '../../services/dashboard/model.ts';
import { BoardClient } from '../helpers/board-client.ts';
import type { TestClient } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { serviceEnv, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const SECRET = 'dashboard-test-secret';
const ENV = { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' };

async function token(sub: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

interface Replica {
  bus: Bus;
  dash: Dashboard;
}

async function startReplica(sys: TestSystem, source: BusSource, name: string): Promise<Replica> {
  const env = await serviceEnv(source, name, sys.prefix);
  const bus = env.bus;
  const dash = await createDashboard(env, { leaseMs: 2000, holder: name });
  await sys.addService(dash.definition);
  return { bus, dash };
}

async function stopReplica(r: Replica): Promise<void> {
  await r.dash.close();
  await r.bus.drain().catch(() => undefined);
}

describe('dashboard on NATS JetStream, two replicas', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let replicas: Replica[];
  let writerConn: NatsConnection;
  let kv: KV;
  /** Deletes through our store on the writer's connection: kv.delete() does not return the revision. */
  let deleter: JetStreamKvStore;
  let writerToken: string;

  const writer = async (): Promise<TestClient> =>
    sys.client({ headers: { authorization: `Bearer ${writerToken}` } });
  const anonymous = async (): Promise<TestClient> => sys.client();
  const active = (): Replica[] => replicas.filter((r) => r.dash.relay.active);

  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    const source = { nats: nats.url };
    sys = await TestSystem.start({ bus: source, env: ENV });
    replicas = [
      await startReplica(sys, source, 'replica-a'),
      await startReplica(sys, source, 'replica-b'),
    ];
    writerConn = await connect({ servers: nats.url, name: 'outside writer' });
    kv = await new Kvm(writerConn).open(defaultBucket(sys.prefix));
    deleter = await JetStreamKvStore.open(writerConn, { bucket: defaultBucket(sys.prefix) });
    writerToken = await token('writer', { scope: 'profile dashboard:write' });
    await until(() => active().length === 1, 10_000, 'one relay holding the lease');
  });
  after(async () => {
    await sys.close();
    await Promise.all(replicas.map(stopReplica));
    await writerConn.close();
    await nats.close();
  });

  it('joins with a snapshot of the board: every key with its value and revision', async () => {
    const r1 = await kv.put('snap.cpu', '42');
    const r2 = await kv.put('snap.latency', JSON.stringify({ p50: 3, p99: 12 }));
    await kv.put('snapx.other', '1');
    const c = await anonymous();
    const joined = await c.join('dashboard:snap');
    const snap = joined.payload as SnapshotPayload;
    assert.equal(snap.board, 'snap');
    assert.ok(snap.revision >= r2);
    assert.equal(snap.pos, String(snap.revision), 'the snapshot’s position, as in protocol 1.1');
    assert.deepEqual(
      snap.entries.sort((a, b) => a.revision - b.revision),
      [
        { key: 'cpu', value: 42, revision: r1 },
        { key: 'latency', value: { p50: 3, p99: 12 }, revision: r2 },
      ],
    );
  });

  it('delivers a write made through a separate NATS connection, not the service', async () => {
    const bc = await BoardClient.join(await anonymous(), 'ext');
    const r1 = await kv.put('ext.temp', '21.5');
    const r2 = await kv.put('ext.temp', '22');
    const r3 = await kv.put('ext.note', 'not json');
    await kv.delete('ext.temp');
    const r4 = (await kv.get('ext.temp'))!.revision;
    await bc.caughtUp(r4);
    assert.deepEqual(
      bc.raw.map(({ type, key, value, revision }) => ({ type, key, value, revision })),
      [
        { type: 'create', key: 'temp', value: 21.5, revision: r1 },
        { type: 'update', key: 'temp', value: 22, revision: r2 },
        { type: 'create', key: 'note', value: 'not json', revision: r3 },
        { type: 'delete', key: 'temp', value: undefined, revision: r4 },
      ],
    );
    assert.deepEqual(
      bc.raw.map((e) => e.prev),
      [0, r1, r2, r3],
      'each event names the board’s previous revision',
    );
    assert.deepEqual(
      bc.raw.map((e) => e.pos),
      [r1, r2, r3, r4].map(String),
      'each event carries its revision as pos',
    );
    await bc.stop();
  });

  it('gives snapshot then live events with no gap and no duplicate under concurrent writes', async () => {
    const board = 'busy';
    const keys = Array.from({ length: 20 }, (_, i) => `${board}.k${i}`);
    for (const k of keys) await kv.put(k, '0');
    const writes: number[] = [];
    let done = 0;
    const writeLoop = async (w: number): Promise<void> => {
      for (let i = 0; i < 150; i++) {
        const k = keys[(w * 7 + i * 3) % keys.length]!;
        if (i % 25 === 24) writes.push(await deleter.delete(k));
        else writes.push(await kv.put(k, JSON.stringify({ w, i })));
        done++;
      }
    };
    const clients: BoardClient[] = [];
    const joining = (async () => {
      // Join while the writers are busy, spread over their run.
      for (let j = 0; j < 8; j++) {
        await until(() => done >= j * 70, 20_000, 'writer progress');
        clients.push(await BoardClient.join(await anonymous(), board));
      }
    })();
    await Promise.all([...[0, 1, 2, 3].map(writeLoop), joining]);
    const last = Math.max(...writes);
    const final = new Map<string, unknown>();
    for (const k of keys) {
      const e = await kv.get(k);
      if (e?.operation === 'PUT') final.set(k.slice(board.length + 1), e.json());
    }
    let joinsWithGap = 0;
    let filled = 0;
    for (const bc of clients) {
      await bc.caughtUp(last);
      const revs = bc.applied.map((c) => c.revision);
      const expected = writes.filter((r) => r > bc.snapshot.revision).sort((a, b) => a - b);
      assert.deepEqual(revs, expected, 'every write after the snapshot, once, in order');
      assert.deepEqual(
        new Map([...bc.view.items].map(([k, v]) => [k, v.value])),
        final,
        'the view ends equal to the bucket',
      );
      // Changes only the first sync delivered: without it, these were a gap.
      const viaGroup = new Set(bc.raw.map((e) => e.revision));
      const missed = (bc.syncs[0]?.changes ?? []).filter((c) => !viaGroup.has(c.revision));
      if (missed.length > 0) joinsWithGap++;
      filled += missed.length;
      await bc.stop();
    }
    console.error(
      `# dashboard: ${clients.length} joins under ${writes.length} writes; the group missed changes after the snapshot for ${joinsWithGap} of them (${filled} changes), the first sync filled them`,
    );
  });

  it('adds up 10 clients × 100 increments to exactly 1,000', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => writer()));
    const boards = await Promise.all(clients.map((c) => BoardClient.join(c, 'count')));
    const started = performance.now();
    const replies = await Promise.all(
      boards.flatMap((bc) =>
        Array.from({ length: 100 }, () => bc.act({ action: 'increment', key: 'hits' })),
      ),
    );
    const ms = performance.now() - started;
    for (const r of replies) assert.equal(r.ok, true, JSON.stringify(r));
    const values = replies.map((r) => (r as { value: number }).value).sort((a, b) => a - b);
    assert.deepEqual(
      values,
      Array.from({ length: 1000 }, (_, i) => i + 1),
      'each increment saw a distinct total',
    );
    const e = await kv.get('count.hits');
    assert.equal(e?.json(), 1000);
    await boards[0]!.caughtUp(e!.revision);
    assert.equal(boards[0]!.view.items.get('hits')?.value, 1000);
    console.error(
      `# dashboard: 1,000 contended increments over two replicas in ${ms.toFixed(0)} ms`,
    );
    await Promise.all(boards.map((b) => b.stop()));
  });

  it('answers a stale revision with conflict and keeps the newer value', async () => {
    const bc = await BoardClient.join(await writer(), 'cas');
    const created = await bc.act({ action: 'create', key: 'mode', value: { v: 1 } });
    assert.equal(created.ok, true);
    const r1 = (created as { revision: number }).revision;
    const updated = await bc.act({ action: 'update', key: 'mode', value: { v: 2 }, revision: r1 });
    assert.equal(updated.ok, true);
    const r2 = (updated as { revision: number }).revision;
    const stale = await bc.act({ action: 'update', key: 'mode', value: { v: 3 }, revision: r1 });
    assert.deepEqual(stale, {
      ok: false,
      error: { code: 'conflict', message: `mode is at revision ${r2}, not ${r1}`, revision: r2 },
    });
    const staleDelete = await bc.act({ action: 'delete', key: 'mode', revision: r1 });
    assert.equal(staleDelete.ok === false && staleDelete.error.code, 'conflict');
    const again = await bc.act({ action: 'create', key: 'mode', value: 7 });
    assert.equal(again.ok === false && again.error.code, 'conflict');
    assert.deepEqual((await kv.get('cas.mode'))?.json(), { v: 2 });
    assert.equal((await kv.get('cas.mode'))?.revision, r2);
    await bc.stop();
  });

  it('refuses every write from a read-only connection with forbidden, changing nothing', async () => {
    const r0 = await kv.put('ro.level', '5');
    const readers = [
      await anonymous(),
      await sys.client({
        headers: { authorization: `Bearer ${await token('viewer', { scope: 'profile' })}` },
      }),
    ];
    for (const c of readers) {
      const bc = await BoardClient.join(c, 'ro');
      assert.deepEqual(bc.snapshot.entries, [{ key: 'level', value: 5, revision: r0 }]);
      for (const action of [
        { action: 'create', key: 'fresh', value: 1 },
        { action: 'update', key: 'level', value: 6 },
        { action: 'update', key: 'level', value: 6, revision: r0 },
        { action: 'delete', key: 'level' },
        { action: 'increment', key: 'level' },
        { action: 'announce', message: 'hello' },
      ]) {
        const r = await bc.act(action);
        assert.equal(r.ok === false && r.error.code, 'forbidden', JSON.stringify(action));
      }
      await bc.stop();
    }
    const e = await kv.get('ro.level');
    assert.equal(e?.revision, r0);
    assert.equal(e?.json(), 5);
    assert.equal(await kv.get('ro.fresh'), null);
    const admin = await BoardClient.join(
      await sys.client({
        headers: { authorization: `Bearer ${await token('root', { roles: ['admin'] })}` },
      }),
      'ro',
    );
    assert.equal((await admin.act({ action: 'increment', key: 'level' })).ok, true);
    await admin.stop();
  });

  it('has the two replicas deliver each event exactly once', async () => {
    assert.equal(active().length, 1, 'one relay');
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => BoardClient.join(await anonymous(), 'once')),
    );
    const writes: number[] = [];
    for (let i = 0; i < 100; i++) writes.push(await kv.put(`once.k${i % 7}`, String(i)));
    for (const bc of clients) {
      await bc.caughtUp(writes[writes.length - 1]!);
      const raw = bc.raw.map((e) => e.revision);
      assert.deepEqual(
        raw.filter((r) => r >= writes[0]!),
        writes,
        'each revision received once',
      );
      await bc.stop();
    }
  });

  it('sends an announcement to everyone on the board, and only there', async () => {
    const poster = await BoardClient.join(await writer(), 'news');
    const reader = await BoardClient.join(await anonymous(), 'news');
    const elsewhere = await BoardClient.join(await anonymous(), 'other-news');
    assert.deepEqual(await poster.act({ action: 'announce', message: ' deploy at 5 ' }), {
      ok: true,
    });
    for (const bc of [poster, reader])
      await until(() => bc.announcements.length === 1, 5000, 'the announcement');
    const a = reader.announcements[0]!;
    assert.equal(a.message, 'deploy at 5');
    assert.equal(a.from, 'writer');
    assert.equal(a.board, 'news');
    // An event published after the announcement reaching `elsewhere` proves the announcement did not.
    const r = await kv.put('other-news.tick', '1');
    await elsewhere.caughtUp(r);
    assert.equal(elsewhere.announcements.length, 0);
    await Promise.all([poster, reader, elsewhere].map((b) => b.stop()));
  });

  it('answers malformed actions with bad_request or not_found', async () => {
    const bc = await BoardClient.join(await writer(), 'bad');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ action: 'explode' }, 'bad_request'],
      [{ action: 'create', key: 'x', value: 'a string' }, 'bad_request'],
      [{ action: 'create', key: 'x', value: [1, 2] }, 'bad_request'],
      [{ action: 'create', key: 'x', value: { big: 'y'.repeat(2000) } }, 'bad_request'],
      [{ action: 'create', key: 'a..b', value: 1 }, 'bad_request'],
      [{ action: 'create', key: 'a b', value: 1 }, 'bad_request'],
      [{ action: 'update', key: 'missing', value: 1 }, 'not_found'],
      [{ action: 'delete', key: 'missing' }, 'not_found'],
      [{ action: 'update', key: 'x', value: 1, revision: 0 }, 'bad_request'],
    ];
    for (const [action, code] of cases) {
      const r = await bc.act(action);
      assert.equal(r.ok === false && r.error.code, code, JSON.stringify(action));
    }
    await kv.put('bad.word', JSON.stringify({ not: 'a number' }));
    const r = await bc.act({ action: 'increment', key: 'word' });
    assert.equal(r.ok === false && r.error.code, 'bad_request');
    await bc.stop();
  });

  it('refuses to join a board name outside [A-Za-z0-9_-]{1,64}', async () => {
    const c = await anonymous();
    const streams = ['dashboard', 'dashboard:a.b', 'dashboard:a~b', `dashboard:${'x'.repeat(65)}`];
    for (const [i, stream] of streams.entries()) {
      c.send({ type: 'join', stream, ref: i });
      const f = await c.next((x) => x.ref === i);
      assert.equal(f.type, 'error', stream);
      assert.equal(f.code, 'bad_request', stream);
    }
  });

  it('keeps clients whole across a relay failover: no gap, no duplicate applied', async () => {
    const holder = active()[0]!;
    const other = replicas.find((r) => r !== holder)!;
    const clients = await Promise.all(
      Array.from({ length: 3 }, async () => BoardClient.join(await anonymous(), 'failover')),
    );
    const writes: number[] = [];
    let stop = false;
    // Paced so that no key is overwritten more than the bucket's history
    // depth (64) while the lease changes hands: beyond it, a catch-up can only
    // give a hot key's latest values, not every revision.
    const writing = (async () => {
      for (let i = 0; !stop; i++) {
        writes.push(await kv.put(`failover.k${i % 10}`, String(i)));
        await sleep(4);
      }
    })();
    await until(() => writes.length >= 50, 10_000, 'writes before the failover');
    // A crash, not a handover: the holder's connection goes away without releasing the lease.
    await holder.bus.drain();
    await until(() => other.dash.relay.active, 10_000, 'the other replica taking over');
    const after = writes.length;
    await until(() => writes.length >= after + 50, 10_000, 'writes after the failover');
    stop = true;
    await writing;
    for (const bc of clients) {
      await bc.caughtUp(writes[writes.length - 1]!);
      assert.deepEqual(
        bc.applied.map((c) => c.revision),
        writes.filter((r) => r > bc.snapshot.revision),
      );
    }
    const dups =
      clients[0]!.raw.length - new Set(clients[0]!.raw.map((e: BoardEvent) => e.revision)).size;
    console.error(
      `# dashboard: failover replayed ${dups} events that clients dropped as duplicates`,
    );
    await Promise.all(clients.map((b) => b.stop()));
  });
});
