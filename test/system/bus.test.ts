import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { NatsBus } from '../../bus/nats.ts';
import { busContract } from '../helpers/bus-contract.ts';
import { NatsServer } from '../../harness/nats-server.ts';

const broker = new MemoryBroker();
busContract('MemoryBus', {
  make: async () => broker.connect(),
});

let server: NatsServer;
before(async () => {
  server = await NatsServer.start();
});
after(async () => {
  await server.close();
});
busContract('NatsBus', {
  make: () => NatsBus.connect({ servers: server.url }),
});

describe('NatsBus publish batching', () => {
  it('writes a turn’s publishes before the turn ends once they pass 32 KiB', async () => {
    const bus = await NatsBus.connect({ servers: server.url });
    const data = new Uint8Array(1024);
    const start = bus.connection.stats().outBytes;
    for (let i = 0; i < 20; i++) bus.publish('batch.small', data);
    assert.equal(bus.connection.stats().outBytes, start, 'a small turn waits for the turn’s end');
    for (let i = 0; i < 20; i++) bus.publish('batch.large', data);
    assert.ok(bus.connection.stats().outBytes > start, 'a large turn is written inline');
    await bus.drain();
  });
});
