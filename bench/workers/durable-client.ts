// A client of durable groups (protocol 1.1) on a few named sockets: it times
// joins one after another (plain, durable, durable resuming with `since`), and
// the replay of missed messages after a join with `since`. Times are taken
// here, around the frames, so the orchestrator's calls are no part of them.
import WebSocket from 'ws';
import { serve } from '../lib/rpc.ts';
import { Histogram, monoUs, type HistogramData } from '../lib/stats.ts';

const MSG_PREFIX = '{"type":"msg"';
const JOINED_PREFIX = '{"type":"joined"';
const LEFT_PREFIX = '{"type":"left"';
const ERROR_PREFIX = '{"type":"error"';
const S = Buffer.from('"s":');
const POS = Buffer.from('"pos":"');

const startsWith = (data: Buffer, prefix: string): boolean =>
  data.toString('latin1', 0, prefix.length) === prefix;

function readInt(b: Buffer, at: number): number {
  let n = 0;
  for (let i = at; i < b.length; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The `pos` of a msg or joined frame. */
function posOf(data: Buffer): string | undefined {
  const at = data.indexOf(POS);
  return at < 0
    ? undefined
    : data.toString('latin1', at + POS.length, data.indexOf(34, at + POS.length));
}

interface Waiter {
  match(data: Buffer): boolean;
  resolve(data: Buffer): void;
  reject(err: Error): void;
}

/** One socket: frames go to `onFrame` when set (a replay), else to the first waiter that wants them, else a queue. */
class Socket {
  readonly #queue: Buffer[] = [];
  readonly #waiters: Waiter[] = [];
  onFrame: ((data: Buffer) => void) | undefined;
  #closed: Error | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      if (this.onFrame) return this.onFrame(data);
      const i = this.#waiters.findIndex((w) => w.match(data));
      if (i < 0) return void this.#queue.push(data);
      this.#waiters.splice(i, 1)[0]!.resolve(data);
    });
    ws.once('close', (code) => {
      this.#closed = new Error(`socket closed (${code})`);
      for (const w of this.#waiters.splice(0)) w.reject(this.#closed);
    });
  }

  static open(url: string): Promise<Socket> {
    const ws = new WebSocket(url, 'muxgate.v1.json', {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    const socket = new Socket(ws);
    return socket
      .next((d) => startsWith(d, '{"type":"welcome"'), 10_000)
      .then(() => socket)
      .catch((err: unknown) => {
        ws.terminate();
        throw err;
      });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame, queued or to come, that `match` accepts. */
  next(match: (data: Buffer) => boolean, timeoutMs = 10_000): Promise<Buffer> {
    const i = this.#queue.findIndex(match);
    if (i >= 0) return Promise.resolve(this.#queue.splice(i, 1)[0]!);
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(w), 1);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const w: Waiter = {
        match,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.#waiters.push(w);
    });
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 5000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000);
    });
  }
}

const sockets = new Map<string, Socket>();
let refs = 0;

function socket(name: string): Socket {
  const s = sockets.get(name);
  if (!s) throw new Error(`no socket ${name}: open it first`);
  return s;
}

/** Joins and waits for `joined`; an `error` with the join's ref fails it. */
async function join(
  s: Socket,
  stream: string,
  since: string | undefined,
): Promise<{ frame: Buffer; us: number }> {
  const ref = `j${++refs}`;
  const refPart = `"ref":"${ref}"`;
  const t0 = monoUs();
  s.send({ type: 'join', stream, ref, ...(since !== undefined && { since }) });
  const frame = await s.next(
    (d) => (startsWith(d, JOINED_PREFIX) || startsWith(d, ERROR_PREFIX)) && d.includes(refPart),
  );
  const us = monoUs() - t0;
  if (startsWith(frame, ERROR_PREFIX))
    throw new Error(`join ${stream} refused: ${frame.toString()}`);
  return { frame, us };
}

async function leave(s: Socket, stream: string): Promise<void> {
  const ref = `l${++refs}`;
  s.send({ type: 'leave', stream, ref });
  const refPart = `"ref":"${ref}"`;
  const frame = await s.next(
    (d) => (startsWith(d, LEFT_PREFIX) || startsWith(d, ERROR_PREFIX)) && d.includes(refPart),
  );
  if (startsWith(frame, ERROR_PREFIX)) throw new Error(`leave ${stream}: ${frame.toString()}`);
}

export interface JoinVariant {
  name: string;
  stream: string;
  since?: string;
}

export interface JoinTimes {
  name: string;
  hist: HistogramData;
  /** Joins with `since` whose `joined` did not say `recovered: true`. */
  notRecovered: number;
}

export interface ReplayArgs {
  socket: string;
  stream: string;
  since: string;
  /** Messages expected after `since`, their payloads' `s` 0, 1, … in order. */
  expect: number;
}

export interface ReplayTimes {
  received: number;
  /** Messages whose `s` was not the next expected one (a gap, a duplicate, a reordering). */
  outOfOrder: number;
  recovered: boolean | undefined;
  /** From sending `join` to `joined`, to the first missed message, to the last, ms. */
  joinedMs: number;
  firstMs: number;
  lastMs: number;
  lastPos: string | undefined;
}

serve({
  async open(args: { name: string; url: string }): Promise<void> {
    if (sockets.has(args.name)) throw new Error(`socket ${args.name} is open`);
    sockets.set(args.name, await Socket.open(args.url));
  },

  async close(args: { name: string }): Promise<void> {
    await sockets.get(args.name)?.close();
    sockets.delete(args.name);
  },

  async join(args: {
    socket: string;
    stream: string;
    since?: string;
  }): Promise<{ pos: string | undefined; ms: number }> {
    const { frame, us } = await join(socket(args.socket), args.stream, args.since);
    return { pos: posOf(frame), ms: us / 1000 };
  },

  /** The `pos` of the next msg on the socket (one that came already, or the next). */
  async nextPos(args: { socket: string }): Promise<string | undefined> {
    return posOf(await socket(args.socket).next((d) => startsWith(d, MSG_PREFIX)));
  },

  /**
   * `count` rounds; each joins every variant once, in an order that rotates
   * from round to round, and leaves again before the next join. Only the
   * join (to `joined`) is timed.
   */
  async joinTimes(args: {
    socket: string;
    variants: JoinVariant[];
    count: number;
  }): Promise<JoinTimes[]> {
    const s = socket(args.socket);
    const hists = args.variants.map(() => new Histogram());
    const notRecovered = args.variants.map(() => 0);
    const n = args.variants.length;
    for (let round = 0; round < args.count; round++)
      for (let k = 0; k < n; k++) {
        const i = (round + k) % n;
        const v = args.variants[i]!;
        const { frame, us } = await join(s, v.stream, v.since);
        hists[i]!.record(us);
        if (v.since !== undefined && !frame.includes('"recovered":true')) notRecovered[i]!++;
        await leave(s, v.stream);
      }
    return args.variants.map((v, i) => ({
      name: v.name,
      hist: hists[i]!.toJSON(),
      notRecovered: notRecovered[i]!,
    }));
  },

  /** Joins with `since` and times the replay of the `expect` messages after it. */
  async replay(args: ReplayArgs): Promise<ReplayTimes> {
    const s = socket(args.socket);
    const t0 = monoUs();
    const r: ReplayTimes = {
      received: 0,
      outOfOrder: 0,
      recovered: undefined,
      joinedMs: 0,
      firstMs: 0,
      lastMs: 0,
      lastPos: undefined,
    };
    let last: Buffer | undefined;
    let lastAt = t0;
    await new Promise<void>((resolve, reject) => {
      const ref = `r${++refs}`;
      const check = setInterval(() => {
        if (monoUs() - lastAt > 10_000_000) {
          clearInterval(check);
          reject(
            new Error(`replay stalled: ${r.received} of ${args.expect} after ${JSON.stringify(r)}`),
          );
        }
      }, 500);
      s.onFrame = (data) => {
        const now = monoUs();
        lastAt = now;
        if (startsWith(data, MSG_PREFIX)) {
          const at = data.indexOf(S);
          if (at < 0 || readInt(data, at + S.length) !== r.received) r.outOfOrder++;
          if (r.received++ === 0) r.firstMs = (now - t0) / 1000;
          last = data;
          if (r.received === args.expect) {
            r.lastMs = (now - t0) / 1000;
            clearInterval(check);
            resolve();
          }
        } else if (startsWith(data, JOINED_PREFIX)) {
          r.joinedMs = (now - t0) / 1000;
          r.recovered = data.includes('"recovered":true')
            ? true
            : data.includes('"recovered":false')
              ? false
              : undefined;
          if (r.recovered !== true) {
            clearInterval(check);
            reject(new Error(`not recovered: ${data.toString()}`));
          }
        } else if (startsWith(data, ERROR_PREFIX) || startsWith(data, LEFT_PREFIX)) {
          clearInterval(check);
          reject(new Error(`replay ended: ${data.toString()}`));
        }
      };
      s.send({ type: 'join', stream: args.stream, ref, since: args.since });
    }).finally(() => (s.onFrame = undefined));
    r.lastPos = last && posOf(last);
    return r;
  },
});
