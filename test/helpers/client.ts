// A test client that knows only PROTOCOL.md: raw `ws`, JSON frames, and a
// queue of received frames to wait on.
import WebSocket from 'ws';
import type { ServerFrame } from '../../protocol/frames.ts';
import { until } from './wait.ts';

type Frame = ServerFrame & Record<string, unknown>;

export interface OpenOptions {
  protocols?: string | string[];
  headers?: Record<string, string>;
  /** Resolve on open without waiting for `welcome`. */
  raw?: boolean;
}

export class TestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  welcome: Extract<ServerFrame, { type: 'welcome' }> | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse(data.toString()) as Frame);
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(url: string, opts: OpenOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, opts.protocols ?? 'muxgate.v1.json', { headers: opts.headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeError(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
    if (!opts.raw)
      client.welcome = (await client.next((f) => f.type === 'welcome')) as TestClient['welcome'];
    return client;
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Removes and returns the first queued frame matching `pred`, waiting for one to arrive; other frames stay queued. */
  async next(pred: (f: Frame) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    let found: Frame | undefined;
    await until(
      () => {
        for (let i = 0; i < this.frames.length; i++) {
          if (pred(this.frames[i]!)) {
            found = this.frames[i];
            // Consume it, keeping earlier unmatched frames for later calls.
            this.frames.splice(i, 1);
            return true;
          }
        }
        return false;
      },
      timeoutMs,
      'a matching frame',
    );
    return found!;
  }

  /** Waits for a frame of `type` (optionally on `stream`). */
  expect(type: ServerFrame['type'], stream?: string, timeoutMs?: number): Promise<Frame> {
    return this.next(
      (f) => f.type === type && (stream === undefined || f.stream === stream),
      timeoutMs,
    );
  }

  /** Joins and resolves with the `joined` frame; rejects with the `error` frame's code. */
  async join(stream: string, payload?: unknown): Promise<Frame> {
    const ref = `join-${stream}-${Math.random().toString(36).slice(2, 8)}`;
    this.send(
      payload === undefined
        ? { type: 'join', stream, ref }
        : { type: 'join', stream, ref, payload },
    );
    const f = await this.next((x) => x.ref === ref && (x.type === 'joined' || x.type === 'error'));
    if (f.type === 'error')
      throw new Error(`join ${stream} failed: ${String(f.code)} ${String(f.message)}`);
    return f;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    this.ws.terminate();
  }

  async waitFrames(n: number, timeoutMs = 10_000): Promise<Frame[]> {
    await until(
      () => this.frames.length >= n,
      timeoutMs,
      `${n} frames (have ${this.frames.length})`,
    );
    return this.frames;
  }
}

export class UpgradeError extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
