// One contract suite for the KvStore of the services' storage (the
// dashboard's store): MemoryKvStore and JetStreamKvStore on a real
// nats-server with JetStream must behave the same.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ConflictError,
  InvalidKeyError,
  type Change,
  type KvStore,
  type Watch,
} from '../../services/sdk/index.ts';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';
import { NatsServer } from '../../harness/nats-server.ts';

interface StoreFactory {
  make(opts?: { history?: number }): Promise<KvStore>;
}

const board = (): string => `b${randomBytes(4).toString('hex')}`;

/** The first `n` changes a watch yields; then it is stopped. */
async function first(w: Watch, n: number): Promise<Change[]> {
  const out: Change[] = [];
  for await (const c of w) {
    out.push(c);
    if (out.length === n) break;
  }
  w.stop();
  return out;
}

async function take(store: KvStore, n: number, prefix?: string): Promise<Change[]> {
  return first(await store.watch(prefix), n);
}

function storeContract(name: string, factory: StoreFactory): void {
  describe(`KvStore contract: ${name}`, () => {
    let store: KvStore;
    before(async () => {
      store = await factory.make();
    });

    it('creates, reads, and refuses to create a live key twice', async () => {
      const b = board();
      assert.equal(await store.get(`${b}.cpu`), undefined);
      const rev = await store.create(`${b}.cpu`, 42);
      assert.ok(rev > 0);
      assert.deepEqual(await store.get(`${b}.cpu`), { key: `${b}.cpu`, value: 42, revision: rev });
      await assert.rejects(store.create(`${b}.cpu`, 43), ConflictError);
      assert.equal((await store.get(`${b}.cpu`))?.value, 42);
    });

    it('keeps JSON objects as written', async () => {
      const b = board();
      const value = { p50: 1.5, p99: 20, tags: ['a', 'b'], nested: { ok: true } };
      await store.create(`${b}.latency`, value);
      assert.deepEqual((await store.get(`${b}.latency`))?.value, value);
    });

    it('updates only at the expected revision', async () => {
      const b = board();
      const r1 = await store.create(`${b}.k`, 1);
      const r2 = await store.update(`${b}.k`, 2, r1);
      assert.ok(r2 > r1);
      await assert.rejects(store.update(`${b}.k`, 3, r1), ConflictError);
      assert.deepEqual(await store.get(`${b}.k`), { key: `${b}.k`, value: 2, revision: r2 });
      const r3 = await store.update(`${b}.k`, 4);
      assert.ok(r3 > r2, 'an update without a revision always writes');
      await store.update(`${b}.new`, 1, 0);
      await assert.rejects(store.update(`${b}.new`, 2, 0), ConflictError);
    });

    it('deletes with a marker that has its own revision; create works again after it', async () => {
      const b = board();
      const r1 = await store.create(`${b}.k`, 1);
      await assert.rejects(store.delete(`${b}.k`, r1 - 1), ConflictError);
      const r2 = await store.delete(`${b}.k`, r1);
      assert.ok(r2 > r1);
      assert.equal(await store.get(`${b}.k`), undefined);
      const r3 = await store.create(`${b}.k`, 5);
      assert.ok(r3 > r2);
      assert.equal((await store.get(`${b}.k`))?.value, 5);
    });

    it('lets exactly one of many concurrent compare-and-set writers win', async () => {
      const b = board();
      const r1 = await store.create(`${b}.n`, 0);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.update(`${b}.n`, i + 1, r1)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1);
      for (const r of results)
        if (r.status === 'rejected') assert.ok(r.reason instanceof ConflictError);
    });

    it('numbers revisions from one increasing counter', async () => {
      const b = board();
      const revs = [
        await store.create(`${b}.a`, 1),
        await store.create(`${b}.b`, 1),
        await store.update(`${b}.a`, 2),
        await store.delete(`${b}.b`),
      ];
      assert.deepEqual(
        revs,
        [...revs].sort((x, y) => x - y),
      );
      assert.equal(new Set(revs).size, revs.length);
      assert.ok((await store.lastRevision()) >= revs[3]!);
    });

    it('lists the live keys below a prefix, with a revision covering its deletes', async () => {
      const b = board();
      await store.create(`${b}.a`, 1);
      const rb = await store.create(`${b}.b`, 2);
      await store.create(`${b}x.c`, 3);
      await store.create(`${b}.deep.d`, 4);
      await store.delete(`${b}.b`, rb);
      const ra = await store.update(`${b}.a`, 10);
      const snap = await store.list(b);
      assert.deepEqual(snap.entries.map((e) => [e.key, e.value]).sort(), [
        [`${b}.a`, 10],
        [`${b}.deep.d`, 4],
      ]);
      assert.ok(snap.revision >= ra);
      for (const e of snap.entries) assert.ok(e.revision <= snap.revision);
      assert.deepEqual(await store.list(board()), { revision: snap.revision, entries: [] });
    });

    it('lists the keys below a prefix without values: every key live at its revision', async () => {
      const b = board();
      await store.create(`${b}.a`, 1);
      const rb = await store.create(`${b}.b`, 2);
      await store.create(`${b}x.c`, 3);
      const rd = await store.create(`${b}.deep.d`, 4);
      await store.delete(`${b}.b`, rb);
      const list = await store.keys(b);
      assert.ok(list.revision > rd);
      const keys = new Set(list.keys);
      assert.ok(keys.has(`${b}.a`) && keys.has(`${b}.deep.d`), list.keys.join());
      // A deleted key may be listed (its marker is kept); its value is then absent.
      assert.deepEqual([...keys].filter((k) => k !== `${b}.b`).sort(), [`${b}.a`, `${b}.deep.d`]);
      assert.equal(list.keys.length, keys.size, 'each key once');
      assert.deepEqual(await store.keys(board()), { revision: list.revision, keys: [] });
    });

    it('lists every key live at its revision while a writer goes on', async () => {
      const b = board();
      const written: Array<[string, number]> = [];
      let stop = false;
      const writing = (async () => {
        for (let i = 0; !stop; i++) {
          written.push([`${b}.w${i}`, await store.create(`${b}.w${i}`, i)]);
          await new Promise(setImmediate);
        }
      })();
      while (written.length < 20) await new Promise((r) => setTimeout(r, 5));
      const list = await store.keys(b);
      const during = written.length;
      while (written.length < during + 20) await new Promise((r) => setTimeout(r, 5));
      stop = true;
      await writing;
      // A key written after the revision may be listed or not: the changes after it bring it.
      const listed = new Set(list.keys);
      const missing = written.filter(([k, r]) => r <= list.revision && !listed.has(k));
      assert.deepEqual(missing, []);
      assert.ok(written.some(([, r]) => r > list.revision));
    });

    it('reads the live values of given keys, in the order given, at their latest change', async () => {
      const b = board();
      const ra = await store.create(`${b}.a`, 1);
      const rb = await store.create(`${b}.b`, { x: 2 });
      const rc = await store.create(`${b}.c`, 3);
      await store.delete(`${b}.c`, rc);
      const list = await store.keys(b);
      const ra2 = await store.update(`${b}.a`, 10, ra);
      const many = Array.from({ length: 70 }, (_, i) => `${b}.n${i}`);
      for (const k of many.slice(0, 5)) await store.create(k, k);
      assert.deepEqual(await store.getMany([`${b}.b`, `${b}.missing`, `${b}.c`, `${b}.a`]), [
        { key: `${b}.b`, value: { x: 2 }, revision: rb },
        { key: `${b}.a`, value: 10, revision: ra2 },
      ]);
      assert.ok(ra2 > list.revision, 'a value newer than the key list');
      assert.deepEqual(await store.getMany([]), []);
      // More keys than are read at once: still every one, in order.
      assert.deepEqual(
        (await store.getMany([...many].reverse())).map((e) => e.value),
        many.slice(0, 5).reverse(),
      );
    });

    it('returns the changes after a revision, in order, deletes included', async () => {
      const b = board();
      const r0 = await store.create(`${b}.a`, 1);
      const r1 = await store.update(`${b}.a`, 2);
      await store.create(`${board()}.other`, 1);
      const r2 = await store.delete(`${b}.a`);
      const r3 = await store.create(`${b}.c`, 3);
      const log = await store.changesSince(b, r0);
      assert.deepEqual(log.changes, [
        { op: 'put', key: `${b}.a`, value: 2, revision: r1 },
        { op: 'delete', key: `${b}.a`, revision: r2 },
        { op: 'put', key: `${b}.c`, value: 3, revision: r3 },
      ]);
      assert.ok(log.revision >= r3);
      const none = await store.changesSince(b, log.revision);
      assert.deepEqual(none.changes, []);
      assert.ok(none.revision >= log.revision);
    });

    it('watches the retained history, then live changes, in revision order', async () => {
      const b = board();
      const r1 = await store.create(`${b}.a`, 1);
      const r2 = await store.create(`${b}.b`, 2);
      const w = await store.watch(b);
      const reading = first(w, 4);
      const r3 = await store.delete(`${b}.a`);
      await store.create(`${board()}.elsewhere`, 0);
      const r4 = await store.update(`${b}.b`, 5);
      assert.deepEqual(await reading, [
        { op: 'put', key: `${b}.a`, value: 1, revision: r1 },
        { op: 'put', key: `${b}.b`, value: 2, revision: r2 },
        { op: 'delete', key: `${b}.a`, revision: r3 },
        { op: 'put', key: `${b}.b`, value: 5, revision: r4 },
      ]);
    });

    it('watches from after a revision, skipping what a resuming reader already has', async () => {
      const b = board();
      await store.create(`${b}.a`, 1);
      const r2 = await store.create(`${b}.b`, 2);
      const r3 = await store.update(`${b}.a`, 3);
      const w = await store.watch(b, r2 - 1);
      const reading = first(w, 3);
      const r4 = await store.delete(`${b}.b`);
      assert.deepEqual(await reading, [
        { op: 'put', key: `${b}.b`, value: 2, revision: r2 },
        { op: 'put', key: `${b}.a`, value: 3, revision: r3 },
        { op: 'delete', key: `${b}.b`, revision: r4 },
      ]);
    });

    it('watches every key when given no prefix', async () => {
      const b1 = board();
      const b2 = board();
      const last = await store.lastRevision();
      await store.create(`${b1}.x`, 1);
      const r = await store.create(`${b2}.y`, 2);
      const w = await store.watch();
      const tail: string[] = [];
      for await (const c of w) {
        if (c.revision > last) tail.push(c.key);
        if (c.revision >= r) break;
      }
      w.stop();
      assert.deepEqual(tail, [`${b1}.x`, `${b2}.y`]);
    });

    it('keeps at most `history` changes per key, and always the last one', async () => {
      const small = await factory.make({ history: 2 });
      const b = board();
      for (let i = 1; i <= 5; i++) await small.update(`${b}.k`, i);
      const r = await small.create(`${b}.other`, 0);
      const log = await small.changesSince(b, 0);
      assert.deepEqual(
        log.changes.map((c) => [c.key, c.value]),
        [
          [`${b}.k`, 4],
          [`${b}.k`, 5],
          [`${b}.other`, 0],
        ],
      );
      assert.equal(log.revision, r);
      assert.deepEqual(
        (await take(small, 3, b)).map((c) => c.value),
        [4, 5, 0],
      );
    });

    it('applies a write retried with the same msg id once, answering the first revision', async () => {
      const b = board();
      const k = `${b}.n`;
      const first = await store.create(k, 1, { msgId: 'm1' });
      assert.equal(first.duplicate, false);
      // A retried create: the key is live now, yet the answer is the first write's, not a conflict.
      assert.deepEqual(await store.create(k, 1, { msgId: 'm1' }), {
        revision: first.revision,
        duplicate: true,
      });
      // A retried increment read the key after its first attempt wrote it: the id
      // is checked before the expected revision, so it is a duplicate, not a second write.
      const u = await store.update(k, 2, first.revision, { msgId: 'm2' });
      assert.equal(u.duplicate, false);
      assert.ok(u.revision > first.revision);
      assert.deepEqual(await store.update(k, 3, u.revision, { msgId: 'm2' }), {
        revision: u.revision,
        duplicate: true,
      });
      assert.deepEqual(await store.update(k, 3, 1, { msgId: 'm2' }), {
        revision: u.revision,
        duplicate: true,
      });
      assert.deepEqual(await store.get(k), { key: k, value: 2, revision: u.revision });
      // A new id is a new write, checked as usual.
      await assert.rejects(store.update(k, 3, first.revision, { msgId: 'm3' }), ConflictError);
      const d = await store.delete(k, u.revision, { msgId: 'm3' });
      assert.equal(d.duplicate, false);
      assert.deepEqual(await store.delete(k, undefined, { msgId: 'm3' }), {
        revision: d.revision,
        duplicate: true,
      });
      assert.equal(await store.get(k), undefined);
      // Ids are scoped by key; options without an id write as usual.
      const other = await store.create(`${b}.other`, 7, { msgId: 'm1' });
      assert.equal(other.duplicate, false);
      assert.deepEqual(await store.create(k, 9, {}), {
        revision: (await store.get(k))!.revision,
        duplicate: false,
      });
      const log = await store.changesSince(b, 0);
      assert.deepEqual(
        log.changes.map((c) => [c.op, c.key, c.value]),
        [
          ['put', k, 1],
          ['put', k, 2],
          ['delete', k, undefined],
          ['put', `${b}.other`, 7],
          ['put', k, 9],
        ],
      );
    });

    it('tells whether a write with a msg id was applied, writing nothing', async () => {
      const b = board();
      const k = `${b}.k`;
      assert.equal(await store.applied(k, 'p1'), undefined);
      const r = await store.create(k, 1, { msgId: 'p1' });
      const d = await store.delete(k, undefined, { msgId: 'p2' });
      assert.equal(await store.applied(k, 'p1'), r.revision);
      assert.equal(await store.applied(k, 'p2'), d.revision);
      assert.equal(await store.applied(k, 'p3'), undefined);
      assert.equal(await store.applied(`${b}.other`, 'p1'), undefined);
      // A probe is not a write, and does not claim its id.
      assert.equal((await store.changesSince(b, 0)).changes.length, 2);
      assert.equal((await store.update(k, 2, d.revision, { msgId: 'p3' })).duplicate, false);
    });

    it('dedupes one id across concurrent writers, whoever wins', async () => {
      const b = board();
      const r1 = await store.create(`${b}.n`, 0);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.update(`${b}.n`, 1, r1, { msgId: 'same' })),
      );
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.equal(new Set(results.map((r) => r.revision)).size, 1);
      assert.equal((await store.changesSince(b, 0)).changes.length, 2);
    });

    it('refuses keys outside the grammar', async () => {
      for (const key of ['', 'a..b', '.a', 'a.', 'a b', 'a.*', 'a.>'])
        await assert.rejects(store.create(key, 1), InvalidKeyError, key);
    });
  });
}

storeContract('MemoryKvStore', { make: async (opts) => new MemoryKvStore(opts) });

describe('MemoryKvStore duplicate window', () => {
  it('forgets a msg id after the window, as JetStream does', async () => {
    let now = 0;
    const store = new MemoryKvStore({ now: () => now });
    const first = await store.update('b.k', 1, undefined, { msgId: 'x' });
    now = 119_999;
    assert.deepEqual(await store.update('b.k', 1, undefined, { msgId: 'x' }), {
      revision: first.revision,
      duplicate: true,
    });
    now = 120_000;
    const again = await store.update('b.k', 1, undefined, { msgId: 'x' });
    assert.equal(again.duplicate, false);
    assert.ok(again.revision > first.revision);
  });
});

let server: NatsServer;
const conns: NatsConnection[] = [];
before(async () => {
  server = await NatsServer.start({ jetstream: true });
});
after(async () => {
  await Promise.all(conns.map((c) => c.close()));
  await server.close();
});
storeContract('JetStreamKvStore', {
  make: async (opts) => {
    const nc = await connect({ servers: server.url });
    conns.push(nc);
    return JetStreamKvStore.open(nc, {
      bucket: `contract_${randomBytes(4).toString('hex')}`,
      ...opts,
    });
  },
});
