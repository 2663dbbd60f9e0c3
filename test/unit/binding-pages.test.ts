// The binding's pure parts: snapshot pages, the snapshot cache, key groups,
// and the value limits of its actions on the in-memory store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/log.ts';
import { page, SnapshotCache } from '../../services/sdk/binding/pages.ts';
import {
  bindingActions,
  byPrefix,
  eachKey,
  underPrefix,
  wholeBucket,
  type StreamContext,
} from '../../services/sdk/index.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${String(i).padStart(5, '0')}`,
    value: { n: i },
    revision: i + 1,
  }));

describe('snapshot pages', () => {
  it('splits entries under the byte limit, every entry once, in order', () => {
    const all = entries(5000);
    const max = 4096;
    const got: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const p = page(all, after, max);
      assert.ok(Buffer.byteLength(JSON.stringify(p)) <= max, `page ${pages}`);
      got.push(...p.entries.map((e) => e.key));
      after = p.next;
      pages++;
    } while (after !== undefined);
    assert.ok(pages > 10);
    assert.deepEqual(
      got,
      all.map((e) => e.key),
    );
  });

  it('gives one entry even when it alone is over the limit, and nothing after the last', () => {
    const big = [{ key: 'a', value: 'x'.repeat(1000), revision: 1 }];
    assert.deepEqual(page(big, undefined, 100), { entries: big });
    assert.deepEqual(page(entries(3), 'k00002', 1000), { entries: [] });
  });

  it('keeps at most `max` snapshots, and none past its time to live', async () => {
    const cache = new SnapshotCache(50, 2);
    for (const g of ['a', 'b', 'c']) cache.set(g, { revision: 1, entries: [] });
    assert.equal(cache.get('a'), undefined, 'the oldest went');
    assert.ok(cache.get('c'));
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(cache.get('c'), undefined);
  });
});

describe('key groups', () => {
  it('maps keys to groups and back', () => {
    const p = byPrefix(1);
    assert.deepEqual(p.of('ops.cpu.load'), { group: 'ops', key: 'cpu.load' });
    assert.equal(p.of('ops'), undefined);
    assert.equal(p.storeKey('ops', 'cpu'), 'ops.cpu');
    assert.equal(byPrefix(2).of('a.b'), undefined);
    assert.deepEqual(byPrefix(2).of('a.b.c'), { group: 'a.b', key: 'c' });
    assert.deepEqual(wholeBucket().of('x.y'), { group: 'all', key: 'x.y' });
    assert.deepEqual(eachKey().of('x.y'), { group: 'x.y', key: '' });
    assert.equal(eachKey().storeKey('x.y', ''), 'x.y');
    const under = underPrefix('shop', byPrefix(1));
    assert.deepEqual(under.of('shop.main.widgets'), { group: 'main', key: 'widgets' });
    assert.equal(under.of('other.main.widgets'), undefined);
    assert.equal(under.storeKey('main', 'widgets'), 'shop.main.widgets');
    assert.equal(under.prefix('main'), 'shop.main');
  });
});

describe('binding action limits', () => {
  const ctx = {
    scope: { user: 'u', claims: {} },
    msgId: undefined,
    expired: false,
  } as unknown as StreamContext;

  it('refuses a value over maxValueBytes, and one the schema refuses', async () => {
    const store = new MemoryKvStore();
    const actions = bindingActions(
      {
        name: 't',
        bucket: 't',
        groups: byPrefix(1),
        permissions: { create: () => true },
        limits: { maxValueBytes: 32 },
      },
      store,
      silentLogger,
    );
    const ok = await actions.handle(ctx, 'g', { action: 'create', key: 'a', value: 'short' });
    assert.equal(ok?.ok, true);
    const big = await actions.handle(ctx, 'g', {
      action: 'create',
      key: 'b',
      value: 'x'.repeat(40),
    });
    assert.equal(big?.ok === false && big.error.code, 'bad_request');
    assert.equal(await store.get('g.b'), undefined);
  });

  it('compacts a sync past maxSyncChanges and says recovered: false', async () => {
    const store = new MemoryKvStore();
    const actions = bindingActions(
      { name: 't', bucket: 't', groups: byPrefix(1), limits: { maxSyncChanges: 3 } },
      store,
      silentLogger,
    );
    for (let i = 0; i < 6; i++) await store.update(`g.k${i % 2}`, i);
    const r = await actions.sync('g', 0);
    assert.ok(r.ok && 'changes' in r);
    assert.equal(r.recovered, false);
    assert.deepEqual(
      r.changes.map((c) => [c.key, c.value]),
      [
        ['k0', 4],
        ['k1', 5],
      ],
    );
  });
});
