import { after, before } from 'node:test';
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
