// The client: one Socket, many Streams. It routes the gateway's frames to
// their stream, rejoins every stream when the socket opens again, fails the
// requests a lost socket took with it, and holds the shared send queue.
import { ErrorCode } from '../protocol/codes.ts';
import { parseStream } from '../protocol/names.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ClientFrame, ServerFrame, Welcome, WireFrame } from './codec.ts';
import type { ConnectionState, Reconnecting, SocketOptions, Stopped } from './connection.ts';
import { Emitter } from './emitter.ts';
import { ClientErrorCode, MuxError } from './errors.ts';
import type { WakeReason } from './page.ts';
import { SendQueue } from './queue.ts';
import type { Refusal } from './refusal.ts';
import { Socket } from './socket.ts';
import type { StreamState, StreamTypes } from './stream-types.ts';
import { Stream } from './stream.ts';
import type { StreamHost } from './stream-host.ts';
import type { TokenSource } from './tokens.ts';
import type { TransportName } from './transports.ts';

export interface ClientOptions extends SocketOptions {
  /** Frames kept, across all streams, while the socket is down or streams rejoin. Default 100. */
  maxQueue?: number;
  /**
   * A stream the gateway ends with `left` `unavailable` rejoins after a
   * random wait up to this many ms (then the `backoff` steps, if refused).
   * Default 1000.
   */
  rejoinSpreadMs?: number;
  /**
   * A W3C `traceparent` for each join, msg and leave as it is made, or
   * undefined for none: the gateway's span for the frame becomes a child of
   * it, so one trace starts in the page (see docs/client.md, "Tracing"). The
   * application supplies it, from its own tracer; a `traceparent` passed to
   * join(), send() or request() wins. A hook that throws sends none.
   */
  traceparent?: (frame: TracedFrame) => string | undefined;
}

/** The frame a `traceparent` hook is asked about. */
export interface TracedFrame {
  type: 'join' | 'msg' | 'leave';
  stream: string;
}

export interface ClientEvents {
  state: { state: ConnectionState; previous: ConnectionState };
  connecting: { attempt: number };
  open: Welcome;
  reconnecting: Reconnecting;
  closed: { code: number; reason: string };
  /** A stream changed state; `client.streams` lists them all. */
  stream: { name: string; state: StreamState };
  /** An error frame that belongs to no stream, or a failed token refresh (`unauthorized`). */
  error: MuxError;
  /** The client stopped reconnecting (see `Stopped`); reconnect(), setToken() or wake() resume it. */
  stopped: Stopped;
  /** An upgrade was refused, with the gateway's reason (asked over HTTP: browsers cannot see it). */
  refused: Refusal;
  /** The token was refreshed on the open connection; `exp` is the new one's. */
  refreshed: { exp: number | undefined };
  /**
   * §4.9: the gateway opened a stream for this connection (its connect
   * service chose it), one the application had not open or opening. The
   * stream is joined; `payload` is its `joined` payload. A stream the
   * gateway opens again after a reconnect only emits `joined` (rejoin: true).
   */
  serverStream: { stream: Stream; payload: unknown };
  /** The transport in use changed, and on the first open: 'websocket', 'sse' or 'long-poll'. */
  transport: { transport: TransportName };
}

const DEFAULT_MAX_QUEUE = 100;
// A gateway holding 10,000 streams gets about ten rejoins a millisecond
// instead of all of them within one backoff step; a lone stream ended (a
// replay that overflowed) waits half a second on average.
const DEFAULT_REJOIN_SPREAD_MS = 1000;

export class MuxClient extends Emitter<ClientEvents> {
  readonly #socket: Socket;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each stream has its own payload types
  readonly #streams = new Map<string, Stream<any>>();
  readonly #queue: SendQueue;
  readonly #backoff: BackoffOptions;
  readonly #random: (() => number) | undefined;
  readonly #host: StreamHost;
  readonly #traceparent: ClientOptions['traceparent'];
  #ref = 0;

  constructor(url: string, opts: ClientOptions = {}) {
    super();
    const socket = (this.#socket = new Socket(url, opts));
    this.#queue = new SendQueue(opts.maxQueue ?? DEFAULT_MAX_QUEUE);
    this.#backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.#random = opts.random;
    this.#traceparent = opts.traceparent;
    const rejoinSpreadMs = Math.max(0, opts.rejoinSpreadMs ?? DEFAULT_REJOIN_SPREAD_MS);
    this.#host = {
      get open() {
        return socket.isOpen;
      },
      get closed() {
        return socket.state === 'closed';
      },
      queue: this.#queue,
      nextRef: () => ++this.#ref,
      encode: (frame) => this.#encode(frame),
      write: (text) => socket.send(text),
      retryDelay: (n) => backoffDelay(n, this.#backoff, this.#random),
      rejoinSpread: () => (this.#random ?? Math.random)() * rejoinSpreadMs,
      changed: (name, state) => this.emit('stream', { name, state }),
    };
    socket.on('state', (e) => this.emit('state', e));
    socket.on('connecting', (e) => this.emit('connecting', e));
    socket.on('reconnecting', (e) => this.emit('reconnecting', e));
    socket.on('closed', (e) => this.emit('closed', e));
    socket.on('stopped', (e) => this.emit('stopped', e));
    socket.on('refused', (e) => this.emit('refused', e));
    socket.on('refreshed', (e) => this.emit('refreshed', e));
    socket.on('transport', (e) => this.emit('transport', e));
    socket.on('refreshFailed', (e) => this.emit('error', e));
    socket.on('open', (welcome) => {
      // Listeners see `open` before the rejoins go out, so a UI can show it first.
      this.emit('open', welcome);
      for (const s of this.#streams.values()) s.opened();
    });
    socket.on('down', (d) => {
      const err = d.closed
        ? new MuxError(ClientErrorCode.Closed, 'the client was closed')
        : new MuxError(
            ClientErrorCode.Disconnected,
            `connection lost (${d.code}${d.reason ? ` ${d.reason}` : ''})`,
          );
      for (const s of this.#streams.values()) s.down(err);
    });
    socket.on('frame', (f) => this.#route(f));
    // Started after the caller had a chance to attach listeners.
    queueMicrotask(() => {
      if (socket.state !== 'closed') socket.start();
    });
  }

  get state(): ConnectionState {
    return this.#socket.state;
  }

  /** The transport in use (or being tried): 'websocket', 'sse' or 'long-poll'. */
  get transport(): TransportName {
    return this.#socket.transport;
  }

  /** The latest `welcome`: this connection's id, the heartbeat and the gateway's limits. */
  get welcome(): Welcome | undefined {
    return this.#socket.welcome;
  }

  /** The `exp` of the open connection's token, in seconds since the epoch (from `welcome`, then each refresh). */
  get exp(): number | undefined {
    return this.#socket.exp;
  }

  /** Why the client stopped reconnecting, while its state is `stopped`. */
  get stopped(): Stopped | undefined {
    return this.#socket.stopped;
  }

  /** Frames waiting for their stream to be joined. */
  get queued(): number {
    return this.#queue.size;
  }

  /** Every stream the application has used, with its state. */
  get streams(): { name: string; state: StreamState }[] {
    return [...this.#streams.values()].map((s) => ({ name: s.name, state: s.state }));
  }

  /**
   * The stream of that name: the same object on every call. Throws
   * MuxError(bad_stream) when the name does not match the protocol's grammar.
   */
  stream<T extends StreamTypes = StreamTypes>(name: string): Stream<T> {
    const known = this.#streams.get(name);
    if (known) return known as Stream<T>;
    if (!parseStream(name))
      throw new MuxError(ErrorCode.BadStream, `bad stream name ${JSON.stringify(name)}`, {
        stream: name,
      });
    const s = new Stream<T>(name, this.#host);
    this.#streams.set(name, s);
    return s;
  }

  /**
   * Resolves when the socket is open (at once if it is); rejects with
   * `closed` if the client is closed first, and with `stopped` if it stops.
   */
  ready(): Promise<Welcome> {
    const welcome = this.#socket.welcome;
    if (this.state === 'open' && welcome) return Promise.resolve(welcome);
    if (this.state === 'closed')
      return Promise.reject(new MuxError(ClientErrorCode.Closed, 'the client is closed'));
    const stopped = this.#socket.stopped;
    if (this.state === 'stopped' && stopped) return Promise.reject(stoppedError(stopped));
    return new Promise((resolve, reject) => {
      const offs = [
        this.once('open', (w) => {
          offs.forEach((off) => off());
          resolve(w);
        }),
        this.once('closed', () => {
          offs.forEach((off) => off());
          reject(new MuxError(ClientErrorCode.Closed, 'the client was closed'));
        }),
        this.once('stopped', (why) => {
          offs.forEach((off) => off());
          reject(stoppedError(why));
        }),
      ];
    });
  }

  /** Reconnects now: from `stopped` whatever stopped it, or instead of waiting out the backoff. */
  reconnect(): void {
    this.#socket.reconnect();
  }

  /**
   * Replaces the token (or token function). An open connection refreshes
   * with it at once; a client stopped for want of a new token reconnects.
   */
  setToken(token: TokenSource | undefined): void {
    this.#socket.setToken(token);
  }

  /** Retries now instead of after the backoff, or pings an open link; the page calls it on `online` and `visible`. */
  wake(why: WakeReason | 'manual' = 'manual'): void {
    this.#socket.wake(why);
  }

  /** Closes the socket for good. Pending joins, requests and queued frames fail with `closed`. */
  close(): void {
    this.#socket.close();
    const err = new MuxError(ClientErrorCode.Closed, 'the client was closed');
    for (const s of this.#streams.values()) s.closed(err);
  }

  #route(f: ServerFrame): void {
    if (f.type === 'pong' || f.type === 'welcome' || f.type === 'refreshed') return;
    if (f.type === 'joined' && f.ref === undefined) return this.#serverOpened(f);
    const s = f.stream === undefined ? undefined : this.#streams.get(f.stream);
    if (s) return s.handle(f);
    if (f.type === 'error') this.emit('error', new MuxError(f.code, f.message));
  }

  /** §4.9: a stream the gateway opened by itself. */
  #serverOpened(f: Extract<ServerFrame, { type: 'joined' }>): void {
    if (!parseStream(f.stream)) return;
    const s = this.stream(f.stream);
    const fresh = s.state === 'idle' || s.state === 'left';
    s.handle(f);
    if (fresh && (s.state as StreamState) === 'joined')
      this.emit('serverStream', { stream: s, payload: f.payload });
  }

  #encode(frame: ClientFrame): WireFrame {
    const text = this.#socket.codec.encode(this.#traced(frame));
    const max = this.#socket.welcome?.limits.max_frame_bytes;
    if (max !== undefined && this.#socket.codec.exceeds(text, max))
      throw new MuxError(
        ClientErrorCode.TooLarge,
        `frame is larger than the gateway's limit of ${max} bytes`,
        'stream' in frame ? { stream: frame.stream } : {},
      );
    return text;
  }

  /** The frame with the hook's traceparent, when it has none of its own. */
  #traced(frame: ClientFrame): ClientFrame {
    const hook = this.#traceparent;
    if (
      !hook ||
      frame.type === 'ping' ||
      frame.type === 'refresh' ||
      frame.type === 'presence' ||
      frame.traceparent
    )
      return frame;
    const traceparent = askHook(hook, { type: frame.type, stream: frame.stream });
    return traceparent === undefined ? frame : { ...frame, traceparent };
  }
}

/** Tracing never costs a frame: a hook that throws or answers a non-string adds nothing. */
function askHook(
  hook: NonNullable<ClientOptions['traceparent']>,
  frame: TracedFrame,
): string | undefined {
  try {
    const value = hook(frame);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function stoppedError(why: Stopped): MuxError {
  return new MuxError(ClientErrorCode.Stopped, `the client stopped: ${why.reason} (${why.code})`);
}

/**
 * Opens a client: one socket to the gateway, connecting in the background.
 * `await client.ready()` to wait for it; joins and sends wait by themselves.
 */
export function connect(url: string, opts: ClientOptions = {}): MuxClient {
  return new MuxClient(url, opts);
}
