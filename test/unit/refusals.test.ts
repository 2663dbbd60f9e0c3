// Refused upgrades are logged at warn with their reason, at most one line
// per reason per window, with how many were refused.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { UpgradeRefused } from '../../gateway/auth.ts';
import { RefusalLog } from '../../gateway/refusals.ts';
import { captureLog as capture } from '../helpers/logs.ts';

const origin = new UpgradeRefused(403, 'origin_not_allowed', 'origin not allowed');
const expired = new UpgradeRefused(401, 'unauthorized', 'invalid token', 'token_expired');
const req = { remoteAddr: '10.0.0.1', origin: 'https://evil.example' };

describe('refusal log', () => {
  it('logs the first refusal of a reason at once, then one line per window with the count', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { log, lines } = capture();
      const r = new RefusalLog(log, 10_000);
      r.refused(origin, req);
      assert.equal(lines.length, 1);
      assert.deepEqual(
        {
          level: lines[0]!.level,
          reason: lines[0]!.reason,
          status: lines[0]!.status,
          count: lines[0]!.count,
          origin: lines[0]!.origin,
        },
        { level: 40, reason: 'origin_not_allowed', status: 403, count: 1, origin: req.origin },
      );
      for (let i = 0; i < 500; i++) r.refused(origin, req);
      r.refused(expired, req);
      assert.equal(lines.length, 2, 'another reason has its own window');
      assert.equal(lines[1]!.reason, 'token_expired');
      mock.timers.tick(10_000);
      assert.equal(lines.length, 3);
      assert.equal(lines[2]!.reason, 'origin_not_allowed');
      assert.equal(lines[2]!.count, 500);
      assert.equal(lines[2]!.msg, 'upgrade refused 500 times');
      // A refusal within the next window waits for it; a quiet window ends the watch.
      r.refused(origin, req);
      mock.timers.tick(9_999);
      assert.equal(lines.length, 3);
      mock.timers.tick(1);
      assert.equal(lines.length, 4);
      assert.equal(lines[3]!.count, 1);
      mock.timers.tick(10_000);
      assert.equal(lines.length, 4);
      r.refused(origin, req);
      assert.equal(lines.length, 5, 'after a quiet window the next refusal is logged at once');
      r.refused(origin, req);
      r.stop();
      assert.equal(lines.length, 6, 'stop() writes what was counted');
      assert.equal(lines[5]!.count, 1);
    } finally {
      mock.timers.reset();
    }
  });

  it('cuts a long Origin in the line', () => {
    const { log, lines } = capture();
    const r = new RefusalLog(log, 10_000);
    r.refused(origin, { remoteAddr: undefined, origin: 'x'.repeat(10_000) });
    r.stop();
    assert.ok((lines[0]!.origin as string).length <= 201);
  });
});
