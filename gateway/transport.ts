// The Transport is what a Session writes to. The session imports neither ws
// nor nats: tests drive it with an in-memory transport, the server with
// WsTransport.
import WebSocket from 'ws';

export interface Transport {
  send(text: string): void;
  /** Starts a close handshake with the code. */
  close(code: number, reason: string): void;
  /** Sends the close frame, then drops the connection after a grace period even if the peer never answers. */
  abort(code: number, reason: string): void;
  /** Bytes queued for the peer and not yet handed to the kernel. */
  readonly bufferedAmount: number;
}

const ABORT_GRACE_MS = 1000;

export class WsTransport implements Transport {
  /** Cleared on every pong; a peer still not alive at the next heartbeat is dead. */
  alive = true;

  constructor(readonly ws: WebSocket) {
    ws.on('pong', () => {
      this.alive = true;
    });
  }

  send(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
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

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Called by the gateway's heartbeat sweep; returns false when the peer is dead. */
  heartbeat(): boolean {
    if (!this.alive) {
      this.ws.terminate();
      return false;
    }
    this.alive = false;
    this.ws.ping();
    return true;
  }
}
