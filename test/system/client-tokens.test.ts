// The client library and the gateway's token rules (issue 12 items 11 and
// 12): headers and Origin from Node, the token refreshed before `exp`, no
// reconnect after 4000 or 4001 without a new token, and a refused upgrade
// explained instead of retried silently forever. In the style of
// client.test.ts, on the in-memory bus: NATS adds nothing here.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { decodeJwt, SignJWT } from 'jose';
import WebSocket from 'ws';
import {
  CloseCode,
  ClientErrorCode,
  connect,
  isMuxError,
  RefusalCode,
  type ClientOptions,
  type MuxClient,
  type Refusal,
  type Stopped,
  type WebSocketConstructor,
} from '../../client/index.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { echoService } from '../../services/echo/index.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import { RestartableGateway } from '../helpers/gateway.ts';
import { uniquePrefix, type BusSource } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;
// Headers need the `ws` package's constructor (Node's global WebSocket takes none).
const WS_PKG = WebSocket as unknown as WebSocketConstructor;

const SECRET = 'client-tokens-secret-long-enough-for-hs256';
const ALLOWED = 'https://app.example';
const now = () => Math.floor(Date.now() / 1000);
let seq = 0;
/** A token for `sub` expiring in `secs`; each call gives a different token (jti). */
const sign = (secs: number, sub = 'ann') =>
  new SignJWT({ jti: String(++seq) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(now() + secs)
    .sign(new TextEncoder().encode(SECRET));

describe('client library: tokens, origins and refusals', () => {
  const source: BusSource = { memory: new MemoryBroker() };
  const prefix = uniquePrefix();
  let runner: ServiceRunner;
  let gw: RestartableGateway;
  let open: RestartableGateway;
  const clients: MuxClient[] = [];

  const client = (opts: ClientOptions, url = gw.url): MuxClient => {
    const c = connect(url, { WebSocket: WS, backoff: { steps: [50], jitter: 0 }, ...opts });
    clients.push(c);
    return c;
  };

  before(async () => {
    runner = await ServiceRunner.start(source.memory.connect(), echoService, { prefix });
    gw = await RestartableGateway.start(source, prefix, {
      env: {
        MUX_ROUTES: 'echo',
        MUX_JWT_SECRET: SECRET,
        MUX_AUTH: 'optional',
        MUX_ALLOWED_ORIGINS: ALLOWED,
      },
    });
    open = await RestartableGateway.start(source, prefix, {
      env: { MUX_ROUTES: 'echo', MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
    });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  after(async () => {
    await gw.close();
    await open.close();
    await runner.drain();
  });

  it('sends an Origin and headers from Node', async () => {
    const byOrigin = client({ WebSocket: WS_PKG, origin: ALLOWED });
    await byOrigin.ready();
    const token = await sign(60);
    const byHeader = client({ WebSocket: WS_PKG, headers: { Authorization: `Bearer ${token}` } });
    await byHeader.ready();
    assert.equal(byHeader.exp, decodeJwt(token).exp, 'the header token was verified');
  });

  const builtIn = (globalThis as { WebSocket?: unknown }).WebSocket as
    WebSocketConstructor | undefined;
  it(
    "sends headers with Node's built-in WebSocket too",
    { skip: builtIn ? false : 'no global WebSocket (Node < 22)' },
    async () => {
      const c = client({ WebSocket: builtIn!, origin: ALLOWED });
      await c.ready();
    },
  );

  it('is admitted without an Origin when it has a valid token', async () => {
    const c = client({ token: () => sign(60) });
    const echo = c.stream('echo');
    await echo.join();
    assert.equal(await echo.request('hi'), 'hi');
  });

  it('explains a refused upgrade and stops instead of retrying forever', async () => {
    const c = client({});
    const refused = collect<Refusal>();
    const stopped = collect<Stopped>();
    const attempts = collect<number>();
    c.on('refused', refused.push);
    c.on('stopped', stopped.push);
    c.on('reconnecting', (r) => attempts.push(r.attempt));
    await assert.rejects(c.ready(), (e) => isMuxError(e, ClientErrorCode.Stopped));
    assert.deepEqual(refused.items, [
      {
        status: 403,
        code: RefusalCode.OriginRequired,
        message: 'an Origin header, or a valid token, is required',
      },
    ]);
    assert.deepEqual(stopped.items, [
      {
        code: 403,
        reason: 'origin_required: an Origin header, or a valid token, is required',
        needsToken: false,
      },
    ]);
    assert.equal(c.state, 'stopped');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(attempts.items, [], 'no retry in six backoff steps');
    // wake() (the page coming back) tries once more.
    c.wake('visible');
    await refused.wait(2);
    await until(() => c.state === 'stopped');
  });

  it('after a 401, reconnects as soon as the token source has a new token', async () => {
    const tokens = [await sign(-10), await sign(60)];
    let calls = 0;
    const c = client({ token: () => tokens[Math.min(calls++, tokens.length - 1)] });
    const refused = collect<Refusal>();
    c.on('refused', refused.push);
    await c.ready();
    assert.deepEqual(
      refused.items.map((r) => [r.status, r.code]),
      [[401, 'unauthorized']],
    );
    assert.equal(c.exp, decodeJwt(tokens[1]!).exp);
  });

  it('refreshes the token before exp on the open connection', { timeout: 10_000 }, async () => {
    let calls = 0;
    const c = client(
      {
        token: () => {
          calls++;
          return sign(calls === 1 ? 2 : 3600);
        },
      },
      open.url,
    );
    const refreshed = collect<{ exp: number | undefined }>();
    c.on('refreshed', refreshed.push);
    const echo = c.stream('echo');
    await echo.join();
    const conn = c.welcome?.conn;
    const first = c.exp!;
    const [r] = await refreshed.wait(1, 5000);
    assert.ok(Date.now() / 1000 < first, 'refreshed before exp');
    assert.equal(r!.exp, c.exp);
    assert.ok(c.exp! > first + 3000);
    await new Promise((res) => setTimeout(res, (first - Date.now() / 1000) * 1000 + 300));
    assert.equal(c.state, 'open');
    assert.equal(c.welcome?.conn, conn, 'the same connection, past the first exp');
    assert.equal(await echo.request('still here'), 'still here');
  });

  it('reports a refused refresh as an error and keeps the connection', async () => {
    const tokens = [await sign(3), await sign(3600, 'bob')];
    let calls = 0;
    const c = client(
      { token: () => tokens[Math.min(calls++, 1)], refreshBeforeMs: 2500 },
      open.url,
    );
    const errors = collect<unknown>();
    c.on('error', errors.push);
    await c.ready();
    const [e] = await errors.wait(1, 5000);
    assert.ok(isMuxError(e, 'unauthorized'), String(e));
    assert.equal(c.state, 'open');
  });

  it('after 4001 stops until the token source has a new token', { timeout: 10_000 }, async () => {
    let token = await sign(2);
    const c = client({ token: () => token }, open.url);
    const echo = c.stream('echo');
    await echo.join();
    const stopped = collect<Stopped>();
    c.on('stopped', stopped.push);
    const [s] = await stopped.wait(1, 5000);
    assert.deepEqual(s, {
      code: CloseCode.TokenExpired,
      reason: 'token expired',
      needsToken: true,
    });
    assert.equal(c.state, 'stopped');
    assert.equal(echo.state, 'joining', 'rejoined once the client is back');
    c.wake('online');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(c.state, 'stopped', 'the same token brings nothing back');
    token = await sign(3600);
    c.wake('online');
    await until(() => c.state !== 'stopped');
    await c.ready();
    await until(() => echo.state === 'joined');
    assert.equal(await echo.request('back'), 'back');
  });

  it('after 4000 stops until it has a new token, or the application says reconnect()', async () => {
    const c = client({}, open.url);
    await c.ready();
    const stopped = collect<Stopped>();
    c.on('stopped', stopped.push);
    for (const conn of open.gateway.hub.connections())
      conn.shutdown(CloseCode.Disconnected, 'disconnected by the server');
    const [s] = await stopped.wait(1);
    assert.equal(s!.code, CloseCode.Disconnected);
    assert.equal(s!.needsToken, true);
    c.wake('online');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.state, 'stopped');
    c.reconnect();
    await c.ready();
  });

  it('setToken() refreshes an open connection at once', async () => {
    const c = client({ token: await sign(3600) }, open.url);
    await c.ready();
    const refreshed = collect<{ exp: number | undefined }>();
    c.on('refreshed', refreshed.push);
    const token = await sign(7200);
    c.setToken(token);
    const [r] = await refreshed.wait(1);
    assert.equal(r!.exp, decodeJwt(token).exp);
  });
});
