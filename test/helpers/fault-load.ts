// Traffic for fault tests, with a ledger of every request: what was sent
// when, and how it ended (acked, or the error the gateway or service gave).
// A LoadClient holds one WebSocket to a gateway and one stream on it; when
// its socket closes it reconnects to the next gateway (a load balancer's
// job) and rejoins with the last `pos` it saw, as the client library does,
// so a member that was moved still gets every message of its durable group.
// A stream the gateway ends with `left` `unavailable` (its NATS connection
// came back: group messages may have been lost) is joined again the same way.
import WebSocket from 'ws';

type Frame = Record<string, unknown> & { type: string };

export interface Outcome {
  /** What the request carried: a chat text, a dashboard key, "echo-<n>". */
  id: string;
  sentAt: number;
  /** 'ack', or the error code (`timeout`, `unavailable`, the service's own). */
  result?: string;
  doneAt?: number;
}

export interface JoinOutcome {
  at: number;
  ok: boolean;
  code?: string;
  /** A rejoin with `since`: whether the gateway could replay what was missed (PROTOCOL.md §4). */
  recovered?: boolean;
}

export interface LoadOptions {
  /** Gateways' ws:// URLs: the first is used first, the next after a close. */
  urls: string[];
  stream: string;
  joinPayload?: unknown;
  headers?: Record<string, string>;
  /** Joins again after a failed join, as an application would (default true). */
  retryJoins?: boolean;
  /** Called with each `msg` payload on the stream. */
  onMsg?: (payload: Record<string, unknown>, pos: string | undefined) => void;
  /**
   * Called with a rejoin's `joined` payload when the gateway could not replay
   * what was missed (`recovered: false`): the client reloads from the payload.
   */
  onReload?: (payload: Record<string, unknown>) => void;
}

export class LoadClient {
  readonly outcomes: Outcome[] = [];
  readonly joins: JoinOutcome[] = [];
  /** When the gateway ended the stream with `left` `unavailable` (it is joined again). */
  readonly lefts: number[] = [];
  /** Close codes this client's sockets got, with when. */
  readonly closes: { code: number; at: number }[] = [];
  #ws: WebSocket | undefined;
  #urlIndex = 0;
  #ref = 0;
  #pos: string | undefined;
  #joined = false;
  #stopped = false;
  readonly #pending = new Map<string, Outcome>();

  constructor(readonly opts: LoadOptions) {}

  get joined(): boolean {
    return this.#joined;
  }

  get url(): string {
    return this.opts.urls[this.#urlIndex % this.opts.urls.length]!;
  }

  /** Connects and joins; resolves once joined (retrying joins that fail). */
  async start(): Promise<void> {
    this.#connect();
    const deadline = Date.now() + 60_000;
    while (!this.#joined) {
      if (this.#stopped) return;
      if (Date.now() > deadline) throw new Error(`${this.opts.stream}: not joined on ${this.url}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends a msg with a ref; the outcome is recorded when it is answered. */
  request(id: string, payload: unknown): void {
    if (!this.#joined || this.#ws?.readyState !== WebSocket.OPEN) return;
    const ref = `r${++this.#ref}`;
    const o: Outcome = { id, sentAt: Date.now() };
    this.outcomes.push(o);
    this.#pending.set(ref, o);
    this.#ws.send(JSON.stringify({ type: 'msg', stream: this.opts.stream, ref, payload }));
  }

  /** Requests not answered yet. */
  get inFlight(): number {
    return this.#pending.size;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((r) => ws.once('close', r));
    ws.close(1000);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
    ws.terminate();
  }

  #connect(): void {
    if (this.#stopped) return;
    const ws = new WebSocket(this.url, 'muxgate.v1.json', { headers: this.opts.headers });
    this.#ws = ws;
    ws.on('message', (data) => this.#frame(JSON.parse(String(data)) as Frame));
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (this.#ws !== ws) return;
      this.#joined = false;
      this.closes.push({ code, at: Date.now() });
      // Unanswered requests on a closed socket are lost to the client: say so.
      for (const o of this.#pending.values()) this.#done(o, 'closed');
      this.#pending.clear();
      this.#urlIndex++;
      setTimeout(() => this.#connect(), 200);
    });
  }

  #join(): void {
    const ref = `j${++this.#ref}`;
    this.#ws?.send(
      JSON.stringify({
        type: 'join',
        stream: this.opts.stream,
        ref,
        payload: this.opts.joinPayload,
        ...(this.#pos !== undefined && { since: this.#pos }),
      }),
    );
  }

  #frame(f: Frame): void {
    if (f.type === 'welcome') return this.#join();
    if (typeof f.ref === 'string' && f.ref.startsWith('j')) {
      if (f.type === 'joined') {
        this.joins.push({
          at: Date.now(),
          ok: true,
          ...(typeof f.recovered === 'boolean' && { recovered: f.recovered }),
        });
        this.#joined = true;
        if (f.recovered === false) {
          // Told: what it missed is not replayed; the payload is where it stands now.
          if (typeof f.pos === 'string') this.#pos = f.pos;
          this.opts.onReload?.(f.payload as Record<string, unknown>);
        } else if (typeof f.pos === 'string') this.#pos ??= f.pos;
        return;
      }
      if (f.type === 'error') {
        this.joins.push({ at: Date.now(), ok: false, code: String(f.code) });
        // As an application would: try again after a moment.
        if (this.opts.retryJoins !== false && !this.#stopped) setTimeout(() => this.#join(), 250);
      }
      return;
    }
    if (f.type === 'left' && f.stream === this.opts.stream && f.ref === undefined) {
      this.#joined = false;
      this.lefts.push(Date.now());
      if (f.code === 'unavailable' && this.opts.retryJoins !== false && !this.#stopped)
        setTimeout(() => this.#join(), 250);
      return;
    }
    if (f.type === 'msg' && f.stream === this.opts.stream) {
      const pos = typeof f.pos === 'string' ? f.pos : undefined;
      if (pos !== undefined) this.#pos = pos;
      this.opts.onMsg?.(f.payload as Record<string, unknown>, pos);
      return;
    }
    if ((f.type === 'reply' || f.type === 'error') && typeof f.ref === 'string') {
      const o = this.#pending.get(f.ref);
      if (!o) return;
      this.#pending.delete(f.ref);
      if (f.type === 'error') return this.#done(o, String(f.code));
      const p = f.payload as { error?: { code: string }; ok?: boolean } | undefined;
      this.#done(o, p?.error ? p.error.code : 'ack');
    }
  }

  #done(o: Outcome, result: string): void {
    o.result = result;
    o.doneAt = Date.now();
  }
}

/** Sends one request from each client every `everyMs`, until stopped. */
export class Pacer {
  #timer: NodeJS.Timeout | undefined;
  #n = 0;

  constructor(
    private readonly clients: LoadClient[],
    private readonly everyMs: number,
    private readonly make: (client: number, n: number) => { id: string; payload: unknown },
  ) {}

  start(): void {
    this.#timer = setInterval(() => {
      const n = this.#n++;
      this.clients.forEach((c, i) => {
        const { id, payload } = this.make(i, n);
        c.request(id, payload);
      });
    }, this.everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** Counts outcomes by result, e.g. { ack: 120, timeout: 3 }. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) out[o.result ?? 'pending'] = (out[o.result ?? 'pending'] ?? 0) + 1;
  return out;
}

/**
 * The longest time a client went without an acked request, among requests
 * sent in [from, to): from its last ack before a failure to its next ack
 * (what an outage costs a client sending steadily), the worst client's.
 */
export function longestGapMs(clients: readonly LoadClient[], from = 0, to = Infinity): number {
  let gap = 0;
  for (const c of clients) {
    const sorted = c.outcomes
      .filter((o) => o.sentAt >= from && o.sentAt < to)
      .sort((a, b) => a.sentAt - b.sentAt);
    // A gap that began before `from` counts from the last ack before it.
    let lastAck = c.outcomes
      .filter((o) => o.sentAt < from && o.result === 'ack')
      .reduce<number | undefined>((m, o) => Math.max(m ?? 0, o.sentAt), undefined);
    let failing = false;
    for (const o of sorted) {
      if (o.result === 'ack') {
        if (failing && lastAck !== undefined) gap = Math.max(gap, o.sentAt - lastAck);
        lastAck = o.sentAt;
        failing = false;
      } else if (o.result !== undefined) failing = true;
    }
  }
  return gap;
}

/** When the failed requests among those sent from `from` on were sent, relative to it: "+a..+b ms", or "none". */
export function failureSpan(outcomes: readonly Outcome[], from: number, to = Infinity): string {
  const t = outcomes
    .filter((o) => o.sentAt >= from && o.sentAt < to && o.result !== 'ack')
    .map((o) => o.sentAt - from);
  return t.length ? `+${Math.min(...t)}..+${Math.max(...t)} ms` : 'none';
}
