// The binary encoding through the client library (PROTOCOL.md §4.8), group
// frames shared across encodings, and permessage-deflate: off by default,
// bounded when on, and a deflate bomb refused without harm to the gateway.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connect, type MuxClient, type WebSocketConstructor } from '../../client/index.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import type { Session } from '../../gateway/session.ts';
import { echoService } from '../../services/echo/index.ts';
import { accept, defineService } from '../../services/sdk/index.ts';
import { PROTO_FRAMES, TestClient } from '../helpers/client.ts';
import { TestSystem } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

// Joins the group `room` on join; each msg goes to the whole group.
const roomService = defineService({
  name: 'room',
  join: () => accept({ groups: ['room'] }),
  receive(ctx, payload) {
    ctx.groupSend('room', payload);
  },
});

describe('the client library over muxgate.v1.proto', () => {
  let sys: TestSystem;
  const clients: MuxClient[] = [];
  const open = (encoding: 'json' | 'proto'): MuxClient => {
    const c = connect(sys.url, {
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      encoding,
    });
    clients.push(c);
    return c;
  };

  before(async () => {
    sys = await TestSystem.start({
      bus: { memory: new MemoryBroker() },
      services: [echoService, roomService],
      env: { MUX_ROUTES: 'echo,room' },
    });
  });
  after(async () => {
    for (const c of clients) c.close();
    await sys.close();
  });

  it('joins, requests and receives, with binary frames on the wire', async () => {
    const c = open('proto');
    const echo = c.stream('echo');
    await echo.join();
    const sessions = [...sys.gateway.hub.connections()] as Session[];
    assert.deepEqual(
      sessions.map((s) => s.encoding.name),
      ['proto'],
      'the gateway took the subprotocol',
    );
    const payload = { text: 'é ✓ 😀', n: [1, 2.5, -3], nested: { a: null } };
    assert.deepEqual(await echo.request(payload), payload);
    const got = collect<unknown>();
    echo.on('message', got.push);
    echo.send('plain');
    await until(() => got.items.length === 1);
    assert.deepEqual(got.items, ['plain']);
  });

  it('delivers one group message to members of both encodings', async () => {
    const json = open('json');
    const proto = open('proto');
    const received = { json: collect<unknown>(), proto: collect<unknown>() };
    for (const [c, got] of [
      [json, received.json],
      [proto, received.proto],
    ] as const) {
      const room = c.stream('room');
      room.on('message', got.push);
      await room.join();
    }
    json.stream('room').send({ from: 'json' });
    proto.stream('room').send({ from: 'proto' });
    await until(() => received.json.items.length === 2 && received.proto.items.length === 2);
    for (const got of Object.values(received))
      assert.deepEqual(
        new Set(got.items.map((x) => JSON.stringify(x))),
        new Set(['{"from":"json"}', '{"from":"proto"}']),
      );
  });

  it('answers 500 frames of random bytes, each at most once, and serves on', async () => {
    const c = await sys.client({ codec: PROTO_FRAMES });
    let seed = 14;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++)
      c.sendRaw(
        Buffer.from(
          Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256)),
        ),
        true,
      );
    c.send({ type: 'ping', ref: 'after' });
    await c.expect('pong');
    assert.ok(c.frames.length <= 500, `${c.frames.length} answers`);
    assert.ok(c.frames.every((f) => f.type === 'error' || f.type === 'pong'));
    assert.equal(c.ws.readyState, WebSocket.OPEN);
  });

  it('answers a text frame on the binary subprotocol with bad_frame, and stays open', async () => {
    const c = await sys.client({ codec: PROTO_FRAMES });
    c.sendRaw('{"type":"ping","ref":1}');
    assert.equal((await c.expect('error')).code, 'bad_frame');
    c.send({ type: 'ping', ref: 2 });
    assert.equal((await c.expect('pong')).ref, 2);
  });
});

describe('presence over muxgate.v1.proto (frames the .proto carries in `extra`)', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await TestSystem.start({
      bus: { memory: new MemoryBroker() },
      services: [
        defineService({
          name: 'lobby',
          join: (_ctx, payload) =>
            accept({ groups: ['lobby'], presence: { group: 'lobby', info: payload } }),
        }),
      ],
      env: { MUX_ROUTES: 'lobby' },
    });
  });
  after(() => sys.close());

  it('answers `presence` and sends `presence_diff` to a binary client as to a JSON one', async () => {
    const bin = await TestClient.open(sys.url, { codec: PROTO_FRAMES });
    sys.clients.push(bin);
    await bin.join('lobby', { name: 'ann' });
    const json = await sys.client();
    await json.join('lobby', { name: 'bob' });
    bin.send({ type: 'presence', stream: 'lobby', ref: 7 });
    const answer = await bin.expect('presence', 'lobby');
    assert.equal(answer.ref, 7);
    assert.equal(answer.count, 2);
    const members = answer.members as { info?: { name: string } }[];
    assert.deepEqual(members.map((m) => m.info?.name).sort(), ['ann', 'bob']);
    const diffed = (list: 'joins' | 'leaves', name: string) => () =>
      bin.frames.some(
        (f) =>
          f.type === 'presence_diff' &&
          (f[list] as { info?: { name: string } }[]).some((m) => m.info?.name === name),
      );
    // A join undone within the same 100 ms is never sent: wait for bob's first.
    await until(diffed('joins', 'bob'));
    json.send({ type: 'leave', stream: 'lobby' });
    await until(diffed('leaves', 'bob'));
  });
});

describe('permessage-deflate', () => {
  let off: TestSystem;
  let on: TestSystem;

  before(async () => {
    const opts = { services: [echoService], env: { MUX_ROUTES: 'echo' } };
    off = await TestSystem.start({ bus: { memory: new MemoryBroker() }, ...opts });
    on = await TestSystem.start({
      bus: { memory: new MemoryBroker() },
      ...opts,
      env: { ...opts.env, MUX_DEFLATE: 'true', MUX_DEFLATE_THRESHOLD: '1024' },
    });
  });
  after(async () => {
    await off.close();
    await on.close();
  });

  const deflating = async (sys: TestSystem, offer: object = {}): Promise<TestClient> => {
    const ws = new WebSocket(sys.url, 'muxgate.v1.json', { perMessageDeflate: offer });
    const c = await TestClient.wrap(ws);
    sys.clients.push(c);
    return c;
  };
  /** Bytes the client's socket read for one echo of `payload`. */
  const echoBytes = async (c: TestClient, payload: string): Promise<number> => {
    const socket = (c.ws as unknown as { _socket: { bytesRead: number } })._socket;
    const before = socket.bytesRead;
    c.send({ type: 'msg', stream: 'echo', ref: 'r', payload });
    assert.equal((await c.expect('reply')).payload, payload);
    return socket.bytesRead - before;
  };

  it('is off by default: an offer is declined', async () => {
    const c = await deflating(off);
    assert.equal(c.ws.extensions, '');
  });

  it('compresses frames from the threshold up, and none below it', async () => {
    const c = await deflating(on);
    const ext = c.ws as unknown as { _extensions: Record<string, { params: object }> };
    assert.deepEqual(
      { ...ext._extensions['permessage-deflate']?.params },
      {
        server_max_window_bits: 12,
        client_max_window_bits: 12,
      },
    );
    await c.join('echo');
    const big = 'abc'.repeat(4000);
    assert.ok((await echoBytes(c, big)) < big.length / 10, 'a 12 kB reply is compressed');
    const small = 'a'.repeat(900);
    assert.ok((await echoBytes(c, small)) > small.length, 'a reply under the threshold is not');
  });

  it('gives no compression to a client that cannot be held to the window', async () => {
    const c = await deflating(on, { clientMaxWindowBits: false });
    assert.equal(c.ws.extensions, '');
    await c.join('echo');
  });

  it('refuses a deflate bomb with 1009, and the gateway serves on', async () => {
    const bystander = await deflating(on);
    await bystander.join('echo');
    const bomb = await deflating(on);
    // 16 MiB of one letter deflate to a few kB; the limit is 64 KiB inflated.
    bomb.sendRaw(
      JSON.stringify({ type: 'msg', stream: 'echo', payload: 'a'.repeat(16 * 1024 * 1024) }),
    );
    const closed = await bomb.closed;
    assert.equal(closed.code, 1009);
    assert.equal(await echoBytes(bystander, 'still here').then(() => 'served'), 'served');
    const after = await deflating(on);
    await after.join('echo');
  });
});
