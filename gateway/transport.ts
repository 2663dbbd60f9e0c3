// The Transport is what a Session writes to. The session imports neither ws
// nor nats: unit tests drive it with FakeTransport (test/helpers/fake-transport.ts),
// the server with WsTransport.
import type { Socket } from 'node:net';
import WebSocket from 'ws';

export interface Transport {
  /** Sends one text frame: JSON text, as a string or already UTF-8 encoded. */
  send(frame: string | Buffer): void;
  /** Starts a close handshake with the code. */
  close(code: number, reason: string): void;
  /** Sends the close frame, then drops the connection after a grace period even if the peer never answers. */
  abort(code: number, reason: string): void;
  /** Drops the connection at once, without a close handshake (drain's deadline). */
  terminate(): void;
  /**
   * Called once per heartbeat interval: checks that the peer answered the
   * previous check. Returns false, after dropping the connection, when it did not.
   */
  heartbeat(): boolean;
  /** Bytes queued for the peer and not yet handed to the kernel. */
  readonly bufferedAmount: number;
}

const ABORT_GRACE_MS = 1000;
const TEXT = { binary: false } as const;

// ws keeps its net.Socket in a private field; cork() and uncork() on it are
// plain Node stream calls, which ws itself makes around every frame.
const socketOf = (ws: WebSocket): Socket => (ws as unknown as { _socket: Socket })._socket;

let corked: WsTransport[] = [];
function uncorkAll(): void {
  const list = corked;
  corked = [];
  for (const t of list) t.uncork();
}

export class WsTransport implements Transport {
  /** Set by every pong; a peer still not alive at the next heartbeat is dead. */
  #alive = true;

  constructor(readonly ws: WebSocket) {
    ws.on('pong', () => {
      this.#alive = true;
    });
  }

  send(frame: string | Buffer): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (!this.#corked) {
      // Frames sent to this socket until the current task ends go out in one
      // write: a burst of group messages from one NATS read costs each member
      // one system call, not one per message.
      this.#corked = socketOf(this.ws);
      this.#corked.cork();
      corked.push(this);
      if (corked.length === 1) queueMicrotask(uncorkAll);
    }
    this.ws.send(frame, TEXT);
  }

  #corked: Socket | undefined;

  /** Called by uncorkAll once the task that corked the socket ends. */
  uncork(): void {
    this.#corked?.uncork();
    this.#corked = undefined;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason);
  }

  abort(code: number, reason: string): void {
    this.close(code, reason);
    // A peer that stopped reading will never answer the close frame; waiting
    // for ws's 30 s close timeout would keep its whole buffer in memory.
    setTimeout(() => this.ws.terminate(), ABORT_GRACE_MS).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  heartbeat(): boolean {
    if (!this.#alive) {
      this.ws.terminate();
      return false;
    }
    this.#alive = false;
    this.ws.ping();
    return true;
  }
}
