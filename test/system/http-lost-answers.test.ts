// Nothing lost silently when an HTTP fallback's answer is (PROTOCOL.md §4.5
// notes, docs/protocol-decisions.md "Lost answers of the HTTP fallbacks"):
// poll answers the gateway wrote but the client never got are answered
// again (`ack` / Mux-Seq), sends whose 204 was lost are retried and taken
// once (`seq`), here and through another gateway; a cut SSE response ends
// the connection and the client rejoins its durable room without a gap.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PollSocket } from '../../client/http-socket.ts';
import { connect, type MuxClient } from '../../client/index.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { echoService } from '../../services/echo/index.ts';
import { accept, defineService } from '../../services/sdk/index.ts';
import { CuttingProxy } from '../helpers/cutting-proxy.ts';
import { startGateway, TestSystem, uniquePrefix } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

type Frame = Record<string, unknown>;

describe('HTTP fallbacks: lost answers', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let second: Gateway;
  let proxy: CuttingProxy;

  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    const prefix = uniquePrefix();
    const env = { MUX_ROUTES: 'echo', MUX_POLL_TIMEOUT_MS: '500' };
    sys = await TestSystem.start({ bus: { nats: nats.url }, prefix, services: [echoService], env });
    second = await startGateway({ nats: nats.url }, prefix, env);
    proxy = await CuttingProxy.start(sys.gateway.port);
  });
  after(async () => {
    await proxy.close();
    await sys.close();
    await second.drain();
    await nats.close();
  });

  it('long poll: every frame arrives once and in order though every other answer and 204 is lost', async () => {
    let polls = 0;
    let sends = 0;
    proxy.cut = (e) => {
      if (e.url.startsWith('/v1/poll?session=') && e.status === 200 && e.body !== '[]')
        return polls++ % 2 === 0;
      if (e.url.startsWith('/v1/send') && e.status === 204) return sends++ % 2 === 0;
      return false;
    };
    const frames: Frame[] = [];
    let closed: { code: number } | undefined;
    const s = new PollSocket(`ws://127.0.0.1:${proxy.port}/ws`);
    s.onmessage = (ev) => frames.push(JSON.parse(String(ev.data)) as Frame);
    s.onclose = (ev) => (closed = ev);
    try {
      await until(() => s.readyState === 1, 10_000);
      s.send(JSON.stringify({ type: 'join', stream: 'echo', ref: 'j' }));
      await until(() => frames.some((f) => f.type === 'joined'), 10_000);
      const N = 20;
      for (let i = 0; i < N; i++) {
        s.send(JSON.stringify({ type: 'msg', stream: 'echo', ref: `m${i}`, payload: { i } }));
        await until(() => frames.some((f) => f.ref === `m${i}`) || closed !== undefined, 10_000);
        assert.equal(closed, undefined, 'the connection stays open');
      }
      const cutPolls = proxy.log.filter((e) => e.cut && e.url.startsWith('/v1/poll')).length;
      const cutSends = proxy.log.filter((e) => e.cut && e.url.startsWith('/v1/send')).length;
      assert.ok(cutPolls >= N / 2, `poll answers lost: ${cutPolls}`);
      assert.ok(cutSends >= N / 2, `send answers lost: ${cutSends}`);
      assert.deepEqual(
        frames.map((f) => `${String(f.type)}:${String(f.ref ?? '')}`),
        ['welcome:', 'joined:j', ...Array.from({ length: N }, (_, i) => `reply:m${i}`)],
        'each frame once, in order (a send taken twice would answer twice)',
      );
    } finally {
      proxy.cut = () => false;
      s.close();
    }
  });

  it('a poll and a send forwarded to the owning gateway carry ack and seq', async () => {
    const other = `http://127.0.0.1:${second.port}`;
    const opened = await fetch(`${sys.http}/v1/poll`);
    const welcome = ((await opened.json()) as Frame[])[0]!;
    assert.equal(opened.headers.get('mux-seq'), '1');
    const session = encodeURIComponent(String(welcome.session));
    const send = (seq: number, frames: Frame[]) =>
      fetch(`${other}/v1/send?session=${session}&seq=${seq}`, {
        method: 'POST',
        body: JSON.stringify(frames),
      });
    const poll = async (ack: number) => {
      const r = await fetch(`${other}/v1/poll?session=${session}&ack=${ack}`);
      assert.equal(r.status, 200);
      return { seq: r.headers.get('mux-seq'), frames: (await r.json()) as Frame[] };
    };
    const join = { type: 'join', stream: 'echo', ref: 'j' };
    assert.equal((await send(1, [join])).status, 204);
    assert.equal((await send(1, [join])).status, 204, 'a retry of send 1: taken already');
    const first = await poll(1);
    assert.deepEqual(
      first.frames.map((f) => f.type),
      ['joined'],
    );
    assert.equal(first.seq, '2');
    // That answer was "lost": the same ack again is answered the same frame.
    assert.deepEqual(await poll(1), first);
    assert.equal(
      (await send(2, [{ type: 'msg', stream: 'echo', ref: 'm', payload: 1 }])).status,
      204,
    );
    const next = await poll(2);
    // Not a second `joined` or an `already joined` error: the retried join was not applied.
    assert.deepEqual(
      next.frames.map((f) => `${String(f.type)}:${String(f.ref)}`),
      ['reply:m'],
    );
    assert.equal(next.seq, '3');
    // An ack of frames already acknowledged cannot be answered: 409, the connection ends.
    const bad = await fetch(`${other}/v1/poll?session=${session}&ack=1`);
    assert.equal(bad.status, 409);
    const after = await fetch(`${sys.http}/v1/poll?session=${session}&ack=3`);
    assert.equal(after.status, 410);
    assert.equal(((await after.json()) as Frame).code, 1008);
    const malformed = await fetch(`${other}/v1/poll?session=${session}&ack=x`);
    assert.equal(malformed.status, 400);
  });
});

describe('HTTP fallbacks: a lost SSE response', () => {
  const API_KEY = 'lost-sse-key';
  const rooms = defineService({
    name: 'room',
    durable: { groups: 'room.>', maxPerGroup: 5000 },
    join: (ctx) => accept({ durable: `room.${ctx.topic}` }),
  });
  let nats: NatsServer;
  let sys: TestSystem;
  let proxy: CuttingProxy;
  let client: MuxClient | undefined;

  before(async () => {
    nats = await NatsServer.start();
    const env = { MUX_ROUTES: 'room', MUX_API_KEYS: API_KEY };
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [rooms], env });
    proxy = await CuttingProxy.start(sys.gateway.port);
  });
  after(async () => {
    client?.close();
    await proxy.close();
    await sys.close();
    await nats.close();
  });

  const publish = async (n: number): Promise<void> => {
    const res = await fetch(`${sys.http}/v1/groups/room.sse/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { n } }),
    });
    assert.equal(res.status, 202);
  };

  it('says reconnecting, rejoins its durable room with since, and delivers every message once, in order', async () => {
    client = connect(`ws://127.0.0.1:${proxy.port}/ws`, {
      transports: ['sse'],
      watchPage: false,
      backoff: { steps: [100] },
    });
    const reconnecting = collect<unknown>();
    client.on('reconnecting', reconnecting.push);
    const room = client.stream('room:sse');
    const got: number[] = [];
    room.on('message', (p) => got.push((p as { n: number }).n));
    const joined = collect<{ rejoin: boolean; recovered?: boolean }>();
    room.on('joined', joined.push);
    await room.join();
    assert.equal(client.transport, 'sse');
    const firstConn = client.welcome!.conn;
    for (let n = 1; n <= 3; n++) await publish(n);
    await until(() => got.length === 3, 10_000);

    // The response is cut mid-stream, and the gateway cannot be reached for a while.
    proxy.down = true;
    assert.equal(proxy.cutSse(), 1);
    for (let n = 4; n <= 103; n++) await publish(n);
    await reconnecting.wait(1, 10_000);
    proxy.down = false;

    const [, rejoin] = await joined.wait(2, 20_000);
    assert.deepEqual([rejoin!.rejoin, rejoin!.recovered], [true, true]);
    assert.notEqual(client.welcome!.conn, firstConn, 'a new connection');
    assert.equal(client.transport, 'sse');
    await publish(104);
    await until(() => got.length >= 104, 15_000, 'the missed messages, then a live one');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      got,
      Array.from({ length: 104 }, (_, i) => i + 1),
      'no gap, no duplicate',
    );
  });
});
