// The relay lease and the relay's feed across a lapse, on the in-memory
// store: one holder at a time, a lease that survives slow renewals, and a
// holder that stood down for lateness taking its own lease straight back and
// resuming its feed where it stopped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/log.ts';
import { BindingRelay } from '../../services/sdk/binding/relay.ts';
import { Lease } from '../../services/sdk/binding/lease.ts';
import { byPrefix } from '../../services/sdk/index.ts';
import type { KvStore, Publisher } from '../../services/sdk/index.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';
import { until } from '../helpers/wait.ts';

// Long enough that a loaded machine does not stall a renewal past ttl/2.
const TTL = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A store that fails every call while `down` is set (a replica cut off from
 * NATS), whose writes take `writeMs` (a busy process), and which records the
 * `after` of each watch.
 */
function faulty(store: KvStore) {
  const p = { down: false, writeMs: 0, watches: [] as (number | undefined)[] };
  const wrapped = {} as Record<string, unknown>;
  for (const m of [
    'get',
    'list',
    'keys',
    'getMany',
    'changesSince',
    'lastRevision',
    'create',
    'update',
    'delete',
    'watch',
  ] as const)
    wrapped[m] = async (...args: unknown[]) => {
      if (p.down) throw new Error('partitioned');
      if (m === 'watch') p.watches.push(args[1] as number | undefined);
      if (p.writeMs > 0 && (m === 'update' || m === 'create')) await sleep(p.writeMs);
      return (store[m] as (...a: unknown[]) => Promise<unknown>).apply(store, args);
    };
  return Object.assign(p, { store: wrapped as unknown as KvStore });
}

function contender(store: KvStore, holder: string, position: () => number) {
  const events: string[] = [];
  let acquiredAt = -1;
  const lease = new Lease({
    store,
    key: 'relay',
    holder,
    ttlMs: TTL,
    position,
    onAcquire: (p, own) => {
      acquiredAt = p;
      events.push(own ? `take back ${p}` : `acquire ${p}`);
    },
    onLose: () => events.push('lose'),
    log: silentLogger,
  });
  return { lease, events, acquired: () => acquiredAt };
}

describe('relay lease', () => {
  it('is held by one contender, and handed over with its position on stop', async () => {
    const store = new MemoryKvStore({ history: 1 });
    const a = contender(store, 'a', () => 41);
    const b = contender(store, 'b', () => 0);
    a.lease.start();
    await until(() => a.lease.held);
    b.lease.start();
    await sleep(TTL * 2);
    assert.ok(a.lease.held && !b.lease.held, 'a renews, so b never takes over');
    await a.lease.stop();
    await until(() => b.lease.held, 2000, 'b taking over');
    assert.deepEqual(a.events, ['acquire 0', 'lose']);
    assert.deepEqual(b.events, ['acquire 41']);
    await b.lease.stop();
  });

  it('moves to another contender when the holder is cut off, and the holder stands down', async () => {
    const store = new MemoryKvStore({ history: 1 });
    const cut = faulty(store);
    const a = contender(cut.store, 'a', () => 7);
    const b = contender(store, 'b', () => 0);
    a.lease.start();
    await until(() => a.lease.held);
    b.lease.start();
    await sleep(TTL); // a renews, recording its position
    cut.down = true;
    await until(() => b.lease.held, 3000, 'b taking over');
    assert.ok(!a.lease.held, 'a stood down before b took over');
    assert.equal(a.events.at(-1), 'lose');
    assert.equal(b.acquired(), 7, 'b resumes from the position a last recorded');
    cut.down = false;
    await sleep(TTL * 2);
    assert.ok(!a.lease.held, 'a does not take it back while b renews');
    assert.ok(!a.events.some((e) => e.startsWith('take back')), a.events.join());
    await Promise.all([a.lease.stop(), b.lease.stop()]);
  });

  it('keeps the lease while each renewal takes a quarter of the ttl', async () => {
    // With one renewal every ttl/3, counted from the end of the previous
    // one, a holder whose writes took ttl/4 was past ttl/2 at every check.
    const slow = faulty(new MemoryKvStore({ history: 1 }));
    const a = contender(slow.store, 'a', () => 0);
    a.lease.start();
    await until(() => a.lease.held);
    slow.writeMs = TTL / 4;
    await sleep(TTL * 3);
    assert.deepEqual(a.events, ['acquire 0']);
    assert.ok(a.lease.held);
    await a.lease.stop();
  });

  it('takes its own lease straight back after standing down, when nobody wrote it since', async () => {
    const store = new MemoryKvStore({ history: 1 });
    const cut = faulty(store);
    let position = 5;
    const a = contender(cut.store, 'a', () => position);
    a.lease.start();
    await until(() => a.lease.held);
    await sleep(TTL / 2); // a renews, recording position 5
    cut.down = true;
    await until(() => !a.lease.held, 3000, 'a standing down');
    position = 9;
    cut.down = false;
    const back = performance.now();
    await until(() => a.lease.held, 3000, 'a taking it back');
    // Not a takeover, which waits a whole ttl of an unchanged record.
    assert.ok(performance.now() - back < TTL, 'taken back within a check or two');
    assert.deepEqual(a.events, ['acquire 0', 'lose', 'take back 5']);
    assert.deepEqual((await store.get('relay'))?.value, { holder: 'a', position: 9 });
    await a.lease.stop();
  });
});

describe('binding relay across a lapse of its lease', () => {
  it('resumes its feed where it stopped: nothing read twice, nothing skipped, prev kept', async () => {
    const bucket = faulty(new MemoryKvStore({ history: 8 }));
    const leases = faulty(new MemoryKvStore({ history: 1 }));
    type Event = { type: string; key: string; revision: number; prev: number };
    const published: (Event & { group: string })[] = [];
    const publisher = {
      toGroup: (group: string, { type, key, revision, prev }: Event) =>
        published.push({ group, type, key, revision, prev }),
    } as unknown as Publisher;
    const r1 = await bucket.store.update('g.a', 1);
    const relay = new BindingRelay({
      store: bucket.store,
      leaseStore: leases.store,
      leaseKey: 'relay',
      publisher,
      holder: 'a',
      ttlMs: TTL,
      log: silentLogger,
      groups: byPrefix(1),
      busGroup: (g) => `b.${g}`,
      groupField: 'group',
    });
    relay.start();
    await until(() => relay.active && relay.position >= r1, 3000, 'the relay');
    const r2 = await bucket.store.update('g.a', 2);
    await until(() => relay.position >= r2, 3000, 'r2 relayed');

    leases.down = true;
    await until(() => !relay.active, 3000, 'the relay standing down');
    const r3 = await bucket.store.update('g.b', 3); // written while nobody relays
    leases.down = false;
    await until(() => relay.active && relay.position >= r3, 3000, 'the relay back');
    const r4 = await bucket.store.update('g.a', 4);
    await until(() => relay.position >= r4, 3000, 'r4 relayed');
    await relay.stop();

    assert.deepEqual(bucket.watches, [undefined, r2], 'the second feed reads on after r2');
    assert.deepEqual(published, [
      { group: 'b.g', type: 'create', key: 'a', revision: r1, prev: 0 },
      { group: 'b.g', type: 'update', key: 'a', revision: r2, prev: r1 },
      { group: 'b.g', type: 'create', key: 'b', revision: r3, prev: r2 },
      { group: 'b.g', type: 'update', key: 'a', revision: r4, prev: r3 },
    ]);
  });
});
