// The DurableStore contract on the in-memory broker and on a real nats-server
// with JetStream.
import { after, before } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { NatsBus } from '../../bus/nats.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { durableContract } from '../helpers/durable-contract.ts';

const broker = new MemoryBroker();
durableContract('MemoryDurableStore', { make: async () => broker.connect() });

let server: NatsServer;
before(async () => {
  server = await NatsServer.start();
});
after(async () => {
  await server.close();
});
durableContract('NatsDurableStore (JetStream)', {
  make: () => NatsBus.connect({ servers: server.url }),
});
