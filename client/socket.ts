// One WebSocket to the gateway, kept alive: connects, waits for `welcome`,
// pings, and when the link is lost reconnects with stepped backoff and jitter
// until the application closes it. It knows nothing of streams; the client
// above it rejoins them on every `open`.
//
// It also keeps the connection's token: refreshed before `exp` on the open
// socket, and after the gateway ends a connection for a token reason (4000,
// 4001, a refused upgrade) the socket reconnects only with a new one.
//
// States, for a UI to show:
//   connecting   → the first attempt is in flight
//   open         → `welcome` arrived; frames flow
//   reconnecting → the link was lost (or never came up); retrying with backoff
//   stopped      → not retrying: the server disconnected it (4000), its token
//                  expired (4001) and the token source has no new one, or the
//                  upgrade was refused for a reason retrying cannot fix (see
//                  `stopped`); wake(), reconnect() or setToken() resume it
//   closed       → the application called close(); terminal
import { NEEDS_NEW_TOKEN } from '../protocol/codes.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { decodeFrame, encodeFrame, SUBPROTOCOL, type ServerFrame, type Welcome } from './codec.ts';
import { Emitter } from './emitter.ts';
import type { MuxError } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import { watchPage, type WakeReason } from './page.ts';
import { Refresher } from './refresh.ts';
import { askWhyRefused, type Refusal } from './refusal.ts';
import {
  defaultWebSocket,
  OPEN,
  openWebSocket,
  socketUrl,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'stopped' | 'closed';

/** A token, or a function called before every attempt (to refresh an expiring JWT). */
export type TokenSource =
  string | (() => string | undefined | null | Promise<string | undefined | null>);

export interface SocketOptions {
  /**
   * Sent as the `token` query parameter (browsers cannot set headers). A
   * function is called before every attempt and before the token's `exp`,
   * to refresh it on the open connection.
   */
  token?: TokenSource;
  /**
   * Node only: headers for the upgrade (and for the refusal check), e.g.
   * `Authorization` or `Origin`, with the `ws` package or Node's built-in
   * WebSocket; browsers cannot send headers.
   */
  headers?: Record<string, string>;
  /**
   * Node only: the `Origin` header, for a gateway with MUX_ALLOWED_ORIGINS
   * (which admits a client without Origin only with a valid token).
   */
  origin?: string;
  /** How long before the token's `exp` to refresh it (at most half its remaining life). Default 60 s. */
  refreshBeforeMs?: number;
  /**
   * After an attempt that never opened, ask the gateway why (`GET /ws`,
   * which browsers can read) and stop retrying when retrying cannot help.
   * Default true.
   */
  explainRefusals?: boolean;
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

/**
 * Close codes the client reports for links it gave up on itself. They are
 * 4900 and up: 4000 and 4001 are the protocol's (PROTOCOL.md §4.7).
 */
export const ClientCloseCode = {
  /** A ping got no pong in time. */
  HeartbeatTimeout: 4900,
  /** No `welcome` arrived in time after dialing. */
  ConnectTimeout: 4901,
  /** The token source threw. */
  TokenFailed: 4902,
} as const;

/** Why the client stopped reconnecting. */
export interface Stopped {
  /**
   * The gateway's close code (4000 disconnected by the server, 4001 token
   * expired), or the HTTP status of a refused upgrade (401, 403, 400, 404).
   */
  code: number;
  reason: string;
  /**
   * Only a new token can bring the connection back: wake() and setToken()
   * ask the token source, and reconnect only when it gives a different one.
   */
  needsToken: boolean;
}

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
  stopped: Stopped;
  /** An upgrade was refused, as the gateway explained it. */
  refused: Refusal;
  /** The token was replaced on the open connection; `exp` is the new one's. */
  refreshed: { exp: number | undefined };
  /** A refresh failed: the gateway refused the token (`unauthorized`) or the source threw. */
  refreshFailed: MuxError;
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
  #source: TokenSource | undefined;
  /** The token of the open connection (or of the last attempt). */
  #token: string | undefined;
  /** A new token already taken from the source, for the next attempt. */
  #fresh: string | undefined;
  #exp: number | undefined;
  #stopped: { why: Stopped; token: string | undefined } | undefined;
  readonly #refresher: Refresher;

  constructor(url: string, opts: SocketOptions = {}) {
    super();
    this.url = url;
    this.#options = opts;
    this.#source = opts.token;
    this.#refresher = new Refresher(
      {
        fetchToken: () => this.#fetchToken(),
        current: () => this.#token,
        send: (frame) => this.send(encodeFrame(frame)),
        refreshed: (token, exp) => {
          this.#token = token;
          this.#exp = exp;
          this.emit('refreshed', { exp });
        },
        failed: (err) => this.emit('refreshFailed', err),
      },
      opts.refreshBeforeMs,
    );
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

  /** The `exp` of the open connection's token (from `welcome`, then each refresh). */
  get exp(): number | undefined {
    return this.#exp;
  }

  /** Why the socket stopped, while it is `stopped`. */
  get stopped(): Stopped | undefined {
    return this.#stopped?.why;
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
   * and an open link is pinged so a dead one is found quickly. A stopped
   * socket tries again, when what stopped it may have changed (for a token
   * reason, only with a new token from the source).
   */
  wake(_why: WakeReason | 'manual' = 'manual'): void {
    if (this.#state === 'open') return this.#heartbeat.probe();
    if (this.#state === 'stopped') return void this.#resumeIfNewToken();
    if (this.#state === 'reconnecting' && this.#retry !== undefined) {
      clearTimeout(this.#retry);
      this.#retry = undefined;
      void this.#dial();
    }
  }

  /** Reconnects now: from `stopped` whatever stopped it, or instead of waiting out the backoff. */
  reconnect(): void {
    if (this.#state === 'stopped') return this.#resume();
    this.wake('manual');
  }

  /**
   * Replaces the token source. An open connection refreshes with it now; a
   * socket stopped for want of a new token reconnects with it.
   */
  setToken(token: TokenSource | undefined): void {
    this.#source = token;
    if (this.#state === 'open') this.#refresher.now();
    else if (this.#state === 'stopped') void this.#resumeIfNewToken();
  }

  /** Closes for good; state becomes `closed`. */
  close(code = 1000, reason = 'client closed'): void {
    if (this.#state === 'closed') return;
    this.#unwatch?.();
    clearTimeout(this.#retry);
    this.#stopped = undefined;
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

  async #fetchToken(): Promise<string | undefined> {
    const t = this.#source;
    return (typeof t === 'function' ? await t() : t) || undefined;
  }

  /** Upgrade headers from the options; undefined when there are none. */
  #headers(): Record<string, string> | undefined {
    const { headers, origin } = this.#options;
    if (!headers && origin === undefined) return undefined;
    return { ...headers, ...(origin !== undefined && { Origin: origin }) };
  }

  async #dial(): Promise<void> {
    let token = this.#fresh;
    this.#fresh = undefined;
    if (token === undefined) {
      try {
        token = await this.#fetchToken();
      } catch {
        if (this.#state !== 'closed')
          this.#lost(ClientCloseCode.TokenFailed, 'could not get a token');
        return;
      }
    }
    if (this.#state === 'closed' || this.#state === 'stopped') return;
    let ws: WebSocketLike;
    try {
      const url = socketUrl(this.url, token);
      ws = openWebSocket(this.#WebSocket, url, SUBPROTOCOL, this.#headers());
    } catch (err) {
      // A malformed URL will not fix itself: report it instead of retrying forever.
      this.close(1000, `cannot open socket: ${(err as Error).message}`);
      return;
    }
    this.#ws = ws;
    this.#token = token;
    this.#dialTimeout = setTimeout(
      () => this.#giveUp(ClientCloseCode.ConnectTimeout, 'connect timeout'),
      this.#options.connectTimeoutMs ?? 10_000,
    );
    let upgraded = false;
    ws.onopen = () => {
      upgraded = true;
    };
    ws.onmessage = (ev) => {
      if (this.#ws !== ws) return;
      const frame = decodeFrame(ev.data);
      if (!frame) return;
      if (frame.type === 'welcome') return this.#opened(frame);
      if (frame.type === 'pong' && this.#heartbeat.pong(frame.ref)) return;
      if (this.#refresher.handle(frame)) return;
      this.emit('frame', frame);
    };
    ws.onclose = (ev) => {
      if (this.#ws !== ws) return;
      this.#detach();
      if (upgraded) this.#ended(ev.code, ev.reason, token);
      else this.#notUpgraded(ev.code, ev.reason, token);
    };
    // Browsers give no detail on errors, and `close` follows, except after a
    // failed upgrade in some WebSockets (Node 20's built-in): that error ends
    // the attempt.
    ws.onerror = () => {
      if (this.#ws !== ws || upgraded) return;
      this.#detach();
      this.#notUpgraded(1006, '', token);
    };
  }

  #notUpgraded(code: number, reason: string, token: string | undefined): void {
    if (this.#options.explainRefusals !== false) void this.#explain(code, reason, token);
    else this.#ended(code, reason, token);
  }

  #opened(welcome: Welcome): void {
    clearTimeout(this.#dialTimeout);
    this.#welcome = welcome;
    this.#exp = welcome.exp;
    this.#attempt = 0;
    const interval = this.#options.pingIntervalMs ?? welcome.heartbeat_ms;
    this.#heartbeat.start(interval > 0 ? interval : DEFAULT_PING_INTERVAL_MS);
    this.#refresher.start(welcome.exp);
    this.#setState('open');
    this.emit('open', welcome);
  }

  /** The gateway ended the link (or it dropped): reconnect, unless only a new token may. */
  #ended(code: number, reason: string, token: string | undefined): void {
    if (NEEDS_NEW_TOKEN.includes(code)) void this.#needToken(code, reason, token);
    else this.#lost(code, reason);
  }

  /**
   * An attempt ended before the upgrade completed: a refused upgrade, or a
   * gateway out of reach. The gateway says which (see refusal.ts); a refusal
   * that retrying cannot fix stops the socket instead of retrying forever.
   */
  async #explain(code: number, reason: string, token: string | undefined): Promise<void> {
    const refusal = await askWhyRefused(
      this.url,
      token,
      this.#headers(),
      this.#options.connectTimeoutMs ?? 10_000,
    );
    // Closed, or reconnect() dialed again meanwhile.
    if (this.#state === 'closed' || this.#ws) return;
    if (!refusal) return this.#lost(code, reason);
    this.emit('refused', refusal);
    const why = `${refusal.code}: ${refusal.message}`;
    if (refusal.status === 401) return void this.#needToken(refusal.status, why, token);
    if (refusal.status === 503) return this.#lost(code, why);
    this.#stop({ code: refusal.status, reason: why, needsToken: false }, token);
  }

  /**
   * The gateway ended the connection for a token reason (4000, 4001, 401):
   * reconnect only if the source has a token other than the one it refused.
   */
  async #needToken(code: number, reason: string, used: string | undefined): Promise<void> {
    if (this.#state === 'closed') return;
    this.#down('reconnecting', code, reason);
    let fresh: string | undefined;
    try {
      fresh = await this.#fetchToken();
    } catch {
      fresh = undefined;
    }
    // Closed, or reconnect() dialed meanwhile.
    if (this.#state !== 'reconnecting' || this.#ws || this.#retry !== undefined) return;
    if (fresh && fresh !== used) {
      this.#fresh = fresh;
      return this.#schedule(code, reason);
    }
    this.#stop({ code, reason, needsToken: true }, used);
  }

  #stop(why: Stopped, token: string | undefined): void {
    if (this.#state === 'closed') return;
    this.#down('stopped', why.code, why.reason);
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#stopped = { why, token };
    this.emit('stopped', why);
  }

  /** From `stopped`: reconnects when the source has a token other than the refused one. */
  async #resumeIfNewToken(): Promise<void> {
    const stopped = this.#stopped;
    if (!stopped) return;
    if (!stopped.why.needsToken) return this.#resume();
    let fresh: string | undefined;
    try {
      fresh = await this.#fetchToken();
    } catch {
      return;
    }
    if (this.#stopped !== stopped || !fresh || fresh === stopped.token) return;
    this.#fresh = fresh;
    this.#resume();
  }

  #resume(): void {
    const stopped = this.#stopped;
    if (this.#state !== 'stopped' || !stopped) return;
    this.#stopped = undefined;
    this.#setState('reconnecting');
    const { code, reason } = stopped.why;
    this.emit('reconnecting', { attempt: ++this.#attempt, delay: 0, code, reason });
    void this.#dial();
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
    this.#refresher.stop();
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
    this.#down('reconnecting', code, reason);
    this.#schedule(code, reason);
  }

  /** Leaves `open` (or the current attempt) for `state`, telling listeners that an open link went down. */
  #down(state: 'reconnecting' | 'stopped', code: number, reason: string): void {
    const wasOpen = this.#state === 'open';
    this.#exp = undefined;
    this.#setState(state);
    if (wasOpen) this.emit('down', { code, reason, closed: false });
  }

  /** The next attempt, after the backoff. */
  #schedule(code: number, reason: string): void {
    const attempt = ++this.#attempt;
    const delay = backoffDelay(attempt, this.#backoff, this.#options.random);
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
