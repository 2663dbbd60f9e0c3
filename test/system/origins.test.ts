// Issue 12 item 11: the Origin allowlist and clients that send no Origin
// (backends, the Node client), the warn line for refused upgrades, and the
// `GET /ws` verdict a browser can read. In-memory bus: NATS adds nothing here.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { echoService } from '../../services/echo/index.ts';
import { TestClient, UpgradeError } from '../helpers/client.ts';
import { captureLog, WARN } from '../helpers/logs.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { TestSystem } from '../helpers/system.ts';

const SECRET = 'origins-test-secret-long-enough-for-hs256';
const ALLOWED = 'https://app.example';
const sign = (exp: string | number = '1h', sub = 'ann') =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(SECRET));

/** The upgrade's HTTP status: 101 when a socket opened. */
async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const c = await TestClient.open(url, { headers });
    await c.close();
    return 101;
  } catch (err) {
    assert.ok(err instanceof UpgradeError, String(err));
    return err.status;
  }
}

/** GET /ws with exactly these headers (fetch() will not send a Host of our choosing). */
function rawStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/ws', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const origin = (o: string) => ({ Origin: o });
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

describe('clients without an Origin, with MUX_ALLOWED_ORIGINS set', () => {
  it('admits them with a valid token, by header or query, and refuses them without', async () => {
    await using sys = await TestSystem.start({
      services: [echoService],
      env: { MUX_ALLOWED_ORIGINS: ALLOWED, MUX_JWT_SECRET: SECRET, MUX_ROUTES: 'echo' },
    });
    const token = await sign();
    assert.equal(await statusOf(sys.url, bearer(token)), 101);
    assert.equal(await statusOf(`${sys.url}?token=${token}`), 101);
    assert.equal(await statusOf(sys.url), 401, 'auth required: no token is 401 first');
    assert.equal(await statusOf(sys.url, bearer(await sign(-10))), 401);
    // A browser always sends Origin: a foreign one is refused whatever the token.
    assert.equal(
      await statusOf(sys.url, { ...origin('https://evil.example'), ...bearer(token) }),
      403,
    );
    assert.equal(await statusOf(sys.url, { ...origin('null'), ...bearer(token) }), 403);
    assert.equal(await statusOf(sys.url, { ...origin(ALLOWED), ...bearer(token) }), 101);
    const c = await sys.client({ headers: bearer(token) });
    await c.join('echo');
  });

  it('with optional auth, refuses an anonymous one with 403 and admits an authenticated one', async () => {
    await using sys = await TestSystem.start({
      env: { MUX_ALLOWED_ORIGINS: ALLOWED, MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
    });
    assert.equal(await statusOf(sys.url), 403);
    assert.equal(await statusOf(sys.url, bearer(await sign())), 101);
    assert.equal(await statusOf(sys.url, bearer('garbage')), 401);
    assert.equal(
      await statusOf(sys.url, origin(ALLOWED)),
      101,
      'an allowed browser may be anonymous',
    );
  });

  it('without token verification, can only come in by sending an allowed Origin', async () => {
    await using sys = await TestSystem.start({ env: { MUX_ALLOWED_ORIGINS: ALLOWED } });
    assert.equal(await statusOf(sys.url), 403);
    assert.equal(await statusOf(sys.url, origin(ALLOWED)), 101);
  });

  it('without an allowlist, admits them as before', async () => {
    await using sys = await TestSystem.start();
    assert.equal(await statusOf(sys.url), 101);
  });
});

describe('refused upgrades in the log', () => {
  it('are logged at warn with the reason, one line per reason per 10 s with a count, and counted', async () => {
    const { log, lines } = captureLog();
    await using sys = await TestSystem.start({
      env: { MUX_ALLOWED_ORIGINS: ALLOWED, MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
      log,
    });
    const refusals = () => lines.filter((l) => l.msg.startsWith('upgrade refused'));
    for (let i = 0; i < 20; i++) assert.equal(await statusOf(sys.url), 403);
    assert.equal(await statusOf(sys.url, bearer(await sign(-10))), 401);
    assert.equal(await statusOf(sys.url, origin('https://evil.example')), 403);
    const got = refusals();
    assert.deepEqual(
      got.map((l) => [l.level, l.reason, l.status, l.count]),
      [
        [WARN, 'origin_required', 403, 1],
        [WARN, 'token_expired', 401, 1],
        [WARN, 'origin_not_allowed', 403, 1],
      ],
    );
    assert.equal(got[2]!.origin, 'https://evil.example');
    assert.equal(
      await gatewayMetric(sys.gateway, 'muxgate_upgrades_refused_total', {
        reason: 'origin_required',
      }),
      20,
    );
    // Drain writes the 19 refusals the window held back.
    await sys.close();
    const last = refusals().find((l) => l.reason === 'origin_required' && l.count === 19);
    assert.ok(last, JSON.stringify(refusals()));
  });
});

describe('GET /ws without an upgrade', () => {
  it('answers the verdict the upgrade would get, as JSON any page can read', async () => {
    await using sys = await TestSystem.start({
      env: { MUX_ALLOWED_ORIGINS: ALLOWED, MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
    });
    const probe = async (query = '', headers: Record<string, string> = {}) => {
      const res = await fetch(`${sys.http}/ws${query}`, { headers });
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      return { status: res.status, body: (await res.json()) as { error: string } };
    };
    const token = await sign();
    assert.deepEqual(await probe(`?token=${token}`), {
      status: 426,
      body: { error: 'upgrade_required', message: 'admitted: open a WebSocket here' },
    });
    assert.equal((await probe('', origin(ALLOWED))).status, 426);
    assert.deepEqual(await probe(''), {
      status: 403,
      body: {
        error: 'origin_required',
        message: 'an Origin header, or a valid token, is required',
      },
    });
    assert.deepEqual(
      (await probe('', origin('https://evil.example'))).body.error,
      'origin_not_allowed',
    );
    const expired = await probe(`?token=${await sign(-10)}`, origin(ALLOWED));
    assert.deepEqual(expired, {
      status: 401,
      body: { error: 'unauthorized', message: 'invalid token' },
    });
    // A same-origin fetch carries no Origin; the browser's Sec-Fetch-Site says where it comes from.
    const sameOrigin = { 'Sec-Fetch-Site': 'same-origin' };
    assert.equal(
      (await probe('', sameOrigin)).body.error,
      'origin_not_allowed',
      'this host is not app.example',
    );
    // fetch() cannot set Host; a plain request can.
    assert.equal(
      await rawStatus(sys.gateway.port, { ...sameOrigin, Host: 'app.example' }),
      426,
      'a page served from an allowed host',
    );
    assert.equal(sys.gateway.connectionCount, 0);
    assert.equal(
      await gatewayMetric(sys.gateway, 'muxgate_upgrades_refused_total', {
        reason: 'origin_required',
      }),
      undefined,
      'a probe is not a refused upgrade',
    );
  });

  it('says 503 draining while the gateway drains', async () => {
    const sys = await TestSystem.start({ env: { MUX_DRAIN_TIMEOUT_MS: '300' } });
    const c = await sys.client();
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const drained = sys.gateway.drain();
    const res = await fetch(`${sys.http}/ws`);
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { error: string }).error, 'draining');
    await drained;
    await sys.close();
  });
});
