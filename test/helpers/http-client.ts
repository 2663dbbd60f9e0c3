// A test client of the HTTP fallbacks (PROTOCOL.md §4.5) that knows only the
// protocol: `GET /v1/sse` or `GET /v1/poll` for the gateway's frames,
// `POST /v1/send` for its own. Same surface as TestClient (client.ts), so
// the conformance suites run over it unchanged. Polls and sends may go to
// several gateways in turn (`bases`), as through a round-robin balancer.
import type { ServerFrame } from '../../protocol/frames.ts';
import { readEventStream } from '../../client/sse-reader.ts';
import type { OpenOptions } from './client.ts';

import { FrameQueue, type Frame } from './frame-queue.ts';

export interface HttpOpenOptions extends OpenOptions {
  mode: 'sse' | 'poll';
  /** Gateways (http://host:port) that polls and sends go to in turn; default the one opened. */
  bases?: string[];
  /** Query of the opening request, e.g. { token }. */
  query?: Record<string, string>;
}

export class HttpOpenError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`opening refused with HTTP ${status}`);
  }
}

export class HttpTestClient extends FrameQueue {
  readonly closed: Promise<{ code: number; reason: string }>;
  welcome: Extract<ServerFrame, { type: 'welcome' }> | undefined;
  session = '';
  /** Statuses of every send, in order. */
  readonly sendStatuses: number[] = [];
  #close!: (c: { code: number; reason: string }) => void;
  #isClosed = false;
  readonly #abort = new AbortController();
  #turn = 0;
  #outbox: string[] = [];
  #sending: Promise<void> = Promise.resolve();

  private constructor(readonly opts: HttpOpenOptions & { bases: string[] }) {
    super();
    this.closed = new Promise((resolve) => (this.#close = resolve));
  }

  get mode(): 'sse' | 'poll' {
    return this.opts.mode;
  }

  /** `url` is the gateway's ws://host:port/ws, as TestClient takes it. */
  static async open(url: string, opts: HttpOpenOptions): Promise<HttpTestClient> {
    const base = url.replace(/^ws/, 'http').replace(/\/ws$/, '');
    const c = new HttpTestClient({ ...opts, bases: opts.bases ?? [base] });
    const q = new URLSearchParams(opts.query).toString();
    const first = `${base}/v1/${opts.mode}${q ? `?${q}` : ''}`;
    if (opts.mode === 'poll') {
      const res = await fetch(first, { headers: opts.headers, signal: c.#abort.signal });
      const text = await res.text();
      if (res.status !== 200) throw new HttpOpenError(res.status, text);
      const frames = JSON.parse(text) as Frame[];
      c.session = String(frames[0]?.session);
      c.#push(frames);
      void c.#pollLoop();
    } else {
      let status!: (s: number) => void;
      const got = new Promise<number>((resolve) => (status = resolve));
      let body = '';
      readEventStream(first, opts.headers, c.#abort.signal, {
        status: (s) => status(s),
        event: (type, data) => {
          if (type === 'close')
            return c.#ended(JSON.parse(data) as { code: number; reason: string });
          body ||= data;
          c.#push([JSON.parse(data) as Frame]);
        },
      }).then(
        () => c.#ended({ code: 1006, reason: 'event stream ended' }),
        () => c.#ended({ code: 1006, reason: 'event stream lost' }),
      );
      const s = await got;
      if (s !== 200) throw new HttpOpenError(s, body);
    }
    const w = await c.next((f) => f.type === 'welcome', 5000);
    c.welcome = w as HttpTestClient['welcome'];
    c.session = String(w.session);
    if (opts.raw) c.frames.unshift(w);
    return c;
  }

  /** The next gateway in turn. */
  base(): string {
    const b = this.opts.bases;
    return b[this.#turn++ % b.length]!;
  }

  send(frame: object): void {
    this.sendRaw(JSON.stringify(frame));
  }

  /** One element of the next send's array, as written (several in one task share a request). */
  sendRaw(text: string): void {
    this.#outbox.push(text);
    if (this.#outbox.length === 1) queueMicrotask(() => this.#flush());
  }

  /** A send with this exact body; resolves with the response. */
  async post(body: string, path = 'send'): Promise<{ status: number; body: string }> {
    const res = await fetch(
      `${this.base()}/v1/${path}?session=${encodeURIComponent(this.session)}`,
      {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'text/plain', ...this.opts.headers },
      },
    );
    return { status: res.status, body: await res.text() };
  }

  #flush(): void {
    const batch = this.#outbox;
    this.#outbox = [];
    this.#sending = this.#sending.then(async () => {
      if (this.#isClosed) return;
      const r = await this.post(`[${batch.join(',')}]`).catch(() => ({ status: 0, body: '' }));
      this.sendStatuses.push(r.status);
    });
  }

  async #pollLoop(): Promise<void> {
    while (!this.#isClosed) {
      let res: Response;
      try {
        res = await fetch(`${this.base()}/v1/poll?session=${encodeURIComponent(this.session)}`, {
          headers: this.opts.headers,
          signal: this.#abort.signal,
        });
      } catch {
        return this.#ended({ code: 1006, reason: 'poll failed' });
      }
      const text = await res.text();
      if (res.status === 200) this.#push(JSON.parse(text) as Frame[]);
      else if (res.status === 410)
        return this.#ended(JSON.parse(text) as { code: number; reason: string });
      else return this.#ended({ code: 1006, reason: `poll answered ${res.status}` });
    }
  }

  #push(frames: Frame[]): void {
    this.frames.push(...frames);
  }

  #ended(c: { code: number; reason: string }): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#abort.abort();
    this.#close(c);
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** Closes as the client library does: POST /v1/close, then stops reading. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    await this.#sending;
    await this.post('', 'close').catch(() => undefined);
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
    this.#ended({ code: 1000, reason: 'client closed' });
  }

  /** Stops reading without telling the gateway (a client that went away). */
  vanish(): void {
    this.#ended({ code: 1006, reason: 'vanished' });
  }
}
