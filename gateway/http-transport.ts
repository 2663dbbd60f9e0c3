// The Transport of the HTTP fallbacks (PROTOCOL.md §4.5): a Session writes to
// it exactly as to a WebSocket. Its frames reach the client through a sink
// attached for a while: an SSE response (each frame an event) or a long poll
// (every frame queued, answered as one JSON array). Frames written while no
// sink is attached wait in the queue.
//
// Limits, as WsTransport's (docs/security.md, "A client that does not read"):
// - the unsent bytes (the queue and the SSE response's unflushed bytes) are
//   judged once per task: over maxBufferedBytes the client is cut
//   (listener.overloaded), so a poll client that stops polling is cut once
//   that much waits for it;
// - over an eighth of it, the client's sends are not read (readable() waits)
//   until a sixteenth is left;
// - with no SSE response and no poll attached for idleMs (2 × heartbeat), the
//   connection is dropped (its streams leave), like a WebSocket that stopped
//   answering pings.
import type { ServerResponse } from 'node:http';
import {
  READ_RESUMES_AT,
  READ_STOPS_AT,
  type Transport,
  type TransportListener,
} from './transport.ts';

export interface HttpTransportLimits {
  maxBufferedBytes: number;
  /** Time without an attached SSE response or poll after which the connection is dropped. */
  idleMs: number;
  /** How long a poll waits for a frame before it is answered `[]`. */
  pollTimeoutMs: number;
}

/** What a poll is answered: frames (a JSON array's elements), or the connection's end. */
export type PollAnswer =
  | { kind: 'frames'; frames: readonly (string | Buffer)[] }
  | { kind: 'closed'; code: number; reason: string };

/** What the transport tells whoever holds it (the registry of HTTP connections). */
export interface HttpTransportOwner {
  /** The connection has ended: call the session's socketClosed(code). Called once. */
  closed(code: number): void;
  /** Nothing more will be asked of this transport: forget its session secret. */
  forget(): void;
}

interface Waiting {
  answer(a: PollAnswer): void;
  timer: NodeJS.Timeout;
}

const READ_POLL_MS = 10;
/** After the close, how long the close stays readable by a poll before the secret is forgotten. */
const TOMBSTONE_MS = 10_000;

export class HttpTransport implements Transport {
  #listener: TransportListener | undefined;
  #queue: (string | Buffer)[] = [];
  #queuedBytes = 0;
  #sse: ServerResponse | undefined;
  #poll: Waiting | undefined;
  #idle: NodeJS.Timeout | undefined;
  #closed: { code: number; reason: string } | undefined;
  #judging = false;
  #overloaded = false;
  /** Reads stopped by throttle() until this returns 0. */
  #throttle: (() => number) | undefined;
  /** Reads stopped by hold() until this settles. */
  #hold: Promise<unknown> | undefined;
  #forgotten = false;

  constructor(
    /** The connection's secret (welcome.session). */
    readonly secret: string,
    readonly limits: HttpTransportLimits,
    readonly owner: HttpTransportOwner,
  ) {
    this.#startIdle();
  }

  listen(listener: TransportListener): void {
    this.#listener = listener;
  }

  get isClosed(): boolean {
    return this.#closed !== undefined;
  }

  // ---- the sinks ----

  /** Streams every frame, queued ones first, as SSE events to `res` until it closes. */
  attachSse(res: ServerResponse): void {
    this.#clearIdle();
    this.#sse = res;
    for (const f of this.#takeQueue()) res.write(sseEvent(f));
    res.once('close', () => {
      if (this.#sse !== res) return;
      this.#sse = undefined;
      if (!this.#closed) this.#startIdle();
    });
  }

  /**
   * A long poll: resolves with what is queued as soon as there is something
   * (the frames of one task together), with `[]` after pollTimeoutMs, or with
   * the close once the connection has ended and its frames were taken. A
   * newer poll answers the older one `[]`.
   */
  poll(): Promise<PollAnswer> {
    this.#answerPoll({ kind: 'frames', frames: [] });
    if (this.#queue.length > 0) {
      if (!this.#closed) this.#startIdle();
      return Promise.resolve({ kind: 'frames', frames: this.#takeQueue() });
    }
    if (this.#closed) {
      this.#finish();
      return Promise.resolve({ kind: 'closed', ...this.#closed });
    }
    this.#clearIdle();
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.#answerPoll({ kind: 'frames', frames: [] }),
        this.limits.pollTimeoutMs,
      );
      this.#poll = { answer: resolve, timer };
    });
  }

  /** The client went away before its poll was answered: its frames stay queued. */
  cancelPoll(): void {
    const p = this.#poll;
    if (!p) return;
    clearTimeout(p.timer);
    this.#poll = undefined;
    if (!this.#closed) this.#startIdle();
  }

  /**
   * Resolves when the client's next send may be read: not while reading is
   * throttled, held, or stopped for the bytes that wait for the client.
   */
  async readable(): Promise<void> {
    for (;;) {
      if (this.#closed) return;
      const ms = this.#throttle?.() ?? 0;
      if (ms > 0) {
        await sleep(ms);
        continue;
      }
      this.#throttle = undefined;
      if (this.#hold) {
        await this.#hold.catch(() => undefined);
        this.#hold = undefined;
        continue;
      }
      if (this.bufferedAmount > this.limits.maxBufferedBytes * READ_STOPS_AT) {
        while (
          !this.#closed &&
          this.bufferedAmount > this.limits.maxBufferedBytes * READ_RESUMES_AT
        )
          await sleep(READ_POLL_MS);
        continue;
      }
      return;
    }
  }

  /** One client frame, `bytes` long in UTF-8. */
  receive(text: string, bytes: number): void {
    if (!this.#closed) this.#listener?.receive(text, bytes);
  }

  // ---- Transport ----

  send(frame: string | Buffer): void {
    if (this.#closed) return;
    if (this.#sse) this.#sse.write(sseEvent(frame));
    else {
      this.#queue.push(frame);
      this.#queuedBytes += frame.length;
    }
    this.#judgeAtEndOfTask();
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = { code, reason };
    const sse = this.#sse;
    if (sse) {
      // A named event: EventSource's onmessage, which carries the frames, never sees it.
      sse.end(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
      this.#sse = undefined;
    }
    if (this.#poll && this.#queue.length > 0)
      this.#answerPoll({ kind: 'frames', frames: this.#takeQueue() });
    else if (this.#poll) this.#answerPoll({ kind: 'closed', code, reason });
    // Until a poll takes the rest and the close, or nobody asks any more.
    if (sse || this.#queue.length === 0) this.#finishSoon(sse ? 0 : TOMBSTONE_MS);
    else this.#finishSoon(Math.max(TOMBSTONE_MS, this.limits.idleMs));
    queueMicrotask(() => this.owner.closed(code));
  }

  abort(code: number, reason: string): void {
    this.#dropQueue();
    this.close(code, reason);
  }

  terminate(): void {
    this.#dropQueue();
    this.#sse?.destroy();
    this.#sse = undefined;
    this.close(ABNORMAL, 'connection dropped');
  }

  heartbeat(): boolean {
    if (this.#closed) return false;
    // A comment line: proxies that cut idle responses see traffic; EventSource ignores it.
    this.#sse?.write(':\n\n');
    return true;
  }

  get bufferedAmount(): number {
    return this.#queuedBytes + (this.#sse?.writableLength ?? 0);
  }

  throttle(wait: () => number): void {
    this.#throttle ??= wait;
  }

  hold(until: Promise<unknown>): void {
    this.#hold ??= until;
  }

  // ---- internals ----

  #judgeAtEndOfTask(): void {
    if (this.#judging) return;
    this.#judging = true;
    queueMicrotask(() => {
      this.#judging = false;
      if (this.#closed) return;
      if (this.bufferedAmount > this.limits.maxBufferedBytes) {
        if (!this.#overloaded) {
          this.#overloaded = true;
          this.#listener?.overloaded();
        }
        return;
      }
      // A waiting poll takes the task's frames at once, together.
      if (this.#poll && this.#queue.length > 0)
        this.#answerPoll({ kind: 'frames', frames: this.#takeQueue() });
    });
  }

  #answerPoll(a: PollAnswer): void {
    const p = this.#poll;
    if (!p) return;
    clearTimeout(p.timer);
    this.#poll = undefined;
    p.answer(a);
    if (a.kind === 'closed') this.#finish();
    else if (!this.#closed) this.#startIdle();
  }

  #takeQueue(): (string | Buffer)[] {
    const q = this.#queue;
    this.#dropQueue();
    return q;
  }

  #dropQueue(): void {
    this.#queue = [];
    this.#queuedBytes = 0;
  }

  #startIdle(): void {
    this.#clearIdle();
    this.#idle = setTimeout(() => {
      this.#idle = undefined;
      if (this.#sse || this.#poll || this.#closed) return;
      this.terminate();
    }, this.limits.idleMs);
    this.#idle.unref();
  }

  #clearIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = undefined;
  }

  #finishSoon(ms: number): void {
    this.#clearIdle();
    if (ms === 0) return this.#finish();
    this.#idle = setTimeout(() => this.#finish(), ms);
    this.#idle.unref();
  }

  #finish(): void {
    this.#clearIdle();
    if (this.#forgotten) return;
    this.#forgotten = true;
    this.owner.forget();
  }
}

/** 1006: the connection ended without a close (the idle limit, drain's deadline). */
export const ABNORMAL = 1006;

/**
 * One SSE event whose data is the frame. JSON.stringify escapes newlines,
 * but a service's payload is spliced in as written and may hold some between
 * tokens: each line becomes its own `data:` line, which EventSource joins
 * back with "\n".
 */
export function sseEvent(frame: string | Buffer): string {
  const text = typeof frame === 'string' ? frame : frame.toString('utf8');
  const body =
    text.includes('\n') || text.includes('\r') ? text.replace(/\r\n|\r|\n/g, '\ndata: ') : text;
  return `data: ${body}\n\n`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
