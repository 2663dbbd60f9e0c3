// The chat service end to end, on the wire: clients on a gateway, the
// service as the CLI registry builds it, each room a durable group (JetStream
// on NATS, the broker's memory otherwise). Resume and history limits are in
// chat-history.test.ts; a failing store, restarts and replicas in
// chat-store.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { HISTORY_LIMIT, MAX_TEXT_BYTES } from '../../services/chat/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestSystem } from '../helpers/system.ts';
import {
  event,
  eventFrame,
  historyOf,
  joinError,
  messagesOn,
  newRoom,
  payloadOf,
  say,
  SECRET,
  startChat,
  token,
  type Payload,
} from '../helpers/chat.ts';

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

    it('joins with a display name, an empty history and the room position', async () => {
      const c = await sys.client();
      const room = newRoom();
      const joined = await c.join(room, { name: '  Ada Lovelace ' });
      assert.deepEqual(joined.payload, { you: 'Ada Lovelace', history: [] });
      assert.match(String(joined.pos), /^[a-z0-9]+:0$/);
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
      const m = await event(c, room, 'message');
      assert.deepEqual([m.user, m.verified], ['dave', true]);
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

    it('delivers {type, user, text, ts, verified} with its pos to every member, sender included, and acks a ref with that pos as id', async () => {
      const room = newRoom();
      const a = await sys.client();
      const b = await sys.client();
      const joined = await a.join(room, { name: 'alice' });
      await b.join(room, { name: 'bob' });
      const before = Date.now();
      const ack = await say(a, room, { text: 'hello, room' });
      assert.deepEqual(Object.keys(ack).sort(), ['id', 'ts']);
      assert.match(String(ack.id), /^[a-z0-9]+:\d+$/);
      assert.equal(String(ack.id).split(':')[0], String(joined.pos).split(':')[0], 'one epoch');
      for (const c of [a, b]) {
        const f = await eventFrame(c, room, 'message');
        assert.equal(f.pos, ack.id, 'the id is the pos');
        assert.deepEqual(f.payload, {
          type: 'message',
          user: 'alice',
          text: 'hello, room',
          ts: ack.ts,
          verified: false,
        });
        assert.ok(Number(ack.ts) >= before - 1000 && Number(ack.ts) <= Date.now() + 1000);
      }
    });

    it('keeps a message sent again with the same msg id once, and acks the retry with its pos', async () => {
      const room = newRoom();
      const a = await sys.client();
      await a.join(room, { name: 'alice' });
      const send = (ref: string) =>
        a.send({ type: 'msg', stream: room, ref, id: 'retry-7', payload: { text: 'once' } });
      send('first');
      const first = payloadOf(await a.next((x) => x.ref === 'first', 10_000));
      send('again');
      const again = payloadOf(await a.next((x) => x.ref === 'again', 10_000));
      assert.equal(again.id, first.id);
      const late = await sys.client();
      const history = historyOf(await late.join(room, { name: 'late' }));
      assert.deepEqual(
        history.map((m) => m.text),
        ['once'],
      );
    });

    it('refuses bad messages: as a reply with a ref, as an error msg without; and stores none', async () => {
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
      const refusal = await a.next((f) => f.type === 'msg' && payloadOf(f).type === 'error');
      assert.deepEqual(refusal, {
        type: 'msg',
        stream: room,
        payload: { type: 'error', code: 'bad_message', message: 'text is empty' },
      });
      // Exactly 4096 bytes is allowed; it is the first message anyone receives.
      const full = 'a'.repeat(MAX_TEXT_BYTES);
      await say(a, room, { text: full });
      for (const c of [a, b]) {
        assert.equal((await event(c, room, 'message')).text, full);
        assert.equal(messagesOn(c, room).length, 0);
      }
      assert.deepEqual(
        historyOf(await (await sys.client()).join(room)).map((m) => m.text),
        [full],
        'the history holds the one message that was sent',
      );
    });

    it('announces joins and leaves to the others, never to the member itself, and keeps none', async () => {
      const room = newRoom();
      const a = await sys.client();
      await a.join(room, { name: 'alice' });
      const b = await sys.client();
      await b.join(room, { name: 'bob' });
      const notice = await a.next((f) => f.type === 'msg' && payloadOf(f).type === 'join');
      assert.deepEqual(
        { ...notice, payload: { ...payloadOf(notice), ts: 0 } },
        {
          type: 'msg',
          stream: room,
          payload: { type: 'join', user: 'bob', ts: 0, verified: false },
        },
        'a notice has no pos: it is not one of the room’s kept messages',
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
      // Five joins and three leaves later, the room keeps one message.
      const late = await sys.client();
      assert.deepEqual(
        historyOf(await late.join(room)).map((m) => m.text),
        ['marker'],
      );
    });

    it(`hands a joining member the last ${HISTORY_LIMIT} messages, oldest first, ids as acked`, async () => {
      const room = newRoom();
      const a = await sys.client();
      await a.join(room, { name: 'alice' });
      const acks = [];
      for (let i = 0; i < HISTORY_LIMIT + 5; i++) acks.push(await say(a, room, { text: `m${i}` }));
      const late = await sys.client();
      const joined = await late.join(room, { name: 'late' });
      const history = historyOf(joined);
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
      assert.equal(joined.pos, acks.at(-1)!.id, 'the history reaches the room position');
      // What follows the history arrives live, with the next pos.
      const next = await say(a, room, { text: 'after' });
      const f = await eventFrame(late, room, 'message');
      assert.deepEqual([f.pos, payloadOf(f).text], [next.id, 'after']);
    });
  });
}
