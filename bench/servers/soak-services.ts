// One of the soak's services, the real definition (echo or chat) run by the
// SDK's runner in a process of its own, with its joins and Leaves recorded
// (bench/lib/ledger.ts) for the orchestrator to read once the clients closed.
import { NatsBus } from '../../bus/nats.ts';
import { chatService } from '../../services/chat/index.ts';
import { echoService } from '../../services/echo/index.ts';
import { ServiceRunner, type ServiceDefinition } from '../../services/sdk/index.ts';
import { counted, StreamLedger, type LedgerCounts } from '../lib/ledger.ts';
import { serve } from '../lib/rpc.ts';

const ledger = new StreamLedger();
let runner: ServiceRunner<unknown> | undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- services have their own state types
const DEFINITIONS: Record<string, () => ServiceDefinition<any>> = {
  echo: () => echoService,
  chat: () => chatService(),
};

serve({
  async start(args: { service: string; natsUrl: string; prefix: string }): Promise<void> {
    const def = DEFINITIONS[args.service];
    if (!def) throw new Error(`no service ${args.service}`);
    const bus = await NatsBus.connect({ servers: args.natsUrl, name: `soak ${args.service}` });
    runner = await ServiceRunner.start(bus, counted(def(), ledger), { prefix: args.prefix });
  },

  ledger(): LedgerCounts {
    return ledger.counts();
  },

  async drain(): Promise<void> {
    await runner?.drain();
    runner = undefined;
  },
});
