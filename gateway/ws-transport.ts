// WsTransport: a Transport over one `ws` WebSocket. It carries out per-connection
// backpressure (docs/security.md, "A client that does not read"):
// - at most IN_FLIGHT bytes are handed to the socket at a time; later frames
//   wait, whole, in the transport's queue, which a cut drops, so the close
//   frame follows at most IN_FLIGHT bytes;
// - the unsent bytes (queue and socket) are judged once per task, after the
//   task's writes went to the socket: over an eighth of maxBufferedBytes the
//   socket is no longer read, and frames already read wait, until they fall
//   to a sixteenth; over maxBufferedBytes the peer is cut (listener.overloaded);
// - a peer whose reading is stopped and whose socket drained nothing for a
//   whole heartbeat interval is cut too, as is one that did not answer a
//   ping while bytes wait for it; a peer that did not answer a ping with
//   nothing waiting is dropped as dead (terminate, no close frame);
// - throttle() and hold() stop reading for a while (the session's byte rate
//   and bytes in flight).
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import {
  READ_RESUMES_AT,
  READ_STOPS_AT,
  type Transport,
  type TransportListener,
} from './transport.ts';

/** Bytes handed to the socket at a time, at most (a frame that starts below it may pass it). */
const IN_FLIGHT = 64 * 1024;
/**
 * How long a cut peer has to read the close frame. The queue is dropped at
 * the cut, so what it keeps meanwhile is at most IN_FLIGHT and the close frame.
 */
const ABORT_GRACE_MS = 5000;
// `compress` only matters on a connection that negotiated permessage-deflate.
const TEXT = { binary: false, compress: true } as const;
const BINARY = { binary: true, compress: true } as const;
const PLAIN_TEXT = { binary: false, compress: false } as const;
const PLAIN_BINARY = { binary: true, compress: false } as const;
type SendOptions = typeof TEXT | typeof BINARY | typeof PLAIN_TEXT | typeof PLAIN_BINARY;

// ws keeps its net.Socket in a private field; cork(), uncork() and the
// 'drain' event on it are plain Node stream calls, which ws itself makes
// around every frame.
const socketOf = (ws: WebSocket): Socket => (ws as unknown as { _socket: Socket })._socket;

let corked: WsTransport[] = [];
function uncorkAll(): void {
  const list = corked;
  corked = [];
  for (const t of list) t.endOfTask();
}

// One listener for every socket, not a closure per connection.
const TRANSPORT = Symbol('muxgate.transport');
type Tagged = Socket & { [TRANSPORT]?: WsTransport };
function socketDrained(this: Tagged): void {
  this[TRANSPORT]?.drained();
}

export class WsTransport implements Transport {
  /** Set by every pong; a peer still not alive at the next heartbeat is dead. */
  #alive = true;
  readonly #socket: Tagged;
  readonly #maxBuffered: number;
  readonly #inFlight: number;
  #listener: TransportListener | undefined;
  /** Frames the socket has not been handed yet, oldest at #head. */
  #queue: Buffer[] | undefined;
  #head = 0;
  #queuedBytes = 0;
  /** The socket corked for the current task (see send). */
  #corked: Socket | undefined;
  /** Reading stopped because too much is unsent. */
  #backedUp = false;
  /** Frames read while backed up, delivered once reading resumes. */
  #held: [data: Buffer, isBinary: boolean][] | undefined;
  /** Reading stopped by throttle() until this fires. */
  #throttled: NodeJS.Timeout | undefined;
  /** Reading stopped by hold() until its promise settles. */
  #holding = false;
  /** Reading stopped at some point since the last heartbeat: pongs may be unread. */
  #pausedSinceBeat = false;
  /** Bytes sent since the peer's last pong: a peer that took a socket's worth and answers no more is not reading. */
  #sentSincePong = 0;
  /** Times the socket drained: a backed-up peer's progress. */
  #drains = 0;
  /** #drains at the last heartbeat while backed up. */
  #stallMark: number | undefined;
  #overloaded = false;
  /** Text frames for JSON, binary for protobuf… */
  readonly #compressed: SendOptions;
  /** …and the same, uncompressed, for frames under the deflate threshold. */
  readonly #plain: SendOptions;
  readonly #compressFrom: number;

  constructor(
    readonly ws: WebSocket,
    limits: {
      maxBufferedBytes: number;
      binary?: boolean;
      /**
       * Frames from this size on are compressed when the connection
       * negotiated permessage-deflate (ws's own threshold applies only
       * without context takeover).
       */
      compressFrom?: number;
    } = { maxBufferedBytes: Infinity },
  ) {
    this.#compressed = limits.binary ? BINARY : TEXT;
    this.#plain = limits.binary ? PLAIN_BINARY : PLAIN_TEXT;
    this.#compressFrom = limits.compressFrom ?? Infinity;
    this.#socket = socketOf(ws);
    this.#maxBuffered = limits.maxBufferedBytes;
    // Never below the socket's high-water mark: only a write that reaches it
    // promises the 'drain' event that hands on the queue.
    this.#inFlight = Math.max(
      this.#socket.writableHighWaterMark,
      Math.min(IN_FLIGHT, Math.floor(limits.maxBufferedBytes * READ_RESUMES_AT)),
    );
    this.#socket[TRANSPORT] = this;
    this.#socket.on('drain', socketDrained);
    ws.on('pong', () => {
      this.#alive = true;
      this.#sentSincePong = 0;
    });
    ws.once('close', () => this.#release());
  }

  /** Starts delivering the peer's frames to `listener`. */
  listen(listener: TransportListener): void {
    this.#listener = listener;
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (this.#backedUp) (this.#held ??= []).push([data, isBinary]);
      else this.#deliver(data, isBinary);
    });
  }

  send(frame: string | Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.#sentSincePong += frame.length;
    this.#cork();
    if (this.#queue === undefined && this.ws.bufferedAmount < this.#inFlight)
      this.ws.send(frame, frame.length >= this.#compressFrom ? this.#compressed : this.#plain);
    else this.#enqueue(typeof frame === 'string' ? Buffer.from(frame) : frame);
  }

  /**
   * Frames sent to this socket until the current task ends go out in one
   * write: a burst of group messages from one NATS read costs each member one
   * system call, not one per message. The end of the task is also when the
   * unsent bytes are judged.
   */
  #cork(): void {
    if (this.#corked) return;
    this.#corked = this.#socket;
    this.#corked.cork();
    corked.push(this);
    if (corked.length === 1) queueMicrotask(uncorkAll);
  }

  /** Called by uncorkAll once the task that corked the socket ends. */
  endOfTask(): void {
    this.#corked?.uncork();
    this.#corked = undefined;
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const unsent = this.bufferedAmount;
    if (unsent > this.#maxBuffered) return this.#overload();
    if (unsent > this.#maxBuffered * READ_STOPS_AT && !this.#backedUp) {
      this.#backedUp = true;
      this.#stallMark = undefined;
      this.#pause();
      this.#awaitFlush();
    }
  }

  /**
   * Makes sure drained() runs once the socket has flushed what it holds. Its
   * 'drain' comes only after a write that reached its high-water mark (64 KiB
   * from Node 22 on), which may be above where reading stops: without this, a
   * small MUX_MAX_BUFFERED_BYTES stopped reading for good. An empty write's
   * callback runs after every write before it has reached the kernel.
   */
  #awaitFlush(): void {
    if (this.#socket.writableNeedDrain || this.#socket.destroyed) return;
    this.#socket.write(EMPTY, () => {
      if (this.ws.readyState === WebSocket.OPEN) this.drained();
    });
  }

  /** The socket's 'drain': it handed everything to the kernel. */
  drained(): void {
    this.#drains++;
    if (this.#queue !== undefined && this.ws.readyState === WebSocket.OPEN) {
      this.#cork();
      this.#handOn(this.#inFlight);
    }
    if (this.#backedUp && this.bufferedAmount <= this.#maxBuffered * READ_RESUMES_AT) {
      this.#backedUp = false;
      this.#resume();
      const held = this.#held;
      this.#held = undefined;
      for (const [data, isBinary] of held ?? []) {
        if (this.ws.readyState !== WebSocket.OPEN) break;
        this.#deliver(data, isBinary);
      }
    } else if (this.#backedUp) this.#awaitFlush();
  }

  throttle(wait: () => number): void {
    if (this.#throttled !== undefined) return;
    const ms = wait();
    if (ms <= 0) return;
    this.#pause();
    // Timers may fire a little early by the caller's clock: ask again.
    this.#throttled = setTimeout(() => {
      this.#throttled = undefined;
      if (this.ws.readyState !== WebSocket.OPEN) return;
      this.throttle(wait);
      this.#resume();
    }, ms);
    this.#throttled.unref();
  }

  hold(until: Promise<unknown>): void {
    if (this.#holding) return;
    this.#holding = true;
    this.#pause();
    void until.finally(() => {
      this.#holding = false;
      if (this.ws.readyState === WebSocket.OPEN) this.#resume();
    });
  }

  close(code: number, reason: string): void {
    // Everything sent before the close goes before the close frame.
    if (this.#queue !== undefined && this.ws.readyState === WebSocket.OPEN) this.#handOn(Infinity);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }

  abort(code: number, reason: string): void {
    // A peer that stopped reading may never read the close frame: it goes
    // right after what the socket already has, and the connection is dropped
    // after the grace period rather than ws's 30 s close timeout.
    this.#dropQueue();
    this.close(code, reason);
    setTimeout(() => this.ws.terminate(), ABORT_GRACE_MS).unref();
  }

  terminate(): void {
    this.#dropQueue();
    this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.#queuedBytes + this.ws.bufferedAmount;
  }

  heartbeat(): boolean {
    // Closing: the close frame is out, and abort()'s grace or ws's close
    // timeout ends the socket. A terminate now would reset the connection
    // with the client's unread bytes in our buffer, and a client that reads
    // again would lose the close frame with everything before it.
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.#backedUp) {
      // Its pongs are not read while reading is stopped: what counts is
      // whether it took any bytes since the last heartbeat.
      if (this.#stallMark === this.#drains) {
        this.#overload();
        return false;
      }
      this.#stallMark = this.#drains;
      this.#alive = true;
      return true;
    }
    if (this.#pausedSinceBeat) {
      this.#pausedSinceBeat = false;
      this.#alive = true;
    }
    if (!this.#alive) {
      // Bytes wait for it, or a socket's worth went out to it since its
      // last pong (the kernel's buffers can hold megabytes a non-reader
      // never takes): it stopped reading (1013, with a close frame it may
      // yet read). Otherwise (no pong, hardly anything sent): it is gone.
      if (this.bufferedAmount > 0 || this.#sentSincePong >= this.#inFlight) this.#overload();
      else this.ws.terminate();
      return false;
    }
    this.#alive = false;
    this.ws.ping();
    return true;
  }

  #deliver(data: Buffer, isBinary: boolean): void {
    if (isBinary) this.#listener?.receiveBinary(data);
    else this.#listener?.receive(data.toString(), data.length);
  }

  #overload(): void {
    if (this.#overloaded) return;
    this.#overloaded = true;
    this.#listener?.overloaded();
  }

  #enqueue(frame: Buffer): void {
    (this.#queue ??= []).push(frame);
    this.#queuedBytes += frame.length;
  }

  /** Hands queued frames to the socket until it holds `limit` bytes. */
  #handOn(limit: number): void {
    const queue = this.#queue!;
    while (this.#head < queue.length && this.ws.bufferedAmount < limit) {
      const frame = queue[this.#head]!;
      queue[this.#head++] = EMPTY;
      this.#queuedBytes -= frame.length;
      this.ws.send(frame, frame.length >= this.#compressFrom ? this.#compressed : this.#plain);
    }
    if (this.#head === queue.length) this.#dropQueue();
    else if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }

  #dropQueue(): void {
    this.#queue = undefined;
    this.#head = 0;
    this.#queuedBytes = 0;
  }

  #pause(): void {
    this.#pausedSinceBeat = true;
    this.ws.pause();
  }

  #resume(): void {
    if (this.#backedUp || this.#throttled !== undefined || this.#holding) return;
    this.ws.resume();
  }

  /** The socket closed: let go of everything it held. */
  #release(): void {
    this.#dropQueue();
    this.#held = undefined;
    clearTimeout(this.#throttled);
    this.#socket.removeListener('drain', socketDrained);
    this.#socket[TRANSPORT] = undefined;
  }
}

const EMPTY = Buffer.alloc(0);
