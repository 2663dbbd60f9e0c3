// permessage-deflate's settings: off by default, bounded, and the offers the
// gateway passes to ws so that no client is refused for its offer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadGatewayConfig } from '../../gateway/config.ts';
import { acceptableOffers, deflateOptions } from '../../gateway/deflate.ts';

describe('deflate settings', () => {
  it('is off by default', () => {
    assert.equal(loadGatewayConfig({}).deflate, undefined);
    assert.equal(deflateOptions(undefined), false);
  });

  it('bounds the windows and the deflate state when on', () => {
    const c = loadGatewayConfig({ MUX_DEFLATE: 'true' });
    assert.deepEqual(c.deflate, { threshold: 1024, windowBits: 12, memLevel: 5, concurrency: 10 });
    assert.deepEqual(deflateOptions(c.deflate), {
      threshold: 1024,
      serverMaxWindowBits: 12,
      clientMaxWindowBits: 12,
      zlibDeflateOptions: { memLevel: 5, chunkSize: 4096 },
      zlibInflateOptions: { chunkSize: 4096 },
      concurrencyLimit: 10,
    });
  });

  for (const [key, value] of [
    ['MUX_DEFLATE_WINDOW_BITS', '8'],
    ['MUX_DEFLATE_WINDOW_BITS', '16'],
    ['MUX_DEFLATE_MEM_LEVEL', '0'],
    ['MUX_DEFLATE_MEM_LEVEL', '10'],
    ['MUX_DEFLATE_CONCURRENCY', '0'],
    ['MUX_DEFLATE_THRESHOLD', '-1'],
  ] as const)
    it(`refuses ${key}=${value}`, () => {
      assert.throws(() => loadGatewayConfig({ MUX_DEFLATE: 'true', [key]: value }), ConfigError);
    });
});

describe('acceptableOffers', () => {
  const cases: Array<[string, string | undefined]> = [
    ['permessage-deflate; client_max_window_bits', 'permessage-deflate; client_max_window_bits'],
    // Without it, ws could not hold the client's window to ours and would refuse the upgrade.
    ['permessage-deflate', undefined],
    [
      'permessage-deflate; client_max_window_bits=15',
      'permessage-deflate; client_max_window_bits=15',
    ],
    ['permessage-deflate; client_max_window_bits=10', undefined],
    ['permessage-deflate; client_max_window_bits; server_max_window_bits=9', undefined],
    [
      'permessage-deflate; server_max_window_bits=10, permessage-deflate; client_max_window_bits',
      ' permessage-deflate; client_max_window_bits',
    ],
    ['x-other, permessage-deflate', 'x-other'],
  ];
  for (const [offer, kept] of cases)
    it(offer, () => {
      assert.equal(acceptableOffers(offer, 12), kept);
    });
});
