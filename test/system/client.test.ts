// The client library against a real gateway on a real nats-server: requests
// and typed errors, close(), the token, and the browser bundle. Reconnects,
// the queue, the heartbeat and the backoff are in client-reconnect.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ClientErrorCode, ErrorCode, isMuxError, MuxError } from '../../client/index.ts';
import { RestartableGateway } from '../helpers/gateway.ts';
import { collect } from '../helpers/wait.ts';
import { clientSystem, joins, ROUTES } from '../helpers/client-lib.ts';

describe('client library: requests, errors, close and token', () => {
  const sys = clientSystem();
  const { extras, open, running } = sys;

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
    const limited = await RestartableGateway.start(sys.source, sys.prefix, {
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
    const small = await RestartableGateway.start(sys.source, sys.prefix, {
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
    const authed = await RestartableGateway.start(sys.source, sys.prefix, {
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
