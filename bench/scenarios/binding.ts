// Bindings (issue 16): a writer outside muxgate changes keys of a bucket at
// a paced rate, in steps of rising rate, while N clients on one gateway hold
// the inventory binding's group. Measured per step: changes per second
// relayed to every client (from the first write to the last client's last
// event), the relay's CPU per change (the `muxgate service inventory`
// process, which does nothing else meanwhile), the gateway's CPU per
// delivery, and events lost or delivered out of order or twice (each client
// checks revisions and `prev`).
import { connect } from '@nats-io/transport-node';
import WebSocket from 'ws';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import type { BenchContext } from '../lib/context.ts';
import { CpuMeter } from '../lib/proc-stats.ts';
import { startGateway, startService } from '../lib/procs.ts';
import { round } from '../lib/stats.ts';

export interface BindingStep {
  /** Changes per second the writer offered. */
  offeredPerSec: number;
  changes: number;
  /** Changes per second that reached every client: changes ÷ (first write → last client's last event). */
  changesPerSec: number;
  deliveriesPerSec: number;
  /** µs of CPU of the binding's service process (its relay) per change. */
  relayUsPerChange: number;
  /** µs of CPU of the gateway per delivered event. */
  gatewayUsPerDelivery: number;
  natsUsPerChange: number;
  /** Events that never arrived, or arrived out of order or twice, over every client. */
  problems: number;
}

export interface BindingResult {
  clients: number;
  steps: BindingStep[];
  /** The highest offered rate every client got every change of, once and in order. */
  heldPerSec: number | undefined;
  /** Problems over every step (the smoke test wants 0). */
  problems: number;
  changes: number;
}

const PREFIX = 'bench-binding';
const STREAM = 'inventory:main';

interface Holder {
  ws: WebSocket;
  last: number;
  seen: number;
  problems: number;
}

export async function runBinding(ctx: BenchContext): Promise<BindingResult> {
  const { bindingClients: n, bindingChanges: changes, bindingRates: rates } = ctx.sizes;
  const service = await startService(
    'inventory-service',
    ['cli/main.ts', 'service', 'inventory'],
    ctx.natsUrl,
    PREFIX,
    ctx.dirs,
  );
  const gw = await startGateway(
    'gw-binding',
    ctx.natsUrl,
    PREFIX,
    { MUX_ROUTES: 'inventory' },
    ctx.dirs,
  );
  const conn = await connect({ servers: ctx.natsUrl, name: 'bench outside writer' });
  const holders: Holder[] = [];
  const steps: BindingStep[] = [];
  try {
    const writer = await JetStreamKvStore.open(conn, { bucket: `${PREFIX}_inventory` });
    for (let i = 0; i < n; i += 50)
      holders.push(
        ...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => hold(gw.wsUrl)))),
      );
    let expected = 0;
    for (const rate of rates) {
      ctx.log(`binding: ${n} clients hold ${STREAM}; ${changes} outside writes at ${rate}/s`);
      const problemsBefore = holders.reduce((s, h) => s + h.problems, 0);
      const seenBefore = holders.reduce((s, h) => s + h.seen, 0);
      const meter = new CpuMeter({ relay: service.pid, gateway: gw.pid, nats: ctx.natsPid });
      const t0 = performance.now();
      const writes: Promise<number>[] = [];
      for (let i = 0; i < changes; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        writes.push(writer.update(`main.item-${i % 100}`, expected + i));
      }
      await Promise.all(writes);
      expected += changes;
      // A client short of the total after 20 s has lost events (a gateway cut off as a slow consumer).
      const deadline = performance.now() + 20_000;
      while (holders.some((h) => h.seen < expected) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const wall = (performance.now() - t0) / 1000;
      const cpu = meter.stop().cpuSeconds;
      const delivered = holders.reduce((s, h) => s + h.seen, 0) - seenBefore;
      const missing = holders.reduce((s, h) => s + Math.max(0, expected - h.seen), 0);
      // Later steps count from where each client is.
      for (const h of holders) h.seen = Math.max(h.seen, expected);
      const step: BindingStep = {
        offeredPerSec: rate,
        changes,
        changesPerSec: Math.round(changes / wall),
        deliveriesPerSec: Math.round(delivered / wall),
        relayUsPerChange: round((cpu.relay! * 1e6) / changes),
        gatewayUsPerDelivery: round((cpu.gateway! * 1e6) / Math.max(1, delivered)),
        natsUsPerChange: round((cpu.nats! * 1e6) / changes),
        problems: holders.reduce((s, h) => s + h.problems, 0) - problemsBefore + missing,
      };
      ctx.log(`binding: ${JSON.stringify(step)}`);
      steps.push(step);
    }
    const held = steps.filter((s) => s.problems === 0).map((s) => s.offeredPerSec);
    return {
      clients: n,
      steps,
      heldPerSec: held.length ? Math.max(...held) : undefined,
      problems: steps.reduce((s, x) => s + x.problems, 0),
      changes: expected,
    };
  } finally {
    for (const h of holders) h.ws.terminate();
    await conn.close();
    await gw.stop();
    await service.stop();
  }
}

/** One client holding the group: counts events, checking each one follows the last. */
async function hold(url: string): Promise<Holder> {
  const ws = new WebSocket(url, 'muxgate.v1.json');
  const h: Holder = { ws, last: 0, seen: 0, problems: 0 };
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as {
        type: string;
        payload?: { revision: number; prev?: number };
      };
      if (f.type === 'welcome') ws.send(JSON.stringify({ type: 'join', stream: STREAM, ref: 1 }));
      else if (f.type === 'joined') {
        h.last = f.payload!.revision;
        resolve();
      } else if (f.type === 'msg' && f.payload) {
        const { revision, prev = 0 } = f.payload;
        // Every change of the group goes to it: `prev` is the revision before.
        if (revision <= h.last || prev > h.last) h.problems++;
        h.last = Math.max(h.last, revision);
        h.seen++;
      } else if (f.type === 'error') reject(new Error(JSON.stringify(f)));
    });
    ws.once('error', reject);
  });
  return h;
}
