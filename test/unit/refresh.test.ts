// When the client refreshes its token: `refreshBeforeMs` before `exp` (at
// most half the remaining life), again halfway to `exp` while the source has
// no new token, and never for a connection without `exp`.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { ClientFrame } from '../../client/codec.ts';
import { Refresher } from '../../client/refresh.ts';

const T0 = 1_700_000_000_000;

function harness(tokens: (string | undefined)[], beforeMs?: number) {
  const sent: ClientFrame[] = [];
  const asked: number[] = [];
  const refreshed: (number | undefined)[] = [];
  let current: string | undefined = 'old';
  let i = 0;
  const r = new Refresher(
    {
      fetchToken: () => {
        asked.push(Date.now() - T0);
        return Promise.resolve(tokens[Math.min(i++, tokens.length - 1)]);
      },
      current: () => current,
      send: (f) => {
        sent.push(f);
        return true;
      },
      refreshed: (t, exp) => {
        current = t;
        refreshed.push(exp);
      },
      failed: () => {},
    },
    beforeMs,
  );
  return { r, sent, asked, refreshed };
}

/** Runs the timers for `ms`, letting the token source's promise settle between ticks. */
async function advance(ms: number, step = 250) {
  for (let t = 0; t < ms; t += step) {
    mock.timers.tick(step);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('token refresher', () => {
  it('refreshes refreshBeforeMs before exp, and at half the life of a short token', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
    try {
      const long = harness(['new'], 60_000);
      long.r.start(T0 / 1000 + 600);
      await advance(539_750);
      assert.equal(long.sent.length, 0);
      await advance(500);
      assert.deepEqual(long.asked, [540_000]);
      assert.deepEqual(long.sent, [{ type: 'refresh', token: 'new', ref: 'refresh-1' }]);
      assert.ok(long.r.handle({ type: 'refreshed', ref: 'refresh-1', exp: T0 / 1000 + 1200 }));
      assert.deepEqual(long.refreshed, [T0 / 1000 + 1200]);
      assert.equal(long.r.handle({ type: 'refreshed', ref: 'refresh-1' }), false, 'once');
      long.r.stop();

      const short = harness(['new'], 60_000);
      short.r.start((Date.now() + 10_000) / 1000);
      await advance(5_250);
      assert.equal(short.sent.length, 1, 'half of 10 s');
      short.r.stop();
    } finally {
      mock.timers.reset();
    }
  });

  it('asks again halfway to exp while the source has no new token, down to a second', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
    try {
      const h = harness(['old', undefined, 'old'], 8_000);
      h.r.start(T0 / 1000 + 16);
      await advance(16_000);
      assert.deepEqual(h.asked, [8_000, 12_000, 14_000, 15_000]);
      assert.equal(h.sent.length, 0);
    } finally {
      mock.timers.reset();
    }
  });

  it('retries after the gateway refuses, and does nothing without exp', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
    try {
      const h = harness(['a', 'b'], 8_000);
      h.r.start(T0 / 1000 + 16);
      await advance(8_000);
      assert.equal(h.sent.length, 1);
      h.r.handle({ type: 'error', code: 'unauthorized', message: 'no', ref: 'refresh-1' });
      await advance(4_000);
      assert.deepEqual(
        h.sent.map((f) => (f as { token: string }).token),
        ['a', 'b'],
      );
      const none = harness(['x']);
      none.r.start(undefined);
      await advance(10_000);
      assert.equal(none.asked.length, 0);
    } finally {
      mock.timers.reset();
    }
  });
});
