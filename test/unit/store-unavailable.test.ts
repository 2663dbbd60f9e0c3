// Store failures a retry can mend are told apart from faults, with the
// errors nats.js really throws: clients get `unavailable` (try again) for
// the first, `internal` for the rest.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsServer } from '../../harness/nats-server.ts';
import { ConflictError } from '../../services/sdk/storage/kv.ts';
import { storeUnavailable } from '../../services/sdk/storage/unavailable.ts';

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  assert.fail('expected the store call to fail');
}

describe('storeUnavailable', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  before(async () => {
    // No JetStream: a write gets what a client gets while a stream has no leader.
    nats = await NatsServer.start({ jetstream: false });
    nc = await connect({ servers: nats.url });
  });
  after(async () => {
    await nc.close();
    await nats.close();
  });

  it('says unavailable when no JetStream server answers (an election, a node away)', async () => {
    const err = await caught(() => jetstream(nc, { timeout: 500 }).publish('kv.a', 'x'));
    assert.equal(storeUnavailable(err), true, String(err));
  });

  it('says unavailable when a request times out', async () => {
    nc.subscribe('silent', { callback: () => {} });
    const err = await caught(() => nc.request('silent', 'x', { timeout: 100 }));
    assert.equal(storeUnavailable(err), true, String(err));
  });

  it('says unavailable on a closed connection', async () => {
    const other = await connect({ servers: nats.url });
    await other.close();
    const err = await caught(() => other.request('any', 'x', { timeout: 100 }));
    assert.equal(storeUnavailable(err), true, String(err));
  });

  it('keeps faults and conflicts apart', () => {
    assert.equal(storeUnavailable(new TypeError('x is undefined')), false);
    assert.equal(storeUnavailable(new ConflictError('k', 'wrong last sequence')), false);
    assert.equal(storeUnavailable('a string'), false);
  });
});
