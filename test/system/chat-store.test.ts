// The chat service and its store: a store that cannot take a message, a
// service restarted with only JetStream to remember, and two replicas of the
// service on one room.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Bus } from '../../bus/bus.ts';
import type { DurableStore } from '../../bus/durable.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import type { NatsBus } from '../../bus/nats.ts';
import {
  chatService,
  HISTORY_LIMIT,
  KEPT_FOR_MS,
  KEPT_PER_ROOM,
} from '../../services/chat/index.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';
import {
  event,
  historyOf,
  messageFrames,
  messagesOn,
  newRoom,
  say,
  startChat,
} from '../helpers/chat.ts';

/** A bus whose durable store refuses publishes while `down` is set, as JetStream without a leader does. */
function flakyStore(bus: Bus): { bus: Bus; down: boolean } {
  const state = { bus, down: false };
  const store = bus.durable!;
  const durable = new Proxy(store, {
    get(target, key) {
      if (key === 'publish' && state.down)
        return () => Promise.reject(new Error('no JetStream leader'));
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as DurableStore;
  state.bus = new Proxy(bus, {
    get(target, key) {
      if (key === 'durable') return durable;
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return state;
}

describe('chat service when the store cannot take a message', () => {
  it('answers unavailable, and nobody receives or keeps the message', async () => {
    const broker = new MemoryBroker();
    const flaky = flakyStore(broker.connect());
    const sys = await TestSystem.start({ bus: { memory: broker } });
    const runner = await ServiceRunner.start(flaky.bus, chatService(), { prefix: sys.prefix });
    try {
      const room = newRoom();
      const a = await sys.client();
      const b = await sys.client();
      await a.join(room, { name: 'alice' });
      await b.join(room, { name: 'bob' });
      flaky.down = true;
      const r = await say(a, room, { text: 'lost?' });
      assert.deepEqual(r, {
        error: { code: 'unavailable', message: 'the message was not sent; try again' },
      });
      a.send({ type: 'msg', stream: room, payload: { text: 'lost too?' } });
      assert.equal((await event(a, room, 'error')).code, 'unavailable');
      flaky.down = false;
      await say(a, room, { text: 'back' });
      for (const c of [a, b]) {
        await until(() => messagesOn(c, room).length === 1);
        assert.deepEqual(
          messagesOn(c, room).map((m) => m.text),
          ['back'],
        );
      }
      const late = await sys.client();
      assert.deepEqual(
        historyOf(await late.join(room)).map((m) => m.text),
        ['back'],
      );
    } finally {
      await sys.close();
      await runner.drain();
    }
  });
});

describe('chat service restarts and replicas (NATS)', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    sys = await TestSystem.start({ bus: { nats: nats.url } });
  });
  after(async () => {
    await sys.close();
    await nats.close();
  });

  it('serves the same history, ids included, from a new service process state', async () => {
    const room = newRoom();
    let chat = await startChat(sys);
    const a = await sys.client();
    await a.join(room, { name: 'alice' });
    const acks = [];
    for (const text of ['one', 'two', 'three']) acks.push(await say(a, room, { text }));
    await chat.stop();
    // Nothing of the old service is left: the history can only come from JetStream.
    chat = await startChat(sys);
    try {
      const b = await sys.client();
      const history = historyOf(await b.join(room, { name: 'bob' }));
      assert.deepEqual(
        history.map((m) => [m.id, m.user, m.text]),
        acks.map((x, i) => [x.id, 'alice', ['one', 'two', 'three'][i]]),
      );
      // One JetStream stream for every room, with the limits docs/services.md states.
      const bus = (await connectBus(sys.source)) as NatsBus;
      const jsm = await jetstreamManager(bus.connection);
      const info = await jsm.streams.info(`${sys.prefix}_dg_chat`);
      assert.deepEqual(info.config.subjects, [`${sys.prefix}.group.chat.>`]);
      assert.equal(info.config.max_msgs_per_subject, KEPT_PER_ROOM);
      assert.equal(info.config.max_age, KEPT_FOR_MS * 1_000_000);
      assert.equal(info.state.messages, 3);
      await bus.drain();
      // The room goes on: the restarted service stores and delivers.
      await say(b, room, { text: 'four' });
      await until(() => messagesOn(b, room).some((m) => m.text === 'four'));
    } finally {
      await chat.stop();
    }
  });

  it('with two replicas, delivers every message to every member exactly once, all in one order', async () => {
    const replicas = [await startChat(sys), await startChat(sys)];
    try {
      const room = newRoom();
      const clients: TestClient[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await sys.client();
        await c.join(room, { name: `m${i}` });
        clients.push(c);
      }
      for (const [i, c] of clients.entries())
        for (let k = 0; k < 20; k++)
          c.send({ type: 'msg', stream: room, payload: { text: `${i}/${k}` } });
      await until(() => clients.every((c) => messagesOn(c, room).length >= 60));
      const ids = (c: TestClient) => messageFrames(c, room).map((f) => String(f.pos));
      const reference = ids(clients[0]!);
      assert.equal(new Set(reference).size, 60);
      const seqs = reference.map((p) => Number(p.split(':')[1]));
      assert.deepEqual(
        seqs,
        [...seqs].sort((x, y) => x - y),
        'store order',
      );
      for (const c of clients) assert.deepEqual(ids(c), reference, 'the same order everywhere');
      // The history, read by either replica, holds the last 50 of them in that order.
      const late = await sys.client();
      assert.deepEqual(
        historyOf(await late.join(room)).map((m) => m.id),
        reference.slice(-HISTORY_LIMIT),
      );
    } finally {
      for (const r of replicas) await r.stop();
    }
  });
});
