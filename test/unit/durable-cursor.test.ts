// Where a client stands in a durable group, and how it catches up: located at
// join, live messages classified, missed ones replayed from the store (the
// in-memory one here; the same store contract runs on JetStream).
import { JSON_ENCODING } from '../../gateway/encoding.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { DurableCursor, type ReplayTarget } from '../../gateway/durable-cursor.ts';
import { LiveMessage } from '../../gateway/live.ts';
import { GroupMessage } from '../../proto/index.ts';

// The stream the cursor writes to, in JSON.
const S = { name: 's', nameJson: '"s"', encoding: JSON_ENCODING };

const enc = new TextEncoder();

async function room(maxPerGroup = 100) {
  const broker = new MemoryBroker();
  const bus = broker.connect();
  const store = broker.durable;
  await store.declare({
    name: 'rooms',
    subjects: 'p.group.room.>',
    live: 'p.dlive.room.>',
    maxPerGroup,
    maxAgeMs: 0,
    replicas: 1,
  });
  const subject = 'p.group.room.a';
  const publish = async (n: number) =>
    (
      await store.publish(
        subject,
        GroupMessage.encode({
          group: 'room.a',
          payload: enc.encode(JSON.stringify({ n })),
        }).finish(),
      )
    ).seq;
  return { bus, store, subject, publish };
}

/** Collects what a replay writes, as the payloads' counters. */
function target(opts: { stopAfter?: number; overflowOnce?: boolean } = {}) {
  const written: number[] = [];
  let overflow = opts.overflowOnce ?? false;
  const t: ReplayTarget = {
    write(frame) {
      written.push((JSON.parse(frame.toString()) as { payload: { n: number } }).payload.n);
      return opts.stopAfter === undefined || written.length < opts.stopAfter;
    },
    whenWritable: async () => undefined,
    takeOverflow() {
      const was = overflow;
      overflow = false;
      return was;
    },
    undecodable: () => assert.fail('undecodable'),
  };
  return { t, written };
}

describe('DurableCursor', () => {
  it('starts after since when nothing after it is lost, and says recovered', async () => {
    const r = await room();
    const first = await r.publish(1);
    for (let n = 2; n <= 5; n++) await r.publish(n);
    const at = await DurableCursor.locate(
      r.store,
      r.subject,
      S,
      `${(await r.store.last(r.subject))!.epoch}:${first}`,
      undefined,
    );
    assert.deepEqual([at.recovered, at.cursor.lastSeq], [true, first]);
    const { t, written } = target();
    await at.cursor.replay(at.cursor.lastSeq, at.upTo, t);
    assert.deepEqual(written, [2, 3, 4, 5]);
  });

  it('starts live, not recovered, when since is unknown, and after a snapshot when one is named', async () => {
    const r = await room();
    const third = [await r.publish(1), await r.publish(2), await r.publish(3)][2]!;
    await r.publish(4);
    const junk = await DurableCursor.locate(r.store, r.subject, S, 'junk', undefined);
    assert.deepEqual([junk.recovered, junk.cursor.lastSeq], [false, junk.upTo]);
    const epoch = (await r.store.last(r.subject))!.epoch;
    const snap = await DurableCursor.locate(r.store, r.subject, S, undefined, `${epoch}:${third}`);
    assert.deepEqual([snap.recovered, snap.cursor.lastSeq], [undefined, third]);
  });

  it('classifies live messages: seen, new, or after a gap', async () => {
    const r = await room();
    const at = await DurableCursor.locate(r.store, r.subject, S, undefined, undefined);
    const c = at.cursor;
    const live = (seq: number, prev: number) => new LiveMessage(seq, prev, '1');
    assert.equal(c.classify(live(c.lastSeq, 0)), 'seen');
    assert.equal(c.classify(live(c.lastSeq + 1, c.lastSeq)), 'new');
    c.take(live(c.lastSeq + 1, c.lastSeq));
    assert.equal(
      c.classify(live(c.lastSeq + 5, c.lastSeq + 3)),
      'gap',
      'its predecessor never came',
    );
  });

  it('reads on to where the group is now after live messages overflowed', async () => {
    const r = await room();
    const at = await DurableCursor.locate(r.store, r.subject, S, undefined, undefined);
    for (let n = 1; n <= 3; n++) await r.publish(n);
    const { t, written } = target({ overflowOnce: true });
    await at.cursor.replay(at.cursor.lastSeq, at.upTo, t);
    assert.deepEqual(written, [1, 2, 3]);
  });

  it('stops when the stream ends, and throws when the store dropped what it had to replay', async () => {
    const r = await room(3);
    const first = await r.publish(1);
    const epoch = (await r.store.last(r.subject))!.epoch;
    for (let n = 2; n <= 3; n++) await r.publish(n);
    const at = await DurableCursor.locate(r.store, r.subject, S, `${epoch}:${first}`, undefined);
    const stopped = target({ stopAfter: 1 });
    await at.cursor.replay(at.cursor.lastSeq, at.upTo, stopped.t);
    assert.deepEqual(stopped.written, [2]);
    for (let n = 4; n <= 9; n++) await r.publish(n);
    const late = await DurableCursor.locate(r.store, r.subject, S, undefined, `${epoch}:${first}`);
    await assert.rejects(late.cursor.replay(late.cursor.lastSeq, late.upTo, target().t), /dropped/);
  });
});
