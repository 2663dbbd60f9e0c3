// The gateway's HTTP side and the checks at the WebSocket upgrade.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { TestClient, UpgradeError } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { probeService } from '../helpers/probe.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';
const sign = (claims: Record<string, unknown>, sub = 'ann', exp = '1h') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(SECRET));

async function refused(
  url: string,
  opts: Parameters<typeof TestClient.open>[1] = {},
): Promise<number> {
  try {
    const c = await TestClient.open(url, opts);
    await c.close();
    return 101;
  } catch (err) {
    assert.ok(err instanceof UpgradeError, String(err));
    return err.status;
  }
}

let nats: NatsServer;
before(async () => {
  nats = await NatsServer.start({ jetstream: false });
});
after(async () => {
  await nats.close();
});

describe('health, readiness and metrics', () => {
  let sys: TestSystem;
  before(
    async () =>
      (sys = await TestSystem.start({ bus: { nats: nats.url }, services: [echoService] })),
  );
  after(() => sys.close());

  it('answers /healthz and /readyz', async () => {
    const h = await fetch(`${sys.http}/healthz`);
    assert.equal(h.status, 200);
    const r = await fetch(`${sys.http}/readyz`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ready', bus: 'connected', draining: false });
  });

  it('exports connections, streams, frames, errors and join latency in Prometheus format', async () => {
    const c = await sys.client();
    await c.join('echo');
    c.send({ type: 'ping' });
    c.send({ type: 'msg', stream: 'nope', payload: 1 });
    await c.expect('pong');
    await c.expect('error');
    const res = await fetch(`${sys.http}/metrics`);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /^muxgate_connections 1$/m);
    assert.match(text, /^muxgate_streams 1$/m);
    assert.match(text, /^muxgate_frames_in_total\{type="ping"\} 1$/m);
    assert.match(text, /^muxgate_frames_out_total\{type="joined"\} 1$/m);
    assert.match(text, /^muxgate_errors_total\{code="not_joined"\} 1$/m);
    assert.match(text, /^muxgate_join_duration_seconds_count\{result="accept"\} 1$/m);
  });

  it('refuses upgrades on other paths with 404', async () => {
    assert.equal(await refused(`ws://127.0.0.1:${sys.gateway.port}/other`), 404);
  });

  it('refuses a client that offers only unsupported subprotocols with 400', async () => {
    assert.equal(await refused(sys.url, { protocols: ['muxgate.v2.json'] }), 400);
  });
});

describe('readiness follows the bus', () => {
  it('turns 503 while NATS is down and 200 once it is back', async () => {
    const own = await NatsServer.start({ jetstream: false });
    const sys = await TestSystem.start({ bus: { nats: own.url } });
    try {
      assert.equal((await fetch(`${sys.http}/readyz`)).status, 200);
      await own.stop();
      await until(() => sys.gateway.bus.status === 'reconnecting');
      const down = await fetch(`${sys.http}/readyz`);
      assert.equal(down.status, 503);
      assert.equal(((await down.json()) as { bus: string }).bus, 'reconnecting');
      await own.restart();
      await until(() => sys.gateway.bus.status === 'connected', 15_000);
      assert.equal((await fetch(`${sys.http}/readyz`)).status, 200);
    } finally {
      await sys.close();
      await own.close();
    }
  });
});

describe('drain', () => {
  it('turns /readyz to 503 and refuses new sockets while sockets close', async () => {
    const sys = await TestSystem.start({
      bus: { nats: nats.url },
      env: { MUX_DRAIN_TIMEOUT_MS: '1500' },
    });
    const c = await sys.client();
    // A client that does not read never completes the close handshake, which holds the drain open.
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const drained = sys.gateway.drain();
    const r = await fetch(`${sys.http}/readyz`);
    assert.equal(r.status, 503);
    assert.equal(((await r.json()) as { draining: boolean }).draining, true);
    assert.equal(await refused(sys.url), 503);
    await drained;
    assert.equal(sys.gateway.bus.status, 'closed');
    await sys.close();
  });
});

describe('origin allowlist', () => {
  let sys: TestSystem;
  before(
    async () =>
      (sys = await TestSystem.start({
        bus: { nats: nats.url },
        env: { MUX_ALLOWED_ORIGINS: 'https://app.example,https://admin.example' },
      })),
  );
  after(() => sys.close());

  it('refuses a missing or foreign Origin with 403 before any socket opens', async () => {
    assert.equal(await refused(sys.url), 403);
    assert.equal(await refused(sys.url, { headers: { Origin: 'https://evil.example' } }), 403);
    assert.equal(sys.gateway.connectionCount, 0);
    assert.equal(await refused(sys.url, { headers: { Origin: 'https://admin.example' } }), 101);
  });
});

describe('JWT at the upgrade', () => {
  it('with an HS256 secret, refuses missing, forged and expired tokens with 401 and passes claims to services', async () => {
    const probe = probeService();
    await using sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [probe.definition],
      env: { MUX_JWT_SECRET: SECRET, MUX_ROUTES: 'probe=auth' },
    });
    assert.equal(await refused(sys.url), 401);
    assert.equal(await refused(`${sys.url}?token=not.a.jwt`), 401);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eve')
      .sign(new TextEncoder().encode('another-secret-of-enough-length!!'));
    assert.equal(await refused(sys.url, { headers: { Authorization: `Bearer ${forged}` } }), 401);
    const expired = await sign({}, 'ann', '-1m');
    assert.equal(await refused(sys.url, { headers: { Authorization: `Bearer ${expired}` } }), 401);

    const token = await sign({ roles: ['admin'] });
    const byHeader = await sys.client({ headers: { Authorization: `Bearer ${token}` } });
    await byHeader.join('probe:secure');
    const byQuery = await sys.client({}, `${sys.url}?token=${token}`);
    await byQuery.join('probe:secure');
    const joins = probe.log.joins.filter((j) => j.stream === 'probe:secure');
    assert.equal(joins.length, 2);
    for (const j of joins) {
      assert.equal(j.user, 'ann');
      assert.deepEqual((j.claims as { roles: string[] }).roles, ['admin']);
    }
  });

  for (const alg of ['RS256', 'ES256'] as const) {
    it(`verifies ${alg} tokens against a public key`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(alg);
      await using sys = await TestSystem.start({
        bus: { nats: nats.url },
        env: { MUX_JWT_PUBLIC_KEY: await exportSPKI(publicKey) },
      });
      const token = await new SignJWT({})
        .setProtectedHeader({ alg })
        .setSubject('bob')
        .setExpirationTime('1h')
        .sign(privateKey);
      assert.equal(await refused(`${sys.url}?token=${token}`), 101);
      const hs = await sign({});
      assert.equal(
        await refused(`${sys.url}?token=${hs}`),
        401,
        'an HS256 token cannot pass for a public-key one',
      );
    });
  }

  it('in optional mode, lets anonymous clients in but keeps auth routes closed to them', async () => {
    await using sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [echoService],
      env: { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional', MUX_ROUTES: 'echo=auth' },
    });
    assert.equal(await refused(`${sys.url}?token=garbage`), 401);
    const anon = await sys.client();
    anon.send({ type: 'join', stream: 'echo', ref: 1 });
    assert.equal((await anon.expect('error')).code, ErrorCode.Forbidden);
    const authed = await sys.client({}, `${sys.url}?token=${await sign({})}`);
    await authed.join('echo');
  });

  it('hands out development tokens only when MUX_DEV_TOKENS is on', async () => {
    await using dev = await TestSystem.start({
      bus: { nats: nats.url },
      env: { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional', MUX_DEV_TOKENS: 'true' },
    });
    const res = await fetch(`${dev.http}/dev/token?sub=carol&scope=dashboard:write`);
    assert.equal(res.status, 200);
    const { token } = (await res.json()) as { token: string };
    assert.equal(await refused(`${dev.url}?token=${token}`), 101);
    assert.equal((await fetch(`${dev.http}/dev/token?sub=bad%20name`)).status, 400);
    await using prod = await TestSystem.start({
      bus: { nats: nats.url },
      env: { MUX_JWT_SECRET: SECRET },
    });
    assert.equal((await fetch(`${prod.http}/dev/token?sub=carol`)).status, 404);
  });
});
