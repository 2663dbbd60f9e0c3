// The client library over a gateway that goes away: the states it reports,
// streams rejoined with their original payloads, requests failing on a
// disconnect, the bounded queue, the heartbeat finding a dead link, an
// attempt without welcome; and the backoff's bounds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import fc from 'fast-check';
import {
  backoffDelay,
  ClientCloseCode,
  ClientErrorCode,
  isMuxError,
  type Reconnecting,
} from '../../client/index.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import { collect, until } from '../helpers/wait.ts';
import { clientSystem, joins } from '../helpers/client-lib.ts';

describe('client library: reconnects', () => {
  const sys = clientSystem();
  const { extras, open, running } = sys;

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
    await sys.gw.restart();
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
    await sys.gw.restart();
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
    await sys.gw.stop();
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
      await sys.gw.stop();
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
      await sys.gw.start();
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
    await sys.gw.stop();
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
      await sys.gw.stop();
      await until(() => c.state === 'reconnecting');
      await sys.gw.start();
      c.wake('online');
      await c.ready();
      await until(() => echo.state === 'joined');
      assert.equal(await echo.request('back'), 'back');
    },
  );

  it('finds a dead link with the heartbeat and reconnects', { timeout: 10_000 }, async () => {
    await running();
    const proxy = await TcpProxy.start(sys.gw.port);
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
