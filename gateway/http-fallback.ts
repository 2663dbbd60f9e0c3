// The connections of the HTTP fallbacks (PROTOCOL.md §4.5) that this gateway
// holds, by their session secret, and what a poll or a send does to them.
// A poll or send may reach any gateway (no sticky sessions): the secret
// names the gateway holding the connection (`<gateway>.<random>`), and one
// that is not this gateway's is forwarded to it over the bus
// (`mux.gateway.<gateway>.http`, request/reply), which answers the status
// and body the client gets. The gateway id only routes; the random part,
// looked up on its owner, is the credential, so a forged or stale secret is
// 404 wherever it lands.
import { randomBytes } from 'node:crypto';
import { NoRespondersError, type Bus, type BusMessage, type Subscription } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import type { Logger } from '../lib/log.ts';
import { HttpForward, HttpForwardReply, HttpOp } from '../proto/index.ts';
import { CloseCode } from '../protocol/codes.ts';
import { splitJsonArray } from './http-body.ts';
import { HttpTransport, type HttpTransportLimits } from './http-transport.ts';

/** What a poll or a send answers over HTTP. */
export interface HttpAnswer {
  status: number;
  /** JSON text; none for 204. */
  body?: string | Buffer;
}

/** The session of a connection, as far as this module needs it. */
export interface HttpConnection {
  shutdown(code: number, reason: string): void;
  /** The transport has ended: its streams leave (Session.socketClosed). */
  socketClosed(code: number): void;
}

export interface HttpConnectionsDeps {
  gatewayId: string;
  bus: Bus;
  subjects: Subjects;
  log: Logger;
  limits: HttpTransportLimits;
  maxFrameBytes: number;
  /** A send's body, at most (MUX_HTTP_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Sends of one connection that may wait to be read at once; more are 429 (MUX_HTTP_MAX_PENDING_SENDS). */
  maxPendingSends: number;
}

interface Entry {
  transport: HttpTransport;
  conn: HttpConnection | undefined;
  /** Sends are applied one after the other, in the order they arrived. */
  sends: Promise<unknown>;
  pendingSends: number;
}

/** Beyond the poll timeout, how long a forwarded request may take. */
const FORWARD_MARGIN_MS = 10_000;

const json = (status: number, value: unknown): HttpAnswer => ({
  status,
  body: JSON.stringify(value),
});
const UNKNOWN = json(404, { error: 'unknown_session', message: 'no such session' });

export class HttpConnections {
  readonly #entries = new Map<string, Entry>();
  readonly #prefix: string;
  #sub: Subscription | undefined;

  constructor(readonly deps: HttpConnectionsDeps) {
    this.#prefix = `${deps.gatewayId}.`;
  }

  start(): void {
    const { bus, subjects, gatewayId } = this.deps;
    this.#sub = bus.subscribe(subjects.httpForward(gatewayId), (m) => void this.#forwarded(m));
  }

  stop(): void {
    this.#sub?.unsubscribe();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Bytes waiting for a connection of this gateway, for tests and diagnostics. */
  bufferedAmount(secret: string): number | undefined {
    return this.#entries.get(secret)?.transport.bufferedAmount;
  }

  /**
   * A new connection's transport and secret; `bind` makes its session and
   * returns it (the caller starts it once bound).
   */
  open(bind: (transport: HttpTransport, secret: string) => HttpConnection): HttpTransport {
    const secret = `${this.#prefix}${randomBytes(18).toString('base64url')}`;
    const entry: Entry = {
      transport: undefined as unknown as HttpTransport,
      conn: undefined,
      sends: Promise.resolve(),
      pendingSends: 0,
    };
    entry.transport = new HttpTransport(secret, this.deps.limits, {
      closed: (code) => entry.conn?.socketClosed(code),
      forget: () => {
        if (this.#entries.get(secret) === entry) this.#entries.delete(secret);
      },
    });
    this.#entries.set(secret, entry);
    entry.conn = bind(entry.transport, secret);
    return entry.transport;
  }

  /** A long poll, here or on the gateway named by the secret. `aborted` fires if the client leaves first. */
  poll(secret: string, aborted?: AbortSignal): Promise<HttpAnswer> {
    if (!secret.startsWith(this.#prefix)) return this.#forward(HttpOp.HTTP_OP_POLL, secret);
    return this.#poll(secret, aborted);
  }

  /** A send, here or on the gateway named by the secret. */
  send(secret: string, body: Buffer): Promise<HttpAnswer> {
    if (!secret.startsWith(this.#prefix)) return this.#forward(HttpOp.HTTP_OP_SEND, secret, body);
    return this.#send(secret, body);
  }

  /** The client closes the connection (muxgate's addition): its streams leave at once. */
  close(secret: string): Promise<HttpAnswer> {
    if (!secret.startsWith(this.#prefix)) return this.#forward(HttpOp.HTTP_OP_CLOSE, secret);
    return Promise.resolve(this.#close(secret));
  }

  #close(secret: string): HttpAnswer {
    const entry = this.#entries.get(secret);
    if (!entry) return UNKNOWN;
    entry.conn?.shutdown(CloseCode.Normal, 'client closed');
    return { status: 204 };
  }

  async #poll(secret: string, aborted?: AbortSignal): Promise<HttpAnswer> {
    const entry = this.#entries.get(secret);
    if (!entry) return UNKNOWN;
    const t = entry.transport;
    const onAbort = (): void => t.cancelPoll();
    aborted?.addEventListener('abort', onAbort, { once: true });
    try {
      const a = await t.poll();
      if (a.kind === 'closed') return closedAnswer(a.code, a.reason);
      return { status: 200, body: frameArray(a.frames) };
    } finally {
      aborted?.removeEventListener('abort', onAbort);
    }
  }

  async #send(secret: string, body: Buffer): Promise<HttpAnswer> {
    const entry = this.#entries.get(secret);
    if (!entry) return UNKNOWN;
    const { transport: t, conn } = entry;
    if (t.isClosed) return json(410, { error: 'closed', message: 'the connection has closed' });
    if (body.length > this.deps.maxBodyBytes) {
      conn?.shutdown(CloseCode.TooLarge, 'body too large');
      return json(413, {
        error: 'too_large',
        message: `a send's body is at most ${this.deps.maxBodyBytes} bytes`,
      });
    }
    const frames = splitJsonArray(body.toString('utf8'));
    if (!frames)
      return json(400, { error: 'bad_body', message: 'the body must be a JSON array of frames' });
    if (entry.pendingSends >= this.deps.maxPendingSends)
      return json(429, { error: 'rate_limited', message: 'too many sends waiting; slow down' });
    entry.pendingSends++;
    const applied = entry.sends.then(() => this.#apply(entry, frames));
    entry.sends = applied.catch(() => undefined);
    try {
      return await applied;
    } finally {
      entry.pendingSends--;
    }
  }

  async #apply(entry: Entry, frames: readonly string[]): Promise<HttpAnswer> {
    const { transport: t, conn } = entry;
    // As a WebSocket is not read while the client is throttled, held or
    // backed up, its send is not read either: the client's next send waits.
    await t.readable();
    for (const text of frames) {
      if (t.isClosed) break;
      const bytes = Buffer.byteLength(text);
      if (bytes > this.deps.maxFrameBytes) {
        conn?.shutdown(CloseCode.TooLarge, 'frame too large');
        return json(413, {
          error: 'too_large',
          message: `a frame is at most ${this.deps.maxFrameBytes} bytes`,
        });
      }
      t.receive(text, bytes);
    }
    return { status: 204 };
  }

  async #forward(
    op: (typeof HttpOp)[keyof typeof HttpOp],
    secret: string,
    body?: Buffer,
  ): Promise<HttpAnswer> {
    const owner = secret.slice(0, secret.indexOf('.'));
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(owner)) return UNKNOWN;
    const { bus, subjects, limits } = this.deps;
    const data = HttpForward.encode({ op, session: secret, body }).finish();
    try {
      const m = await bus.request(subjects.httpForward(owner), data, {
        timeoutMs: limits.pollTimeoutMs + FORWARD_MARGIN_MS,
      });
      const reply = HttpForwardReply.decode(m.data);
      return {
        status: reply.status,
        ...(reply.body.length > 0 && { body: Buffer.from(reply.body) }),
      };
    } catch (err) {
      // The gateway is gone, and its connections with it.
      if (err instanceof NoRespondersError) return UNKNOWN;
      this.deps.log.warn({ err, owner }, 'forwarding an HTTP transport request failed');
      return json(503, { error: 'unavailable', message: 'the connection could not be reached' });
    }
  }

  async #forwarded(m: BusMessage): Promise<void> {
    let a: HttpAnswer;
    try {
      const f = HttpForward.decode(m.data);
      if (!f.session.startsWith(this.#prefix)) a = UNKNOWN;
      else if (f.op === HttpOp.HTTP_OP_POLL) a = await this.#poll(f.session);
      else if (f.op === HttpOp.HTTP_OP_SEND) a = await this.#send(f.session, Buffer.from(f.body));
      else if (f.op === HttpOp.HTTP_OP_CLOSE) a = this.#close(f.session);
      else a = json(400, { error: 'bad_request', message: 'unknown operation' });
    } catch (err) {
      this.deps.log.warn({ err }, 'forwarded HTTP transport request failed');
      a = json(500, { error: 'internal' });
    }
    const body = typeof a.body === 'string' ? Buffer.from(a.body) : a.body;
    this.deps.bus.respond(m, HttpForwardReply.encode({ status: a.status, body }).finish());
  }
}

/** 410: the connection has closed; the close code and reason, as a WebSocket's close would say. */
function closedAnswer(code: number, reason: string): HttpAnswer {
  return json(410, { error: 'closed', code, reason });
}

/** Frames are JSON text already: the array is spliced, not stringified again. */
function frameArray(frames: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [OPEN];
  frames.forEach((f, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(typeof f === 'string' ? Buffer.from(f) : f);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
