// The dashboard's pure parts: the client-side BoardView, permissions, names
// and action validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/log.ts';
import { Actions } from '../../services/dashboard/actions.ts';
import { BoardView, type AppliedChange } from '../../services/dashboard/board-view.ts';
import {
  actionSchema,
  boardGroup,
  DEFAULT_LIMITS,
  splitStoreKey,
  type BoardEvent,
} from '../../services/dashboard/model.ts';
import { permissionsOf } from '../../services/dashboard/permissions.ts';
import type { StreamContext } from '../../services/sdk/index.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';

const ev = (revision: number, prev: number, key = 'k', value: unknown = revision): BoardEvent => ({
  type: 'update',
  board: 'b',
  key,
  value,
  revision,
  pos: String(revision),
  prev,
});

describe('BoardView', () => {
  const start = () => {
    const applied: AppliedChange[] = [];
    const view = new BoardView(
      { board: 'b', revision: 10, entries: [{ key: 'k', value: 1, revision: 7 }] },
      (c) => applied.push(c),
    );
    return { view, applied };
  };

  it('drops events at or below the snapshot revision and applies the next ones', () => {
    const { view, applied } = start();
    assert.equal(view.event(ev(9, 7)), 'stale');
    assert.equal(view.event(ev(10, 9)), 'stale');
    assert.equal(view.event(ev(12, 10)), 'applied');
    assert.equal(view.event(ev(12, 10)), 'stale', 'a duplicate');
    assert.equal(view.event(ev(15, 12, 'n')), 'applied');
    assert.deepEqual(
      applied.map((c) => c.revision),
      [12, 15],
    );
    assert.equal(view.revision, 15);
    assert.deepEqual(view.items.get('n'), { value: 15, revision: 15 });
  });

  it('holds events during a sync, then applies its changes and the newer held events', () => {
    const { view, applied } = start();
    assert.deepEqual(view.syncRequest(), { action: 'sync', since: 10 });
    assert.equal(view.event(ev(13, 12)), 'queued');
    assert.equal(view.event(ev(14, 13)), 'queued');
    const outcome = view.synced({
      ok: true,
      revision: 13,
      changes: [
        { op: 'delete', key: 'k', revision: 11 },
        { op: 'put', key: 'k', value: 'x', revision: 12 },
        { op: 'put', key: 'k', value: 'y', revision: 13 },
      ],
    });
    assert.equal(outcome, 'ok');
    assert.deepEqual(
      applied.map((c) => [c.type, c.revision]),
      [
        ['delete', 11],
        ['create', 12],
        ['update', 13],
        ['update', 14],
      ],
    );
    assert.equal(view.revision, 14);
  });

  it('asks for a sync when an event names a previous revision it never saw', () => {
    const { view, applied } = start();
    assert.equal(view.event(ev(20, 18)), 'sync');
    assert.equal(view.event(ev(21, 20)), 'queued', 'later events wait behind the gap');
    view.syncRequest();
    assert.equal(
      view.synced({
        ok: true,
        revision: 19,
        changes: [{ op: 'put', key: 'k', value: 5, revision: 18 }],
      }),
      'ok',
    );
    assert.deepEqual(
      applied.map((c) => c.revision),
      [18, 20, 21],
    );
  });

  it('asks again when a held event is still ahead of what the sync covered', () => {
    const { view } = start();
    view.syncRequest();
    view.event(ev(30, 25));
    assert.equal(view.synced({ ok: true, revision: 20, changes: [] }), 'sync');
    view.syncRequest();
    assert.equal(view.synced({ ok: true, revision: 29, changes: [] }), 'ok');
    assert.equal(view.revision, 30);
  });
});

describe('dashboard permissions', () => {
  const table: Array<[Record<string, unknown> | undefined, boolean, boolean]> = [
    [undefined, false, false],
    [{}, false, false],
    [{ scope: 'profile email' }, false, false],
    [{ scope: 'profile dashboard:write' }, true, true],
    [{ scope: ['dashboard:write'] }, true, true],
    [{ scope: 'dashboard:writer' }, false, false],
    [{ scope: 'dashboard:announce' }, false, true],
    [{ roles: ['viewer', 'admin'] }, true, true],
    [{ roles: 'admin' }, true, true],
    [{ roles: [{ admin: true }] }, false, false],
    [{ scope: 42 }, false, false],
  ];
  for (const [claims, write, announce] of table)
    it(`${JSON.stringify(claims)} → write ${write}, announce ${announce}`, () => {
      assert.deepEqual(permissionsOf(claims), { write, announce });
    });
});

describe('dashboard names and actions', () => {
  it('maps boards to group names and store keys back to boards', () => {
    assert.equal(boardGroup('ops-1_A'), 'dashboard.ops-1_A');
    assert.deepEqual(splitStoreKey('ops.cpu'), { board: 'ops', key: 'cpu' });
    assert.deepEqual(splitStoreKey('ops.cpu.user'), { board: 'ops', key: 'cpu.user' });
    for (const k of ['ops', 'ops.', 'a/b.c', 'ops.c=d'])
      assert.equal(splitStoreKey(k), undefined, k);
  });

  it('accepts numbers and small objects as values, nothing else', () => {
    const schema = actionSchema({ ...DEFAULT_LIMITS, maxValueBytes: 32 });
    const ok = (value: unknown) => schema.safeParse({ action: 'create', key: 'k', value }).success;
    assert.ok(ok(1.5));
    assert.ok(ok({ a: [1, { b: null }] }));
    for (const bad of ['s', true, null, [1], { long: 'x'.repeat(40) }])
      assert.ok(!ok(bad), JSON.stringify(bad));
    assert.deepEqual(schema.parse({ action: 'increment', key: 'n' }), {
      action: 'increment',
      key: 'n',
      by: 1,
    });
    assert.ok(!schema.safeParse({ action: 'sync', since: -1 }).success);
    assert.ok(!schema.safeParse({ action: 'announce', message: '   ' }).success);
  });
});

describe('dashboard sync action', () => {
  it('keeps only the last change of each key past maxSyncChanges, marked compacted', async () => {
    const store = new MemoryKvStore();
    const actions = new Actions({
      store,
      limits: { ...DEFAULT_LIMITS, maxSyncChanges: 4 },
      log: silentLogger,
    });
    const ctx = { scope: { user: '', claims: undefined } } as unknown as StreamContext;
    const revs: number[] = [];
    for (let i = 0; i < 3; i++)
      revs.push(await store.update('b.x', i), await store.update('b.y', i));
    const rz = await store.delete('b.x');
    const full = await actions.handle(ctx, 'b', { action: 'sync', since: revs[3]! });
    assert.deepEqual(full, {
      ok: true,
      revision: rz,
      pos: String(rz),
      recovered: true,
      changes: [
        { op: 'put', key: 'x', value: 2, revision: revs[4] },
        { op: 'put', key: 'y', value: 2, revision: revs[5] },
        { op: 'delete', key: 'x', revision: rz },
      ],
    });
    const compacted = {
      ok: true,
      revision: rz,
      pos: String(rz),
      changes: [
        { op: 'put', key: 'y', value: 2, revision: revs[5] },
        { op: 'delete', key: 'x', revision: rz },
      ],
      recovered: false,
      compacted: true,
    };
    assert.deepEqual(await actions.handle(ctx, 'b', { action: 'sync', since: 0 }), compacted);
    // `since` may be a pos, as the snapshot, events and sync replies give it.
    assert.deepEqual(await actions.handle(ctx, 'b', { action: 'sync', since: '0' }), compacted);
    assert.deepEqual(
      await actions.handle(ctx, 'b', { action: 'sync', since: String(revs[3]) }),
      full,
    );
    assert.equal(
      ((await actions.handle(ctx, 'b', { action: 'sync', since: 'x1' })) as { ok: boolean }).ok,
      false,
    );
  });
});
