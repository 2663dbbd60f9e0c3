// One contract suite for every Bus implementation: what the gateway and the
// SDK rely on. test/system/bus.test.ts runs it against MemoryBus and NatsBus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BusClosedError,
  NoRespondersError,
  RequestTimeoutError,
  type Bus,
  type BusMessage,
} from '../../bus/bus.ts';
import { collect, until } from './wait.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const text = (m: BusMessage): string => dec.decode(m.data);

export interface BusFactory {
  /** A new bus; every bus one factory makes talks to the same broker. */
  make(): Promise<Bus>;
}

export function busContract(name: string, factory: BusFactory): void {
  describe(`Bus contract: ${name}`, () => {
    let seq = 0;
    const subject = (): string => `t${process.pid}.${Date.now()}.${++seq}`;

    it('delivers a published message with its headers', async () => {
      const bus = await factory.make();
      const s = subject();
      const got = collect<BusMessage>();
      bus.subscribe(`${s}.a`, got.push);
      bus.publish(`${s}.a`, enc.encode('hello'), { headers: { traceparent: 'x-1', k: 'v' } });
      const [m] = await got.wait(1);
      assert.equal(text(m!), 'hello');
      assert.equal(m!.subject, `${s}.a`);
      assert.deepEqual({ ...m!.headers }, { traceparent: 'x-1', k: 'v' });
      await bus.drain();
    });

    it('matches * to exactly one token and > to one or more', async () => {
      const bus = await factory.make();
      const s = subject();
      const star = collect<string>();
      const tail = collect<string>();
      bus.subscribe(`${s}.*`, (m) => star.push(m.subject));
      bus.subscribe(`${s}.>`, (m) => tail.push(m.subject));
      await bus.flush();
      for (const t of [`${s}`, `${s}.a`, `${s}.a.b`, `${s}.b`]) bus.publish(t, enc.encode(t));
      await bus.flush();
      await until(() => tail.items.length === 3);
      assert.deepEqual(star.items, [`${s}.a`, `${s}.b`]);
      assert.deepEqual(tail.items, [`${s}.a`, `${s}.a.b`, `${s}.b`]);
      await bus.drain();
    });

    it('gives each message to exactly one member of a queue group', async () => {
      const a = await factory.make();
      const b = await factory.make();
      const pub = await factory.make();
      const s = subject();
      const got = { a: [] as string[], b: [] as string[], plain: [] as string[] };
      a.subscribe(s, (m) => got.a.push(text(m)), { queue: 'workers' });
      b.subscribe(s, (m) => got.b.push(text(m)), { queue: 'workers' });
      a.subscribe(s, (m) => got.plain.push(text(m)));
      await Promise.all([a.flush(), b.flush()]);
      for (let i = 0; i < 200; i++) pub.publish(s, enc.encode(String(i)));
      await until(() => got.plain.length === 200 && got.a.length + got.b.length === 200);
      const both = [...got.a, ...got.b].map(Number).sort((x, y) => x - y);
      assert.deepEqual(
        both,
        Array.from({ length: 200 }, (_, i) => i),
        'each message exactly once',
      );
      assert.ok(got.a.length > 0 && got.b.length > 0, 'both members got work');
      await Promise.all([a.drain(), b.drain(), pub.drain()]);
    });

    it('keeps one publisher’s order on one subject', async () => {
      const bus = await factory.make();
      const pub = await factory.make();
      const s = subject();
      const got = collect<string>();
      bus.subscribe(s, (m) => got.push(text(m)));
      await bus.flush();
      for (let i = 0; i < 1000; i++) pub.publish(s, enc.encode(String(i)));
      const items = await got.wait(1000);
      assert.deepEqual(
        items.map(Number),
        Array.from({ length: 1000 }, (_, i) => i),
      );
      await Promise.all([bus.drain(), pub.drain()]);
    });

    it('keeps the order of a burst far larger than one write, sent in one turn', async () => {
      const bus = await factory.make();
      const pub = await factory.make();
      const s = subject();
      const got = collect<string>();
      bus.subscribe(s, (m) => got.push(text(m).slice(0, 8)));
      await bus.flush();
      const pad = 'x'.repeat(4096);
      for (let i = 0; i < 300; i++)
        pub.publish(s, enc.encode(`${String(i).padStart(8, '0')}${pad}`));
      const items = await got.wait(300);
      assert.deepEqual(
        items.map(Number),
        Array.from({ length: 300 }, (_, i) => i),
      );
      await Promise.all([bus.drain(), pub.drain()]);
    });

    it('answers a request, carrying headers both ways', async () => {
      const svc = await factory.make();
      const client = await factory.make();
      const s = subject();
      svc.subscribe(s, (m) =>
        svc.respond(m, enc.encode(`re:${text(m)}:${m.headers?.h}`), { headers: { back: '1' } }),
      );
      await svc.flush();
      const reply = await client.request(s, enc.encode('q'), {
        timeoutMs: 2000,
        headers: { h: 'x' },
      });
      assert.equal(text(reply), 're:q:x');
      assert.equal(reply.headers?.back, '1');
      await Promise.all([svc.drain(), client.drain()]);
    });

    it('hands requestCallback its answer in order with what the responder published next', async () => {
      const svc = await factory.make();
      const client = await factory.make();
      const s = subject();
      svc.subscribe(`${s}.q`, (m) => {
        svc.respond(m, enc.encode('answer'));
        svc.publish(`${s}.after`, enc.encode('after'));
      });
      const order: string[] = [];
      client.subscribe(`${s}.after`, (m) => order.push(text(m)));
      await Promise.all([svc.flush(), client.flush()]);
      client.requestCallback(`${s}.q`, enc.encode('q'), { timeoutMs: 2000 }, (err, m) =>
        order.push(err ? `error:${err.name}` : text(m!)),
      );
      await until(() => order.length === 2);
      assert.deepEqual(order, ['answer', 'after']);
      await Promise.all([svc.drain(), client.drain()]);
    });

    it('rejects a request nobody subscribes to with NoRespondersError, at once', async () => {
      const bus = await factory.make();
      const started = Date.now();
      await assert.rejects(
        bus.request(subject(), enc.encode('q'), { timeoutMs: 5000 }),
        NoRespondersError,
      );
      assert.ok(Date.now() - started < 4000, 'did not wait for the timeout');
      await bus.drain();
    });

    it('tells a publisher that asked when nobody subscribes, and stays silent when somebody does', async () => {
      const bus = await factory.make();
      const s = subject();
      const told: string[] = [];
      bus.subscribe(`${s}.here`, () => told.push('delivered'));
      await bus.flush();
      bus.publish(`${s}.nobody`, enc.encode('q'), { onNoResponders: () => told.push('nobody') });
      bus.publish(`${s}.here`, enc.encode('q'), { onNoResponders: () => told.push('here') });
      await until(() => told.length >= 2, 4000, 'the delivery and the no-responders answer');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(told.sort(), ['delivered', 'nobody']);
      await bus.drain();
    });

    it('rejects an unanswered request with RequestTimeoutError', async () => {
      const bus = await factory.make();
      const s = subject();
      bus.subscribe(s, () => {});
      await bus.flush();
      await assert.rejects(
        bus.request(s, enc.encode('q'), { timeoutMs: 150 }),
        RequestTimeoutError,
      );
      await bus.drain();
    });

    it('stops delivery after unsubscribe', async () => {
      const bus = await factory.make();
      const s = subject();
      const got = collect<string>();
      const sub = bus.subscribe(s, (m) => got.push(text(m)));
      await bus.flush();
      bus.publish(s, enc.encode('1'));
      await got.wait(1);
      sub.unsubscribe();
      await bus.flush();
      bus.publish(s, enc.encode('2'));
      bus.subscribe(s, (m) => got.push(`late:${text(m)}`));
      await bus.flush();
      bus.publish(s, enc.encode('3'));
      await until(() => got.items.includes('late:3'));
      assert.deepEqual(got.items, ['1', 'late:3']);
      await bus.drain();
    });

    it('reports its status and refuses to publish once drained', async () => {
      const bus = await factory.make();
      assert.equal(bus.status, 'connected');
      const seen: string[] = [];
      bus.onStatus((s) => seen.push(s));
      await bus.drain();
      assert.equal(bus.status, 'closed');
      assert.deepEqual(seen, ['draining', 'closed']);
      assert.throws(() => bus.publish(subject(), enc.encode('x')), BusClosedError);
    });

    it('fails a pending request with BusClosedError as soon as the bus drains', async () => {
      const svc = await factory.make();
      const client = await factory.make();
      const s = subject();
      svc.subscribe(s, () => {});
      await svc.flush();
      const started = Date.now();
      const answer = client.request(s, enc.encode('q'), { timeoutMs: 10_000 });
      await client.flush();
      await Promise.all([assert.rejects(answer, BusClosedError), client.drain()]);
      assert.ok(Date.now() - started < 5000, 'did not wait for the timeout');
      await svc.drain();
    });

    it('behaves the same once closed: throws on sends, fails requests later, flushes and drains at once', async () => {
      const bus = await factory.make();
      const sub = bus.subscribe(subject(), () => {});
      const first = bus.drain();
      const second = bus.drain();
      await Promise.all([first, second]);
      const seen: string[] = [];
      bus.onStatus((s) => seen.push(s));
      assert.throws(() => bus.subscribe(subject(), () => {}), BusClosedError);
      assert.throws(
        () => bus.respond({ ...message(subject()), reply: subject() }, enc.encode('x')),
        BusClosedError,
      );
      sub.unsubscribe();
      let called = false;
      const failed = new Promise<Error | undefined>((resolve) =>
        bus.requestCallback(subject(), enc.encode('q'), { timeoutMs: 5000 }, (err) => {
          called = true;
          resolve(err);
        }),
      );
      assert.equal(called, false, 'the callback never runs inside requestCallback');
      assert.ok((await failed) instanceof BusClosedError);
      await bus.flush();
      await bus.drain();
      assert.equal(bus.status, 'closed');
      assert.deepEqual(seen, [], 'closed is final');
    });
  });
}

function message(subject: string): BusMessage {
  return { subject, data: new Uint8Array(0), headers: undefined, reply: undefined };
}
