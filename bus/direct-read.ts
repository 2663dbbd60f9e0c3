// Reading a JetStream stream without creating a consumer: direct gets
// (`$JS.API.DIRECT.GET.<stream>`, streams with `allow_direct`). Every
// replica that is current answers them, so reads go on while one node of an
// R3 stream is down, or while its leader is being elected; creating a
// consumer needs the meta leader and a placement, and failed for 40 to 50%
// of joins while a node was down (issue 11). A read costs nothing that grows
// with the stream either: a filtered consumer first counts what it has pending.
//
// nats-server 2.9 answers one message per request (batch gets are 2.11), so
// a range is read by walking `next_by_subj` in several sub-ranges at once,
// pipelined on the one connection. A request that times out or finds no
// responder (a node going away) is asked again, within a time budget.
import {
  JetStreamApiError,
  jetstreamManager,
  type JetStreamManager,
  type StoredMsg,
} from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { Headers } from './message.ts';

export interface DirectReadOptions {
  /** How long one request may take before it is asked again; default 500 ms. */
  attemptTimeoutMs?: number;
  /** How long one message's lookup may take, retries included, before it fails; default 5000 ms. */
  budgetMs?: number;
  /** Sub-ranges walked at once; default 8. */
  parallel?: number;
  /** A request unanswered this long is sent again, the first answer wins; default 100 ms. */
  hedgeAfterMs?: number;
  /** Copies of one request at most, one every `hedgeAfterMs`; default 5. */
  copies?: number;
}

export const DIRECT_READ_DEFAULTS = {
  attemptTimeoutMs: 500,
  budgetMs: 5000,
  parallel: 8,
  hedgeAfterMs: 100,
  copies: 5,
};

/** A stored message as a direct get returns it. */
export interface DirectMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
  /** The publisher's headers, without the ones the direct get adds. */
  readonly headers: Headers | undefined;
}

/** What a range read found, and where the subject's next message after it is (0: none). */
export interface RangeRead {
  readonly messages: DirectMessage[];
  readonly next: number;
}

// Headers a direct get adds to the stored message's own.
const ADDED = new Set(['Nats-Stream', 'Nats-Subject', 'Nats-Sequence', 'Nats-Time-Stamp']);

export class DirectReader {
  readonly #opts: typeof DIRECT_READ_DEFAULTS;
  #jsm: Promise<JetStreamManager> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    opts: DirectReadOptions = {},
  ) {
    this.#opts = { ...DIRECT_READ_DEFAULTS, ...opts };
  }

  #manager(): Promise<JetStreamManager> {
    // No API check at creation: a failed one would be kept with the promise.
    this.#jsm ??= jetstreamManager(this.nc, {
      timeout: this.#opts.attemptTimeoutMs,
      checkAPI: false,
    });
    return this.#jsm;
  }

  /** The message at `seq`, whatever its subject; undefined when none is kept there. */
  bySeq(stream: string, seq: number): Promise<DirectMessage | undefined> {
    return this.#get(stream, { seq });
  }

  /** The last message of a subject (wildcards allowed); undefined when it has none. */
  last(stream: string, subject: string): Promise<DirectMessage | undefined> {
    return this.#get(stream, { last_by_subj: subject });
  }

  /** The subject's first message at or after `seq` (wildcards allowed). */
  next(stream: string, subject: string, seq: number): Promise<DirectMessage | undefined> {
    return this.#get(stream, { next_by_subj: subject, seq: Math.max(1, seq) });
  }

  /**
   * Every message of the subject with lo <= seq <= hi, in order: the range
   * is split into sub-ranges walked at once, each costing one request per
   * message it holds, plus one.
   */
  async range(stream: string, subject: string, lo: number, hi: number): Promise<RangeRead> {
    if (hi < lo) return { messages: [], next: 0 };
    const width = Math.ceil((hi - lo + 1) / this.#opts.parallel);
    const parts: Array<Promise<RangeRead>> = [];
    for (let from = lo; from <= hi; from += width)
      parts.push(this.#walk(stream, subject, from, Math.min(hi, from + width - 1)));
    const done = await Promise.all(parts);
    return { messages: done.flatMap((p) => p.messages), next: done.at(-1)!.next };
  }

  /**
   * The subject's last `n` messages at or below `hi`, oldest first: ranges
   * that grow backwards from `hi` until they hold `n` or reach the stream's
   * start, so a busy subject costs about `n` requests whatever the stream holds.
   */
  async tail(stream: string, subject: string, n: number, hi: number): Promise<DirectMessage[]> {
    let out: DirectMessage[] = [];
    let width = Math.max(n, 1) * 2;
    for (let top = hi; top >= 1 && out.length < n;) {
      const lo = Math.max(1, top - width + 1);
      const { messages } = await this.range(stream, subject, lo, top);
      out = messages.concat(out);
      // The next range is sized by how densely the subject filled this one
      // (a room among many holds one message in twenty), at least 4 times wider when empty.
      const missing = n - out.length;
      const perSeq = messages.length / (top - lo + 1);
      width = perSeq > 0 ? Math.ceil((missing / perSeq) * 1.25) + n : width * 4;
      top = lo - 1;
    }
    return out.slice(Math.max(0, out.length - n));
  }

  async #walk(stream: string, subject: string, lo: number, hi: number): Promise<RangeRead> {
    const messages: DirectMessage[] = [];
    for (let seq = lo; ;) {
      const m = await this.next(stream, subject, seq);
      if (!m) return { messages, next: 0 };
      if (m.seq > hi) return { messages, next: m.seq };
      messages.push(m);
      seq = m.seq + 1;
    }
  }

  async #get(
    stream: string,
    query: { seq: number } | { last_by_subj: string } | { next_by_subj: string; seq: number },
  ): Promise<DirectMessage | undefined> {
    const jsm = await this.#manager();
    // Hedged: a hung node (SIGSTOP) keeps its share of the stream's direct
    // get subscription until its routes are found stale (nats-server 2.9.10
    // never finds a busy one stale), and a request sent there is lost: one
    // in three of an R3 stream's. Each copy goes to a random replica again.
    // With two copies, a join's walk of a dozen gets lost both of one (a
    // whole attempt, 0.6 s) about once, and joins outlasted their timeout.
    const { hedgeAfterMs, copies } = this.#opts;
    const m = await retrying(this.#opts.budgetMs, () =>
      hedged(hedgeAfterMs, () => jsm.direct.getMessage(stream, query), copies),
    );
    return m ? toMessage(m) : undefined;
  }
}

/**
 * Runs a request again while it fails (a timeout, no responders, a replica
 * going away), with growing pauses, until `budgetMs` has passed. An error
 * the server answered with (a JetStream API error: no such stream) is final.
 */
export async function retrying<T>(budgetMs: number, request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (err) {
      const pause = Math.min(25 * 2 ** attempt, 500);
      if (answered(err) || Date.now() + pause >= deadline) throw err;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/**
 * The first success of `request`, sent again every `afterMs` while no copy
 * has answered, `copies` times at most; it fails once every copy has failed.
 */
export function hedged<T>(afterMs: number, request: () => Promise<T>, copies: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let sent = 0;
    let failed = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const send = () => {
      sent++;
      timer = sent < copies ? setTimeout(send, afterMs) : undefined;
      request().then(
        (v) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(v);
        },
        (err: unknown) => {
          if (settled || ++failed < sent || timer !== undefined) return;
          settled = true;
          reject(err);
        },
      );
    };
    send();
  });
}

function answered(err: unknown): boolean {
  return err instanceof JetStreamApiError || (err as Error).name === 'StreamNotFoundError';
}

function toMessage(m: StoredMsg): DirectMessage {
  return { seq: m.seq, subject: m.subject, data: m.data, headers: ownHeaders(m.header) };
}

function ownHeaders(h: MsgHdrs | undefined): Headers | undefined {
  if (!h) return undefined;
  let out: Headers | undefined;
  for (const [k, v] of h) if (!ADDED.has(k)) (out ??= {})[k] = v[0] ?? '';
  return out;
}
