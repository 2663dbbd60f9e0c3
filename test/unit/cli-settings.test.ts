// The command line's settings (cli/settings.ts): one loader for every
// command, and the gateway's routes taken from the service registry.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import {
  cliGatewayConfig,
  gatewayReads,
  DEFAULT_NATS_URL,
  loadCliSettings,
  SettingsError,
} from '../../cli/settings.ts';
import { silentLogger } from '../../lib/log.ts';
import { ROUTED_SERVICES, SERVICES, WORKERS } from '../../services/registry.ts';
import { MemoryStorage } from '../../services/sdk/index.ts';
import { nkeyUser, operatorSetup } from '../helpers/nats-auth.ts';

describe('command-line settings', () => {
  it('defaults to the local NATS and the mux prefix', () => {
    assert.deepEqual(loadCliSettings({}), {
      natsUrl: undefined,
      natsServers: DEFAULT_NATS_URL,
      natsAuth: {},
      prefix: 'mux',
      logLevel: 'info',
      logFormat: undefined,
      replicas: 1,
      natsLiveness: { pingIntervalMs: 2000, maxPingOut: 2, connectTimeoutMs: 5000 },
      natsReads: { attemptTimeoutMs: 500, hedgeAfterMs: 100, copies: 5 },
      deadlineSkewMs: 1000,
      healthPort: undefined,
    });
    assert.equal(loadCliSettings({ NATS_URL: '' }).natsUrl, undefined, 'empty is unset');
  });

  it('reads NATS_URL, MUX_PREFIX, LOG_LEVEL, LOG_FORMAT, MUX_JETSTREAM_REPLICAS, MUX_DEADLINE_SKEW_MS, MUX_HEALTH_PORT, the liveness and the read settings', () => {
    const s = loadCliSettings({
      NATS_URL: 'nats://a:4222,nats://b:4222',
      MUX_PREFIX: 'prod.mux',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      MUX_JETSTREAM_REPLICAS: '3',
      NATS_PING_INTERVAL_MS: '1000',
      NATS_MAX_PINGS_OUT: '3',
      NATS_CONNECT_TIMEOUT_MS: '2500',
      MUX_DEADLINE_SKEW_MS: '250',
      MUX_HEALTH_PORT: '8081',
      NATS_READ_ATTEMPT_MS: '300',
      NATS_READ_HEDGE_MS: '50',
      NATS_READ_COPIES: '2',
      NATS_READ_BUDGET_MS: '2000',
    });
    assert.deepEqual(s, {
      natsUrl: 'nats://a:4222,nats://b:4222',
      natsServers: 'nats://a:4222,nats://b:4222',
      natsAuth: {},
      prefix: 'prod.mux',
      logLevel: 'debug',
      logFormat: 'pretty',
      replicas: 3,
      natsLiveness: { pingIntervalMs: 1000, maxPingOut: 3, connectTimeoutMs: 2500 },
      natsReads: { attemptTimeoutMs: 300, hedgeAfterMs: 50, copies: 2, budgetMs: 2000 },
      deadlineSkewMs: 250,
      healthPort: 8081,
    });
    assert.equal(loadCliSettings({ MUX_HEALTH_PORT: '' }).healthPort, undefined, 'empty is unset');
  });

  for (const [name, env, message] of [
    ['a prefix with a wildcard', { MUX_PREFIX: 'mux.>' }, /MUX_PREFIX/],
    ['an empty prefix token', { MUX_PREFIX: 'mux..a' }, /MUX_PREFIX/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['an unknown log format', { LOG_FORMAT: 'xml' }, /LOG_FORMAT/],
    [
      'a ping interval that is not a number',
      { NATS_PING_INTERVAL_MS: 'soon' },
      /NATS_PING_INTERVAL_MS/,
    ],
    ['no missed ping allowed', { NATS_MAX_PINGS_OUT: '0' }, /NATS_MAX_PINGS_OUT/],
    ['a negative deadline skew', { MUX_DEADLINE_SKEW_MS: '-1' }, /MUX_DEADLINE_SKEW_MS/],
    ['a health port of 0', { MUX_HEALTH_PORT: '0' }, /MUX_HEALTH_PORT/],
    ['a health port that is no number', { MUX_HEALTH_PORT: 'http' }, /MUX_HEALTH_PORT/],
    ['no replicas', { MUX_JETSTREAM_REPLICAS: '0' }, /MUX_JETSTREAM_REPLICAS/],
    [
      'a hedge that would come after the retry',
      { NATS_READ_HEDGE_MS: '600' },
      /NATS_READ_HEDGE_MS must be under NATS_READ_ATTEMPT_MS/,
    ],
    [
      'an attempt longer than the whole read',
      { NATS_READ_ATTEMPT_MS: '3000', NATS_READ_BUDGET_MS: '2000' },
      /NATS_READ_ATTEMPT_MS must not exceed NATS_READ_BUDGET_MS/,
    ],
    ['no copy of a read', { NATS_READ_COPIES: '0' }, /NATS_READ_COPIES/],
    ['a read budget under 100 ms', { NATS_READ_BUDGET_MS: '50' }, /NATS_READ_BUDGET_MS/],
  ] as const)
    it(`refuses ${name} with a clear message`, () => {
      assert.throws(
        () => loadCliSettings(env),
        (err: unknown) => err instanceof SettingsError && message.test(err.message),
      );
    });
});

describe('command-line settings for a secured NATS', () => {
  let dir: string;
  let files: Record<'ca' | 'cert' | 'key' | 'creds' | 'seed', string>;
  const alice = nkeyUser();
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'muxgate-settings-'));
    files = {
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'client.pem'),
      key: join(dir, 'client.key'),
      creds: join(dir, 'user.creds'),
      seed: join(dir, 'seed.nk'),
    };
    for (const f of Object.values(files)) await writeFile(f, 'x');
    await writeFile(files.seed, alice.seed);
    await writeFile(files.creds, operatorSetup().creds());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('moves credentials out of NATS_URL, so what is left can be logged', () => {
    const s = loadCliSettings({
      NATS_URL: 'nats://alice:p%40ss@a:4222,nats://alice:p%40ss@b:4222',
    });
    assert.equal(s.natsUrl, 'nats://a:4222,nats://b:4222');
    assert.equal(s.natsServers, 'nats://a:4222,nats://b:4222');
    assert.deepEqual(s.natsAuth, { user: 'alice', pass: 'p@ss' });
    assert.deepEqual(loadCliSettings({ NATS_URL: 'nats://T0KEN@a' }).natsAuth, { token: 'T0KEN' });
  });

  it('reads each way to authenticate, and the TLS files', () => {
    const auth = (env: Record<string, string>) => loadCliSettings(env).natsAuth;
    assert.deepEqual(auth({ NATS_USER: 'alice', NATS_PASSWORD: ' spaces kept ' }), {
      user: 'alice',
      pass: ' spaces kept ',
    });
    // `kubectl create secret --from-file` keeps the file's last newline.
    assert.deepEqual(auth({ NATS_TOKEN: 'T0KEN\n' }), { token: 'T0KEN' });
    assert.deepEqual(auth({ NATS_NKEY_SEED: ` ${alice.seed}\n` }), { nkeySeed: alice.seed });
    assert.deepEqual(auth({ NATS_NKEY_FILE: files.seed }), { nkeyFile: files.seed });
    assert.deepEqual(auth({ NATS_CREDS: files.creds, NATS_TLS_CA: files.ca }), {
      credsFile: files.creds,
      tls: { caFile: files.ca },
    });
    assert.deepEqual(
      auth({ NATS_TLS_CA: files.ca, NATS_TLS_CERT: files.cert, NATS_TLS_KEY: files.key }),
      { tls: { caFile: files.ca, certFile: files.cert, keyFile: files.key } },
    );
    assert.deepEqual(auth({ NATS_TOKEN: '', NATS_TLS_CA: '' }), {}, 'empty is unset');
  });

  for (const [name, env, message] of [
    ['a password without a user', { NATS_PASSWORD: 'hunter2' }, /NATS_USER and NATS_PASSWORD/],
    [
      'a certificate without its key',
      { NATS_TLS_CERT: '<cert>' },
      /NATS_TLS_CERT and NATS_TLS_KEY/,
    ],
    [
      'two ways to authenticate',
      { NATS_TOKEN: 'hunter2', NATS_CREDS: '<creds>' },
      /NATS_TOKEN, NATS_CREDS: one way/,
    ],
    ['a seed and a seed file', { NATS_NKEY_SEED: '<seed>', NATS_NKEY_FILE: '<seed>' }, /set one/],
    ['a malformed seed', { NATS_NKEY_SEED: 'SUhunter2' }, /NATS_NKEY_SEED: not a user NKey seed/],
    [
      'a missing file',
      { NATS_TLS_CA: '/nonexistent/ca.pem' },
      /NATS_TLS_CA: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/,
    ],
    [
      'credentials in NATS_URL and apart',
      { NATS_URL: 'nats://a:hunter2@h', NATS_TOKEN: 'hunter3' },
      /NATS URL and given apart/,
    ],
  ] as const)
    it(`refuses ${name} with a message that quotes no secret`, () => {
      const real = (e: Record<string, string>): Record<string, string> =>
        Object.fromEntries(
          Object.entries(e).map(([k, v]) => [
            k,
            v === '<cert>'
              ? files.cert
              : v === '<creds>'
                ? files.creds
                : v === '<seed>'
                  ? k === 'NATS_NKEY_FILE'
                    ? files.seed
                    : alice.seed
                  : v,
          ]),
        );
      assert.throws(
        () => loadCliSettings(real(env)),
        (err: unknown) =>
          err instanceof SettingsError &&
          message.test(err.message) &&
          !err.message.includes('hunter') &&
          !err.message.includes(alice.seed),
      );
    });
});

describe('the gateway as the command line runs it', () => {
  it('never lets a store read outlast the join it serves', () => {
    const reads = (env: Record<string, string>) =>
      gatewayReads(loadCliSettings(env), cliGatewayConfig(env).joinTimeoutMs).natsReads.budgetMs;
    assert.equal(reads({}), 5000, 'the default');
    assert.equal(reads({ MUX_JOIN_TIMEOUT_MS: '1000' }), 1000, 'unset: cut to the join timeout');
    assert.equal(reads({ NATS_READ_BUDGET_MS: '6000', MUX_JOIN_TIMEOUT_MS: '8000' }), 6000);
    assert.throws(
      () => reads({ NATS_READ_BUDGET_MS: '6000' }),
      /NATS_READ_BUDGET_MS \(6000\) must not exceed MUX_JOIN_TIMEOUT_MS \(5000\)/,
    );
  });

  it('routes every registered service that answers streams, unless MUX_ROUTES says otherwise', () => {
    assert.deepEqual([...cliGatewayConfig({}).routes.keys()], ROUTED_SERVICES);
    assert.ok(ROUTED_SERVICES.includes('echo'), 'the list is not empty');
    const routes = cliGatewayConfig({ MUX_ROUTES: 'echo,chat=auth' }).routes;
    assert.deepEqual(
      [...routes.values()],
      [
        { service: 'echo', requireAuth: false },
        { service: 'chat', requireAuth: true },
      ],
    );
  });

  it('dev listens on 127.0.0.1 unless HOST is set; the gateway command on every interface', () => {
    assert.equal(cliGatewayConfig({}, { dev: true }).host, '127.0.0.1');
    assert.equal(cliGatewayConfig({ HOST: '' }, { dev: true }).host, '127.0.0.1', 'empty is unset');
    assert.equal(cliGatewayConfig({ HOST: '0.0.0.0' }, { dev: true }).host, '0.0.0.0');
    assert.equal(cliGatewayConfig({}).host, '0.0.0.0');
  });

  it('signs in dev users only for dev, and the environment still wins', () => {
    assert.equal(cliGatewayConfig({}).devTokens, false);
    const dev = cliGatewayConfig({}, { dev: true });
    assert.deepEqual([dev.devTokens, dev.auth.mode], [true, 'optional']);
    assert.equal(cliGatewayConfig({ MUX_AUTH: 'required' }, { dev: true }).auth.mode, 'required');
  });

  it('every routed service answers streams under its own name, and no worker does', async () => {
    const broker = new MemoryBroker();
    const storage = new MemoryStorage();
    for (const [name, create] of Object.entries(SERVICES)) {
      const bus = broker.connect();
      const svc = await create({ bus, storage, log: silentLogger, prefix: 't' });
      try {
        assert.equal(svc.definition?.name, WORKERS.has(name) ? undefined : name, name);
      } finally {
        await svc.close?.();
        await bus.drain();
      }
    }
  });
});
