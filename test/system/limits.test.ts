// Every limit: its default, its knob, and what a client sees past it. Each
// case also checks that another client on the same gateway is unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { TRANSPORTS, type FrameClient } from '../helpers/transports.ts';
import { until } from '../helpers/wait.ts';

let nats: NatsServer;
before(async () => {
  nats = await NatsServer.start({ jetstream: false });
});
after(async () => {
  await nats.close();
});

async function system(env: Record<string, string> = {}): Promise<TestSystem> {
  return TestSystem.start({ bus: { nats: nats.url }, services: [echoService], env });
}

/** A bystander still gets its echo answered. */
async function stillServed(c: FrameClient, tag: string): Promise<void> {
  c.send({ type: 'msg', stream: 'echo', ref: tag, payload: tag });
  assert.equal((await c.next((f) => f.type === 'reply' && f.ref === tag)).payload, tag);
}

async function closeCounts(sys: TestSystem): Promise<Record<string, number>> {
  const m = await sys.gateway.metrics.disconnects.get();
  return Object.fromEntries(m.values.map((v) => [String(v.labels.code), v.value]));
}

describe('max frame bytes', () => {
  let sys: TestSystem;
  before(async () => (sys = await system({ MUX_MAX_FRAME_BYTES: '1024' })));
  after(() => sys.close());

  it('accepts a frame at the limit and closes with 1009 above it', async () => {
    const bystander = await sys.client();
    await bystander.join('echo');
    const c = await sys.client();
    assert.equal(c.welcome?.limits.max_frame_bytes, 1024);
    await c.join('echo');
    const head = '{"type":"msg","stream":"echo","ref":"fit","payload":"';
    c.sendRaw(head + 'x'.repeat(1024 - head.length - 2) + '"}');
    assert.equal((await c.expect('reply')).ref, 'fit');
    c.sendRaw(head + 'x'.repeat(1024 - head.length - 1) + '"}');
    assert.equal((await c.closed).code, CloseCode.TooLarge);
    await stillServed(bystander, 'after-1009');
  });
});

describe('binary frames', () => {
  let sys: TestSystem;
  before(async () => (sys = await system()));
  after(() => sys.close());

  it('answers bad_frame and keeps the connection', async () => {
    const c = await sys.client();
    await c.join('echo');
    c.sendRaw(Buffer.from([1, 2, 3]), true);
    const e = await c.expect('error');
    assert.equal(e.code, ErrorCode.BadFrame);
    assert.match(String(e.message), /binary/);
    await stillServed(c, 'after-binary');
  });
});

describe('max streams per connection', () => {
  let sys: TestSystem;
  before(async () => (sys = await system({ MUX_MAX_STREAMS: '2' })));
  after(() => sys.close());

  for (const transport of TRANSPORTS)
    describe(`over ${transport.name}`, () => {
      it('refuses a join past the limit with too_many_streams, and allows it again after a leave', async () => {
        const c = await sys.clientOver(transport);
        assert.equal(c.welcome?.limits.max_streams, 2);
        await c.join('echo:a');
        await c.join('echo:b');
        c.send({ type: 'join', stream: 'echo:c', ref: 'c' });
        const e = await c.expect('error');
        assert.deepEqual([e.code, e.ref, e.stream], [ErrorCode.TooManyStreams, 'c', 'echo:c']);
        c.send({ type: 'leave', stream: 'echo:a' });
        await c.expect('left');
        await c.join('echo:c');
      });
    });

  it('defaults to 128', async () => {
    await using s = await system();
    const c = await s.client();
    assert.equal(c.welcome?.limits.max_streams, 128);
  });
});

describe('rate limit', () => {
  for (const transport of TRANSPORTS)
    describe(`over ${transport.name}`, () => {
      it('answers every frame past the burst with rate_limited, and only the flooding client', async () => {
        await using sys = await system({ MUX_RATE_PER_SECOND: '10', MUX_RATE_BURST: '5' });
        const bystander = await sys.client();
        await bystander.join('echo');
        const c = await sys.clientOver(transport);
        assert.deepEqual(
          [c.welcome?.limits.rate_per_second, c.welcome?.limits.rate_burst],
          [10, 5],
        );
        for (let i = 0; i < 40; i++) c.send({ type: 'ping', ref: i });
        const frames = await c.waitFrames(40);
        const pongs = frames.filter((f) => f.type === 'pong');
        const limited = frames.filter((f) => f.type === 'error');
        assert.ok(pongs.length >= 5 && pongs.length < 40, `${pongs.length} pongs`);
        assert.equal(pongs.length + limited.length, 40, 'every frame is answered once');
        assert.ok(
          limited.every((f) => f.code === ErrorCode.RateLimited && typeof f.ref === 'number'),
        );
        await stillServed(bystander, 'not-limited');
      });
    });

  it('lets a burst of 10,000 frames through by default, far past what an app or a benchmark sends', async () => {
    await using sys = await system();
    const c = await sys.client();
    assert.deepEqual(
      [c.welcome!.limits.rate_per_second, c.welcome!.limits.rate_burst],
      [10_000, 20_000],
    );
    for (let i = 0; i < 10_000; i++) c.send({ type: 'ping', ref: i });
    const frames = await c.waitFrames(10_000, 20_000);
    assert.equal(frames.filter((f) => f.type === 'pong').length, 10_000);
  });
});

describe('byte rate', () => {
  it('reads a client no faster than the rate: frames past the budget in a read get rate_limited, each answered once', async () => {
    const RATE = 64 * 1024;
    const BURST = 16 * 1024;
    await using sys = await system({
      MUX_MAX_FRAME_BYTES: '4096',
      MUX_RATE_BYTES_PER_SECOND: String(RATE),
      MUX_RATE_BYTES_BURST: String(BURST),
    });
    const bystander = await sys.client();
    await bystander.join('echo');
    const c = await sys.client();
    await c.join('echo');
    const N = 200;
    const frame = (ref: number) =>
      JSON.stringify({ type: 'msg', stream: 'echo', ref, payload: 'b'.repeat(1000) });
    const size = frame(0).length;
    const started = performance.now();
    for (let i = 0; i < N; i++) c.sendRaw(frame(i));
    const frames = await c.waitFrames(N, 30_000);
    const seconds = (performance.now() - started) / 1000;
    const byRef = new Map<unknown, string[]>();
    for (const f of frames)
      byRef.set(f.ref, [...(byRef.get(f.ref) ?? []), String(f.code ?? f.type)]);
    assert.equal(byRef.size, N, 'every ref answered');
    assert.ok(
      [...byRef.values()].every((a) => a.length === 1),
      'exactly once',
    );
    const replies = frames.filter((f) => f.type === 'reply').length;
    const limited = frames.filter((f) => f.code === ErrorCode.RateLimited).length;
    assert.equal(replies + limited, N);
    assert.ok(replies > 0);
    // What it let through: the burst, the rate since, and at most one read past the budget.
    assert.ok(
      replies * size <= BURST + RATE * seconds + 64 * 1024,
      `${replies * size} bytes in ${seconds.toFixed(1)} s`,
    );
    assert.ok(seconds >= (replies * size - BURST - 64 * 1024) / RATE - 0.5, 'paced');
    await stillServed(bystander, 'not-byte-limited');
  });
});

describe('join timeout', () => {
  it('answers unavailable at the configured timeout when the service never replies', async () => {
    await using sys = await system({ MUX_JOIN_TIMEOUT_MS: '150', MUX_ROUTES: 'echo,mute' });
    const raw = await connectBus(sys.source);
    raw.subscribe(`${sys.prefix}.svc.mute.join`, () => {});
    await raw.flush();
    const c = await sys.client();
    c.send({ type: 'join', stream: 'mute', ref: 'm' });
    const e = await c.expect('error');
    assert.deepEqual([e.code, e.ref], [ErrorCode.Unavailable, 'm']);
    assert.match(String(e.message), /150 ms/);
    await raw.drain();
  });
});

describe('heartbeat', () => {
  it('closes a peer that stops answering WebSocket pings, and keeps one that answers', async () => {
    await using sys = await system({ MUX_HEARTBEAT_MS: '100' });
    const alive = await sys.client();
    assert.equal(alive.welcome?.heartbeat_ms, 100);
    const dead = new WebSocket(sys.url, 'muxgate.v1.json', { autoPong: false });
    const deadClosed = new Promise<number>((resolve) =>
      dead.once('close', (code) => resolve(code)),
    );
    await new Promise((resolve) => dead.once('open', resolve));
    await until(() => sys.gateway.connectionCount === 2);
    assert.equal(await deadClosed, 1006, 'terminated without a close handshake');
    await until(() => sys.gateway.connectionCount === 1);
    await alive.join('echo');
    await stillServed(alive, 'heartbeat-survivor');
  });
});

describe('outbound buffer', () => {
  // Past an eighth of the limit the gateway stops reading the client; one
  // that then takes no byte for a heartbeat interval is cut (docs/configuration.md).
  // A high byte rate, so the kernel's buffers fill in a moment.
  it('disconnects a client that never reads with 1013, and serves the others', async () => {
    await using sys = await system({
      MUX_MAX_BUFFERED_BYTES: '65536',
      MUX_HEARTBEAT_MS: '300',
      MUX_RATE_BYTES_PER_SECOND: String(64 * 1024 * 1024),
      MUX_RATE_BYTES_BURST: String(64 * 1024 * 1024),
    });
    const bystander = await sys.client();
    await bystander.join('echo');
    const slow = await sys.client();
    await slow.join('echo');
    // Stop reading: the kernel buffers fill, then the gateway's own buffer grows.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const payload = 'y'.repeat(32 * 1024);
    for (let i = 0; i < 1500 && sys.gateway.connectionCount === 2; i++) {
      slow.send({ type: 'msg', stream: 'echo', payload });
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => sys.gateway.connectionCount === 1, 10_000, 'slow client dropped');
    assert.equal((await closeCounts(sys))['1013'], 1);
    await stillServed(bystander, 'after-slow');
  });
});
