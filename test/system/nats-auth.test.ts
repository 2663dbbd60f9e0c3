// A secured NATS (issue 12, item 10): the gateway and the echo service run as
// the command line runs them, against a real nats-server configured for
// user/password, token, NKey, a .creds file, or TLS with client certificates,
// with the NATS_* variables of docs/configuration.md. Each method gets an
// echo round trip over a WebSocket, and a refusal: the process exits non-zero
// with a message that names NATS and quotes no secret.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestClient } from '../helpers/client.ts';
import {
  makeCertificates,
  nkeyUser,
  operatorSetup,
  type Certificates,
} from '../helpers/nats-auth.ts';
import { runMuxgate, spawnMuxgate, type RunResult } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';

type Env = Record<string, string>;

const secret = (label: string): string => `${label}-${randomBytes(9).toString('base64url')}`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'muxgate-natsauth-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every given secret is absent from `text`. */
function assertNoSecret(text: string, secrets: string[], what: string): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${what} quotes a secret:\n${text}`);
}

/**
 * `muxgate service echo` and `muxgate gateway` on `nats` with `env` (each may
 * add its own variables), and one echo round trip through a WebSocket.
 * Returns what both processes wrote.
 */
async function echoRoundTrip(
  nats: NatsServer,
  env: Env,
  perProcess: { gateway?: Env; service?: Env } = {},
): Promise<string> {
  const prefix = uniquePrefix();
  const base = { NATS_URL: nats.url, MUX_PREFIX: prefix, ...env };
  const echo = await spawnMuxgate(
    ['service', 'echo'],
    { ...base, ...perProcess.service },
    { ready: /service running/ },
  );
  try {
    const gw = await spawnMuxgate(['gateway'], {
      ...base,
      MUX_ROUTES: 'echo',
      ...perProcess.gateway,
    });
    try {
      const c = await TestClient.open(gw.url);
      await c.join('echo');
      c.send({ type: 'msg', stream: 'echo', ref: 'p', payload: { secured: [1, 'two'] } });
      assert.deepEqual((await c.expect('reply')).payload, { secured: [1, 'two'] });
      await c.close();
    } finally {
      assert.equal((await gw.stop()).code, 0, `the gateway drains and exits 0:\n${gw.output}`);
    }
    return gw.output + echo.output;
  } finally {
    await echo.stop();
  }
}

/**
 * The gateway and the echo service, refused by NATS: each exits non-zero at
 * start with a message that names NATS and `reason`, and quotes none of `secrets`.
 */
async function refused(
  nats: NatsServer,
  env: Env,
  reason: RegExp,
  secrets: string[],
  timeoutMs = 20_000,
): Promise<RunResult[]> {
  const base = { NATS_URL: nats.url, MUX_PREFIX: uniquePrefix(), HOST: '127.0.0.1', ...env };
  const runs = await Promise.all([
    runMuxgate(['gateway'], { ...base, PORT: '0' }, timeoutMs),
    runMuxgate(['service', 'echo'], base, timeoutMs),
  ]);
  for (const [i, run] of runs.entries()) {
    const what = i === 0 ? 'gateway' : 'service echo';
    assert.equal(run.code, 1, `${what} exits 1:\n${run.stderr}`);
    assert.match(run.stderr, /^muxgate: cannot connect to NATS at nats:\/\/127\.0\.0\.1:\d+ /m);
    assert.match(run.stderr, reason, what);
    assertNoSecret(run.stdout + run.stderr, secrets, what);
  }
  return runs;
}

describe('NATS with a user and a password', () => {
  // Characters a URL must escape, so the URL form is tested with percent-encoding.
  const password = `${secret('pw')}:@/%`;
  let nats: NatsServer;
  before(async () => {
    // JetStream on: `dev` runs the dashboard, which keeps its board in KV.
    nats = await NatsServer.start({
      config: `authorization { users = [ { user: alice, password: ${JSON.stringify(password)} } ] }\n`,
    });
  });
  after(() => nats.close());

  it('connects with NATS_USER and NATS_PASSWORD, and no log line shows the password', async () => {
    const output = await echoRoundTrip(nats, { NATS_USER: 'alice', NATS_PASSWORD: password });
    assertNoSecret(output, [password], 'the logs');
  });

  it('connects with the credentials in NATS_URL, percent-encoded', async () => {
    const url = nats.url.replace('://', `://alice:${encodeURIComponent(password)}@`);
    const output = await echoRoundTrip(nats, { NATS_URL: url });
    assertNoSecret(output, [password, encodeURIComponent(password)], 'the logs');
  });

  it('`muxgate publish` and `dev` connect with them too', async () => {
    const env = { NATS_URL: nats.url, NATS_USER: 'alice', NATS_PASSWORD: password };
    const run = await runMuxgate(['publish', 'news', '{"n":1}'], env);
    assert.equal(run.code, 0, run.stderr);
    // dev on NATS: every service and the gateway, each with its own connection.
    const dev = await spawnMuxgate(['dev'], { ...env, MUX_PREFIX: uniquePrefix() });
    try {
      const c = await TestClient.open(dev.url);
      await c.join('echo');
      c.send({ type: 'msg', stream: 'echo', ref: 'p', payload: 'dev' });
      assert.equal((await c.expect('reply')).payload, 'dev');
      await c.close();
    } finally {
      await dev.stop();
    }
    assertNoSecret(dev.output, [password], 'dev');
    assert.match(dev.output, /running on NATS/);
  });

  it('a wrong password: both exit 1, naming NATS and the user, quoting neither password', async () => {
    const wrong = secret('wrong');
    await refused(
      nats,
      { NATS_USER: 'alice', NATS_PASSWORD: wrong },
      /as user "alice".*Authorization Violation/,
      [wrong, password],
    );
  });

  it('a wrong password in NATS_URL: the message shows the URL without it', async () => {
    const wrong = secret('wrong');
    const url = nats.url.replace('://', `://alice:${wrong}@`);
    const [gw] = await refused(nats, { NATS_URL: url }, /Authorization Violation/, [
      wrong,
      password,
    ]);
    assert.ok(gw!.stderr.includes(`at ${nats.url} as user "alice"`), gw!.stderr);
  });
});

describe('NATS with a token', () => {
  const token = secret('token');
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({
      jetstream: false,
      config: `authorization { token: ${JSON.stringify(token)} }\n`,
    });
  });
  after(() => nats.close());

  it('connects with NATS_TOKEN', async () => {
    const output = await echoRoundTrip(nats, { NATS_TOKEN: token });
    assertNoSecret(output, [token], 'the logs');
  });

  it('connects with the token as the userinfo of NATS_URL', async () => {
    await echoRoundTrip(nats, { NATS_URL: nats.url.replace('://', `://${token}@`) });
  });

  it('a wrong token: both exit 1, quoting neither token', async () => {
    const wrong = secret('wrong');
    await refused(nats, { NATS_TOKEN: wrong }, /with a token: Authorization Violation/, [
      wrong,
      token,
    ]);
  });
});

describe('NATS with NKeys', () => {
  const alice = nkeyUser();
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({
      jetstream: false,
      config: `authorization { users = [ { nkey: ${alice.publicKey} } ] }\n`,
    });
  });
  after(() => nats.close());

  it('connects with NATS_NKEY_SEED (gateway) and NATS_NKEY_FILE (service)', async () => {
    const seedFile = join(dir, 'alice.nk');
    await writeFile(seedFile, `${alice.seed}\n`, { mode: 0o600 });
    const output = await echoRoundTrip(
      nats,
      {},
      { gateway: { NATS_NKEY_SEED: alice.seed }, service: { NATS_NKEY_FILE: seedFile } },
    );
    assertNoSecret(output, [alice.seed], 'the logs');
  });

  it('a seed the server does not know: both exit 1, naming the public key, not the seed', async () => {
    const mallory = nkeyUser();
    await refused(
      nats,
      { NATS_NKEY_SEED: mallory.seed },
      new RegExp(`with NKey ${mallory.publicKey}: Authorization Violation`),
      [mallory.seed, alice.seed],
    );
  });
});

describe('NATS with a .creds file (operator, account, user JWT)', () => {
  const trusted = operatorSetup();
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false, config: trusted.serverConfig });
  });
  after(() => nats.close());

  it('connects with NATS_CREDS', async () => {
    const creds = join(dir, 'user.creds');
    await writeFile(creds, trusted.creds(), { mode: 0o600 });
    await echoRoundTrip(nats, { NATS_CREDS: creds });
  });

  it("another operator's user: both exit 1, naming the file", async () => {
    const creds = join(dir, 'stranger.creds');
    await writeFile(creds, operatorSetup().creds(), { mode: 0o600 });
    await refused(
      nats,
      { NATS_CREDS: creds },
      new RegExp(`with the credentials file ${creds}: Authorization Violation`),
      [],
    );
  });
});

describe('NATS over TLS with a private CA and client certificates', () => {
  let certs: Certificates;
  let nats: NatsServer;
  before(async () => {
    certs = await makeCertificates(dir);
    nats = await NatsServer.start({
      jetstream: false,
      // verify: the server refuses clients without a certificate from the CA.
      config: [
        'tls {',
        `  cert_file: ${JSON.stringify(certs.serverCert)}`,
        `  key_file: ${JSON.stringify(certs.serverKey)}`,
        `  ca_file: ${JSON.stringify(certs.ca)}`,
        '  verify: true',
        '}',
        '',
      ].join('\n'),
    });
  });
  after(() => nats.close());

  it('connects with NATS_TLS_CA, NATS_TLS_CERT and NATS_TLS_KEY (and a tls:// URL)', async () => {
    await echoRoundTrip(
      nats,
      { NATS_TLS_CA: certs.ca, NATS_TLS_CERT: certs.clientCert, NATS_TLS_KEY: certs.clientKey },
      { gateway: { NATS_URL: nats.url.replace('nats://', 'tls://') } },
    );
  });

  it('a server certificate from another CA: both exit 1 with the TLS error', async () => {
    await refused(
      nats,
      {
        NATS_TLS_CA: certs.otherCa,
        NATS_TLS_CERT: certs.clientCert,
        NATS_TLS_KEY: certs.clientKey,
      },
      /over TLS \(CA .*other-ca\.pem\).*: (unable to verify|self[- ]signed)/,
      [],
    );
  });

  it('no client certificate: both exit 1 once the connect times out, with a hint', async () => {
    // TLS 1.3 finishes the handshake before the server checks the client's
    // certificate, so nats.js sees only its 20 s connect timeout.
    await refused(
      nats,
      { NATS_TLS_CA: certs.ca },
      /timeout \(does the server require a client certificate\?\)/,
      [],
      40_000,
    );
  });
});
