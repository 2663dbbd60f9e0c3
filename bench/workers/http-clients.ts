// Client side of the HTTP transports' benchmark (bench/scenarios/http.ts),
// in its own process: the client library over each transport, as users get
// it. Reads its task as JSON from argv, prints its result as JSON.
//   echo:   one client, closed-loop request/reply on `echo`; round-trip histogram
//   fanout: N long-poll clients joined to `bench:<topic>`; counts what each receives
import http from 'node:http';
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
      /** The protocol alone, no client library: `ws`, or node:http with keep-alive for SSE. */
      mode: 'raw-echo';
      url: string;
      transport: 'websocket' | 'sse';
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
  let reconnects = 0;
  // Opened a hundred at a time: 1,000 at once on a loaded machine would
  // time out connecting, which is not what is measured.
  for (let i = 0; i < t.clients; i++) {
    const c = open(t.url, 'long-poll');
    c.on('reconnecting', () => reconnects++);
    const s = c.stream(`bench:${t.topic}`);
    s.on('message', () => {
      received[i]!++;
      last = monoUs();
    });
    clients.push(c);
    if (clients.length % 100 === 0 || i === t.clients - 1)
      await Promise.all(clients.slice(-100).map((x) => x.stream(`bench:${t.topic}`).join()));
  }
  const reconnectsOpening = reconnects;
  reconnects = 0;
  const first = monoUs();
  const gap = 1000 / t.perSecond;
  for (let m = 0; m < t.messages; m++) {
    const due = first / 1000 + m * gap;
    const wait = due - monoUs() / 1000;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await publish(t, m);
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
    reconnectsOpening,
    reconnects,
    seconds: Math.round(seconds * 100) / 100,
    deliveriesPerSec: Math.round(delivered / seconds),
  };
}

/** A frame sender and a reply waiter over the bare protocol. */
async function rawLink(
  t: Extract<Task, { mode: 'raw-echo' }>,
  onFrame: (f: { type: string; ref?: unknown }) => void,
): Promise<(text: string) => Promise<void>> {
  if (t.transport === 'websocket') {
    const ws = new WebSocket(t.url, 'muxgate.v1.json');
    ws.on('message', (d) => onFrame(JSON.parse(d.toString()) as { type: string }));
    await new Promise((r) => ws.once('open', r));
    return async (text) => void ws.send(text);
  }
  const base = t.url.replace(/^ws/, 'http').replace(/\/ws$/, '');
  const agent = new http.Agent({ keepAlive: true });
  let session = '';
  await new Promise<void>((resolve) => {
    http.get(`${base}/v1/sse`, { agent: new http.Agent() }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (!ev.startsWith('data: ')) continue;
          const f = JSON.parse(ev.slice(6)) as { type: string; session?: string };
          if (f.type === 'welcome') {
            session = f.session!;
            resolve();
          } else onFrame(f);
        }
      });
    });
  });
  return (text) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        `${base}/v1/send?session=${session}`,
        { method: 'POST', agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(`[${text}]`);
    });
}

async function rawEcho(t: Extract<Task, { mode: 'raw-echo' }>): Promise<unknown> {
  const waiting = new Map<unknown, () => void>();
  const send = await rawLink(t, (f) => {
    if (f.ref !== undefined) waiting.get(f.ref)?.();
  });
  let ref = 0;
  const call = async (frame: object): Promise<void> => {
    const r = ++ref;
    const answered = new Promise<void>((resolve) => waiting.set(r, resolve));
    await send(JSON.stringify({ ...frame, ref: r }));
    await answered;
    waiting.delete(r);
  };
  await call({ type: 'join', stream: 'echo' });
  const msg = { type: 'msg', stream: 'echo', payload: { p: 'x'.repeat(t.payloadBytes) } };
  const h = new Histogram();
  const warmEnd = Date.now() + t.warmupMs;
  while (Date.now() < warmEnd) await call(msg);
  const end = Date.now() + t.durationMs;
  while (Date.now() < end) {
    const t0 = monoUs();
    await call(msg);
    h.record(monoUs() - t0);
  }
  return { transport: t.transport, summary: h.summary() };
}

/** The publisher is not what is measured: a kept-alive socket closed under it is tried again. */
async function publish(t: Extract<Task, { mode: 'fanout' }>, m: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${t.http}/v1/groups/bench.${t.topic}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.apiKey}` },
        body: JSON.stringify({ payload: { m } }),
      });
      if (res.status !== 202) throw new Error(`publish answered ${res.status}`);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

const result =
  task.mode === 'echo'
    ? await echo(task)
    : task.mode === 'raw-echo'
      ? await rawEcho(task)
      : await fanout(task);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
