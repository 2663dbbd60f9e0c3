// The HTTP fallbacks (PROTOCOL.md §4.5) behind the WebSocket API the client
// already speaks (transport.ts), so a Link drives them as it drives a
// WebSocket: SseSocket receives over `GET /v1/sse` (the browser's
// EventSource, or sse-reader.ts over fetch in Node), PollSocket over
// `GET /v1/poll`; both send with `POST /v1/send`, one request at a time so
// frames keep their order, the frames of one task in one request.
import { SUBPROTOCOL_JSON } from '../protocol/version.ts';
import { readEventStream } from './sse-reader.ts';
import type { WebSocketLike } from './transport.ts';

type Handler<E> = { bivariant(ev: E): void }['bivariant'];

interface FetchResponse {
  status: number;
  text(): Promise<string>;
}
type FetchLike = (
  url: string,
  init: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
) => Promise<FetchResponse>;

const fetchOf = (): FetchLike => (globalThis as { fetch: FetchLike }).fetch;

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;
/** No close from the gateway: the connection was lost. */
const ABNORMAL = 1006;

/** `ws(s)://host/path/ws?token=…` → `http(s)://host/path/v1/<what>?token=…`. */
export function endpoint(socketUrl: string, what: 'sse' | 'poll' | 'send' | 'close'): URL {
  const u = new URL(socketUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = `${u.pathname.replace(/\/ws\/?$/, '').replace(/\/$/, '')}/v1/${what}`;
  return u;
}

abstract class HttpSocket implements WebSocketLike {
  readyState = CONNECTING;
  readonly protocol = SUBPROTOCOL_JSON;
  /** JSON only: the HTTP transports carry no binary frames (§4.5). */
  binaryType = 'blob';
  onopen: Handler<unknown> | null = null;
  onmessage: Handler<{ data: unknown }> | null = null;
  onclose: Handler<{ code: number; reason: string }> | null = null;
  onerror: Handler<unknown> | null = null;
  protected readonly url: string;
  protected readonly headers: Record<string, string> | undefined;
  protected readonly abort = new AbortController();
  protected session: string | undefined;
  #outbox: string[] = [];
  #sending = false;

  constructor(
    url: string,
    _protocols?: string | string[],
    opts?: { headers?: Record<string, string> },
  ) {
    this.url = url;
    this.headers = opts?.headers;
  }

  send(text: string): void {
    if (this.readyState !== OPEN) return;
    this.#outbox.push(text);
    if (!this.#sending) {
      this.#sending = true;
      queueMicrotask(() => void this.#flush());
    }
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === CLOSED) return;
    const session = this.session;
    this.#end();
    // Tells the gateway now, so the streams leave without waiting for its idle limit.
    if (session !== undefined)
      void fetchOf()(this.#url('close'), { method: 'POST', headers: this.#postHeaders() }).catch(
        () => undefined,
      );
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }

  /** `welcome` arrived with its session: the connection is open. */
  protected opened(welcomeText: string): void {
    let session: unknown;
    try {
      session = (JSON.parse(welcomeText) as { session?: unknown }).session;
    } catch {
      session = undefined;
    }
    if (typeof session !== 'string') return this.ended(ABNORMAL, 'no session in welcome');
    this.session = session;
    this.readyState = OPEN;
    this.onopen?.({});
    this.onmessage?.({ data: welcomeText });
  }

  protected frame(text: string): void {
    if (this.readyState === CONNECTING) this.opened(text);
    else if (this.readyState === OPEN) this.onmessage?.({ data: text });
  }

  /** The gateway closed the connection (a 410's or SSE `close` event's code), or it was lost. */
  protected ended(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    const opened = this.readyState === OPEN;
    this.#end();
    if (!opened) this.onerror?.({});
    this.onclose?.({ code, reason });
  }

  /** A 410's body: the close code and reason; anything else is a lost connection. */
  protected async endedBy(res: FetchResponse): Promise<void> {
    if (res.status === 410) {
      try {
        const b = JSON.parse(await res.text()) as { code?: unknown; reason?: unknown };
        if (typeof b.code === 'number')
          return this.ended(b.code, typeof b.reason === 'string' ? b.reason : '');
      } catch {
        // Not the gateway's answer.
      }
    }
    this.ended(ABNORMAL, `HTTP ${res.status}`);
  }

  #url(what: 'poll' | 'send' | 'close'): string {
    const u = endpoint(this.url, what);
    u.search = '';
    u.searchParams.set('session', this.session ?? '');
    return u.toString();
  }

  protected pollUrl(): string {
    return this.#url('poll');
  }

  // text/plain keeps a cross-origin send a simple request: no preflight.
  #postHeaders(): Record<string, string> {
    return { 'Content-Type': 'text/plain;charset=UTF-8', ...this.headers };
  }

  async #flush(): Promise<void> {
    try {
      while (this.#outbox.length > 0 && this.readyState === OPEN) {
        const batch = this.#outbox;
        this.#outbox = [];
        const res = await fetchOf()(this.#url('send'), {
          method: 'POST',
          body: `[${batch.join(',')}]`,
          headers: this.#postHeaders(),
          signal: this.abort.signal,
        });
        if (res.status !== 204) return await this.endedBy(res);
      }
    } catch {
      this.ended(ABNORMAL, 'send failed');
    } finally {
      this.#sending = false;
    }
  }

  #end(): void {
    this.readyState = CLOSED;
    this.#outbox = [];
    this.abort.abort();
  }
}

interface EventSourceLike {
  onmessage: ((ev: { data: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  addEventListener(type: string, listener: (ev: { data: string }) => void): void;
  close(): void;
}
type EventSourceConstructor = new (url: string) => EventSourceLike;

const globalEventSource = (): EventSourceConstructor | undefined =>
  (globalThis as { EventSource?: EventSourceConstructor }).EventSource;

export class SseSocket extends HttpSocket {
  constructor(
    url: string,
    protocols?: string | string[],
    opts?: { headers?: Record<string, string> },
  ) {
    super(url, protocols, opts);
    const sseUrl = endpoint(url, 'sse').toString();
    const ES = globalEventSource();
    const closed = (data: string): void => {
      try {
        const b = JSON.parse(data) as { code: number; reason?: string };
        this.ended(b.code, b.reason ?? '');
      } catch {
        this.ended(ABNORMAL, '');
      }
    };
    if (ES && !this.headers) {
      const es = new ES(sseUrl);
      this.abort.signal.addEventListener('abort', () => es.close());
      es.onmessage = (ev) => this.frame(ev.data);
      es.addEventListener('close', (ev) => closed(ev.data));
      // EventSource would reconnect, which opens another connection: this one is lost.
      es.onerror = () => {
        es.close();
        this.ended(ABNORMAL, 'event stream lost');
      };
      return;
    }
    readEventStream(sseUrl, this.headers, this.abort.signal, {
      status: (s) => {
        if (s !== 200) this.ended(ABNORMAL, `HTTP ${s}`);
      },
      event: (type, data) => (type === 'close' ? closed(data) : this.frame(data)),
    }).then(
      () => this.ended(ABNORMAL, 'event stream ended'),
      () => this.ended(ABNORMAL, 'event stream lost'),
    );
  }
}

export class PollSocket extends HttpSocket {
  constructor(
    url: string,
    protocols?: string | string[],
    opts?: { headers?: Record<string, string> },
  ) {
    super(url, protocols, opts);
    void this.#run();
  }

  async #run(): Promise<void> {
    let next = endpoint(this.url, 'poll').toString();
    let failures = 0;
    while (this.readyState !== CLOSED) {
      let res: FetchResponse;
      try {
        res = await fetchOf()(next, {
          ...(this.headers && { headers: this.headers }),
          signal: this.abort.signal,
        });
      } catch {
        // A kept-alive connection the server closed as the poll went out
        // fails with no answer: a poll is safe to ask again, once or twice.
        if (this.readyState === OPEN && ++failures <= POLL_RETRIES) continue;
        return this.ended(ABNORMAL, 'poll failed');
      }
      failures = 0;
      if (res.status !== 200) return await this.endedBy(res);
      let frames: unknown[];
      try {
        frames = JSON.parse(await res.text()) as unknown[];
      } catch {
        return this.ended(ABNORMAL, 'poll answer lost');
      }
      for (const frame of frames) {
        if (this.readyState === CLOSED) return;
        this.frame(JSON.stringify(frame));
      }
      next = this.pollUrl();
    }
  }
}

const POLL_RETRIES = 2;

/** Which fallbacks this runtime can use: EventSource in browsers, fetch streams in Node. */
export function sseAvailable(): boolean {
  if (globalEventSource()) return true;
  const g = globalThis as { fetch?: unknown; process?: { versions?: { node?: string } } };
  return typeof g.fetch === 'function' && typeof g.process?.versions?.node === 'string';
}

export function pollAvailable(): boolean {
  return typeof (globalThis as { fetch?: unknown }).fetch === 'function';
}
