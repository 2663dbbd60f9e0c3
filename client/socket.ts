// One WebSocket to the gateway, kept alive: connects, waits for `welcome`,
// pings, and when the link is lost reconnects with stepped backoff and jitter
// until the application closes it. It knows nothing of streams; the client
// above it rejoins them on every `open`.
//
// Each attempt is a Link (link.ts). The socket also decides, with the
// connection's token (tokens.ts), what follows a token reason to end (4000,
// 4001, a refused upgrade): it reconnects only with a new token.
//
// Its options, states and events are declared in connection.ts.
import { NEEDS_NEW_TOKEN } from '../protocol/codes.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { codecOf, type Codec, type ServerFrame, type WireFrame, type Welcome } from './codec.ts';
import type { ConnectionState, SocketEvents, SocketOptions, Stopped } from './connection.ts';
import { Emitter } from './emitter.ts';
import { ClientCloseCode } from './errors.ts';
import { Heartbeat } from './heartbeat.ts';
import { Link } from './link.ts';
import { watchPage, type WakeReason } from './page.ts';
import { ADMITTED, askVerdict } from './refusal.ts';
import { Tokens, type TokenSource } from './tokens.ts';
import { defaultWebSocket, globalWebSocket } from './transport.ts';
import { availableTransports, type TransportChoice, type TransportName } from './transports.ts';

type Timer = ReturnType<typeof setTimeout>;

const DEFAULT_PING_INTERVAL_MS = 30_000;

export class Socket extends Emitter<SocketEvents> {
  readonly url: string;
  /** The encoding asked for (SocketOptions.encoding): WebSocket only. */
  readonly #codec: Codec;
  readonly #options: SocketOptions;
  /** The transports to try, in order; #choice is the one in use. */
  readonly #choices: TransportChoice[];
  #choice = 0;
  /** A transport has opened: the socket keeps it. */
  #settled = false;
  #announced: TransportName | undefined;
  readonly #backoff: BackoffOptions;
  readonly #heartbeat: Heartbeat;
  readonly #tokens: Tokens;
  #state: ConnectionState = 'connecting';
  #link: Link | undefined;
  #welcome: Welcome | undefined;
  /** Reconnect attempts since the last `open`. */
  #attempt = 0;
  #retry: Timer | undefined;
  #unwatch: (() => void) | undefined;
  #exp: number | undefined;
  #stopped: { why: Stopped; token: string | undefined } | undefined;

  /**
   * How frames are encoded on the wire: the asked encoding over WebSocket;
   * JSON over the HTTP fallbacks, which carry no binary frames (§4.5).
   */
  get codec(): Codec {
    return this.#choices[this.#choice]?.name === 'websocket' ? this.#codec : codecOf('json');
  }

  constructor(url: string, opts: SocketOptions = {}) {
    super();
    this.url = url;
    this.#codec = codecOf(opts.encoding);
    this.#options = opts;
    this.#tokens = new Tokens(
      opts.token,
      {
        send: (frame) => this.send(this.codec.encode(frame)),
        refreshed: (exp) => {
          this.#exp = exp;
          this.emit('refreshed', { exp });
        },
        failed: (err) => this.emit('refreshFailed', err),
      },
      opts.refreshBeforeMs,
    );
    this.#choices = availableTransports(opts.transports, opts.WebSocket ?? globalWebSocket());
    // Nothing to connect with: the WebSocket's error says what to pass.
    if (this.#choices.length === 0) defaultWebSocket();
    this.#backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.#heartbeat = new Heartbeat({
      timeoutMs: opts.pingTimeoutMs ?? 10_000,
      ping: (ref) => this.send(this.codec.encode({ type: 'ping', ref })),
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
    return this.#state === 'open' && this.#link?.isOpen === true;
  }

  /** The transport in use, or tried now: 'websocket', 'sse' or 'long-poll'. */
  get transport(): TransportName {
    return this.#choices[this.#choice]!.name;
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
    if (this.#state === 'closed' || this.#link) return;
    if (this.#options.watchPage !== false) this.#unwatch = watchPage((why) => this.wake(why));
    this.emit('connecting', { attempt: 0 });
    void this.#dial();
  }

  /** Writes an encoded frame; false when the socket is not open. */
  send(frame: WireFrame): boolean {
    if (!this.isOpen) return false;
    this.#link!.send(frame);
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
    this.#tokens.setSource(token);
    if (this.#state === 'open') this.#tokens.refreshNow();
    else if (this.#state === 'stopped') void this.#resumeIfNewToken();
  }

  /** Closes for good; state becomes `closed`. */
  close(code = 1000, reason = 'client closed'): void {
    if (this.#state === 'closed') return;
    this.#unwatch?.();
    clearTimeout(this.#retry);
    this.#stopped = undefined;
    const wasOpen = this.#state === 'open';
    this.#detach()?.close(code, reason);
    this.#setState('closed');
    if (wasOpen) this.emit('down', { code, reason, closed: true });
    this.emit('closed', { code, reason });
  }

  /** Upgrade headers from the options; undefined when there are none. */
  #headers(): Record<string, string> | undefined {
    const { headers, origin } = this.#options;
    if (!headers && origin === undefined) return undefined;
    return { ...headers, ...(origin !== undefined && { Origin: origin }) };
  }

  async #dial(): Promise<void> {
    let token = this.#tokens.takeNext();
    if (token === undefined) {
      try {
        token = await this.#tokens.fetch();
      } catch {
        if (this.#state !== 'closed')
          this.#lost(ClientCloseCode.TokenFailed, 'could not get a token');
        return;
      }
    }
    if (this.#state === 'closed' || this.#state === 'stopped') return;
    const used = token;
    try {
      this.#link = new Link(
        {
          WebSocket: this.#choices[this.#choice]!.open,
          url: this.url,
          token: used,
          headers: this.#headers(),
          connectTimeoutMs: this.#options.connectTimeoutMs ?? 10_000,
          codec: this.codec,
        },
        {
          welcome: (welcome) => this.#opened(welcome),
          frame: (frame) => this.#received(frame),
          ended: (code, reason, upgraded) => {
            this.#detach();
            if (upgraded) this.#ended(code, reason, used);
            else this.#notUpgraded(code, reason, used);
          },
          timedOut: () => this.#giveUp(ClientCloseCode.ConnectTimeout, 'connect timeout'),
        },
      );
    } catch (err) {
      // A malformed URL will not fix itself: report it instead of retrying forever.
      this.close(1000, `cannot open socket: ${(err as Error).message}`);
      return;
    }
    this.#tokens.dialed(used);
  }

  #received(frame: ServerFrame): void {
    if (frame.type === 'pong' && this.#heartbeat.pong(frame.ref)) return;
    if (this.#tokens.handle(frame)) return;
    this.emit('frame', frame);
  }

  #notUpgraded(code: number, reason: string, token: string | undefined): void {
    if (this.#options.explainRefusals !== false) void this.#explain(code, reason, token);
    else if (this.#fallBack()) void this.#dial();
    else this.#ended(code, reason, token);
  }

  /** Moves to the next transport, unless one has opened already or none is left. */
  #fallBack(): boolean {
    if (this.#settled || this.#choice + 1 >= this.#choices.length) return false;
    this.#choice++;
    return true;
  }

  #opened(welcome: Welcome): void {
    this.#welcome = welcome;
    this.#exp = welcome.exp;
    this.#attempt = 0;
    const interval = this.#options.pingIntervalMs ?? welcome.heartbeat_ms;
    this.#heartbeat.start(interval > 0 ? interval : DEFAULT_PING_INTERVAL_MS);
    this.#tokens.opened(welcome.exp);
    this.#settled = true;
    if (this.#announced !== this.transport) {
      this.#announced = this.transport;
      this.emit('transport', { transport: this.transport });
    }
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
    const refusal = await askVerdict(
      this.url,
      token,
      this.#headers(),
      this.#options.connectTimeoutMs ?? 10_000,
    );
    // Closed, or reconnect() dialed again meanwhile.
    if (this.#state === 'closed' || this.#link) return;
    // Admitted, yet the attempt failed: something between breaks this transport.
    if (refusal === ADMITTED && this.#fallBack()) return void this.#dial();
    if (!refusal || refusal === ADMITTED) return this.#lost(code, reason);
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
    const fresh = await this.#tokens.newerThan(used);
    // Closed, or reconnect() dialed meanwhile.
    if (this.#state !== 'reconnecting' || this.#link || this.#retry !== undefined) return;
    if (fresh) {
      this.#tokens.keepForNext(fresh);
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
    const fresh = await this.#tokens.newerThan(stopped.token);
    if (this.#stopped !== stopped || !fresh) return;
    this.#tokens.keepForNext(fresh);
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
    this.#detach()?.close(code, reason);
    this.#lost(code, reason);
  }

  /** Drops the current link (still to be closed, if at all, by the caller). */
  #detach(): Link | undefined {
    const link = this.#link;
    this.#link = undefined;
    this.#heartbeat.stop();
    this.#tokens.stop();
    link?.drop();
    return link;
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
