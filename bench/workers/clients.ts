// A client worker: one process holding many WebSocket connections, to a
// gateway or to the bare ws server. It opens and joins them, runs closed-loop
// echo, or counts fan-out deliveries per sequence number with their latency.
// It parses frames by hand (no JSON.parse per delivery), so the client side
// stays cheap next to the servers being measured. Frames are JSON text or
// protobuf (muxgate.v1.proto); either way a payload is JSON text as written,
// so a delivery's fields are found in its bytes the same way.
import WebSocket from 'ws';
import { writeFrame } from '../../protocol/proto-frames.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../../protocol/version.ts';
import { serve } from '../lib/rpc.ts';
import { Histogram, monoUs, type HistogramData } from '../lib/stats.ts';

export interface OpenArgs {
  urls: string[];
  count: number;
  /** Source addresses, used round-robin: each gives its own range of ephemeral ports. */
  localAddresses: string[];
  /** Wait for the gateway's `welcome` (false for the bare server). */
  welcome: boolean;
  /** Streams to join on every connection once it is open, one after another. */
  join?: string | string[];
  /** Connections being opened at once. */
  concurrency: number;
  encoding: 'json' | 'proto';
}

export interface OpenResult {
  opened: number;
  failed: number;
  firstError: string | undefined;
  ms: number;
}

export interface EchoArgs {
  stream: string;
  warmupMs: number;
  durationMs: number;
  payloadBytes: number;
}

export interface EchoResult {
  roundTrips: number;
  errors: number;
  hist: HistogramData;
}

export interface CountResult {
  /** Deliveries of each sequence number of the step, summed over this worker's connections. */
  counts: number[];
  received: number;
  /** Deliveries of an earlier step that arrived late. */
  stale: number;
  hist: HistogramData;
}

interface Conn {
  readonly index: number;
  ws: WebSocket | undefined;
  /** Set while opening: consumes the handshake frames (welcome, joined). */
  setup: ((data: Buffer) => void) | undefined;
  sentAt: number;
  /** A round trip is in flight on this connection (echo). */
  waiting: boolean;
}

const conns: Conn[] = [];
let spec: OpenArgs | undefined;
let closing = false;
let disconnects = 0;

type Mode =
  | { kind: 'idle' }
  | {
      kind: 'echo';
      frame: Buffer;
      recordFrom: number;
      until: number;
      hist: Histogram;
      errors: number;
      active: number;
      done: () => void;
    }
  | {
      kind: 'count';
      step: number;
      counts: Uint32Array;
      received: number;
      stale: number;
      hist: Histogram;
    };
let mode: Mode = { kind: 'idle' };

const K = Buffer.from('"k":');

/**
 * A frame's type, read from its first bytes: `{"type":"…"` in JSON, field 1
 * (tag 0x0a, then its length) in protobuf, where the gateway writes it first.
 */
function typeOf(data: Buffer): string {
  if (data[0] === 0x0a) return data.toString('latin1', 2, 2 + data[1]!);
  if (data.toString('latin1', 0, 9) !== '{"type":"') return '';
  return data.toString('latin1', 9, data.indexOf(34, 9));
}

/** A client frame in the connection's encoding. */
function encode(frame: object, encoding: OpenArgs['encoding']): Buffer {
  return encoding === 'proto'
    ? Buffer.from(writeFrame(frame, 'client'))
    : Buffer.from(JSON.stringify(frame));
}

function readInt(b: Buffer, at: number): number {
  let n = 0;
  for (let i = at; i < b.length; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

function onMessage(conn: Conn, data: Buffer): void {
  if (conn.setup) return conn.setup(data);
  const m = mode;
  if (m.kind === 'echo') {
    const now = monoUs();
    if (conn.sentAt >= m.recordFrom) {
      m.hist.record(now - conn.sentAt);
      if (typeOf(data) === 'error') m.errors++;
    }
    if (now < m.until && conn.ws?.readyState === WebSocket.OPEN) {
      conn.sentAt = monoUs();
      conn.ws.send(m.frame, { binary: spec?.encoding === 'proto' });
    } else echoFinished(conn);
  } else if (m.kind === 'count') {
    // {"k":<step>,"s":<seq>,"t":<µs>}: fixed order, written by fanoutPayload and JSON.stringify.
    const at = data.indexOf(K);
    if (at < 0) return;
    const step = readInt(data, at + 4);
    if (step !== m.step) return void m.stale++;
    const sAt = data.indexOf(44, at) + 5; // ',"s":'
    const seq = readInt(data, sAt);
    const t = readInt(data, data.indexOf(44, sAt) + 5);
    m.hist.record(monoUs() - t);
    m.received++;
    if (seq >= m.counts.length) {
      const bigger = new Uint32Array(Math.max(seq + 1, m.counts.length * 2));
      bigger.set(m.counts);
      m.counts = bigger;
    }
    m.counts[seq]!++;
  }
}

function echoFinished(conn: Conn): void {
  if (!conn.waiting || mode.kind !== 'echo') return;
  conn.waiting = false;
  if (--mode.active === 0) mode.done();
}

function connect(conn: Conn, args: OpenArgs): Promise<void> {
  const url = args.urls[conn.index % args.urls.length]!;
  const localAddress = args.localAddresses[conn.index % args.localAddresses.length];
  return new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(
      url,
      args.encoding === 'proto' ? SUBPROTOCOL_PROTO : SUBPROTOCOL_JSON,
      {
        localAddress,
        perMessageDeflate: false,
        skipUTF8Validation: true,
      },
    );
    conn.ws = ws;
    let settled = false;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      conn.setup = undefined;
      if (err) reject(err);
      else resolve();
    };
    const streams = args.join === undefined ? [] : [args.join].flat();
    const joined = (i = 0): void => {
      const stream = streams[i];
      if (stream === undefined) return finish();
      conn.setup = (data) => {
        const type = typeOf(data);
        if (type === 'joined') joined(i + 1);
        else if (type === 'error') finish(new Error(`join refused: ${data.toString()}`));
      };
      ws.send(encode({ type: 'join', stream, ref: 'j' }, args.encoding), {
        binary: args.encoding === 'proto',
      });
    };
    conn.setup = (data) => {
      if (typeOf(data) === 'welcome') joined();
    };
    ws.on('message', (data: Buffer) => onMessage(conn, data));
    ws.once('open', () => {
      if (!args.welcome) joined();
    });
    ws.once('unexpected-response', (_req, res) =>
      finish(new Error(`upgrade refused: HTTP ${res.statusCode}`)),
    );
    ws.on('error', (err) => finish(err));
    ws.once('close', (code) => {
      if (!closing) disconnects++;
      echoFinished(conn);
      finish(new Error(`closed (${code}) while opening`));
    });
  });
}

async function openMany(indexes: number[], args: OpenArgs): Promise<OpenResult> {
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    while (next < indexes.length) {
      const conn = conns[indexes[next++]!]!;
      try {
        await connect(conn, args);
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
        conn.ws?.terminate();
        conn.ws = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, indexes.length) }, lane));
  return { opened: indexes.length - failed, failed, firstError, ms: performance.now() - t0 };
}

const isOpen = (c: Conn): boolean => c.ws?.readyState === WebSocket.OPEN;

serve({
  async open(args: OpenArgs): Promise<OpenResult> {
    if (spec) throw new Error('already open: close first');
    spec = args;
    closing = false;
    disconnects = 0;
    for (let i = 0; i < args.count; i++)
      conns.push({ index: i, ws: undefined, setup: undefined, sentAt: 0, waiting: false });
    return openMany(
      conns.map((c) => c.index),
      args,
    );
  },

  /** Reopens (and rejoins) every connection the server dropped, e.g. after an overload. */
  async reconnect(): Promise<OpenResult> {
    if (!spec) throw new Error('open first');
    const dead = conns.filter((c) => !isOpen(c)).map((c) => c.index);
    for (const i of dead) conns[i]!.ws?.terminate();
    return openMany(dead, spec);
  },

  async echo(args: EchoArgs): Promise<EchoResult> {
    const payload = 'x'.repeat(Math.max(0, args.payloadBytes - 8));
    const frame = encode(
      { type: 'msg', stream: args.stream, ref: 1, payload: { p: payload } },
      spec?.encoding ?? 'json',
    );
    const start = monoUs();
    const live = conns.filter(isOpen);
    const hist = new Histogram();
    let errors = 0;
    await new Promise<void>((done) => {
      const m: Extract<Mode, { kind: 'echo' }> = {
        kind: 'echo',
        frame,
        recordFrom: start + args.warmupMs * 1000,
        until: start + (args.warmupMs + args.durationMs) * 1000,
        hist,
        errors: 0,
        active: live.length,
        done: () => {
          errors = m.errors;
          done();
        },
      };
      mode = m;
      if (live.length === 0) return done();
      for (const c of live) {
        c.waiting = true;
        c.sentAt = monoUs();
        c.ws!.send(frame, { binary: spec?.encoding === 'proto' });
      }
    });
    mode = { kind: 'idle' };
    return { roundTrips: hist.count, errors, hist: hist.toJSON() };
  },

  countStart(args: { step: number }): void {
    mode = {
      kind: 'count',
      step: args.step,
      counts: new Uint32Array(1024),
      received: 0,
      stale: 0,
      hist: new Histogram(),
    };
  },

  countPoll(): { received: number; disconnects: number } {
    return { received: mode.kind === 'count' ? mode.received : 0, disconnects };
  },

  countStop(args: { sent: number }): CountResult {
    const m = mode;
    mode = { kind: 'idle' };
    if (m.kind !== 'count') throw new Error('not counting');
    const counts = new Array<number>(args.sent);
    for (let i = 0; i < args.sent; i++) counts[i] = m.counts[i] ?? 0;
    return { counts, received: m.received, stale: m.stale, hist: m.hist.toJSON() };
  },

  status(): { open: number; disconnects: number } {
    return { open: conns.filter(isOpen).length, disconnects };
  },

  async close(): Promise<void> {
    closing = true;
    const open = conns.filter(isOpen);
    await Promise.race([
      Promise.all(
        open.map(
          (c) =>
            new Promise<void>((resolve) => {
              c.ws!.once('close', () => resolve());
              c.ws!.close(1000);
            }),
        ),
      ),
      new Promise((r) => setTimeout(r, 5000)),
    ]);
    for (const c of conns) c.ws?.terminate();
    conns.length = 0;
    spec = undefined;
  },
});
