// A WebSocket client on a bare TCP socket, for tests that must write faster
// than a WebSocket library would (frames built and masked once, written again
// and again) and that control reading byte by byte: `pause()` stops reading
// the socket, as a client that never reads does.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One masked client text frame, ready to be written any number of times. */
export function clientTextFrame(text: string): Buffer {
  return clientFrame(OPCODE_TEXT, Buffer.from(text));
}

export const OPCODE_TEXT = 1;
export const OPCODE_BINARY = 2;

/** One masked client frame of any opcode: a text frame's bytes need not be UTF-8. */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.alloc(head + 4 + n);
  frame[0] = 0x80 | opcode; // FIN
  if (n < 126) frame[1] = 0x80 | n;
  else if (n < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, head);
  for (let i = 0; i < n; i++) frame[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

function pongFrame(data: Buffer): Buffer {
  const frame = Buffer.alloc(6 + data.length);
  frame[0] = 0x8a; // FIN, pong
  frame[1] = 0x80 | data.length; // a ping's payload is at most 125 bytes
  data.copy(frame, 6); // the mask key is zero: the payload goes as it is
  return frame;
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** A WebSocket connection on a raw socket: frames from the server, parsed, as they arrive. */
export class RawWsClient {
  readonly frames: ServerFrame[] = [];
  /** When set, text frames go here as they arrive instead of into `frames`. */
  onText: ((payload: Buffer) => void) | undefined;
  /** The close frame's code, once one arrived. */
  closeCode: number | undefined;
  readonly closed: Promise<void>;
  #buf: Buffer = Buffer.alloc(0);
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
  }

  /** Opens `ws://127.0.0.1:<port>/ws` with the JSON subprotocol and waits for `welcome`. */
  static async open(port: number): Promise<RawWsClient> {
    const socket = connect(port, '127.0.0.1');
    const c = new RawWsClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: muxgate.v1.json\r\n\r\n',
    );
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      c.#buf = c.#buf.length ? Buffer.concat([c.#buf, chunk]) : chunk;
      if (!upgraded) {
        const end = c.#buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = c.#buf.subarray(0, c.#buf.indexOf('\r\n')).toString();
        if (!status.includes(' 101 ')) socket.destroy(new Error(`upgrade refused: ${status}`));
        upgraded = true;
        c.#buf = c.#buf.subarray(end + 4);
      }
      c.#parse();
    });
    await c.next();
    return c;
  }

  /** Resolves with the next frame from the server (in arrival order). */
  async next(timeoutMs = 5000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.socket.destroyed) throw new Error('socket closed');
      if (Date.now() > deadline) throw new Error('no frame in time');
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return this.frames.shift()!;
  }

  /** Sends one text frame. */
  send(text: string): boolean {
    return this.socket.write(clientTextFrame(text));
  }

  /** Sends one frame of any opcode; false when the socket's buffer is full (wait for 'drain'). */
  sendFrame(opcode: number, payload: Buffer): boolean {
    return this.socket.write(clientFrame(opcode, payload));
  }

  /** Stops reading: the server's frames stay in the kernel's buffers. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  #parse(): void {
    for (;;) {
      const b = this.#buf;
      if (b.length < 2) return;
      let n = b[1]! & 0x7f;
      let at = 2;
      if (n === 126) {
        if (b.length < 4) return;
        n = b.readUInt16BE(2);
        at = 4;
      } else if (n === 127) {
        if (b.length < 10) return;
        n = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      if (b.length < at + n) return;
      const frame = { opcode: b[0]! & 0x0f, payload: b.subarray(at, at + n) };
      this.#buf = b.subarray(at + n);
      if (frame.opcode === 8) this.closeCode = n >= 2 ? frame.payload.readUInt16BE(0) : 1005;
      else if (frame.opcode === 1 && this.onText) this.onText(frame.payload);
      else if (frame.opcode === 1) this.frames.push(frame);
      else if (frame.opcode === 9) this.socket.write(pongFrame(frame.payload));
      for (const w of this.#waiters.splice(0)) w();
    }
  }
}
