// One contract suite for every DurableStore: what the gateway relies on to
// deliver durable groups with positions and to resume them. Run against the
// in-memory broker and a real nats-server (test/system/durable.test.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Bus, BusMessage } from '../../bus/bus.ts';
import { liveCopyOf, MSG_ID_HEADER, type DurableStore } from '../../bus/durable.ts';
import { collect } from './wait.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface DurableFactory {
  /** A bus with a durable store; every bus one factory makes talks to the same broker. */
  make(): Promise<Bus>;
}

export function durableContract(name: string, factory: DurableFactory): void {
  describe(`DurableStore contract: ${name}`, () => {
    /** A declaration of its own for each test, so tests never share a store. */
    async function declared(maxPerGroup = 100) {
      const bus = await factory.make();
      const store = bus.durable as DurableStore;
      const p = `d${randomBytes(4).toString('hex')}`;
      await store.declare({
        name: `${p}_DG`,
        subjects: `${p}.group.room.>`,
        live: `${p}.dlive.room.>`,
        maxPerGroup,
        maxAgeMs: 0,
        replicas: 1,
      });
      const group = (g: string) => `${p}.group.room.${g}`;
      const live = (g: string) => `${p}.dlive.room.${g}`;
      const publish = (g: string, text: string) => bus.publish(group(g), enc.encode(text));
      return { bus, store, group, live, publish };
    }

    it('stores a message before its live copy goes out, with its sequence and its group’s previous one', async () => {
      const { bus, store, group, live, publish } = await declared();
      const got = collect<BusMessage>();
      bus.subscribe(live('a'), got.push);
      await bus.flush();
      publish('a', 'one');
      publish('b', 'elsewhere');
      publish('a', 'two');
      const [first, second] = await got.wait(2);
      const c1 = liveCopyOf(first!)!;
      const c2 = liveCopyOf(second!)!;
      assert.deepEqual([dec.decode(first!.data), dec.decode(second!.data)], ['one', 'two']);
      assert.equal(c1.prev, 0, 'the group’s first message has no predecessor');
      assert.equal(c2.prev, c1.seq, 'the other group’s message is not in this chain');
      assert.ok(c2.seq > c1.seq + 1, 'one sequence for the whole store');
      assert.equal((await store.last(group('a')))?.seq, c2.seq);
      assert.equal((await store.last(group('empty')))?.seq, 0);
      assert.equal(await store.last(`nowhere.${randomBytes(3).toString('hex')}`), undefined);
      await bus.drain();
    });

    it('resolves an acknowledged publish with the stored position, before its live copy', async () => {
      const { bus, store, group, live } = await declared();
      const got = collect<BusMessage>();
      bus.subscribe(live('a'), got.push);
      await bus.flush();
      const at = await store.publish(group('a'), enc.encode('acked'));
      assert.equal((await store.last(group('a')))?.seq, at.seq, 'stored when it resolves');
      const [copy] = await got.wait(1);
      assert.equal(liveCopyOf(copy!)?.seq, at.seq);
      await assert.rejects(
        store.publish(`nowhere.${randomBytes(3).toString('hex')}`, enc.encode('x')),
      );
      await bus.drain();
    });

    it('stores a message once per Nats-Msg-Id: a retry resolves with the first one’s position', async () => {
      const { bus, store, group, live } = await declared();
      const got = collect<BusMessage>();
      bus.subscribe(live('a'), got.push);
      await bus.flush();
      const headers = { [MSG_ID_HEADER]: 'retry-1' };
      const first = await store.publish(group('a'), enc.encode('once'), headers);
      const again = await store.publish(group('a'), enc.encode('once'), headers);
      const other = await store.publish(group('a'), enc.encode('twice'), {
        [MSG_ID_HEADER]: 'retry-2',
      });
      assert.equal(again.seq, first.seq);
      assert.ok(other.seq > first.seq);
      await got.wait(2);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        got.items.map((m) => dec.decode(m.data)),
        ['once', 'twice'],
      );
      await bus.drain();
    });

    it('reads a group’s messages after one position up to another, in order, in batches', async () => {
      const { bus, store, group, publish } = await declared(2000);
      for (let i = 1; i <= 1200; i++) publish('a', String(i));
      publish('b', 'other');
      await bus.flush();
      const last = (await store.last(group('a')))!;
      const all: string[] = [];
      await store.read(group('a'), 0, last.seq, (batch) => {
        all.push(...batch.map((m) => dec.decode(m.data)));
      });
      assert.equal(all.length, 1200);
      assert.deepEqual(all.slice(0, 3), ['1', '2', '3']);
      const some: number[] = [];
      const seqs: number[] = [];
      await store.read(group('a'), 0, last.seq, (b) => void seqs.push(...b.map((m) => m.seq)));
      await store.read(group('a'), seqs[99]!, seqs[199]!, (b) => {
        some.push(...b.map((m) => Number(dec.decode(m.data))));
      });
      assert.deepEqual(
        some,
        Array.from({ length: 100 }, (_, i) => 101 + i),
      );
      const tail = await store.tail(group('a'), 3, seqs[9]);
      assert.deepEqual(
        tail.map((m) => dec.decode(m.data)),
        ['8', '9', '10'],
      );
      await bus.drain();
    });

    it('says a position is recoverable while nothing after it has gone, and not once it has', async () => {
      const { bus, store, group, publish } = await declared(3);
      const empty = (await store.last(group('a')))!;
      assert.equal(await store.recoverable(group('a'), empty), true, 'an empty group lost nothing');
      for (const t of ['1', '2']) publish('a', t);
      await bus.flush();
      assert.equal(await store.recoverable(group('a'), empty), true, 'below its limit');
      const seqs: number[] = [];
      await store.read(
        group('a'),
        0,
        Number.MAX_SAFE_INTEGER,
        (b) => void seqs.push(...b.map((m) => m.seq)),
      );
      for (const t of ['3', '4']) publish('a', t);
      await bus.flush();
      const latest = (await store.last(group('a')))!;
      assert.equal(
        await store.recoverable(group('a'), { epoch: latest.epoch, seq: seqs[1]! }),
        true,
      );
      assert.equal(
        await store.recoverable(group('a'), { epoch: latest.epoch, seq: seqs[0]! }),
        false,
        'message 2 went with the limit of 3: a client that saw only 1 cannot be recovered',
      );
      assert.equal(
        await store.recoverable(group('a'), empty),
        false,
        'at the limit, something went',
      );
      assert.equal(await store.recoverable(group('a'), { epoch: 'zz', seq: latest.seq }), false);
      await bus.drain();
    });
  });
}
