// One WebSocket to the gateway, kept alive: connects, waits for `welcome`,
// pings, and when the link is lost reconnects with stepped backoff and jitter
// until the application closes it. It knows nothing of streams; the client
// above it rejoins them on every `open`.
//
// States, for a UI to show:
//   connecting   → the first attempt is in flight
//   open         → `welcome` arrived; frames flow
//   reconnecting → the link was lost (or never came up); retrying with backoff
//   closed       → the application called close(); terminal
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { decodeFrame, encodeFrame, SUBPROTOCOL, type ServerFrame, type Welcome } from './codec.ts';
import { Emitter } from './emitter.ts';
import { Heartbeat } from './heartbeat.ts';
import { watchPage, type WakeReason } from './page.ts';
import {
  defaultWebSocket,
  OPEN,
  socketUrl,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** A token, or a function called before every attempt (to refresh an expiring JWT). */
export type TokenSource =
  string | (() => string | undefined | null | Promise<string | undefined | null>);

export interface SocketOptions {
  /** Sent as the `token` query parameter (browsers cannot set headers). */
  token?: TokenSource;
  /** A WebSocket implementation; defaults to the global one (browsers, Node 22+). */
  WebSocket?: WebSocketConstructor;
  backoff?: Partial<BackoffOptions>;
  /** Ping interval; defaults to the gateway's heartbeat_ms from `welcome`. */
  pingIntervalMs?: number;
  /** How long a ping may wait for its pong. Default 10 s. */
  pingTimeoutMs?: number;
  /** How long an attempt may take from dialing to `welcome`. Default 10 s. */
  connectTimeoutMs?: number;
  /** Reconnect at once when the page comes back online or becomes visible. Default true. */
  watchPage?: boolean;
  /** For tests: the jitter source. */
  random?: () => number;
}

/** Close codes the client reports for links it gave up on itself (4000–4999 is the application range). */
export const ClientCloseCode = {
  /** A ping got no pong in time. */
  HeartbeatTimeout: 4000,
  /** No `welcome` arrived in time after dialing. */
  ConnectTimeout: 4001,
  /** The token source threw. */
  TokenFailed: 4002,
} as const;

export interface Reconnecting {
  /** 1 for the first retry after a loss. */
  attempt: number;
  /** Milliseconds until the attempt. */
  delay: number;
  /** Why the last link ended. */
  code: number;
  reason: string;
}

export interface Down {
  code: number;
  reason: string;
  /** True when the application closed the client. */
  closed: boolean;
}

export interface SocketEvents {
  state: { state: ConnectionState; previous: ConnectionState };
  connecting: { attempt: number };
  open: Welcome;
  reconnecting: Reconnecting;
  closed: { code: number; reason: string };
  /** The socket that was open is gone (lost, or closed by the application). */
  down: Down;
  frame: ServerFrame;
}

type Timer = ReturnType<typeof setTimeout>;

const DEFAULT_PING_INTERVAL_MS = 30_000;

export class Socket extends Emitter<SocketEvents> {
  readonly url: string;
  readonly #options: SocketOptions;
  readonly #WebSocket: WebSocketConstructor;
  readonly #backoff: BackoffOptions;
  readonly #heartbeat: Heartbeat;
  #state: ConnectionState = 'connecting';
  #ws: WebSocketLike | undefined;
  #welcome: Welcome | undefined;
  /** Reconnect attempts since the last `open`. */
  #attempt = 0;
  #retry: Timer | undefined;
  #dialTimeout: Timer | undefined;
  #unwatch: (() => void) | undefined;

  constructor(url: string, opts: SocketOptions = {}) {
    super();
    this.url = url;
    this.#options = opts;
    this.#WebSocket = opts.WebSocket ?? defaultWebSocket();
    this.#backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.#heartbeat = new Heartbeat({
      timeoutMs: opts.pingTimeoutMs ?? 10_000,
      ping: (ref) => this.send(encodeFrame({ type: 'ping', ref })),
      dead: () => this.#giveUp(ClientCloseCode.HeartbeatTimeout, 'heartbeat timeout'),
    });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The latest `welcome`: connection id, heartbeat and limits. */
  get welcome(): Welcome | undefined {
    return this.#welcome;
  }

  get isOpen(): boolean {
    return this.#state === 'open' && this.#ws?.readyState === OPEN;
  }

  /** Starts the first attempt. */
  start(): void {
    if (this.#state === 'closed' || this.#ws) return;
    if (this.#options.watchPage !== false) this.#unwatch = watchPage((why) => this.wake(why));
    this.emit('connecting', { attempt: 0 });
    void this.#dial();
  }

  /** Writes a text frame; false when the socket is not open. */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.#ws!.send(text);
    return true;
  }

  /**
   * Something suggests the network changed: a waiting reconnect happens now,
   * and an open link is pinged so a dead one is found quickly.
   */
  wake(_why: WakeReason | 'manual' = 'manual'): void {
    if (this.#state === 'open') return this.#heartbeat.probe();
    if (this.#state === 'reconnecting' && this.#retry !== undefined) {
      clearTimeout(this.#retry);
      this.#retry = undefined;
      void this.#dial();
    }
  }

  /** Closes for good; state becomes `closed`. */
  close(code = 1000, reason = 'client closed'): void {
    if (this.#state === 'closed') return;
    this.#unwatch?.();
    clearTimeout(this.#retry);
    const wasOpen = this.#state === 'open';
    const ws = this.#detach();
    try {
      ws?.close(code, reason);
    } catch {
      // Already closing: nothing to do.
    }
    this.#setState('closed');
    if (wasOpen) this.emit('down', { code, reason, closed: true });
    this.emit('closed', { code, reason });
  }

  async #dial(): Promise<void> {
    let token: string | undefined;
    try {
      const t = this.#options.token;
      token = (typeof t === 'function' ? await t() : t) ?? undefined;
    } catch {
      if (this.#state !== 'closed')
        this.#lost(ClientCloseCode.TokenFailed, 'could not get a token');
      return;
    }
    if (this.#state === 'closed') return;
    let ws: WebSocketLike;
    try {
      ws = new this.#WebSocket(socketUrl(this.url, token), SUBPROTOCOL);
    } catch (err) {
      // A malformed URL will not fix itself: report it instead of retrying forever.
      this.close(1000, `cannot open socket: ${(err as Error).message}`);
      return;
    }
    this.#ws = ws;
    this.#dialTimeout = setTimeout(
      () => this.#giveUp(ClientCloseCode.ConnectTimeout, 'connect timeout'),
      this.#options.connectTimeoutMs ?? 10_000,
    );
    ws.onmessage = (ev) => {
      if (this.#ws !== ws) return;
      const frame = decodeFrame(ev.data);
      if (!frame) return;
      if (frame.type === 'welcome') return this.#opened(frame);
      if (frame.type === 'pong' && this.#heartbeat.pong(frame.ref)) return;
      this.emit('frame', frame);
    };
    ws.onclose = (ev) => {
      if (this.#ws !== ws) return;
      this.#detach();
      this.#lost(ev.code, ev.reason);
    };
    // Browsers give no detail on errors, and `close` always follows.
    ws.onerror = () => {};
  }

  #opened(welcome: Welcome): void {
    clearTimeout(this.#dialTimeout);
    this.#welcome = welcome;
    this.#attempt = 0;
    const interval = this.#options.pingIntervalMs ?? welcome.heartbeat_ms;
    this.#heartbeat.start(interval > 0 ? interval : DEFAULT_PING_INTERVAL_MS);
    this.#setState('open');
    this.emit('open', welcome);
  }

  /** The client decided the link is dead: drop it without waiting for a close handshake. */
  #giveUp(code: number, reason: string): void {
    const ws = this.#detach();
    try {
      ws?.close(code, reason);
    } catch {
      // Nothing to close.
    }
    this.#lost(code, reason);
  }

  #detach(): WebSocketLike | undefined {
    const ws = this.#ws;
    this.#ws = undefined;
    clearTimeout(this.#dialTimeout);
    this.#heartbeat.stop();
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      // Closing a socket that is still connecting makes `ws` (Node) emit an
      // error, which kills the process when nothing listens.
      ws.onerror = () => {};
    }
    return ws;
  }

  #lost(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    const wasOpen = this.#state === 'open';
    const attempt = ++this.#attempt;
    const delay = backoffDelay(attempt, this.#backoff, this.#options.random);
    this.#setState('reconnecting');
    if (wasOpen) this.emit('down', { code, reason, closed: false });
    this.emit('reconnecting', { attempt, delay, code, reason });
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#dial();
    }, delay);
  }

  #setState(state: ConnectionState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.emit('state', { state, previous });
  }
}
