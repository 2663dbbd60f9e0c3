// Presence's pure parts (protocol 1.1 §4.3): the coalescer (what a diff
// says, and how often diffs go), the answer's cut, and one group's roster as
// gateways announce, replace and lose their members.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PresenceBatch, Throttle, type Clock } from '../../gateway/presence-batch.ts';
import {
  presenceAnswer,
  presenceDiffFrame,
  presenceRecord,
  PresenceRoster,
  type PresenceRecord,
} from '../../gateway/presence-roster.ts';

/** A clock the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(++next, { at: now + ms, fn });
      return next;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((x, y) => x[1].at - y[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

const rec = (conn: string, info?: string): PresenceRecord =>
  presenceRecord(conn, `u-${conn}`, info);
const conns = (l: PresenceRecord[]) => l.map((m) => m.conn).sort();

describe('the presence coalescer', () => {
  const cases: {
    name: string;
    ops: ['join' | 'leave', string, boolean?][];
    joins: string[];
    leaves: string[];
  }[] = [
    { name: 'a join', ops: [['join', 'a', false]], joins: ['a'], leaves: [] },
    { name: 'a leave', ops: [['leave', 'a']], joins: [], leaves: ['a'] },
    {
      name: 'a join undone by its leave',
      ops: [
        ['join', 'a', false],
        ['leave', 'a'],
      ],
      joins: [],
      leaves: [],
    },
    {
      name: 'a leave then a rejoin: an upsert',
      ops: [
        ['leave', 'a'],
        ['join', 'a', false],
      ],
      joins: ['a'],
      leaves: [],
    },
    {
      name: 'join, leave, join: once',
      ops: [
        ['join', 'a', false],
        ['leave', 'a'],
        ['join', 'a', false],
      ],
      joins: ['a'],
      leaves: [],
    },
    {
      name: 'a member that was there changes and leaves: a leave',
      ops: [
        ['join', 'a', true],
        ['leave', 'a'],
      ],
      joins: [],
      leaves: ['a'],
    },
    {
      name: 'many, each once',
      ops: [
        ['join', 'a', false],
        ['join', 'b', false],
        ['leave', 'c'],
        ['join', 'b', true],
      ],
      joins: ['a', 'b'],
      leaves: ['c'],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const b = new PresenceBatch<PresenceRecord>();
      for (const [op, conn, was] of c.ops)
        if (op === 'join') b.join(conn, rec(conn), was ?? false);
        else b.leave(conn, rec(conn));
      assert.equal(b.empty, c.joins.length + c.leaves.length === 0);
      const out = b.take();
      assert.deepEqual([conns(out.joins), conns(out.leaves)], [c.joins, c.leaves]);
      assert.ok(b.empty);
    });

  it('flushes at most once per interval, the first change without waiting', () => {
    const clock = manualClock();
    const flushes: number[] = [];
    const t = new Throttle(100, () => flushes.push(clock.now()), clock);
    t.poke();
    t.poke();
    clock.advance(0);
    assert.deepEqual(flushes, [0]);
    // Changes every 10 ms for a second: one flush per 100 ms (at 100, 200, … 1,100 ms).
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      t.poke();
    }
    clock.advance(200);
    const gaps = flushes.slice(1).map((at, i) => at - flushes[i]!);
    assert.ok(
      gaps.every((g) => g >= 100),
      `gaps ${gaps.join(',')}`,
    );
    assert.equal(flushes.length, 12);
    // Quiet: nothing more.
    clock.advance(1000);
    assert.equal(flushes.length, 12);
  });

  it('now() flushes a pending change at once, and nothing when none is pending', () => {
    const clock = manualClock();
    let n = 0;
    const t = new Throttle(100, () => n++, clock);
    t.now();
    assert.equal(n, 0);
    t.poke();
    t.now();
    assert.equal(n, 1);
    clock.advance(500);
    assert.equal(n, 1);
  });
});

describe('the presence answer', () => {
  const members = Array.from({ length: 1500 }, (_, i) =>
    rec(`c${i}`, i % 2 ? '{"name":"x"}' : undefined),
  );

  it('cuts the list at the limit and keeps the count exact', () => {
    const f = JSON.parse(presenceAnswer('"room:a"', 7, 1500, members, 1000)) as {
      count: number;
      members: { conn: string }[];
      ref: number;
    };
    assert.equal(f.count, 1500);
    assert.equal(f.members.length, 1000);
    assert.equal(f.ref, 7);
    assert.deepEqual(f.members[1], { conn: 'c1', user: 'u-c1', info: { name: 'x' } });
  });

  it('lists everyone under the limit, and carries no ref when asked without one', () => {
    const f = JSON.parse(
      presenceAnswer('"room:a"', undefined, 3, members.slice(0, 3), 1000),
    ) as object;
    assert.deepEqual(Object.keys(f), ['type', 'stream', 'count', 'members']);
    assert.equal((f as { members: unknown[] }).members.length, 3);
  });

  it('encodes a diff with its count', () => {
    const f = JSON.parse(presenceDiffFrame('"room:a"', 2, [rec('a')], [rec('b', '[1]')])) as object;
    assert.deepEqual(f, {
      type: 'presence_diff',
      stream: 'room:a',
      joins: [{ conn: 'a', user: 'u-a' }],
      leaves: [{ conn: 'b', user: 'u-b', info: [1] }],
      count: 2,
    });
  });
});

describe('a presence roster', () => {
  it('counts a connection once across its streams', () => {
    const r = new PresenceRoster();
    r.enter(rec('a'));
    r.enter(rec('a'));
    assert.equal(r.count, 1);
    r.exit('a');
    assert.equal(r.count, 1);
    r.exit('a');
    assert.equal(r.count, 0);
    // Joined and gone between two flushes: neither the bus nor the members hear of it.
    assert.ok(r.own.empty && r.view.empty);
  });

  it('replaces a gateway’s members with its state, as joins and leaves of the difference', () => {
    const r = new PresenceRoster();
    r.applyDiff('g2', [rec('a'), rec('b')], []);
    r.view.take();
    r.replace(
      'g2',
      new Map([
        ['b', rec('b')],
        ['c', rec('c')],
      ]),
    );
    const d = r.view.take();
    assert.deepEqual([conns(d.joins), conns(d.leaves)], [['c'], ['a']]);
    assert.equal(r.count, 2);
  });

  it('drops a lost gateway’s members and nobody else’s', () => {
    const r = new PresenceRoster();
    r.enter(rec('mine'));
    r.applyDiff('g2', [rec('x'), rec('y')], []);
    r.applyDiff('g3', [rec('z')], []);
    r.view.take();
    assert.ok(r.drop('g2'));
    assert.equal(r.count, 2);
    assert.deepEqual(conns(r.view.take().leaves), ['x', 'y']);
    assert.ok(!r.drop('g2'));
  });
});
