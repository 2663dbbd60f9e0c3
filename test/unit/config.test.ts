import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadGatewayConfig } from '../../gateway/config.ts';

describe('gateway configuration', () => {
  it('has a default for every limit', () => {
    const c = loadGatewayConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.prefix, 'mux');
    assert.deepEqual([...c.routes.keys()], [], 'services are the command line’s to name');
    assert.equal(c.maxFrameBytes, 65_536);
    assert.equal(c.maxStreams, 128);
    assert.deepEqual([c.ratePerSecond, c.rateBurst], [10_000, 20_000]);
    assert.equal(c.joinTimeoutMs, 5000);
    assert.equal(c.heartbeatMs, 30_000);
    assert.equal(c.maxBufferedBytes, 1024 * 1024);
    assert.deepEqual([c.rateBytesPerSecond, c.rateBytesBurst], [256 * 1024, 1024 * 1024]);
    assert.equal(c.maxInflightBytes, 256 * 1024);
    assert.equal(c.auth.mode, 'off');
    assert.match(c.gatewayId, /^gw-[0-9a-f]{10}$/);
  });

  it('reads every knob from the environment', () => {
    const c = loadGatewayConfig({
      PORT: '9000',
      MUX_PREFIX: 'prod.mux',
      MUX_ROUTES: 'echo, admin=auth',
      MUX_MAX_FRAME_BYTES: '2048',
      MUX_MAX_STREAMS: '3',
      MUX_RATE_PER_SECOND: '50',
      MUX_RATE_BURST: '60',
      MUX_JOIN_TIMEOUT_MS: '700',
      MUX_HEARTBEAT_MS: '1000',
      MUX_MAX_BUFFERED_BYTES: '4096',
      MUX_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      MUX_JWT_SECRET: 's',
      MUX_API_KEYS: 'k1,k2',
      MUX_GATEWAY_ID: 'gateway-7f9c',
    });
    assert.deepEqual(
      [
        c.port,
        c.prefix,
        c.maxFrameBytes,
        c.maxStreams,
        c.ratePerSecond,
        c.rateBurst,
        c.joinTimeoutMs,
        c.heartbeatMs,
        c.maxBufferedBytes,
      ],
      [9000, 'prod.mux', 2048, 3, 50, 60, 700, 1000, 4096],
    );
    assert.deepEqual(c.routes.get('admin'), { service: 'admin', requireAuth: true });
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(c.apiKeys, ['k1', 'k2']);
    assert.equal(c.auth.mode, 'required', 'a configured key turns authentication on');
    assert.equal(c.gatewayId, 'gateway-7f9c');
  });

  it('reads the byte rate and bytes in flight, which never pass half the outbound limit', () => {
    const c = loadGatewayConfig({
      MUX_RATE_BYTES_PER_SECOND: '10000',
      MUX_RATE_BYTES_BURST: '70000',
      MUX_MAX_INFLIGHT_BYTES: '50000',
    });
    assert.deepEqual(
      [c.rateBytesPerSecond, c.rateBytesBurst, c.maxInflightBytes],
      [10_000, 70_000, 50_000],
    );
    const small = loadGatewayConfig({ MUX_MAX_BUFFERED_BYTES: '65536' });
    assert.equal(small.maxInflightBytes, 32_768);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a zero stream limit', { MUX_MAX_STREAMS: '0' }, /MUX_MAX_STREAMS/],
    ['a non-numeric port', { PORT: 'http' }, /PORT/],
    ['a prefix with a wildcard', { MUX_PREFIX: 'mux.*' }, /MUX_PREFIX/],
    ['a route that is not a service name', { MUX_ROUTES: 'Echo' }, /bad route/],
    ['a gateway id with a dot', { MUX_GATEWAY_ID: 'gw.1' }, /MUX_GATEWAY_ID/],
    [
      'auth required without a key',
      { MUX_AUTH: 'required' },
      /MUX_JWT_SECRET or MUX_JWT_PUBLIC_KEY/,
    ],
    ['dev tokens without a secret', { MUX_DEV_TOKENS: 'true' }, /MUX_DEV_TOKENS/],
    [
      'a byte burst below the frame limit',
      { MUX_MAX_FRAME_BYTES: '8192', MUX_RATE_BYTES_BURST: '4096' },
      /MUX_RATE_BYTES_BURST.*MUX_MAX_FRAME_BYTES/,
    ],
  ];
  for (const [name, env, message] of bad) {
    it(`refuses ${name} with a clear message`, () => {
      assert.throws(
        () => loadGatewayConfig(env),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
      );
    });
  }
});

describe('the connect service (§4.9)', () => {
  it('is off by default, with a 2 s wait when on', () => {
    const c = loadGatewayConfig({});
    assert.equal(c.connectService, undefined);
    assert.equal(c.connectTimeoutMs, 2000);
    assert.equal(loadGatewayConfig({ MUX_CONNECT_SERVICE: '' }).connectService, undefined);
  });
  it('reads a service name and a timeout', () => {
    const c = loadGatewayConfig({
      MUX_CONNECT_SERVICE: 'notifications',
      MUX_CONNECT_TIMEOUT_MS: '300',
    });
    assert.equal(c.connectService, 'notifications');
    assert.equal(c.connectTimeoutMs, 300);
  });
  it('refuses a name that is not a service name, and a timeout under 10 ms', () => {
    assert.throws(() => loadGatewayConfig({ MUX_CONNECT_SERVICE: 'Notes.x' }), ConfigError);
    assert.throws(() => loadGatewayConfig({ MUX_CONNECT_TIMEOUT_MS: '5' }), ConfigError);
  });
});
