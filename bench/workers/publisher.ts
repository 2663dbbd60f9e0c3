// The fan-out publisher: the SDK's Publisher on its own NATS connection,
// sending GroupMessages at an offered rate. Each payload carries the step,
// a sequence number and the send time, for the clients to count and time.
// For durable groups it also sends one message and waits until it is stored
// (its `pos`), or a burst as fast as it can, which the replay reads back.
import { jetstreamManager } from '@nats-io/jetstream';
import { NatsBus } from '../../bus/nats.ts';
import { Publisher } from '../../services/sdk/index.ts';
import { paced, type Paced } from '../lib/pacer.ts';
import { serve } from '../lib/rpc.ts';
import { Histogram, monoUs, type HistogramData } from '../lib/stats.ts';

let bus: NatsBus | undefined;
let publisher: Publisher | undefined;

function connected(): { bus: NatsBus; publisher: Publisher } {
  if (!bus || !publisher) throw new Error('connect first');
  return { bus, publisher };
}

const payload = (step: number, seq: number) => ({ k: step, s: seq, t: Math.round(monoUs()) });

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
    const { bus, publisher: p } = connected();
    const res = await paced(args.rate, args.durationMs, (seq) =>
      p.toGroup(args.group, payload(args.step, seq)),
    );
    await bus.flush();
    return res;
  },

  /** One message to a durable group; resolves with its `pos` once the store has it. */
  async stored(args: { group: string; step: number; seq: number }): Promise<string> {
    return connected().publisher.toGroupStored(args.group, payload(args.step, args.seq));
  },

  /**
   * `count` messages to a durable group as fast as the connection takes them
   * (plain publishes, as toGroup sends them), the last one acknowledged by the
   * store: the store takes one connection's messages in order, so once the
   * last is stored every one is. Resolves with the last one's `pos`.
   */
  async burst(args: { group: string; step: number; count: number }): Promise<string> {
    const { bus, publisher: p } = connected();
    for (let seq = 0; seq < args.count - 1; seq++) {
      p.toGroup(args.group, payload(args.step, seq));
      // Let the bus hand each batch to the socket instead of queueing all of them.
      if (seq % 1000 === 999) await new Promise((r) => setImmediate(r));
    }
    // The store's acknowledged publish does not go through the bus's queue:
    // everything before it must reach the server first.
    await bus.flush();
    return p.toGroupStored(args.group, payload(args.step, args.count - 1));
  },

  /**
   * What a durable join asks the store, timed alone: `count` sequential
   * lookups of the group's last message through the store the gateway uses
   * (a JetStream API request), and as many through JetStream's direct get,
   * interleaved. Diagnostic: it names the part of a durable join's latency
   * that is the store's round trip.
   */
  async lookups(args: { group: string; count: number }): Promise<Record<string, HistogramData>> {
    const { bus, publisher: p } = connected();
    const subject = p.subjects.group(args.group);
    const jsm = await jetstreamManager(bus.connection);
    const stream = await jsm.streams.find(subject);
    const store = bus.durable;
    const viaStore = new Histogram();
    const direct = new Histogram();
    for (let i = 0; i < args.count; i++) {
      let t0 = monoUs();
      await store.last(subject);
      viaStore.record(monoUs() - t0);
      t0 = monoUs();
      await jsm.direct.getMessage(stream, { last_by_subj: subject });
      direct.record(monoUs() - t0);
    }
    return {
      'store.last (the gateway’s lookup)': viaStore.toJSON(),
      'direct get': direct.toJSON(),
    };
  },
});
