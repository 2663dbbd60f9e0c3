// The command line's settings (cli/settings.ts): one loader for every
// command, and the gateway's routes taken from the service registry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import {
  cliGatewayConfig,
  DEFAULT_NATS_URL,
  loadCliSettings,
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
    });
    assert.equal(loadCliSettings({ NATS_URL: '' }).natsUrl, undefined, 'empty is unset');
  });

  it('reads NATS_URL, MUX_PREFIX and LOG_LEVEL', () => {
    const s = loadCliSettings({
      NATS_URL: 'nats://a:4222,nats://b:4222',
      MUX_PREFIX: 'prod.mux',
      LOG_LEVEL: 'debug',
    });
    assert.deepEqual(s, {
      natsUrl: 'nats://a:4222,nats://b:4222',
      natsServers: 'nats://a:4222,nats://b:4222',
      prefix: 'prod.mux',
      logLevel: 'debug',
    });
  });

  for (const [name, env, message] of [
    ['a prefix with a wildcard', { MUX_PREFIX: 'mux.>' }, /MUX_PREFIX/],
    ['an empty prefix token', { MUX_PREFIX: 'mux..a' }, /MUX_PREFIX/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
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
