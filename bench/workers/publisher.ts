// The fan-out publisher: the SDK's Publisher on its own NATS connection,
// sending GroupMessages at an offered rate. Each payload carries the step,
// a sequence number and the send time, for the clients to count and time.
import { NatsBus } from '../../bus/nats.ts';
import { Publisher } from '../../services/sdk/index.ts';
import { paced, type Paced } from '../lib/pacer.ts';
import { serve } from '../lib/rpc.ts';
import { monoUs } from '../lib/stats.ts';

let bus: NatsBus | undefined;
let publisher: Publisher | undefined;

serve({
  async connect(args: { url: string; prefix: string }): Promise<void> {
    bus = await NatsBus.connect({ servers: args.url, name: 'bench publisher' });
    publisher = new Publisher(bus, args.prefix);
  },

  async run(args: {
    group: string;
    rate: number;
    durationMs: number;
    step: number;
  }): Promise<Paced> {
    if (!bus || !publisher) throw new Error('connect first');
    const p = publisher;
    const res = await paced(args.rate, args.durationMs, (seq) =>
      p.toGroup(args.group, { k: args.step, s: seq, t: Math.round(monoUs()) }),
    );
    await bus.flush();
    return res;
  },
});
