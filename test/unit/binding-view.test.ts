// The client library's binding view (client/binding.ts) against a fake
// stream whose replies the test gives by hand: the load (snapshot, pages,
// sync), live events by revision, a missed event, a resume's payload and
// its two answers, the held-events limit, and retries of a failed sync.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BindingView, type BindableStream } from '../../client/binding.ts';
import { Emitter } from '../../client/emitter.ts';
import { MuxError } from '../../client/errors.ts';
import type { LeftEvent, StreamState } from '../../client/stream-types.ts';

interface FakeEvents {
  joined: { payload: unknown; rejoin: boolean };
  message: unknown;
  left: LeftEvent;
}

/** A stream that records join payloads and requests, and answers when told. */
class FakeStream extends Emitter<FakeEvents> implements BindableStream {
  readonly name = 'inv:g';
  state: StreamState = 'idle';
  readonly joins: unknown[] = [];
  readonly asked: {
    payload: Record<string, unknown>;
    answer(r: unknown): void;
    fail(e: Error): void;
  }[] = [];

  async join(payload?: unknown): Promise<unknown> {
    this.joins.push(JSON.parse(JSON.stringify(payload ?? null)));
    this.state = 'joining';
    return undefined;
  }
  readonly timeouts: (number | undefined)[] = [];
  request(payload: unknown, opts?: { timeout?: number }): Promise<unknown> {
    this.timeouts.push(opts?.timeout);
    return new Promise((answer, fail) =>
      this.asked.push({ payload: payload as Record<string, unknown>, answer, fail }),
    );
  }
  async leave(): Promise<void> {
    this.state = 'left';
  }
  joined(payload: unknown, rejoin = false): void {
    this.state = 'joined';
    this.emit('joined', { payload, rejoin });
  }
  event(e: object): void {
    this.emit('message', e);
  }
  left(): void {
    this.state = 'left';
    this.emit('left', { by: 'server', code: 'unavailable', reason: 'gone' });
  }
  /** The join frame a rejoin would send now. */
  rejoinPayload(view: BindingView): unknown {
    return JSON.parse(JSON.stringify(view.payload));
  }
  /** Answers the oldest request, which must be `action`. */
  async answer(action: string, reply: unknown): Promise<Record<string, unknown>> {
    await until(() => this.asked.length > 0);
    const r = this.asked.shift()!;
    assert.equal(r.payload.action, action);
    r.answer(reply);
    await sleep(0);
    return r.payload;
  }
}

async function until(cond: () => boolean): Promise<void> {
  // A bound on turns, not on time: only a hang fails here.
  for (let i = 0; i < 5000 && !cond(); i++) await sleep(1);
  assert.ok(cond(), 'condition never held');
}

const entry = (key: string, revision: number, value: unknown = revision) => ({
  key,
  value,
  revision,
});
const ev = (
  type: string,
  key: string,
  revision: number,
  prev: number,
  value?: unknown,
  extra: object = {},
) => ({
  type,
  group: 'g',
  key,
  revision,
  pos: String(revision),
  prev,
  ...(type !== 'delete' && { value: value ?? revision }),
  ...extra,
});
const values = (v: BindingView) =>
  Object.fromEntries([...v.items].map(([k, e]) => [k, [e.value, e.revision]]));

/** A view joined and loaded from a one-page snapshot at `revision`. */
async function loaded(entries = [entry('a', 1), entry('b', 2)], revision = 2) {
  const s = new FakeStream();
  const view = new BindingView(s, { retry: { firstMs: 1, maxMs: 4 }, timeout: 1234 });
  void view.join();
  s.joined({ group: 'g', revision, pos: String(revision), entries });
  await s.answer('sync', { ok: true, revision, pos: String(revision), changes: [] });
  return { s, view };
}

describe('binding view', () => {
  it('loads every page, then syncs from the first page’s revision; events wait meanwhile', async () => {
    const s = new FakeStream();
    const view = new BindingView(s);
    const resets: unknown[] = [];
    view.on('reset', (r) => resets.push(r));
    const done = view.join();
    assert.deepEqual(s.joins, [{}], 'no since before the view holds anything');
    s.joined({ group: 'g', revision: 10, pos: '10', entries: [entry('a', 3)], next: 'a' });
    s.event(ev('update', 'a', 11, 10, 'a11'));
    assert.deepEqual(
      await s.answer('page', { ok: true, revision: 12, entries: [entry('b', 12)], next: 'b' }),
      {
        action: 'page',
        after: 'a',
      },
    );
    assert.equal(view.complete, false);
    assert.equal(view.items.size, 0, 'nothing shown before the whole group is in');
    await s.answer('page', { ok: true, revision: 12, entries: [entry('c', 9)] });
    const sync = await s.answer('sync', {
      ok: true,
      revision: 12,
      pos: '12',
      changes: [
        { op: 'put', key: 'a', value: 'a11', revision: 11 },
        { op: 'put', key: 'b', value: 12, revision: 12 },
      ],
      recovered: true,
    });
    assert.deepEqual(sync, { action: 'sync', since: 10 });
    await done;
    assert.deepEqual(values(view), { a: ['a11', 11], b: [12, 12], c: [9, 9] });
    assert.equal(view.revision, 12);
    assert.deepEqual(resets, [{ size: 3, reload: false }]);
    assert.deepEqual(new Set(s.timeouts), new Set([10_000]), 'the default timeout');
    assert.deepEqual(s.rejoinPayload(view), { since: '12' });
  });

  it('applies events above its revision, drops the others, and deletes', async () => {
    const { s, view } = await loaded();
    const changes: unknown[] = [];
    view.on('change', (c) => changes.push(c));
    s.event(ev('update', 'a', 2, 1)); // already held
    s.event(ev('update', 'a', 3, 2, 'x'));
    s.event(ev('create', 'c', 4, 3));
    s.event(ev('delete', 'b', 5, 4));
    s.event(ev('update', 'c', 4, 3, 'old')); // a duplicate
    assert.deepEqual(values(view), { a: ['x', 3], c: [4, 4] });
    assert.deepEqual(
      changes.map((c) => (c as { type: string }).type),
      ['update', 'create', 'delete'],
    );
    assert.equal(s.asked.length, 0, 'no sync needed');
  });

  it('syncs when an event’s prev is above its revision, holding later events', async () => {
    const { s, view } = await loaded();
    s.event(ev('update', 'a', 7, 5, 'a7')); // 5 was missed
    s.event(ev('update', 'b', 8, 7, 'b8'));
    assert.deepEqual(values(view), { a: [1, 1], b: [2, 2] });
    const sync = await s.answer('sync', {
      ok: true,
      revision: 7,
      pos: '7',
      changes: [
        { op: 'put', key: 'c', value: 5, revision: 5 },
        { op: 'put', key: 'a', value: 'a7', revision: 7 },
      ],
      recovered: true,
    });
    assert.deepEqual(sync, { action: 'sync', since: 2 });
    assert.deepEqual(values(view), { a: ['a7', 7], b: ['b8', 8], c: [5, 5] });
    assert.equal(view.revision, 8);
  });

  it('asks a failed sync again after a pause, and tells each failure', async () => {
    const { s, view } = await loaded();
    const errors: string[] = [];
    view.on('error', (e) => errors.push(e.code));
    s.event(ev('update', 'a', 9, 4, 'a9', { gap: true }));
    await s.answer('sync', { ok: false, error: { code: 'unavailable', message: 'later' } });
    await until(() => s.asked.length > 0);
    s.asked.shift()!.fail(new MuxError('timeout', 'no reply'));
    await s.answer('sync', {
      ok: true,
      revision: 9,
      pos: '9',
      changes: [{ op: 'put', key: 'a', value: 'a9', revision: 9 }],
      recovered: true,
    });
    assert.deepEqual(errors, ['unavailable', 'timeout']);
    assert.deepEqual(new Set(s.timeouts), new Set([1234]), 'each attempt waits `timeout`');
    assert.deepEqual(values(view), { a: ['a9', 9], b: [2, 2] });
  });

  it('rejoins with since and applies only the changes when recovered', async () => {
    const { s, view } = await loaded();
    const got: unknown[] = [];
    view.on('recovered', (r) => got.push(r));
    view.on('reset', (r) => got.push(r));
    s.state = 'joining';
    assert.deepEqual(s.rejoinPayload(view), { since: '2' });
    s.joined(
      {
        group: 'g',
        revision: 6,
        pos: '6',
        since: '2',
        recovered: true,
        changes: [
          { op: 'delete', key: 'a', revision: 4 },
          { op: 'put', key: 'b', value: 'b5', revision: 5 },
        ],
      },
      true,
    );
    assert.equal(view.recovered, true);
    assert.deepEqual(got, [{ count: 2 }]);
    assert.deepEqual(values(view), { b: ['b5', 5] });
    assert.equal(view.revision, 6);
    assert.equal(s.asked.length, 0, 'a resume asks nothing more');
  });

  it('replaces the map when the rejoin is not recovered', async () => {
    const { s, view } = await loaded();
    const resets: unknown[] = [];
    view.on('reset', (r) => resets.push(r));
    const items = view.items;
    s.joined(
      { group: 'g', revision: 40, pos: '40', entries: [entry('z', 33)], recovered: false },
      true,
    );
    assert.deepEqual(values(view), { a: [1, 1], b: [2, 2] }, 'the old map until the new is whole');
    assert.deepEqual(s.rejoinPayload(view), {}, 'no since while loading');
    await s.answer('sync', { ok: true, revision: 40, pos: '40', changes: [] });
    assert.deepEqual(values(view), { z: [33, 33] });
    assert.equal(view.recovered, false);
    assert.deepEqual(resets, [{ size: 1, reload: true }]);
    assert.equal(view.items, items, 'the same Map, refilled');
  });

  it('drops held events past maxHeldEvents and syncs again for them', async () => {
    const s = new FakeStream();
    const view = new BindingView(s, { maxHeldEvents: 3 });
    void view.join();
    s.joined({ group: 'g', revision: 1, pos: '1', entries: [entry('a', 1)] });
    for (let r = 2; r <= 6; r++) s.event(ev('update', 'a', r, r - 1));
    await s.answer('sync', {
      ok: true,
      revision: 2,
      pos: '2',
      changes: [{ op: 'put', key: 'a', value: 2, revision: 2 }],
    });
    // The 4th event passed the limit: the held events were dropped, and a
    // second sync brings what they held.
    const again = await s.answer('sync', {
      ok: true,
      revision: 6,
      pos: '6',
      changes: [{ op: 'put', key: 'a', value: 6, revision: 6 }],
    });
    assert.deepEqual(again, { action: 'sync', since: 2 });
    assert.deepEqual(values(view), { a: [6, 6] });
  });

  it('stops what a join was doing when the stream rejoins or is left', async () => {
    const s = new FakeStream();
    const view = new BindingView(s, { retry: { firstMs: 5, maxMs: 5 } });
    const done = view.join();
    s.joined({ group: 'g', revision: 3, pos: '3', entries: [entry('a', 1)], next: 'a' });
    await until(() => s.asked.length === 1);
    s.state = 'joining';
    s.asked.shift()!.fail(new MuxError('disconnected', 'gone'));
    s.joined({ group: 'g', revision: 4, pos: '4', entries: [entry('a', 4)] }, true);
    await s.answer('sync', { ok: true, revision: 4, pos: '4', changes: [] });
    await done;
    assert.deepEqual(values(view), { a: [4, 4] });
    await sleep(20);
    assert.equal(s.asked.length, 0, 'the first load’s page is not asked again');

    const other = new FakeStream();
    const second = new BindingView(other);
    const pending = second.join();
    other.joined({ group: 'g', revision: 3, pos: '3', entries: [], next: 'a' });
    other.left();
    await assert.rejects(pending, /gone/);
    assert.equal(second.complete, false);
  });
});
