// The bench service, run as its own process: a join of `bench:<topic>` is
// accepted into the group `bench.<topic>` (`benchp:<topic>`: with presence). Fan-out members join it; the
// publisher worker sends to the group with the SDK's Publisher.
//
// With --durable (on a nats-server with JetStream) the same process also runs
// `benchd`: a join of `benchd:<topic>` is accepted into the durable group
// `benchd.<topic>` (protocol 1.1), with nothing else in the accept, so a
// durable join costs what the gateway adds and no service-side read.
import { NatsBus } from '../../bus/nats.ts';
import { createLogger } from '../../lib/log.ts';
import { accept, defineService, ServiceRunner } from '../../services/sdk/index.ts';

const benchService = defineService({
  name: 'bench',
  join(ctx) {
    return accept({ groups: [`bench.${ctx.topic}`] });
  },
});

// `benchp:<topic>`: the same as `bench`, with presence on in the group
// (protocol 1.1 §4.3); the join payload becomes the member's info.
const presenceBenchService = defineService({
  name: 'benchp',
  join(ctx, payload) {
    const group = `benchp.${ctx.topic}`;
    return accept({ groups: [group], presence: { group, info: payload } });
  },
});

const durableBenchService = defineService({
  name: 'benchd',
  // Enough per group that a replay's 10,000 messages and the fan-out steps
  // before it never push out the position a client resumes from.
  durable: { groups: 'benchd.>', maxPerGroup: 1_000_000 },
  join(ctx) {
    return accept({ durable: `benchd.${ctx.topic}` });
  },
});

const log = createLogger('bench-service');
const bus = await NatsBus.connect({
  servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  name: 'bench service',
});
const durable = process.argv.includes('--durable');
// Each runner logs "service running" on its own; the orchestrator waits for
// that line, so it is written once, when every runner is up.
const runnerLog = log.child({}, { level: 'warn' });
const runners = [
  await ServiceRunner.start(bus, benchService, { prefix: process.env.MUX_PREFIX, log: runnerLog }),
  await ServiceRunner.start(bus, presenceBenchService, {
    prefix: process.env.MUX_PREFIX,
    log: runnerLog,
  }),
  ...(durable
    ? [
        await ServiceRunner.start(bus, durableBenchService, {
          prefix: process.env.MUX_PREFIX,
          log: runnerLog,
        }),
      ]
    : []),
];
log.info({ services: runners.map((r) => r.def.name) }, 'service running');
process.once(
  'SIGTERM',
  () => void Promise.allSettled(runners.map((r) => r.drain())).then(() => process.exit(0)),
);
