// NATS credentials without a server (bus/nats-auth.ts): URLs lose their
// userinfo wherever they are shown, credentials in a URL become options, and
// no error message quotes a secret.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  NatsAuthError,
  natsConnectionSetup,
  parseNatsServers,
  redactSecrets,
  redactUrl,
} from '../../bus/nats-auth.ts';
import { nkeyUser } from '../helpers/nats-auth.ts';

describe('redactUrl', () => {
  for (const [input, expected] of [
    ['nats://alice:s3cret@nats.example:4222', 'nats://alice:***@nats.example:4222'],
    ['nats://T0KEN@nats.example', 'nats://***@nats.example'],
    ['tls://alice:p%40ss%3Aw@h1:4222', 'tls://alice:***@h1:4222'],
    // An unescaped "@" stays in the password: the host starts after the last one.
    ['nats://alice:p@ss@host:4222', 'nats://alice:***@host:4222'],
    ['alice:s3cret@host:4222', 'alice:***@host:4222'],
    [
      'nats://a:one@h1:4222, nats://b:two@h2:4222,tok@h3',
      'nats://a:***@h1:4222, nats://b:***@h2:4222,***@h3',
    ],
    [
      'cannot connect to NATS at nats://alice:s3cret@h:4222: Authorization Violation',
      'cannot connect to NATS at nats://alice:***@h:4222: Authorization Violation',
    ],
    ['ws://u:pw@gw.example/ws?x=1', 'ws://u:***@gw.example/ws?x=1'],
    // Nothing to hide: unchanged.
    ['nats://127.0.0.1:4222,nats://[::1]:4222', 'nats://127.0.0.1:4222,nats://[::1]:4222'],
    ['localhost:4222', 'localhost:4222'],
    ['', ''],
  ] as const)
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(redactUrl(input), expected);
    });

  it('never leaves a password of a URL list in the text, whatever it is', () => {
    const password = fc
      .string({ minLength: 1, maxLength: 40, unit: 'binary' })
      .map((s) => `pw${s}`);
    fc.assert(
      fc.property(password, fc.constantFrom('nats://', 'tls://', ''), (pw, scheme) => {
        const encoded = encodeURIComponent(pw);
        const list = `${scheme}alice:${encoded}@host-a:4222,${scheme}alice:${encoded}@host-b:4222`;
        const shown = redactUrl(list);
        assert.ok(!shown.includes(encoded), shown);
        assert.equal(shown, `${scheme}alice:***@host-a:4222,${scheme}alice:***@host-b:4222`);
      }),
    );
  });
});

describe('parseNatsServers', () => {
  it('takes user and password (percent-decoded) or a token out of the URLs', () => {
    assert.deepEqual(
      parseNatsServers('nats://alice:p%40ss%3A@h1:4222, nats://alice:p%40ss%3A@h2'),
      {
        servers: ['nats://h1:4222', 'nats://h2'],
        user: 'alice',
        pass: 'p@ss:',
        tls: false,
      },
    );
    assert.deepEqual(parseNatsServers('tok%2Fen@h1:4222,h2:4222'), {
      servers: ['h1:4222', 'h2:4222'],
      token: 'tok/en',
      tls: false,
    });
    assert.deepEqual(parseNatsServers('tls://h:4222'), { servers: ['tls://h:4222'], tls: true });
  });

  it('refuses URLs with different credentials, and bad escapes, quoting neither', () => {
    for (const list of ['nats://a:pw-1@h1,nats://a:pw-2@h2', 'nats://a:%zz-pw@h']) {
      assert.throws(
        () => parseNatsServers(list),
        (err: unknown) =>
          err instanceof NatsAuthError &&
          !/pw|%zz/.test(err.message) &&
          /NATS URL/.test(err.message),
      );
    }
  });
});

describe('natsConnectionSetup', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muxgate-natsauth-unit-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('builds nats.js options for each way to authenticate, and says how without a secret', async () => {
    const servers = 'nats://h:4222';
    const userPass = natsConnectionSetup('nats://alice:s3cret@h:4222');
    assert.deepEqual(userPass.options, {
      servers: ['nats://h:4222'],
      user: 'alice',
      pass: 's3cret',
    });
    assert.equal(userPass.display, 'nats://h:4222');
    assert.equal(userPass.method, 'as user "alice" (password)');
    assert.deepEqual(userPass.secrets, ['s3cret']);

    const token = natsConnectionSetup(servers, { token: 'T0KEN' });
    assert.deepEqual([token.options.token, token.method], ['T0KEN', 'with a token']);

    const alice = nkeyUser();
    const nkey = natsConnectionSetup(servers, { nkeySeed: alice.seed });
    assert.equal(typeof nkey.options.authenticator, 'function');
    assert.equal(nkey.method, `with NKey ${alice.publicKey}`);
    assert.deepEqual(nkey.secrets, [alice.seed]);
    const seedFile = join(dir, 'seed');
    await writeFile(seedFile, `${alice.seed}\n`);
    assert.equal(
      natsConnectionSetup(servers, { nkeyFile: seedFile }).method,
      `with NKey ${alice.publicKey}`,
    );

    const tls = natsConnectionSetup('tls://h:4222', {
      tls: { caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/c.key' },
    });
    assert.deepEqual(tls.options.tls, { caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/c.key' });
    assert.equal(tls.method, 'over TLS (CA /ca.pem) with client certificate /c.pem');
    assert.deepEqual(natsConnectionSetup('tls://h:4222').options.tls, {}, 'tls:// requires TLS');
    assert.equal(natsConnectionSetup(servers).options.tls, undefined);
    assert.equal(natsConnectionSetup(servers).method, '');
  });

  it('refuses two ways at once, half a pair, or unreadable files, quoting no secret', async () => {
    const notSeed = join(dir, 'not-a-seed');
    await writeFile(notSeed, 'SUnot-really-a-seed-secret');
    const cases: [string, Parameters<typeof natsConnectionSetup>[1], RegExp][] = [
      ['nats://h', { user: 'a', pass: 'secret', token: 'secret2' }, /one way/],
      ['nats://a:secret@h', { token: 'secret2' }, /in the NATS URL and given apart/],
      ['nats://h', { pass: 'secret' }, /needs a password/],
      ['nats://h', { nkeySeed: 'SUsecret' }, /not a valid NKey seed/],
      ['nats://h', { nkeySeed: 'secret' }, /not a user NKey seed/],
      ['nats://h', { nkeyFile: notSeed }, /NKey seed in .*not-a-seed is not a valid/],
      ['nats://h', { credsFile: join(dir, 'missing.creds') }, /cannot read .*missing\.creds/],
      ['nats://h', { credsFile: notSeed }, /not a NATS credentials/],
      ['nats://h', { tls: { certFile: '/c.pem' } }, /needs its key/],
      ['', {}, /no NATS server/],
    ];
    for (const [servers, auth, message] of cases)
      assert.throws(
        () => natsConnectionSetup(servers, auth),
        (err: unknown) =>
          err instanceof NatsAuthError && message.test(err.message) && !/secret/.test(err.message),
        `${servers} ${JSON.stringify(auth)}`,
      );
  });

  it('redactSecrets hides the secrets and the userinfo of URLs in any text', () => {
    assert.equal(
      redactSecrets('nats://u:pw1@h said pw1 and tok2', ['pw1', 'tok2']),
      'nats://u:***@h said *** and ***',
    );
  });
});
