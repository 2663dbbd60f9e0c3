// The client library against a real gateway on a real nats-server: requests
// and typed errors, reconnects that rejoin with the original payloads,
// requests failing on disconnect, the bounded queue, the heartbeat, and the
// backoff's bounds.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import WebSocket from 'ws';
import {
  backoffDelay,
  ClientCloseCode,
  ClientErrorCode,
  connect,
  ErrorCode,
  isMuxError,
  MuxError,
  type ClientOptions,
  type MuxClient,
  type Reconnecting,
  type WebSocketConstructor,
} from '../../client/index.ts';
import { echoService } from '../../services/echo/index.ts';
import { accept, defineService, refuse, ServiceRunner } from '../../services/sdk/index.ts';
import { RestartableGateway } from '../helpers/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import { connectBus, uniquePrefix, type BusSource } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;

/** Every join the `rec` service accepted, in order. */
const joins: { stream: string; payload: unknown; user: string }[] = [];

// `rec` records joins and can be told to close a stream; `silent` never
// answers; `gate` refuses with its own code.
const recService = defineService({
  name: 'rec',
  join(ctx, payload) {
    joins.push({ stream: ctx.stream, payload, user: ctx.scope.user });
    return accept({ payload: { hello: ctx.stream } });
  },
  receive(ctx, payload, ref) {
    if (payload === 'close') return ctx.close('kicked', 'bye');
    if (ref !== undefined) ctx.reply(ref, { got: payload });
    else ctx.send(payload);
  },
});
const silentService = defineService({ name: 'silent' });
const gateService = defineService({
  name: 'gate',
  join: () => refuse('room_full', 'the room is full'),
});

const ROUTES = 'echo,rec,silent,gate';

describe('client library', () => {
  let nats: NatsServer;
  let source: BusSource;
  let prefix: string;
  let gw: RestartableGateway;
  const runners: ServiceRunner[] = [];
  const clients: MuxClient[] = [];
  const extras: { close(): Promise<void> }[] = [];

  const open = (opts: ClientOptions = {}, url = gw.url): MuxClient => {
    const c = connect(url, { WebSocket: WS, ...opts });
    clients.push(c);
    return c;
  };

  before(async () => {
    nats = await NatsServer.start();
    source = { nats: nats.url };
    prefix = uniquePrefix();
    for (const def of [echoService, recService, silentService, gateService])
      runners.push(await ServiceRunner.start(await connectBus(source, def.name), def, { prefix }));
    gw = await RestartableGateway.start(source, prefix, { env: { MUX_ROUTES: ROUTES } });
  });

  // Each test's clients close with it, so a later restart does not rejoin
  // an earlier test's streams in the middle of another test.
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  after(async () => {
    for (const e of extras) await e.close();
    await gw.close();
    await Promise.all(runners.map((r) => r.drain()));
    await nats.close();
  });

  /** Restarts the shared gateway if a test left it stopped. */
  const running = async (): Promise<void> => {
    if (!gw.running) await gw.start();
  };

  it('request resolves with the reply; a plain send comes back as a message', async () => {
    await running();
    const c = open();
    const echo = c.stream('echo');
    assert.equal(c.stream('echo'), echo, 'one Stream object per name');
    await echo.join();
    assert.deepEqual(await echo.request({ hello: 'world' }), { hello: 'world' });
    const got = collect<unknown>();
    echo.on('message', got.push);
    echo.send([1, 2, 3]);
    assert.deepEqual(await got.wait(1), [[1, 2, 3]]);
    assert.equal(c.state, 'open');
    assert.deepEqual(c.streams, [{ name: 'echo', state: 'joined' }]);
  });

  it('rejects with typed errors that carry the protocol code', async () => {
    await running();
    const c = open();
    assert.throws(
      () => c.stream('Not A Stream'),
      (e) => isMuxError(e, ErrorCode.BadStream),
    );
    await assert.rejects(c.stream('nope').join(), (e) => {
      assert.ok(e instanceof MuxError);
      assert.equal(e.code, ErrorCode.UnknownStream);
      assert.equal(e.stream, 'nope');
      return true;
    });
    // A service's own code passes through unchanged.
    await assert.rejects(c.stream('gate:a').join(), (e) => isMuxError(e, 'room_full'));
    assert.equal(c.stream('gate:a').state, 'idle');

    const silent = c.stream('silent');
    await silent.join();
    await assert.rejects(silent.request('hello?', { timeout: 50 }), (e) =>
      isMuxError(e, ClientErrorCode.Timeout),
    );
    await assert.rejects(silent.join(), (e) => isMuxError(e, ErrorCode.AlreadyJoined));
    assert.throws(
      () => c.stream('rec:never').send('x'),
      (e) => isMuxError(e, ErrorCode.NotJoined),
    );
  });

  it("passes the gateway's error code for a request it refused", async () => {
    const limited = await RestartableGateway.start(source, prefix, {
      env: { MUX_ROUTES: ROUTES, MUX_RATE_PER_SECOND: '1', MUX_RATE_BURST: '3' },
    });
    extras.push(limited);
    const c = open({}, limited.url);
    const echo = c.stream('echo');
    await echo.join();
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => echo.request(n)));
    const codes = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r.reason as MuxError).code);
    assert.ok(codes.length >= 1, 'the burst is smaller than the requests');
    assert.ok(codes.every((code) => code === ErrorCode.RateLimited));
  });

  it('refuses a frame above max_frame_bytes locally and keeps the socket', async () => {
    const small = await RestartableGateway.start(source, prefix, {
      env: { MUX_ROUTES: ROUTES, MUX_MAX_FRAME_BYTES: '1024' },
    });
    extras.push(small);
    const c = open({}, small.url);
    const echo = c.stream('echo');
    await echo.join();
    assert.throws(
      () => echo.send('é'.repeat(600)),
      (e) => isMuxError(e, ClientErrorCode.TooLarge),
    );
    await assert.rejects(echo.request('x'.repeat(2000)), (e) =>
      isMuxError(e, ClientErrorCode.TooLarge),
    );
    assert.equal(await echo.request('small'), 'small');
    assert.equal(c.state, 'open');
  });

  it('reports connecting, open, reconnecting, open, closed', { timeout: 15_000 }, async () => {
    await running();
    const c = open();
    const states = collect<string>();
    c.on('state', (e) => states.push(e.state));
    const reconnecting = collect<{ code: number; attempt: number }>();
    c.on('reconnecting', reconnecting.push);
    assert.equal(c.state, 'connecting');
    const welcome = await c.ready();
    assert.equal(typeof welcome.conn, 'string');
    await gw.restart();
    await until(() => states.items.at(-1) === 'open' && states.items.length >= 3, 10_000);
    assert.equal(reconnecting.items[0]?.code, 1001, 'a draining gateway closes with 1001');
    assert.equal(reconnecting.items[0]?.attempt, 1);
    assert.notEqual(c.welcome?.conn, welcome.conn, 'a new connection');
    c.close();
    assert.deepEqual(states.items, ['open', 'reconnecting', 'open', 'closed']);
    await assert.rejects(c.ready(), (e) => isMuxError(e, ClientErrorCode.Closed));
  });

  it('rejoins every joined stream with its original payload', { timeout: 15_000 }, async () => {
    await running();
    const c = open();
    const a = c.stream('rec:a');
    const b = c.stream('rec:b');
    const gone = c.stream('rec:gone');
    const kicked = c.stream('rec:kicked');
    assert.deepEqual(await a.join({ name: 'alice', n: 1 }), { hello: 'rec:a' });
    await b.join();
    await gone.join({ name: 'gone' });
    await kicked.join();
    await gone.leave();
    assert.equal(gone.state, 'left');
    const left = collect<unknown>();
    kicked.on('left', left.push);
    await assert.rejects(kicked.request('close'), (e) => isMuxError(e, 'kicked'));
    assert.deepEqual(await left.wait(1), [{ by: 'server', code: 'kicked', reason: 'bye' }]);

    const rejoined = collect<string>();
    for (const s of [a, b]) s.on('joined', (j) => j.rejoin && rejoined.push(s.name));
    const before = joins.length;
    await gw.restart();
    await rejoined.wait(2);
    await until(() => joins.length >= before + 2);
    const again = joins.slice(before).sort((x, y) => x.stream.localeCompare(y.stream));
    assert.deepEqual(again, [
      { stream: 'rec:a', payload: { name: 'alice', n: 1 }, user: '' },
      { stream: 'rec:b', payload: undefined, user: '' },
    ]);
    assert.equal(gone.state, 'left');
    assert.equal(kicked.state, 'left');
    assert.deepEqual(await a.request('after'), { got: 'after' });
  });

  it('rejects requests on the wire when the socket drops', { timeout: 10_000 }, async () => {
    await running();
    const c = open({ backoff: { steps: [50] } });
    const silent = c.stream('silent');
    await silent.join();
    const pending = assert.rejects(silent.request('never answered', { timeout: 60_000 }), (e) => {
      assert.ok(isMuxError(e, ClientErrorCode.Disconnected));
      assert.equal(e.stream, 'silent');
      return true;
    });
    await gw.stop();
    await pending;
    assert.equal(silent.state, 'joining', 'it will be rejoined');
  });

  it(
    'queues sends while reconnecting, up to a bound, and delivers them after the rejoin',
    {
      timeout: 15_000,
    },
    async () => {
      await running();
      const c = open({ maxQueue: 3, backoff: { steps: [50] } });
      const echo = c.stream('echo');
      await echo.join();
      await gw.stop();
      await until(() => c.state === 'reconnecting');
      echo.send('one');
      const reply = echo.request('two');
      echo.send('three');
      assert.equal(c.queued, 3);
      assert.throws(
        () => echo.send('four'),
        (e) => isMuxError(e, ClientErrorCode.QueueFull),
      );
      await assert.rejects(echo.request('five'), (e) => isMuxError(e, ClientErrorCode.QueueFull));
      const got = collect<unknown>();
      echo.on('message', got.push);
      await gw.start();
      assert.equal(await reply, 'two');
      assert.deepEqual(await got.wait(2), ['one', 'three']);
      assert.equal(c.queued, 0);
    },
  );

  it('a request that times out in the queue is taken out of it', async () => {
    await running();
    const c = open({ backoff: { steps: [60_000] } });
    const echo = c.stream('echo');
    await echo.join();
    await gw.stop();
    await until(() => c.state === 'reconnecting');
    await assert.rejects(echo.request('late', { timeout: 20 }), (e) =>
      isMuxError(e, ClientErrorCode.Timeout),
    );
    assert.equal(c.queued, 0);
    c.close();
  });

  it(
    'wake() reconnects at once instead of waiting out the backoff',
    { timeout: 10_000 },
    async () => {
      await running();
      const c = open({ backoff: { steps: [60_000] } });
      const echo = c.stream('echo');
      await echo.join();
      await gw.stop();
      await until(() => c.state === 'reconnecting');
      await gw.start();
      c.wake('online');
      await c.ready();
      await until(() => echo.state === 'joined');
      assert.equal(await echo.request('back'), 'back');
    },
  );

  it('finds a dead link with the heartbeat and reconnects', { timeout: 10_000 }, async () => {
    await running();
    const proxy = await TcpProxy.start(gw.port);
    extras.push(proxy);
    const c = open(
      { pingIntervalMs: 100, pingTimeoutMs: 500, backoff: { steps: [20] } },
      `ws://127.0.0.1:${proxy.port}/ws`,
    );
    const echo = c.stream('echo');
    await echo.join();
    const first = c.welcome?.conn;
    const reconnecting = collect<{ code: number; reason: string }>();
    c.on('reconnecting', reconnecting.push);
    proxy.blackhole();
    const [lost] = await reconnecting.wait(1);
    assert.deepEqual(
      { code: lost!.code, reason: lost!.reason },
      { code: ClientCloseCode.HeartbeatTimeout, reason: 'heartbeat timeout' },
    );
    await c.ready();
    assert.notEqual(c.welcome?.conn, first);
    await until(() => echo.state === 'joined');
    assert.equal(await echo.request('alive'), 'alive');
  });

  it('gives up on an attempt that never gets a welcome', { timeout: 10_000 }, async () => {
    // Accepts TCP connections and never answers the upgrade.
    const held: Socket[] = [];
    const mute = createServer((s) => held.push(s.on('error', () => {})));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    extras.push({
      close: () => {
        held.forEach((s) => s.destroy());
        return new Promise<void>((r) => mute.close(() => r()));
      },
    });
    const port = (mute.address() as AddressInfo).port;
    const c = open(
      { connectTimeoutMs: 100, backoff: { steps: [10_000] } },
      `ws://127.0.0.1:${port}/ws`,
    );
    const reconnecting = collect<Reconnecting>();
    c.on('reconnecting', reconnecting.push);
    const [r] = await reconnecting.wait(1);
    assert.deepEqual(r, {
      attempt: 1,
      delay: r!.delay,
      code: ClientCloseCode.ConnectTimeout,
      reason: 'connect timeout',
    });
    assert.equal(c.state, 'reconnecting');
  });

  it('close() fails pending work with closed', async () => {
    await running();
    const c = open();
    const silent = c.stream('silent');
    await silent.join();
    const pending = silent.request('x', { timeout: 60_000 });
    const joining = c.stream('rec:late').join();
    const closed = collect<unknown>();
    c.on('closed', closed.push);
    c.close();
    await assert.rejects(pending, (e) => isMuxError(e, ClientErrorCode.Closed));
    await assert.rejects(joining, (e) => isMuxError(e, ClientErrorCode.Closed));
    assert.equal(c.state, 'closed');
    assert.equal(silent.state, 'left');
    assert.equal(closed.items.length, 1);
    await assert.rejects(silent.join(), (e) => isMuxError(e, ClientErrorCode.Closed));
  });

  it('sends the token as a query parameter', async () => {
    const secret = 'client-test-secret';
    const authed = await RestartableGateway.start(source, prefix, {
      env: { MUX_ROUTES: ROUTES, MUX_JWT_SECRET: secret, MUX_DEV_TOKENS: 'true' },
    });
    extras.push(authed);
    const res = await fetch(`${authed.http}/dev/token?sub=carol`);
    const { token } = (await res.json()) as { token: string };
    let calls = 0;
    const c = open(
      {
        token: () => {
          calls++;
          return token;
        },
      },
      authed.url,
    );
    const before = joins.length;
    await c.stream('rec:who').join();
    assert.equal(joins[before]?.user, 'carol');
    assert.equal(calls, 1, 'the token source is called once per attempt');
  });
});

describe('client bundle', () => {
  it('bundles for browsers without the gateway-side zod schemas', async () => {
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('../../client/index.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    assert.ok(
      inputs.some((f) => f.endsWith('protocol/codes.ts')),
      'codes come from protocol/',
    );
    assert.deepEqual(
      inputs.filter((f) => f.includes('node_modules')),
      [],
      'the client has no run-time dependencies',
    );
  });
});

describe('backoff', () => {
  it('walks the steps, then stays on the last', () => {
    const steps = [100, 250, 1000];
    const exact = [1, 2, 3, 4, 10].map((n) => backoffDelay(n, { steps, jitter: 0 }));
    assert.deepEqual(exact, [100, 250, 1000, 1000, 1000]);
  });

  it('keeps jittered delays within [step × (1 − jitter), step]', () => {
    const steps = [100, 250, 500, 1000, 5000];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r, jitter) => {
          const step = steps[Math.min(attempt, steps.length) - 1]!;
          const d = backoffDelay(attempt, { steps, jitter }, () => r);
          return d <= step && d >= step * (1 - jitter);
        },
      ),
    );
  });

  it('spreads delays across the jitter range', () => {
    const lo = backoffDelay(1, { steps: [1000], jitter: 0.5 }, () => 0.999);
    const hi = backoffDelay(1, { steps: [1000], jitter: 0.5 }, () => 0);
    assert.equal(hi, 1000);
    assert.ok(lo > 500 && lo < 501);
  });
});
