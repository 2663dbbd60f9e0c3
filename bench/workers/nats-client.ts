// The bare NATS request/reply load: `concurrency` requests in flight, each
// sent again as soon as its answer arrives, straight through nats.js.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { serve } from '../lib/rpc.ts';
import { Histogram, monoUs } from '../lib/stats.ts';

let nc: NatsConnection | undefined;

serve({
  async connect(args: { url: string }): Promise<void> {
    nc = await connect({ servers: args.url, name: 'bench bare requester' });
  },

  async run(args: {
    subject: string;
    concurrency: number;
    warmupMs: number;
    durationMs: number;
    payloadBytes: number;
  }) {
    if (!nc) throw new Error('connect first');
    const conn = nc;
    const data = new Uint8Array(args.payloadBytes).fill(120);
    const start = monoUs();
    const recordFrom = start + args.warmupMs * 1000;
    const until = recordFrom + args.durationMs * 1000;
    const hist = new Histogram();
    let errors = 0;
    const lane = async (): Promise<void> => {
      for (;;) {
        const t = monoUs();
        if (t >= until) return;
        try {
          await conn.request(args.subject, data, { timeout: 5000 });
        } catch {
          errors++;
        }
        if (t >= recordFrom) hist.record(monoUs() - t);
      }
    };
    await Promise.all(Array.from({ length: args.concurrency }, lane));
    return { roundTrips: hist.count, errors, hist: hist.toJSON() };
  },
});
