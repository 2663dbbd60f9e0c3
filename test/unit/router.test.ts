// The join reply the router hands to a stream outlives the bus message it
// came in: what it keeps must not hold on to the bus's read buffer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJoinReply } from '../../gateway/router.ts';
import { JoinReply } from '../../proto/index.ts';

/** A reply as NATS delivers it: a view into a much larger read buffer. */
function inReadBuffer(body: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(64 * 1024);
  buffer.set(body, 1000);
  return buffer.subarray(1000, 1000 + body.length);
}

describe('decodeJoinReply', () => {
  it('keeps a copy of the stream state, not a view into the read buffer', () => {
    const state = new TextEncoder().encode('{"room":"lobby"}');
    const body = JoinReply.encode({ accept: { groups: ['chat.lobby'], state } }).finish();
    const result = decodeJoinReply(inReadBuffer(body));
    assert.equal(result.kind, 'accept');
    if (result.kind !== 'accept') return;
    assert.deepEqual([...result.state], [...state]);
    assert.equal(result.state.buffer.byteLength, state.length, 'state pins no larger buffer');
  });

  it('answers an accept without state with an empty one', () => {
    const body = JoinReply.encode({ accept: { groups: ['g'] } }).finish();
    const result = decodeJoinReply(inReadBuffer(body));
    assert.equal(result.kind, 'accept');
    if (result.kind === 'accept') assert.equal(result.state.length, 0);
  });

  it('turns an undecodable reply into an internal result, not a throw', () => {
    const result = decodeJoinReply(new Uint8Array([0xff, 0xff, 0xff]));
    assert.equal(result.kind, 'internal');
  });
});
