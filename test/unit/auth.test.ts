// Token checks (PROTOCOL.md §4.4): `exp` required by default and never
// accepted past, `iat` and `nbf` allowed only a small skew into the future.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { Authenticator, TokenRejected, type TokenProblem } from '../../gateway/auth.ts';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { cliGatewayConfig } from '../../cli/settings.ts';

const SECRET = 'unit-test-secret-that-is-long-enough';
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: { sub?: string; exp?: number; iat?: number; nbf?: number } = {}) {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub ?? 'ann');
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

const auth = (env: Record<string, string> = {}) =>
  new Authenticator(loadGatewayConfig({ MUX_JWT_SECRET: SECRET, ...env }).auth);

async function problemOf(a: Authenticator, token: string): Promise<TokenProblem | 'ok'> {
  try {
    await a.verify(token);
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof TokenRejected, String(err));
    return err.problem;
  }
}

describe('token verification', () => {
  it('requires exp by default once tokens are verified, and not in dev', async () => {
    assert.equal(loadGatewayConfig({ MUX_JWT_SECRET: SECRET }).auth.requireExp, true);
    assert.equal(cliGatewayConfig({}, { dev: true }).auth.requireExp, false);
    const noExp = await sign();
    assert.equal(await problemOf(auth(), noExp), 'token_without_exp');
    assert.equal(await problemOf(auth({ MUX_JWT_REQUIRE_EXP: 'false' }), noExp), 'ok');
  });

  it('returns the subject, the claims and exp', async () => {
    const exp = now() + 60;
    const id = await auth().verify(await sign({ sub: 'bob', exp }));
    assert.equal(id.user, 'bob');
    assert.equal(id.exp, exp);
    assert.equal(id.claims?.sub, 'bob');
  });

  it('gives exp no skew: a token is refused from its exp on', async () => {
    assert.equal(await problemOf(auth(), await sign({ exp: now() - 1 })), 'token_expired');
    assert.equal(await problemOf(auth(), await sign({ exp: now() })), 'token_expired');
    assert.equal(await problemOf(auth(), await sign({ exp: now() - 3600 })), 'token_expired');
  });

  it('refuses iat in the future beyond the skew, and accepts it within', async () => {
    const exp = now() + 3600;
    assert.equal(await problemOf(auth(), await sign({ exp, iat: now() + 10 })), 'ok');
    assert.equal(
      await problemOf(auth(), await sign({ exp, iat: now() + 120 })),
      'token_iat_future',
    );
    const strict = auth({ MUX_JWT_CLOCK_SKEW_MS: '0' });
    assert.equal(await problemOf(strict, await sign({ exp, iat: now() + 5 })), 'token_iat_future');
    const lax = auth({ MUX_JWT_CLOCK_SKEW_MS: '300000' });
    assert.equal(await problemOf(lax, await sign({ exp, iat: now() + 120 })), 'ok');
  });

  it('gives nbf the same skew', async () => {
    const exp = now() + 3600;
    assert.equal(await problemOf(auth(), await sign({ exp, nbf: now() + 10 })), 'ok');
    assert.equal(await problemOf(auth(), await sign({ exp, nbf: now() + 120 })), 'token_invalid');
  });

  it('refuses a forged token', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('eve')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-enough-length!!'));
    assert.equal(await problemOf(auth(), forged), 'token_invalid');
    assert.equal(await problemOf(auth(), 'not.a.jwt'), 'token_invalid');
  });

  it('verifies nothing when auth is off', async () => {
    const off = new Authenticator(loadGatewayConfig({}).auth);
    assert.equal(off.verifies, false);
    assert.equal(await problemOf(off, await sign({ exp: now() + 60 })), 'token_invalid');
  });
});
