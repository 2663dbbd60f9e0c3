// The binding's pure parts: snapshot pages, the key list cache, key groups,
// and the value limits of its actions on the in-memory store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/log.ts';
import { KeyIndexCache, page, type Page } from '../../services/sdk/binding/pages.ts';
import {
  bindingActions,
  byPrefix,
  eachKey,
  groupKeys,
  groupValues,
  underPrefix,
  wholeBucket,
  type StreamContext,
} from '../../services/sdk/index.ts';
import type { Entry } from '../../services/sdk/storage/kv.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${String(i).padStart(5, '0')}`,
    value: { n: i },
    revision: i + 1,
  }));

/** Reads values from `live` (a key absent from it is deleted), counting the keys asked for. */
function reader(live: readonly Entry[]) {
  const byKey = new Map(live.map((e) => [e.key, e]));
  const r = {
    asked: 0,
    read: async (keys: string[]) => {
      r.asked += keys.length;
      return keys.flatMap((k) => byKey.get(k) ?? []);
    },
  };
  return r;
}

/** Every page of `keys` in turn, as a client asks for them. */
async function allPages(keys: string[], read: ReturnType<typeof reader>, max: number) {
  const pages: Page[] = [];
  let after: string | undefined;
  do {
    const p = await page(keys, after, max, read.read);
    pages.push(p);
    after = p.next;
  } while (after !== undefined);
  return pages;
}

describe('snapshot pages', () => {
  it('splits entries under the byte limit, every entry once, in order', async () => {
    const all = entries(5000);
    const max = 4096;
    const pages = await allPages(
      all.map((e) => e.key),
      reader(all),
      max,
    );
    for (const [i, p] of pages.entries())
      assert.ok(Buffer.byteLength(JSON.stringify(p)) <= max, `page ${i}`);
    assert.ok(pages.length > 10);
    assert.deepEqual(
      pages.flatMap((p) => p.entries.map((e) => e.key)),
      all.map((e) => e.key),
    );
  });

  it('reads the values of about one page, not of every key', async () => {
    const all = entries(100_000);
    const r = reader(all);
    const first = await page(
      all.map((e) => e.key),
      undefined,
      48 * 1024,
      r.read,
    );
    assert.ok(first.next !== undefined);
    assert.ok(first.entries.length > 500, `${first.entries.length} entries`);
    assert.ok(
      r.asked <= first.entries.length * 1.1 + 32,
      `${r.asked} values read for ${first.entries.length} entries`,
    );
  });

  it('leaves out keys deleted since the list, and still fills pages', async () => {
    const all = entries(3000);
    const live = all.filter((_, i) => i % 3 !== 0);
    const pages = await allPages(
      all.map((e) => e.key),
      reader(live),
      4096,
    );
    assert.deepEqual(
      pages.flatMap((p) => p.entries),
      live,
    );
    // Only the last page may be short: the others stop at the budget, deleted keys or not.
    for (const p of pages.slice(0, -2)) assert.ok(p.entries.length > 40, `${p.entries.length}`);
  });

  it('gives one entry even when it alone is over the limit, and nothing after the last', async () => {
    const big = [{ key: 'a', value: 'x'.repeat(1000), revision: 1 }];
    assert.deepEqual(await page(['a'], undefined, 100, reader(big).read), { entries: big });
    const three = entries(3);
    const keys = three.map((e) => e.key);
    assert.deepEqual(await page(keys, 'k00002', 1000, reader(three).read), { entries: [] });
    assert.deepEqual(await page(keys, undefined, 1000, reader([]).read), { entries: [] });
  });

  it('keeps at most `max` key lists, each until `ttlMs` pass unused', () => {
    let now = 0;
    const cache = new KeyIndexCache(50, 2, () => now);
    for (const g of ['a', 'b', 'c']) cache.set(g, { revision: 1, keys: [] });
    assert.equal(cache.get('a'), undefined, 'the oldest went');
    for (now = 40; now <= 200; now += 40) assert.ok(cache.get('c'), `used at ${now}`);
    assert.equal(cache.get('b'), undefined, 'unused past its time to live');
    now += 51;
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

describe('group key lists', () => {
  it("lists a group's names sorted, without other keys, and reads the live ones", async () => {
    const store = new MemoryKvStore();
    const rb = await store.update('g.b', 2);
    const rax = await store.update('g.a.x', 1);
    await store.update('gx.c', 3);
    await store.update('h.a', 4);
    await store.update('g.c', 5);
    await store.delete('g.c');
    const groups = byPrefix(1);
    const index = await groupKeys(store, groups, 'g');
    assert.deepEqual(index, { revision: await store.lastRevision(), keys: ['a.x', 'b'] });
    assert.deepEqual(await groupValues(store, groups, 'g', ['b', 'c', 'a.x']), [
      { key: 'b', value: 2, revision: rb },
      { key: 'a.x', value: 1, revision: rax },
    ]);
  });

  it('reads a key that is its own group, not the keys below it', async () => {
    const store = new MemoryKvStore();
    const r = await store.update('shop.x.y', 1);
    await store.update('shop.x.y.z', 2);
    const groups = underPrefix('shop', eachKey());
    const index = await groupKeys(store, groups, 'x.y');
    assert.deepEqual(index, { revision: await store.lastRevision(), keys: [''] });
    const read = (names: string[]) => groupValues(store, groups, 'x.y', names);
    assert.deepEqual(await page(index.keys, undefined, 1000, read), {
      entries: [{ key: '', value: 1, revision: r }],
    });
    await store.delete('shop.x.y');
    assert.deepEqual(await page(index.keys, undefined, 1000, read), { entries: [] });
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
