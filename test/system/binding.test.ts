// Bindings (issue 16) on a real nats-server with JetStream, and on the
// in-memory bus and storage that `npm start` uses: a bucket written from
// outside muxgate seen by clients on two gateways, permissions per action,
// prefix groups, and resuming with `since`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Bus } from '../../bus/bus.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import {
  byPrefix,
  createBinding,
  type Binding,
  type BindingDeclaration,
  type KvStore,
  type Scope,
} from '../../services/sdk/index.ts';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import { BoardClient } from '../helpers/board-client.ts';
import type { TestClient } from '../helpers/client.ts';
import { serviceEnv, startGateway, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const SECRET = 'binding-test-secret';
const ENV = { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional', MUX_ROUTES: 'inv' };

async function token(scope: string): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`user-${scope.replaceAll(' ', '-') || 'none'}`)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

const has = (s: Scope, want: string): boolean =>
  typeof s.claims?.scope === 'string' && s.claims.scope.split(' ').includes(want);

/** The test binding: groups are the keys' first token; each action has its own rule. */
function declaration(bucket: string, holder: string): BindingDeclaration {
  return {
    name: 'inv',
    bucket,
    groups: byPrefix(1),
    permissions: {
      read: (_s, key) => key !== 'secret',
      create: (s) => has(s, 'inv:create'),
      // Updates below 1000 only: a rule on the value.
      update: (s, _key, value) => has(s, 'inv:write') && (value as number) < 1000,
      delete: (s, key) => has(s, 'inv:admin') && !key.endsWith('.locked'),
      increment: (s, _key, by) => has(s, 'inv:write') && (by as number) > 0,
    },
    value: z.number().int(),
    leaseMs: 1500,
    holder,
  };
}

interface Replica {
  bus: Bus;
  binding: Binding;
}

async function startReplica(sys: TestSystem, source: BusSource, name: string): Promise<Replica> {
  const env = await serviceEnv(source, name, sys.prefix);
  const binding = await createBinding(env, declaration(`${sys.prefix}_inv`, name));
  await sys.addService(binding.definition);
  return { bus: env.bus, binding };
}

const sources: [string, () => Promise<{ source: BusSource; close(): Promise<void> }>][] = [
  [
    'nats',
    async () => {
      const nats = await NatsServer.start({ jetstream: true });
      return { source: { nats: nats.url }, close: () => nats.close() };
    },
  ],
  ['memory', async () => ({ source: { memory: new MemoryBroker() }, close: async () => {} })],
];

for (const [kind, makeSource] of sources) {
  describe(`binding on ${kind} storage`, () => {
    let closeSource: () => Promise<void>;
    let sys: TestSystem;
    let replicas: Replica[];
    let store: KvStore;

    before(async () => {
      const s = await makeSource();
      closeSource = s.close;
      sys = await TestSystem.start({ bus: s.source, env: ENV });
      replicas = [
        await startReplica(sys, s.source, 'replica-a'),
        await startReplica(sys, s.source, 'replica-b'),
      ];
      store = replicas[0]!.binding.store;
      await until(
        () => replicas.filter((r) => r.binding.relay.active).length === 1,
        10_000,
        'one relay',
      );
    });
    after(async () => {
      await sys.close();
      for (const r of replicas) {
        await r.binding.close();
        await r.bus.drain().catch(() => undefined);
      }
      await closeSource();
    });

    const client = async (scope?: string): Promise<TestClient> =>
      sys.client(
        scope === undefined
          ? undefined
          : { headers: { authorization: `Bearer ${await token(scope)}` } },
      );

    it('allows and refuses each action as its permission function says', async () => {
      await store.update('p.locked', 1);
      await store.update('p.n', 5);
      const table: [scope: string | undefined, action: object, expected: string][] = [
        [undefined, { action: 'create', key: 'a', value: 1 }, 'forbidden'],
        ['inv:write', { action: 'create', key: 'a', value: 1 }, 'forbidden'],
        ['inv:create', { action: 'create', key: 'a', value: 1 }, 'ok'],
        ['inv:create', { action: 'create', key: 'b', value: 'x' }, 'bad_request'],
        ['inv:create', { action: 'update', key: 'n', value: 6 }, 'forbidden'],
        ['inv:write', { action: 'update', key: 'n', value: 6 }, 'ok'],
        ['inv:write', { action: 'update', key: 'n', value: 1000 }, 'forbidden'],
        ['inv:write', { action: 'increment', key: 'n', by: 2 }, 'ok'],
        ['inv:write', { action: 'increment', key: 'n', by: -2 }, 'forbidden'],
        [undefined, { action: 'increment', key: 'n', by: 1 }, 'forbidden'],
        ['inv:write', { action: 'delete', key: 'n' }, 'forbidden'],
        ['inv:admin', { action: 'delete', key: 'locked' }, 'forbidden'],
        ['inv:admin', { action: 'delete', key: 'n' }, 'ok'],
        ['inv:admin', { action: 'delete', key: 'n' }, 'not_found'],
        [undefined, { action: 'sync', since: 0 }, 'ok'],
      ];
      for (const [scope, action, expected] of table) {
        const c = await client(scope);
        const b = await BoardClient.bind(c, 'inv:p');
        const reply = await b.act(action as Record<string, unknown>);
        const got = reply.ok ? 'ok' : reply.error.code;
        assert.equal(got, expected, `${scope ?? 'anonymous'} ${JSON.stringify(action)}`);
        await b.stop();
        await c.close();
      }
      assert.equal((await store.get('p.n'))?.value, undefined, 'n was deleted');
      assert.equal((await store.get('p.a'))?.value, 1);
      // `read` refuses the join itself.
      const c = await client();
      await assert.rejects(c.join('inv:secret'), /forbidden/);
      await assert.rejects(c.join('inv:a.b'), /bad_request/);
    });

    it('gives a client joined to a group nothing of other keys', async () => {
      const c = await client();
      const b = await BoardClient.bind(c, 'inv:g1');
      for (let i = 0; i < 20; i++) await store.update(`g2.k${i % 3}`, i);
      const last = await store.update('g1.only', 1);
      await b.caughtUp(last);
      await sleep(200); // anything else would have come with or before g1.only
      assert.deepEqual(
        b.raw.map((e) => [(e as unknown as { group: string }).group, e.key]),
        [['g1', 'only']],
      );
      assert.deepEqual([...b.view.items.keys()], ['only']);
      await b.stop();
    });

    it('resumes with `since` after a 5 s disconnect: only the missed changes, recovered', async () => {
      const first = await client();
      const joined = await first.join('inv:r');
      const at = (joined.payload as { revision: number }).revision;
      await first.close();
      const missed: number[] = [];
      const writes = (async () => {
        for (let i = 0; i < 10; i++) {
          missed.push(await store.update(`r.k${i % 4}`, i));
          await store.update(`other.k${i}`, i);
          await sleep(500);
        }
      })();
      await sleep(5000);
      await writes;
      const again = await client();
      again.send({ type: 'join', stream: 'inv:r', ref: 'resume', since: String(at) });
      const f = await again.next((x) => x.ref === 'resume', 10_000);
      assert.equal(f.type, 'joined');
      const p = f.payload as {
        recovered: boolean;
        since: string;
        changes: { key: string; revision: number }[];
        entries?: unknown;
      };
      assert.equal(p.recovered, true);
      assert.equal(p.since, String(at));
      assert.equal(p.entries, undefined, 'no snapshot, only changes');
      assert.deepEqual(
        p.changes.map((c) => c.revision),
        missed,
      );
      // And a live change after the resume arrives as an event.
      const live = await store.update('r.k0', 99);
      const ev = await again.next((x) => x.type === 'msg' && x.stream === 'inv:r');
      assert.equal((ev.payload as { revision: number }).revision, live);
    });
  });
}

describe('binding: a writer outside muxgate, 20 clients on 2 gateways', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let gateway2: Gateway;
  let replicas: Replica[];
  let writerConn: NatsConnection;
  let writer: JetStreamKvStore;

  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    const source = { nats: nats.url };
    sys = await TestSystem.start({ bus: source, env: ENV });
    gateway2 = await startGateway(source, sys.prefix, ENV);
    replicas = [
      await startReplica(sys, source, 'replica-a'),
      await startReplica(sys, source, 'replica-b'),
    ];
    writerConn = await connect({ servers: nats.url, name: 'outside writer' });
    writer = await JetStreamKvStore.open(writerConn, { bucket: `${sys.prefix}_inv` });
  });
  after(async () => {
    await sys.close();
    await gateway2.drain();
    for (const r of replicas) {
      await r.binding.close();
      await r.bus.drain().catch(() => undefined);
    }
    await writerConn.close();
    await nats.close();
  });

  it("leaves every client's view equal to the bucket, with no gap or duplicate", async () => {
    const urls = [sys.url, `ws://127.0.0.1:${gateway2.port}/ws`];
    const clients: BoardClient[] = [];
    const join = async (i: number) =>
      clients.push(await BoardClient.bind(await sys.client(undefined, urls[i % 2]), 'inv:w'));
    // Half the clients join before the writes, half while they run.
    for (let i = 0; i < 10; i++) await join(i);
    let last = 0;
    for (let i = 0; i < 1000; i++) {
      const key = `w.k${i % 40}`;
      last =
        i % 17 === 16 ? await writer.delete(key).catch(() => last) : await writer.update(key, i);
      if (i % 100 === 50) await join(clients.length);
    }
    last = await writer.update('w.end', 1);
    const bucket = new Map((await writer.list('w')).entries.map((e) => [e.key.slice(2), e]));
    for (const c of clients) {
      await c.caughtUp(last, 30_000);
      assert.deepEqual(
        new Map([...c.view.items].map(([k, v]) => [k, v.value])),
        new Map([...bucket].map(([k, e]) => [k, e.value])),
        `${c.stream} view equals the bucket`,
      );
      const revs = c.applied.map((a) => a.revision);
      assert.ok(
        revs.every((r, i) => i === 0 || r > revs[i - 1]!),
        'applied in order, once',
      );
      for (const [k, e] of bucket) assert.equal(c.view.items.get(k)?.revision, e.revision, k);
      await c.stop();
    }
  });
});
