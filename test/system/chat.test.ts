// The chat service end to end: clients on a gateway, the service as the CLI
// registry builds it (JetStream history on NATS, memory history otherwise).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { SignJWT } from 'jose';
import { MemoryBroker } from '../../bus/memory.ts';
import type { NatsBus } from '../../bus/nats.ts';
import { chatStreamName, HISTORY_LIMIT, MAX_TEXT_BYTES } from '../../services/chat/index.ts';
import { SERVICES } from '../../services/registry.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { connectBus, serviceEnv, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const SECRET = 'chat-test-secret';
const token = (sub: string): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

let roomSeq = 0;
const newRoom = (): string => `chat:room-${++roomSeq}`;

/** Starts the chat service the way `muxgate service chat` does. */
async function startChat(sys: TestSystem): Promise<{ stop(): Promise<void> }> {
  const env = await serviceEnv(sys.source, 'chat', sys.prefix);
  const svc = await SERVICES.chat!(env);
  const runner = await ServiceRunner.start(env.bus, svc.definition!, { prefix: sys.prefix });
  return {
    async stop() {
      await svc.close?.();
      await runner.drain();
    },
  };
}

type Payload = Record<string, unknown>;
const payloadOf = (f: object): Payload => (f as { payload?: unknown }).payload as Payload;

/** The next `msg` on `stream` whose payload has `type`. */
async function event(c: TestClient, stream: string, type: string): Promise<Payload> {
  const f = await c.next(
    (x) => x.type === 'msg' && x.stream === stream && payloadOf(x).type === type,
  );
  return payloadOf(f);
}

async function joinError(c: TestClient, stream: string, payload?: unknown): Promise<Payload> {
  const ref = `j${Math.random()}`;
  c.send(
    payload === undefined ? { type: 'join', stream, ref } : { type: 'join', stream, ref, payload },
  );
  const f = await c.next((x) => x.ref === ref);
  assert.equal(f.type, 'error', `join ${JSON.stringify(payload)} should be refused`);
  return f as Payload;
}

/** Sends a message with a ref and resolves with the service's reply payload. */
async function say(c: TestClient, stream: string, payload: unknown): Promise<Payload> {
  const ref = `m${Math.random()}`;
  c.send({ type: 'msg', stream, ref, payload });
  return payloadOf(await c.next((x) => x.type === 'reply' && x.ref === ref));
}

const messagesOn = (c: TestClient, stream: string): Payload[] =>
  c.frames
    .filter((f) => f.type === 'msg' && f.stream === stream)
    .map(payloadOf)
    .filter((p) => p.type === 'message');

for (const kind of ['memory', 'nats'] as const) {
  describe(`chat service on the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let sys: TestSystem;
    let chat: { stop(): Promise<void> };
    before(async () => {
      if (kind === 'nats') nats = await NatsServer.start({ jetstream: true });
      sys = await TestSystem.start({
        bus: nats ? { nats: nats.url } : { memory: new MemoryBroker() },
        env: { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
      });
      chat = await startChat(sys);
    });
    after(async () => {
      await sys.close();
      await chat.stop();
      await nats?.close();
    });

    it('joins with a display name and an empty history', async () => {
      const c = await sys.client();
      const room = newRoom();
      const joined = await c.join(room, { name: '  Ada Lovelace ' });
      assert.deepEqual(joined.payload, { you: 'Ada Lovelace', history: [] });
    });

    it('names an anonymous member without a name as a guest', async () => {
      const c = await sys.client();
      const { you } = payloadOf(await c.join(newRoom()));
      assert.match(String(you), /^guest-[0-9a-f]{6}$/);
      assert.match(String(payloadOf(await c.join(newRoom(), null)).you), /^guest-/);
    });

    it('names an authenticated member by its JWT subject, and refuses another name', async () => {
      const c = await sys.client({ headers: { Authorization: `Bearer ${await token('carol')}` } });
      const room = newRoom();
      assert.equal(payloadOf(await c.join(room)).you, 'carol');
      assert.equal(payloadOf(await c.join(newRoom(), { name: 'carol' })).you, 'carol');
      const refused = await joinError(c, newRoom(), { name: 'mallory' });
      assert.equal(refused.code, 'bad_name');
      assert.match(String(refused.message), /account name/);
    });

    it('stamps messages of an authenticated member with its subject', async () => {
      const c = await sys.client({ headers: { Authorization: `Bearer ${await token('dave')}` } });
      const room = newRoom();
      await c.join(room);
      c.send({ type: 'msg', stream: room, payload: { text: 'signed' } });
      assert.equal((await event(c, room, 'message')).user, 'dave');
    });

    it('refuses invalid names with bad_name and a reason', async () => {
      const c = await sys.client();
      const cases: Array<[unknown, RegExp]> = [
        [{ name: '' }, /empty/],
        [{ name: '   ' }, /empty/],
        [{ name: 'x'.repeat(33) }, /longer than 32/],
        [{ name: 'a\u0000b' }, /invisible/],
        [{ name: 'admin\u202Eevil' }, /invisible/],
        [{ name: 'two\nlines' }, /invisible/],
        [{ name: 42 }, /string/],
        ['alice', /\{"name"\?: string\}/],
      ];
      for (const [payload, reason] of cases) {
        const e = await joinError(c, newRoom(), payload);
        assert.equal(e.code, 'bad_name', JSON.stringify(payload));
        assert.match(String(e.message), reason, JSON.stringify(payload));
      }
      // 32 characters are counted as code points: 32 emoji are 64 UTF-16 units.
      assert.equal(
        payloadOf(await c.join(newRoom(), { name: '😀'.repeat(32) })).you,
        '😀'.repeat(32),
      );
    });

    it('refuses a stream without a room', async () => {
      const c = await sys.client();
      assert.equal((await joinError(c, 'chat')).code, 'bad_room');
    });

    it('broadcasts {type, id, user, text, ts} to every member, sender included, and acks a ref', async () => {
      const room = newRoom();
      const a = await sys.client();
      const b = await sys.client();
      await a.join(room, { name: 'alice' });
      await b.join(room, { name: 'bob' });
      const before = Date.now();
      const ack = await say(a, room, { text: 'hello, room' });
      assert.deepEqual(Object.keys(ack).sort(), ['id', 'ts']);
      for (const c of [a, b]) {
        const m = await event(c, room, 'message');
        assert.deepEqual(m, {
          type: 'message',
          id: ack.id,
          user: 'alice',
          text: 'hello, room',
          ts: ack.ts,
          verified: false,
        });
        assert.ok(Number(m.ts) >= before - 1000 && Number(m.ts) <= Date.now() + 1000);
      }
    });

    it('refuses bad messages: as a reply with a ref, as an error msg without; and broadcasts none', async () => {
      const room = newRoom();
      const a = await sys.client();
      const b = await sys.client();
      await a.join(room, { name: 'alice' });
      await b.join(room, { name: 'bob' });
      const bad: Array<[unknown, RegExp]> = [
        [{ text: '' }, /empty/],
        [{ text: ' \n\t ' }, /empty/],
        [{}, /string/],
        [{ text: 7 }, /string/],
        ['just text', /\{"text": string\}/],
        [null, /\{"text": string\}/],
        [{ text: 'é'.repeat(MAX_TEXT_BYTES / 2 + 1) }, /longer than 4096 bytes/],
      ];
      for (const [payload, reason] of bad) {
        const r = await say(a, room, payload);
        const error = r.error as Payload;
        assert.equal(error.code, 'bad_message', JSON.stringify(payload));
        assert.match(String(error.message), reason);
      }
      a.send({ type: 'msg', stream: room, payload: { text: '' } });
      assert.deepEqual(await event(a, room, 'error'), {
        type: 'error',
        code: 'bad_message',
        message: 'text is empty',
      });
      // Exactly 4096 bytes is allowed; it is the first message anyone receives.
      const full = 'a'.repeat(MAX_TEXT_BYTES);
      await say(a, room, { text: full });
      for (const c of [a, b]) {
        assert.equal((await event(c, room, 'message')).text, full);
        assert.equal(messagesOn(c, room).length, 0);
      }
    });

    it('announces joins and leaves to the others, never to the member itself', async () => {
      const room = newRoom();
      const a = await sys.client();
      await a.join(room, { name: 'alice' });
      const b = await sys.client();
      await b.join(room, { name: 'bob' });
      assert.deepEqual(
        { ...(await event(a, room, 'join')), ts: 0 },
        { type: 'join', user: 'bob', ts: 0, verified: false },
      );
      const c = await sys.client();
      await c.join(room, { name: 'carol' });
      await event(a, room, 'join');
      await event(b, room, 'join');
      b.send({ type: 'leave', stream: room });
      await b.expect('left', room);
      assert.equal((await event(a, room, 'leave')).user, 'bob');
      assert.equal((await event(c, room, 'leave')).user, 'bob');
      await c.close();
      assert.equal((await event(a, room, 'leave')).user, 'carol');
      // A marker message: everything sent before it has arrived at a.
      await say(a, room, { text: 'marker' });
      await event(a, room, 'message');
      const notices = (x: TestClient) =>
        x.frames.filter((f) => f.type === 'msg' && payloadOf(f).type !== 'message');
      assert.deepEqual(notices(a), [], 'alice saw no notice of her own');
      assert.deepEqual(
        b.frames.filter((f) => f.type === 'msg'),
        [],
        'bob saw nothing after leaving, and no notice of his own join',
      );
    });

    it(`hands a joining member the last ${HISTORY_LIMIT} messages, oldest first`, async () => {
      const room = newRoom();
      const a = await sys.client();
      await a.join(room, { name: 'alice' });
      const acks = [];
      for (let i = 0; i < HISTORY_LIMIT + 5; i++) acks.push(await say(a, room, { text: `m${i}` }));
      const late = await sys.client();
      const { history } = payloadOf(await late.join(room, { name: 'late' })) as {
        history: Payload[];
      };
      assert.equal(history.length, HISTORY_LIMIT);
      assert.deepEqual(
        history.map((m) => m.text),
        Array.from({ length: HISTORY_LIMIT }, (_, i) => `m${i + 5}`),
      );
      assert.deepEqual(
        history.map((m) => m.id),
        acks.slice(5).map((x) => x.id),
      );
      assert.deepEqual(Object.keys(history[0]!).sort(), ['id', 'text', 'ts', 'user', 'verified']);
    });
  });
}

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
      const { history } = payloadOf(await b.join(room, { name: 'bob' })) as { history: Payload[] };
      assert.deepEqual(
        history.map((m) => [m.id, m.user, m.text]),
        acks.map((x, i) => [x.id, 'alice', ['one', 'two', 'three'][i]]),
      );
      const bus = (await connectBus(sys.source)) as NatsBus;
      const jsm = await jetstreamManager(bus.connection);
      const info = await jsm.streams.info(chatStreamName(sys.prefix));
      assert.equal(info.state.messages, 3);
      await bus.drain();
      // The room goes on: the restarted service stores and broadcasts.
      await say(b, room, { text: 'four' });
      await until(() => messagesOn(b, room).some((m) => m.text === 'four'));
    } finally {
      await chat.stop();
    }
  });
  it('with two replicas, delivers every message to every member exactly once, with unique ids', async () => {
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
      const ids = (c: TestClient) => messagesOn(c, room).map((m) => String(m.id));
      assert.equal(new Set(ids(clients[0]!)).size, 60);
      for (const c of clients) {
        assert.equal(messagesOn(c, room).length, 60);
        assert.deepEqual([...ids(c)].sort(), [...ids(clients[0]!)].sort());
      }
      // The history, read by either replica, holds the last 50 of them in store order.
      const late = await sys.client();
      const { history } = payloadOf(await late.join(room)) as { history: Payload[] };
      const all = [...ids(clients[0]!)].sort((a, b) => Number(a) - Number(b));
      assert.deepEqual(
        history.map((m) => m.id),
        all.slice(-HISTORY_LIMIT),
      );
    } finally {
      for (const r of replicas) await r.stop();
    }
  });
});
