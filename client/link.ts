// One attempt at the gateway: a WebSocket from dialing until it ends. It
// reports `welcome`, every other frame, and how it ended: after the upgrade,
// or before it (a refused upgrade and an unreachable gateway look the same
// from here; refusal.ts asks which). The socket above it decides what comes
// next; a dropped link reports nothing more.
import type { Codec, ServerFrame, WireFrame, Welcome } from './codec.ts';
import {
  OPEN,
  openWebSocket,
  socketUrl,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport.ts';

export interface Dial {
  WebSocket: WebSocketConstructor;
  url: string;
  token: string | undefined;
  /** Upgrade headers (Node only); undefined for none. */
  headers: Record<string, string> | undefined;
  /** How long the attempt may take from dialing to `welcome`. */
  connectTimeoutMs: number;
  /** The encoding, and the subprotocol the link offers. */
  codec: Codec;
}

/** What a link tells the socket; nothing is called after drop(). */
export interface LinkHost {
  /** `welcome` arrived: the link is open. */
  welcome(welcome: Welcome): void;
  /** Any other frame from the gateway. */
  frame(frame: ServerFrame): void;
  /** The link ended (called once); `upgraded` is false when it never opened. */
  ended(code: number, reason: string, upgraded: boolean): void;
  /** No `welcome` within the connect timeout. */
  timedOut(): void;
}

type Timer = ReturnType<typeof setTimeout>;

export class Link {
  readonly #ws: WebSocketLike;
  #connectTimeout: Timer | undefined;
  #upgraded = false;
  #dropped = false;

  /** Dials at once; throws when the URL is malformed. */
  constructor(dial: Dial, host: LinkHost) {
    const url = socketUrl(dial.url, dial.token);
    const codec = dial.codec;
    const ws = (this.#ws = openWebSocket(dial.WebSocket, url, codec.subprotocol, dial.headers));
    if (codec.binary) ws.binaryType = 'arraybuffer';
    this.#connectTimeout = setTimeout(() => host.timedOut(), dial.connectTimeoutMs);
    ws.onopen = () => {
      this.#upgraded = true;
    };
    ws.onmessage = (ev) => {
      if (this.#dropped) return;
      const frame = codec.decode(ev.data);
      if (!frame) return;
      if (frame.type !== 'welcome') return host.frame(frame);
      clearTimeout(this.#connectTimeout);
      host.welcome(frame);
    };
    ws.onclose = (ev) => {
      if (this.#dropped) return;
      this.drop();
      host.ended(ev.code, ev.reason, this.#upgraded);
    };
    // Browsers give no detail on errors, and `close` follows, except after a
    // failed upgrade in some WebSockets (Node 20's built-in): that error ends
    // the attempt.
    ws.onerror = () => {
      if (this.#dropped || this.#upgraded) return;
      this.drop();
      host.ended(1006, '', false);
    };
  }

  get isOpen(): boolean {
    return !this.#dropped && this.#ws.readyState === OPEN;
  }

  send(frame: WireFrame): void {
    this.#ws.send(frame);
  }

  /** Stops reporting; the socket stays as it is. */
  drop(): void {
    this.#dropped = true;
    clearTimeout(this.#connectTimeout);
    const ws = this.#ws;
    ws.onopen = ws.onmessage = ws.onclose = null;
    // Closing a socket that is still connecting makes `ws` (Node) emit an
    // error, which kills the process when nothing listens.
    ws.onerror = () => {};
  }

  /** Drops the link and closes its socket, without waiting for the close handshake. */
  close(code: number, reason: string): void {
    this.drop();
    try {
      this.#ws.close(code, reason);
    } catch {
      // Already closing, or nothing to close.
    }
  }
}
