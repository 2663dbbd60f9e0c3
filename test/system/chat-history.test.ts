// A chat room's history is its durable group (PROTOCOL.md §4.1), on a real
// nats-server and on the in-memory bus, with two gateways: what a user
// relies on. A member cut off while the room goes on comes back with exactly
// what it missed, in order, then live messages (the client library does it on
// its own); past what the room keeps it is told so and gets the current
// history; messages published to the room from outside (the HTTP API,
// `muxgate publish`, the SDK) are kept and shown like any other, marked as
// such.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import {
  connect,
  type MessageEnvelope,
  type MuxClient,
  type WebSocketConstructor,
} from '../../client/index.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { HISTORY_LIMIT, KEPT_PER_ROOM, roomGroup } from '../../services/chat/index.ts';
import { SERVICES } from '../../services/registry.ts';
import { Publisher, ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { runMuxgate } from '../helpers/process.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import {
  connectBus,
  serviceEnv,
  startGateway,
  TestSystem,
  type BusSource,
} from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;
const API_KEY = 'chat-history-key';

type Payload = Record<string, unknown>;
type Frame = TestClient['frames'][number];
const payloadOf = (f: object): Payload => (f as { payload?: unknown }).payload as Payload;
const historyOf = (joined: object): Payload[] =>
  (payloadOf(joined) as { history: Payload[] }).history;
/** Every message of the room a raw client received (notices have no pos). */
const kept = (c: TestClient, stream: string): Frame[] =>
  c.frames.filter((f) => f.type === 'msg' && f.stream === stream && f.pos !== undefined);
const seqOf = (pos: unknown): number => Number(String(pos).split(':')[1]);

let roomSeq = 0;
const newRoom = (): string => `h${++roomSeq}-${Math.random().toString(36).slice(2, 6)}`;

/** Joins with a short ref (TestClient.join puts the stream name in its ref, which holds 64 characters). */
async function join(c: TestClient, stream: string, payload?: unknown): Promise<Frame> {
  const ref = `j${Math.random().toString(36).slice(2, 10)}`;
  c.send({ type: 'join', stream, ref, payload });
  const f = await c.next((x) => x.ref === ref);
  assert.equal(f.type, 'joined', JSON.stringify(f));
  return f;
}

/** Sends a chat message with a ref; resolves with the reply `{id, ts}`. */
async function say(c: TestClient, stream: string, text: string): Promise<Payload> {
  const ref = `m${Math.random()}`;
  c.send({ type: 'msg', stream, ref, payload: { text } });
  const reply = payloadOf(await c.next((x) => x.type === 'reply' && x.ref === ref, 10_000));
  assert.ok(typeof reply.id === 'string', JSON.stringify(reply));
  return reply;
}

for (const kind of ['nats', 'memory'] as const) {
  describe(`chat history as a durable group on the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let source: BusSource;
    let sys: TestSystem;
    let other: Gateway;
    let publisher: Publisher;
    let stopChat: () => Promise<void>;
    const env = { MUX_API_KEYS: API_KEY };
    before(async () => {
      source = { memory: new MemoryBroker() };
      if (kind === 'nats') source = { nats: (nats = await NatsServer.start()).url };
      sys = await TestSystem.start({ bus: source, env });
      other = await startGateway(source, sys.prefix, env);
      const chatEnv = await serviceEnv(source, 'chat', sys.prefix);
      const svc = await SERVICES.chat!(chatEnv);
      const runner = await ServiceRunner.start(chatEnv.bus, svc.definition!, {
        prefix: sys.prefix,
      });
      stopChat = async () => {
        await svc.close?.();
        await runner.drain();
      };
      publisher = new Publisher(await connectBus(source, 'publisher'), sys.prefix);
    });
    after(async () => {
      await sys.close();
      await other.drain();
      await stopChat();
      await publisher.bus.drain();
      await nats?.close();
    });
    const otherClient = () => sys.client({}, `ws://127.0.0.1:${other.port}/ws`);

    /** Publishes through the other gateway's HTTP API, as a backend would. */
    async function publishApi(room: string, payload: unknown): Promise<void> {
      const res = await fetch(
        `http://127.0.0.1:${other.port}/v1/groups/${roomGroup(room)}/messages`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ payload }),
        },
      );
      assert.equal(res.status, 202);
    }

    it('the client library, cut off while 1,000 messages are sent, shows exactly those, then live ones', async () => {
      const room = newRoom();
      const stream = `chat:${room}`;
      const proxy = await TcpProxy.start(sys.gateway.port);
      let client: MuxClient | undefined;
      try {
        client = connect(`ws://127.0.0.1:${proxy.port}/ws`, {
          WebSocket: WS,
          backoff: { steps: [100] },
        });
        const s = client.stream(stream);
        // The room's messages; join and leave notices are not kept, nor resumed.
        const got = collect<MessageEnvelope>();
        s.on('envelope', (e) => {
          const type = (e.payload as Payload).type;
          if (e.via || (type !== 'join' && type !== 'leave')) got.push(e);
        });
        const joined = collect<{ rejoin: boolean; recovered?: boolean; payload: unknown }>();
        s.on('joined', joined.push);
        const recovered = collect<{ count: number }>();
        s.on('recovered', recovered.push);
        await s.join({ name: 'alice' });

        const bob = await otherClient();
        await bob.join(stream, { name: 'bob' });
        await say(bob, stream, 'before');
        await until(() => got.items.length === 1);

        // 1,000 messages while alice is away: bob's, sent as fast as the
        // room takes them, and one from the HTTP API in the middle.
        await proxy.cut();
        const said = Array.from({ length: 999 }, (_, i) => `while away ${i}`);
        const send = async (texts: string[]): Promise<void> => {
          for (const text of texts) bob.send({ type: 'msg', stream, payload: { text } });
          const last = texts.at(-1);
          await bob.next((f) => f.type === 'msg' && payloadOf(f).text === last, 20_000);
        };
        await send(said.slice(0, 500));
        await publishApi(room, { text: 'deploy finished' });
        // Kept before bob's next message, which comes through another connection.
        await bob.next((f) => f.type === 'msg' && f.via === 'api');
        await send(said.slice(500));
        await proxy.restore();

        const [, back] = await joined.wait(2, 15_000);
        assert.deepEqual([back!.rejoin, back!.recovered], [true, true]);
        const [count] = await recovered.wait(1, 15_000);
        assert.equal(count!.count, 1000, '999 messages and one from the API');
        const liveAck = await say(bob, stream, 'live again');
        await until(() => got.items.length === 1002, 10_000, 'the live message');
        await new Promise((r) => setTimeout(r, 100));
        const texts = got.items.map(({ payload, via }) => {
          const p = payload as Payload;
          return via ? `${via}: ${String(p.text)}` : `${String(p.user)}: ${String(p.text)}`;
        });
        assert.deepEqual(texts, [
          'bob: before',
          ...said.slice(0, 500).map((t) => `bob: ${t}`),
          'api: deploy finished',
          ...said.slice(500).map((t) => `bob: ${t}`),
          'bob: live again',
        ]);
        assert.equal(s.pos, liveAck.id, 'the stream is at the last message');
      } finally {
        client?.close();
        await proxy.close().catch(() => undefined);
      }
    });

    it(`resumes with since past what a join shows (${HISTORY_LIMIT}), on another gateway`, async () => {
      const stream = `chat:${newRoom()}`;
      const a = await sys.client();
      await a.join(stream, { name: 'alice' });
      const first = await say(a, stream, 'seen');
      await until(() => kept(a, stream).length === 1);
      const since = kept(a, stream)[0]!.pos;
      assert.equal(since, first.id);
      await a.close();

      const bob = await otherClient();
      await bob.join(stream, { name: 'bob' });
      const missed = [];
      for (let i = 0; i < HISTORY_LIMIT + 70; i++) missed.push(await say(bob, stream, `m${i}`));

      const back = await otherClient();
      back.send({ type: 'join', stream, ref: 'r', payload: { name: 'alice' }, since });
      const joined = await back.next((f) => f.ref === 'r');
      assert.deepEqual([joined.type, joined.recovered], ['joined', true]);
      assert.equal(joined.pos, missed.at(-1)!.id, 'the replay ends at joined.pos');
      // The service sends its snapshot anyway; a client that recovered keeps its own.
      assert.equal(historyOf(joined).length, HISTORY_LIMIT);
      await until(() => kept(back, stream).length === missed.length, 10_000, 'the replay');
      const live = await say(bob, stream, 'live');
      await until(() => kept(back, stream).length === missed.length + 1, 5000, 'live');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        kept(back, stream).map((f) => [f.pos, payloadOf(f).text]),
        [...missed.map((m, i) => [m.id, `m${i}`]), [live.id, 'live']],
        'exactly what was missed, in order, then live: no gap, no duplicate',
      );
    });

    it(`past the ${KEPT_PER_ROOM} messages a room keeps: recovered false, and the current history`, async () => {
      const room = newRoom();
      const stream = `chat:${room}`;
      const a = await sys.client();
      await a.join(stream, { name: 'alice' });
      const since = (await say(a, stream, 'seen')).id;
      await a.close();
      // A busy room while alice is away: more than the room keeps, through
      // the bus (a trusted process on the bus may post in the chat's form).
      const ts = Date.now();
      const stored: string[] = [];
      for (let i = 0; i < KEPT_PER_ROOM; i += 100)
        stored.push(
          ...(await Promise.all(
            Array.from({ length: 100 }, (_, k) =>
              publisher.toGroupStored(roomGroup(room), {
                type: 'message',
                user: 'bot',
                text: `b${i + k}`,
                ts,
                verified: false,
              }),
            ),
          )),
        );
      const back = await sys.client();
      back.send({ type: 'join', stream, ref: 'r', payload: { name: 'alice' }, since });
      const joined = await back.next((f) => f.ref === 'r');
      assert.deepEqual([joined.type, joined.recovered], ['joined', false]);
      const history = historyOf(joined);
      const last = [...stored].sort((x, y) => seqOf(x) - seqOf(y)).slice(-HISTORY_LIMIT);
      assert.deepEqual(
        history.map((m) => m.id),
        last,
        'the room’s last messages',
      );
      assert.deepEqual(history[0], {
        id: last[0],
        user: 'bot',
        text: history[0]!.text,
        ts,
        verified: false,
      });
      // Delivery starts after the history: nothing replayed, the next message live.
      const next = await say(back, stream, 'hello again');
      await until(() => kept(back, stream).length === 1);
      assert.deepEqual(
        kept(back, stream).map((f) => [f.pos, payloadOf(f).text]),
        [[next.id, 'hello again']],
      );
    });

    it('keeps messages published from outside and marks them as such in the history', async () => {
      const room = newRoom();
      const stream = `chat:${room}`;
      const a = await sys.client();
      await a.join(stream, { name: 'alice' });
      // Each publisher has its own connection: each message is awaited live
      // before the next, so the room keeps them in this order.
      let n = 0;
      const arrived = () => {
        const want = ++n;
        return until(() => kept(a, stream).length === want, 10_000, `message ${want}`);
      };
      await say(a, stream, 'hi');
      await arrived();
      await publishApi(room, { text: 'deploy finished' });
      await arrived();
      // An API caller writes the whole payload: one that claims to be alice
      // is still the API's.
      const forged = { type: 'message', user: 'alice', text: 'pwd?', ts: 1, verified: true };
      await publishApi(room, forged);
      await arrived();
      publisher.toGroup(roomGroup(room), { text: 'from the SDK' });
      await arrived();
      if (nats) {
        const cli = await runMuxgate(['publish', roomGroup(room), '{"text":"from the CLI"}'], {
          NATS_URL: nats.url,
          MUX_PREFIX: sys.prefix,
        });
        assert.equal(cli.code, 0, cli.stderr);
        await arrived();
      }
      const live = kept(a, stream);
      assert.deepEqual(
        live.slice(1).map((f) => [f.payload, f.via]),
        [
          [{ text: 'deploy finished' }, 'api'],
          [forged, 'api'],
          [{ text: 'from the SDK' }, undefined],
          ...(nats ? [[{ text: 'from the CLI' }, undefined]] : []),
        ],
      );

      const late = await otherClient();
      const history = historyOf(await late.join(stream));
      assert.deepEqual(history, [
        {
          id: live[0]!.pos,
          user: 'alice',
          text: 'hi',
          ts: payloadOf(live[0]!).ts,
          verified: false,
        },
        { id: live[1]!.pos, external: true, via: 'api', payload: { text: 'deploy finished' } },
        { id: live[2]!.pos, external: true, via: 'api', payload: forged },
        { id: live[3]!.pos, external: true, payload: { text: 'from the SDK' } },
        ...(nats ? [{ id: live[4]!.pos, external: true, payload: { text: 'from the CLI' } }] : []),
      ]);
    });

    it('keeps rooms apart, whatever characters their names hold', async () => {
      // Topics may hold '.', ':', '~', '@', '=' and '+', and run to 128 characters.
      const tag = newRoom();
      const rooms = ['lobby', 'Lobby', 'a.b', 'a:b', 'a~b@c=d+e', 'x.y', 'x', 'z'.repeat(120)].map(
        (r) => `${tag}${r}`.slice(0, 128),
      );
      const c = await sys.client();
      for (const [i, r] of rooms.entries()) {
        await join(c, `chat:${r}`, { name: 'alice' });
        await say(c, `chat:${r}`, `m${i}`);
      }
      const late = await otherClient();
      for (const [i, r] of rooms.entries())
        assert.deepEqual(
          historyOf(await join(late, `chat:${r}`)).map((m) => m.text),
          [`m${i}`],
          r,
        );
    });
  });
}
