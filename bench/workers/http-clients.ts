// Client side of the HTTP transports' benchmark (bench/scenarios/http.ts),
// in its own process: the client library over each transport, as users get
// it. Reads its task as JSON from argv, prints its result as JSON.
//   echo:   one client, closed-loop request/reply on `echo`; round-trip histogram
//   fanout: N long-poll clients joined to `bench:<topic>`; counts what each receives
import WebSocket from 'ws';
import { connect, type MuxClient, type TransportName } from '../../client/index.ts';
import { Histogram, monoUs } from '../lib/stats.ts';

type Task =
  | {
      mode: 'echo';
      url: string;
      transport: TransportName;
      warmupMs: number;
      durationMs: number;
      payloadBytes: number;
    }
  | {
      mode: 'fanout';
      url: string;
      http: string;
      apiKey: string;
      clients: number;
      topic: string;
      messages: number;
      perSecond: number;
    };

const task = JSON.parse(process.argv[2]!) as Task;

function open(url: string, transport: TransportName): MuxClient {
  return connect(url, {
    transports: [transport],
    WebSocket: WebSocket as never,
    watchPage: false,
    maxQueue: 10_000,
  });
}

async function echo(t: Extract<Task, { mode: 'echo' }>): Promise<unknown> {
  const c = open(t.url, t.transport);
  const s = c.stream('echo');
  await s.join();
  const payload = { p: 'x'.repeat(t.payloadBytes) };
  const h = new Histogram();
  const warmEnd = Date.now() + t.warmupMs;
  while (Date.now() < warmEnd) await s.request(payload);
  const end = Date.now() + t.durationMs;
  while (Date.now() < end) {
    const t0 = monoUs();
    await s.request(payload);
    h.record(monoUs() - t0);
  }
  const transport = c.transport;
  c.close();
  return { transport, summary: h.summary() };
}

async function fanout(t: Extract<Task, { mode: 'fanout' }>): Promise<unknown> {
  const clients: MuxClient[] = [];
  const received = new Array<number>(t.clients).fill(0);
  let last = 0;
  for (let i = 0; i < t.clients; i++) {
    const c = open(t.url, 'long-poll');
    const s = c.stream(`bench:${t.topic}`);
    s.on('message', () => {
      received[i]!++;
      last = monoUs();
    });
    clients.push(c);
  }
  // Joins in parallel, bounded by the machine: they all go at once.
  await Promise.all(clients.map((c) => c.stream(`bench:${t.topic}`).join()));
  const first = monoUs();
  const gap = 1000 / t.perSecond;
  for (let m = 0; m < t.messages; m++) {
    const due = first / 1000 + m * gap;
    const wait = due - monoUs() / 1000;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const res = await fetch(`${t.http}/v1/groups/bench.${t.topic}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.apiKey}` },
      body: JSON.stringify({ payload: { m } }),
    });
    if (res.status !== 202) throw new Error(`publish answered ${res.status}`);
  }
  const expected = t.messages * t.clients;
  const deadline = Date.now() + 30_000;
  const total = () => received.reduce((a, b) => a + b, 0);
  while (total() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const delivered = total();
  for (const c of clients) c.close();
  const seconds = (last - first) / 1e6;
  return {
    clients: t.clients,
    messages: t.messages,
    expected,
    delivered,
    lost: expected - delivered,
    seconds: Math.round(seconds * 100) / 100,
    deliveriesPerSec: Math.round(delivered / seconds),
  };
}

const result = task.mode === 'echo' ? await echo(task) : await fanout(task);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
