// Issue 12 item 12, PROTOCOL.md §4.4 and §4.7: `welcome` carries `exp`;
// `refresh` answers `refreshed` or `unauthorized`; at `exp` the gateway sends
// `token_expired` and closes with 4001; tokens without `exp` or issued in
// the future are refused at the upgrade. In-memory bus: NATS adds nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt, SignJWT } from 'jose';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { TestClient, UpgradeError } from '../helpers/client.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { probeService } from '../helpers/probe.ts';
import { TestSystem } from '../helpers/system.ts';

const SECRET = 'tokens-test-secret-long-enough-for-hs256';
const now = () => Math.floor(Date.now() / 1000);

interface Claims {
  sub?: string;
  /** Seconds from now. */
  in?: number;
  iat?: number;
  extra?: Record<string, unknown>;
}

function sign(c: Claims = {}): Promise<string> {
  const jwt = new SignJWT(c.extra ?? {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.sub ?? 'ann');
  if (c.in !== undefined) jwt.setExpirationTime(now() + c.in);
  if (c.iat !== undefined) jwt.setIssuedAt(c.iat);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

async function start(env: Record<string, string> = {}, probe = probeService()) {
  const sys = await TestSystem.start({
    services: [probe.definition],
    env: { MUX_JWT_SECRET: SECRET, MUX_ROUTES: 'probe,secure=auth', ...env },
  });
  // `secure` is the probe under another name, routed `=auth`.
  await sys.addService(probeService('secure').definition);
  return sys;
}

async function refusedWith(url: string): Promise<number> {
  try {
    const c = await TestClient.open(url);
    await c.close();
    return 101;
  } catch (err) {
    assert.ok(err instanceof UpgradeError, String(err));
    return err.status;
  }
}

describe('token lifetime', () => {
  it('welcome carries exp when authenticated, and none when anonymous', async () => {
    await using sys = await start({ MUX_AUTH: 'optional' });
    const token = await sign({ in: 600 });
    const authed = await sys.client({}, `${sys.url}?token=${token}`);
    assert.equal(authed.welcome?.exp, decodeJwt(token).exp);
    const anon = await sys.client();
    assert.equal(anon.welcome?.exp, undefined);
    assert.equal('exp' in anon.welcome!, false);
  });

  it('refresh answers refreshed with the new exp, and services see the new claims', async () => {
    await using sys = await start();
    const c = await sys.client({ headers: { Authorization: `Bearer ${await sign({ in: 60 })}` } });
    await c.join('probe');
    const later = await sign({ in: 3600, extra: { role: 'admin' } });
    c.send({ type: 'refresh', token: later, ref: 'r1' });
    const refreshed = await c.expect('refreshed');
    assert.deepEqual(refreshed, { type: 'refreshed', ref: 'r1', exp: decodeJwt(later).exp });
    c.send({ type: 'msg', stream: 'probe', ref: 2, payload: { scope: true } });
    const scope = (await c.expect('reply', 'probe')).payload as { claims: { role?: string } };
    assert.equal(scope.claims.role, 'admin');
  });

  it('refuses a refresh for another subject, an invalid or expired token, and keeps the old one', async () => {
    await using sys = await start();
    const c = await sys.client({ headers: { Authorization: `Bearer ${await sign({ in: 60 })}` } });
    const cases: [string, string][] = [
      [await sign({ sub: 'bob', in: 3600 }), 'the token is for another subject'],
      [await sign({ in: -5 }), 'invalid token'],
      [await sign({}), 'invalid token'],
      [await sign({ in: 3600, iat: now() + 600 }), 'invalid token'],
      ['not.a.jwt', 'invalid token'],
    ];
    for (const [i, [token, message]] of cases.entries()) {
      c.send({ type: 'refresh', token, ref: i });
      const e = await c.expect('error');
      assert.deepEqual(e, { type: 'error', code: ErrorCode.Unauthorized, message, ref: i });
    }
    // The old token is in force: the connection still works, `=auth` routes included.
    await c.join('secure');
    assert.equal(
      await gatewayMetric(sys.gateway, 'muxgate_errors_total', { code: 'unauthorized' }),
      cases.length,
    );
  });

  it('refuses a refresh on an anonymous connection, and one without ref as a bad frame', async () => {
    await using sys = await start({ MUX_AUTH: 'optional' });
    const anon = await sys.client();
    anon.send({ type: 'refresh', token: await sign({ in: 60 }), ref: 'x' });
    const e = await anon.expect('error');
    assert.equal(e.code, ErrorCode.Unauthorized);
    assert.equal(e.message, 'this connection is not authenticated');
    anon.send({ type: 'join', stream: 'secure', ref: 'j' });
    assert.equal((await anon.expect('error')).code, ErrorCode.Forbidden, 'still anonymous');
    anon.send({ type: 'refresh', token: 'abc' });
    assert.equal((await anon.expect('error')).code, ErrorCode.BadFrame);
  });

  it('at exp without a refresh: token_expired, close 4001, and every stream leaves', async () => {
    const probe = probeService();
    await using sys = await start({}, probe);
    const c = await sys.client({}, `${sys.url}?token=${await sign({ in: 2 })}`);
    await c.join('probe:a');
    const closed = await c.closed;
    assert.deepEqual(closed, { code: CloseCode.TokenExpired, reason: 'token expired' });
    const e = c.frames.find((f) => f.type === 'error');
    assert.equal(e?.code, ErrorCode.TokenExpired);
    assert.ok(Date.now() / 1000 >= c.welcome!.exp!, 'not before exp');
    await sys.gateway.bus.flush();
    assert.deepEqual(
      probe.log.leaves.map((l) => [l.stream, l.reason]),
      [['probe:a', 'disconnect']],
    );
    assert.equal(
      await gatewayMetric(sys.gateway, 'muxgate_disconnects_total', { code: '4001' }),
      1,
    );
  });

  it('a refresh before exp keeps the connection open past the first exp', async () => {
    await using sys = await start();
    const c = await sys.client({}, `${sys.url}?token=${await sign({ in: 2 })}`);
    await c.join('secure');
    c.send({ type: 'refresh', token: await sign({ in: 3600 }), ref: 1 });
    await c.expect('refreshed');
    await new Promise((r) => setTimeout(r, 2500));
    c.send({ type: 'ping', ref: 'p' });
    await c.expect('pong');
    assert.equal(c.frames.filter((f) => f.type === 'error').length, 0);
  });

  it('refuses at the upgrade a token without exp (by default) or issued in the future', async () => {
    await using sys = await start();
    assert.equal(await refusedWith(`${sys.url}?token=${await sign()}`), 401);
    const future = await sign({ in: 3600, iat: now() + 600 });
    assert.equal(await refusedWith(`${sys.url}?token=${future}`), 401);
    const skewed = await sign({ in: 3600, iat: now() + 5 });
    assert.equal(await refusedWith(`${sys.url}?token=${skewed}`), 101, 'within the skew');
  });

  it('accepts a token without exp when MUX_JWT_REQUIRE_EXP=false, and never expires it', async () => {
    await using sys = await start({ MUX_JWT_REQUIRE_EXP: 'false' });
    const c = await sys.client({}, `${sys.url}?token=${await sign()}`);
    assert.equal(c.welcome?.exp, undefined);
    c.send({ type: 'refresh', token: await sign(), ref: 1 });
    assert.deepEqual(await c.expect('refreshed'), { type: 'refreshed', ref: 1 });
  });
});
