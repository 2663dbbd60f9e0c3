// The command line's settings (cli/settings.ts): one loader for every
// command, and the gateway's routes taken from the service registry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import {
  cliGatewayConfig,
  DEFAULT_NATS_URL,
  loadCliSettings,
  natsServersForDisplay,
  SettingsError,
} from '../../cli/settings.ts';
import { silentLogger } from '../../lib/log.ts';
import { ROUTED_SERVICES, SERVICES, WORKERS } from '../../services/registry.ts';
import { MemoryStorage } from '../../services/sdk/index.ts';

describe('command-line settings', () => {
  it('defaults to the local NATS and the mux prefix', () => {
    assert.deepEqual(loadCliSettings({}), {
      natsUrl: undefined,
      natsServers: DEFAULT_NATS_URL,
      prefix: 'mux',
      logLevel: 'info',
      logFormat: undefined,
    });
    assert.equal(loadCliSettings({ NATS_URL: '' }).natsUrl, undefined, 'empty is unset');
  });

  it('reads NATS_URL, MUX_PREFIX, LOG_LEVEL and LOG_FORMAT', () => {
    const s = loadCliSettings({
      NATS_URL: 'nats://a:4222,nats://b:4222',
      MUX_PREFIX: 'prod.mux',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
    });
    assert.deepEqual(s, {
      natsUrl: 'nats://a:4222,nats://b:4222',
      natsServers: 'nats://a:4222,nats://b:4222',
      prefix: 'prod.mux',
      logLevel: 'debug',
      logFormat: 'pretty',
    });
  });

  it('shows NATS URLs without their user, password or token', () => {
    for (const [given, shown] of [
      ['nats://127.0.0.1:4222', 'nats://127.0.0.1:4222'],
      ['nats://user:p@ss:w0rd@nats-0.nats:4222', 'nats://nats-0.nats:4222'],
      ['tls://s3cr3t@a:4222, nats://u:p@b:4222', 'tls://a:4222,nats://b:4222'],
      ['user:pw@localhost:4222', 'localhost:4222'],
    ] as const)
      assert.equal(natsServersForDisplay(given), shown, given);
  });

  for (const [name, env, message] of [
    ['a prefix with a wildcard', { MUX_PREFIX: 'mux.>' }, /MUX_PREFIX/],
    ['an empty prefix token', { MUX_PREFIX: 'mux..a' }, /MUX_PREFIX/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['an unknown log format', { LOG_FORMAT: 'xml' }, /LOG_FORMAT/],
  ] as const)
    it(`refuses ${name} with a clear message`, () => {
      assert.throws(
        () => loadCliSettings(env),
        (err: unknown) => err instanceof SettingsError && message.test(err.message),
      );
    });
});

describe('the gateway as the command line runs it', () => {
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
