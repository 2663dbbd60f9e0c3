// Issue 11 item 7: a relay that reads a history with holes (a key's history
// overran while no relay ran) marks the events after a hole `gap`, and
// BoardView syncs on such an event; a failed sync is retried after a growing
// pause.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoardView, SYNC_RETRY } from '../../services/dashboard/board-view.ts';
import type { BoardEvent } from '../../services/dashboard/model.ts';
import { toEvent, unseen } from '../../services/dashboard/relay.ts';
import type { Change } from '../../services/sdk/index.ts';

const put = (key: string, revision: number, value: number = revision): Change => ({
  op: 'put',
  key,
  value,
  revision,
});

describe('relay gap marking', () => {
  it('marks nothing while the history is whole', () => {
    const seen = unseen();
    const events = [put('ops.a', 1), put('ops.b', 2), put('ops.a', 3)].map((c) => toEvent(c, seen));
    assert.deepEqual(
      events.map((e) => [e?.type, e?.prev, e?.gap]),
      [
        ['create', 0, undefined],
        ['create', 1, undefined],
        ['update', 2, undefined],
      ],
    );
  });

  it('marks the first event after revisions the history lost, and only the boards they may belong to', () => {
    // ops.cpu was written at 1..120; the bucket kept its last 2 (119, 120),
    // and logs.x (121) came after: the relay reads 119, 120, 121.
    const seen = unseen();
    const cpu1 = toEvent(put('ops.cpu', 119), seen)!;
    const cpu2 = toEvent(put('ops.cpu', 120), seen)!;
    const logs = toEvent(put('logs.x', 121), seen)!;
    // Without the mark this was `create` with prev 0: 118 skipped revisions, invisible.
    assert.equal(cpu1.type, 'create');
    assert.equal(cpu1.prev, 0);
    assert.equal(cpu1.gap, true, 'the first event after the hole says so');
    assert.equal(cpu2.gap, undefined, 'the next one follows a revision the relay read');
    assert.equal(logs.gap, true, 'a board with no event since the hole may have lost some too');
    // A board whose previous event came after the last hole is whole again.
    assert.equal(toEvent(put('logs.x', 122), seen)!.gap, undefined);
  });

  it('marks a hole in the middle of the history, for the boards whose previous event is before it', () => {
    const seen = unseen();
    toEvent(put('a.k', 1), seen);
    toEvent(put('b.k', 2), seen);
    toEvent(put('b.k', 3), seen);
    // 4..9 are gone.
    assert.equal(toEvent(put('a.k', 10), seen)!.gap, true);
    assert.equal(toEvent(put('b.k', 11), seen)!.gap, true);
    assert.equal(toEvent({ op: 'delete', key: 'a.k', revision: 12 }, seen)!.gap, undefined);
  });
});

describe('BoardView and gaps', () => {
  const ev = (revision: number, prev: number, gap?: true): BoardEvent => ({
    type: 'update',
    board: 'ops',
    key: 'cpu',
    value: revision,
    revision,
    pos: String(revision),
    prev,
    ...(gap && { gap }),
  });

  it('syncs on a gap event even when its prev looks whole, and applies it after the sync', () => {
    const view = new BoardView({ board: 'ops', revision: 5, entries: [] });
    view.syncRequest();
    assert.equal(view.synced({ ok: true, revision: 5, changes: [] }), 'ok');
    assert.equal(view.event(ev(130, 0, true)), 'sync');
    assert.deepEqual(view.syncRequest(), { action: 'sync', since: 5 });
    const outcome = view.synced({
      ok: true,
      revision: 130,
      changes: [{ op: 'put', key: 'cpu', value: 130, revision: 130 }],
    });
    assert.equal(outcome, 'ok');
    assert.equal(view.revision, 130);
    assert.equal(view.items.get('cpu')?.value, 130);
    assert.equal(view.event(ev(131, 130)), 'applied');
  });

  it('asks again when a held gap event is ahead of what the sync covered', () => {
    const view = new BoardView({ board: 'ops', revision: 5, entries: [] });
    view.syncRequest();
    assert.equal(view.event(ev(40, 0, true)), 'queued');
    assert.equal(view.synced({ ok: true, revision: 20, changes: [] }), 'sync');
    view.syncRequest();
    assert.equal(view.synced({ ok: true, revision: 40, changes: [] }), 'ok');
  });

  it('retries a failed sync after a growing, capped pause, holding events meanwhile', () => {
    const view = new BoardView({ board: 'ops', revision: 5, entries: [] });
    view.syncRequest();
    const top = () => 1; // the pause's upper bound
    const bottom = () => 0; // its lower bound: half of it
    const pauses = [0, 1, 2, 3, 4, 5, 6, 7].map(() => view.syncFailed(top));
    assert.deepEqual(
      pauses,
      [250, 500, 1000, 2000, 4000, 8000, 8000, 8000].map((ms) => Math.min(ms, SYNC_RETRY.maxMs)),
    );
    assert.equal(view.syncFailed(bottom), SYNC_RETRY.maxMs / 2);
    assert.equal(view.syncing, true, 'still syncing: events are held');
    assert.equal(view.event(ev(6, 5)), 'queued');
    view.syncRequest();
    assert.equal(view.synced({ ok: true, revision: 5, changes: [] }), 'ok');
    assert.equal(view.revision, 6, 'the held event applied after the sync');
    assert.equal(view.syncFailures, 0, 'a sync that worked resets the pauses');
    assert.equal(view.syncFailed(top), SYNC_RETRY.firstMs);
  });
});
