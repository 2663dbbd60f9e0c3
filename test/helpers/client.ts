// A test client that knows only PROTOCOL.md: raw `ws`, frames in one of the
// encodings (JSON text by default, protobuf binary with PROTO_FRAMES), and a
// queue of received frames, always in their JSON form, to wait on.
import WebSocket from 'ws';
import { decodeProtoFrame } from '../../client/codec.ts';
import type { ServerFrame } from '../../protocol/frames.ts';
import { writeFrame } from '../../protocol/proto-frames.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../../protocol/version.ts';
import { until } from './wait.ts';

type Frame = ServerFrame & Record<string, unknown>;

/** How a test client's frames go on the wire. */

/** MUX_JOIN_TIMEOUT_MS's default and a margin for a loaded machine. */
const JOIN_WAIT_MS = 8000;
export interface FrameCodec {
  readonly subprotocol: string;
  encode(frame: object): string | Buffer;
  /** The frame in its JSON form; undefined for a frame of the other kind (text or binary). */
  decode(data: Buffer, isBinary: boolean): Frame | undefined;
}

export const JSON_FRAMES: FrameCodec = {
  subprotocol: SUBPROTOCOL_JSON,
  encode: (frame) => JSON.stringify(frame),
  decode: (data, isBinary) => (isBinary ? undefined : (JSON.parse(data.toString()) as Frame)),
};

export const PROTO_FRAMES: FrameCodec = {
  subprotocol: SUBPROTOCOL_PROTO,
  encode: (frame) => Buffer.from(writeFrame(frame, 'client')),
  decode: (data, isBinary) => {
    if (!isBinary) return undefined;
    const frame = decodeProtoFrame(data);
    if (!frame) throw new Error(`undecodable binary frame ${data.toString('hex')}`);
    return frame as Frame;
  },
};

export interface OpenOptions {
  protocols?: string | string[];
  headers?: Record<string, string>;
  /** Resolve on open without waiting for `welcome`. */
  raw?: boolean;
  /** The frames' encoding; JSON by default. Offers its subprotocol unless `protocols` says otherwise. */
  codec?: FrameCodec;
}

export class TestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  welcome: Extract<ServerFrame, { type: 'welcome' }> | undefined;

  private constructor(
    readonly ws: WebSocket,
    readonly codec: FrameCodec,
  ) {
    ws.on('message', (data: Buffer, isBinary) => {
      const frame = codec.decode(data, isBinary);
      if (frame) this.frames.push(frame);
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(url: string, opts: OpenOptions = {}): Promise<TestClient> {
    const codec = opts.codec ?? JSON_FRAMES;
    const ws = new WebSocket(url, opts.protocols ?? codec.subprotocol, { headers: opts.headers });
    return TestClient.wrap(ws, codec, opts.raw);
  }

  /** A client on a socket the caller made (its own ws options); resolves once open (and welcomed). */
  static async wrap(ws: WebSocket, codec = JSON_FRAMES, raw = false): Promise<TestClient> {
    const client = new TestClient(ws, codec);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeError(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
    if (!raw)
      client.welcome = (await client.next((f) => f.type === 'welcome')) as TestClient['welcome'];
    return client;
  }

  /** Sends a frame object (any keys: hostile ones too) in the client's encoding. */
  send(frame: object): void {
    this.ws.send(this.codec.encode(frame));
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

  /**
   * Joins and resolves with the `joined` frame; rejects with the `error`
   * frame's code. Waits longer than the gateway's join timeout (5 s by
   * default), so a slow join ends with the gateway's own answer, not this
   * side's clock.
   */
  async join(stream: string, payload?: unknown): Promise<Frame> {
    const ref = `join-${stream}-${Math.random().toString(36).slice(2, 8)}`;
    this.send(
      payload === undefined
        ? { type: 'join', stream, ref }
        : { type: 'join', stream, ref, payload },
    );
    const f = await this.next(
      (x) => x.ref === ref && (x.type === 'joined' || x.type === 'error'),
      JOIN_WAIT_MS,
    );
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
