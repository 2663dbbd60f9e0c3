// The token bucket behind the frame rate and the byte rate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from '../../gateway/ratelimit.ts';

describe('token bucket', () => {
  it('takes one token or many, up to the burst, and refills at the rate', () => {
    let now = 0;
    const b = new TokenBucket(1000, 4000, () => now);
    assert.equal(b.take(3000), true);
    assert.equal(b.take(1001), false, 'a take it cannot cover takes nothing');
    assert.equal(b.take(1000), true);
    assert.equal(b.take(), false);
    now += 500;
    assert.equal(b.take(500), true, '500 ms refills 500 tokens');
    now += 60_000;
    assert.equal(b.take(4000), true, 'never more than the burst');
    assert.equal(b.take(), false);
  });

  it('says how long until it holds n tokens, capped at a full bucket', () => {
    let now = 0;
    const b = new TokenBucket(1000, 4000, () => now);
    assert.equal(b.msUntil(4000), 0);
    b.take(4000);
    assert.equal(b.msUntil(1), 1);
    assert.equal(b.msUntil(2500), 2500);
    assert.equal(b.msUntil(1_000_000), 4000, 'more than the burst waits for a full bucket');
    now += 2500;
    assert.equal(b.msUntil(2500), 0);
  });
});
