// A test client that knows only PROTOCOL.md: raw `ws`, frames in one of the
// encodings (JSON text by default, protobuf binary with PROTO_FRAMES), and a
// queue of received frames, always in their JSON form, to wait on.
import WebSocket from 'ws';
import { decodeProtoFrame } from '../../client/codec.ts';
import type { ServerFrame } from '../../protocol/frames.ts';
import { writeFrame } from '../../protocol/proto-frames.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_PROTO } from '../../protocol/version.ts';
import { FrameQueue, type Frame } from './frame-queue.ts';

/** How a test client's frames go on the wire. */

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

export class TestClient extends FrameQueue {
  readonly closed: Promise<{ code: number; reason: string }>;
  welcome: Extract<ServerFrame, { type: 'welcome' }> | undefined;

  private constructor(
    readonly ws: WebSocket,
    readonly codec: FrameCodec,
  ) {
    super();
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

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    this.ws.terminate();
  }
}

export class UpgradeError extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
