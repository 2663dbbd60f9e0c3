// The presence benchmark's client worker (bench/scenarios/presence.ts): one
// process holding a room's resident members, or its churning ones.
// Residents join once and stay; a few of them (observers) parse the
// `presence_diff` frames and time each join in them from the moment its
// join was sent (the join payload, which the service makes the member's
// info, carries that time). The others count the frames without parsing
// them, so the client side stays cheap next to what is measured. Churners
// join and leave again at a fixed rate, each membership held a while.
import WebSocket from 'ws';
import { serve } from '../lib/rpc.ts';
import { Histogram, type HistogramData } from '../lib/stats.ts';

export interface ResidentsArgs {
  urls: string[];
  count: number;
  /** This worker's first resident's number (several workers share a room). */
  first: number;
  stream: string;
  /** Residents that parse diffs and time the joins in them. */
  observers: number;
}

export interface ChurnArgs {
  urls: string[];
  /** Connections the churn uses; each holds at most one membership at a time. */
  conns: number;
  stream: string;
  joinsPerSec: number;
  holdMs: number;
  durationMs: number;
}

export interface ChurnResult {
  joins: number;
  leaves: number;
  errors: number;
  /** Joins the pace wanted but found no free connection for. */
  skipped: number;
}

export interface DiffStats {
  /** presence_diff frames received by every resident. */
  diffs: number;
  diffBytes: number;
  /** Join-sent → diff-received, ms, as observers saw it (in µs buckets). */
  hist: HistogramData;
}

const P = 'p'.charCodeAt(0);
const UNDERSCORE = '_'.charCodeAt(0);
const sockets: WebSocket[] = [];
let diffs = 0;
let diffBytes = 0;
let hist = new Histogram();

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'muxgate.v1.json', { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('message', () => resolve(ws)); // welcome
    sockets.push(ws);
  });
}

function joinAndWait(ws: WebSocket, stream: string, payload: unknown, ref: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const text = data.toString();
      if (!text.includes(`"ref":"${ref}"`)) return;
      ws.off('message', onMessage);
      if (text.includes('"type":"joined"')) resolve();
      else reject(new Error(text));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'join', stream, ref, payload }));
  });
}

async function residents(a: ResidentsArgs): Promise<{ opened: number }> {
  const batch = 50;
  for (let i = 0; i < a.count; i += batch)
    await Promise.all(
      Array.from({ length: Math.min(batch, a.count - i) }, async (_, k) => {
        const n = a.first + i + k;
        const ws = await open(a.urls[n % a.urls.length]!);
        await joinAndWait(ws, a.stream, { resident: n }, `r${n}`);
        const observer = i + k < a.observers;
        ws.on('message', (data: Buffer) => {
          // `{"type":"presence_diff",…`: two bytes tell it, without reading the frame.
          if (data[9] !== P || data[17] !== UNDERSCORE) return;
          diffs++;
          diffBytes += data.length;
          if (!observer) return;
          const now = Date.now();
          const f = JSON.parse(data.toString()) as { joins: { info?: { t?: number } }[] };
          for (const m of f.joins)
            if (typeof m.info?.t === 'number') hist.record((now - m.info.t) * 1000);
        });
      }),
    );
  return { opened: a.count };
}

async function churn(a: ChurnArgs): Promise<ChurnResult> {
  const conns = await Promise.all(
    Array.from({ length: a.conns }, (_, i) => open(a.urls[i % a.urls.length]!)),
  );
  const free = [...conns];
  const res: ChurnResult = { joins: 0, leaves: 0, errors: 0, skipped: 0 };
  let seq = 0;
  const cycle = async (ws: WebSocket): Promise<void> => {
    const ref = `c${seq++}`;
    try {
      await joinAndWait(ws, a.stream, { t: Date.now() }, ref);
      res.joins++;
      await new Promise((r) => setTimeout(r, a.holdMs));
      await new Promise<void>((resolve) => {
        const onMessage = (data: Buffer): void => {
          if (!data.toString().includes(`"ref":"l${ref}"`)) return;
          ws.off('message', onMessage);
          resolve();
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'leave', stream: a.stream, ref: `l${ref}` }));
      });
      res.leaves++;
    } catch {
      res.errors++;
    }
    free.push(ws);
  };
  // Paced by the clock, not by answers: a slow gateway gets the same offered load.
  const started = performance.now();
  let due = 0;
  const cycles: Promise<void>[] = [];
  while (performance.now() - started < a.durationMs) {
    const want = Math.floor(((performance.now() - started) / 1000) * a.joinsPerSec);
    for (; due < want; due++) {
      const ws = free.pop();
      if (ws) cycles.push(cycle(ws));
      else res.skipped++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(cycles);
  for (const ws of conns) ws.close();
  return res;
}

serve({
  residents,
  churn,
  /** What residents received since the last call. */
  stats(): DiffStats {
    const out = { diffs, diffBytes, hist: hist.toJSON() };
    diffs = 0;
    diffBytes = 0;
    hist = new Histogram();
    return out;
  },
  close() {
    for (const ws of sockets) ws.terminate();
    sockets.length = 0;
  },
});
