// The bench service, run as its own process: a join of `bench:<topic>` is
// accepted into the group `bench.<topic>`. Fan-out members join it; the
// publisher worker sends to the group with the SDK's Publisher.
import { NatsBus } from '../../bus/nats.ts';
import { createLogger } from '../../lib/log.ts';
import { accept, defineService, ServiceRunner } from '../../services/sdk/index.ts';

const benchService = defineService({
  name: 'bench',
  join(ctx) {
    return accept({ groups: [`bench.${ctx.topic}`] });
  },
});

const log = createLogger('bench-service');
const bus = await NatsBus.connect({
  servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  name: 'bench service',
});
const runner = await ServiceRunner.start(bus, benchService, {
  prefix: process.env.MUX_PREFIX,
  log,
});
process.once('SIGTERM', () => void runner.drain().then(() => process.exit(0)));
