// Connections that come and go, as a real audience does: the soak's load.
// A fixed share of the connections ends every second and as many new ones
// open. Each new one joins a stream or two (echo, a chat room), sends a few
// msgs and waits for every answer; some leave a stream half-way; echo streams
// send a msg now and then. A connection ends with a close handshake, or with
// its socket destroyed (no close frame), and a few destroy theirs right after
// sending a join, before it is answered. Every join, msg and leave sent is
// counted with its answer, so a run can tell whether any went unanswered.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  emptyCounts,
  tally,
  type ChurnArgs,
  type ChurnCounts,
  type ChurnResult,
  type ChurnStatus,
} from './churn-types.ts';
import { Histogram, monoUs } from './stats.ts';

const SUBPROTOCOL = 'muxgate.v1.json';
/** Shares of new connections: echo only, chat only, both (the rest). */
const ECHO_ONLY = 0.5;
const CHAT_ONLY = 0.25;
const ECHO_MSGS_AT_JOIN = 2;
/**
 * New chat members that send a message. Every chat join reads its room from
 * the store through a JetStream consumer, which on nats-server 2.9 costs more
 * the more the stream holds (all rooms together): at 0.5 the rooms held
 * ~15,000 messages after 5 minutes of the 10,000-connection soak, chat joins
 * fell behind the 50 a second it asks for, and the connections waiting on
 * them thinned out (docs/performance.md, "Soak").
 */
const CHAT_MSG_SHARE = 0.1;
/** New connections that leave one of their streams some time before they end. */
const LEAVE_SHARE = 0.3;
/** Ends that destroy the socket instead of closing it. */
const DESTROY_SHARE = 0.2;
/** New connections that destroy their socket right after sending a join. */
const ABORT_SHARE = 0.03;
/** How long an ending connection waits for what it sent to be answered. */
const ANSWER_WAIT_MS = 10_000;
const TICK_MS = 100;
const MSG_PREFIX = '{"type":"msg"';

type Kind = 'join' | 'msg' | 'leave';
type Phase = 'opening' | 'live' | 'ending' | 'gone';

interface Frame {
  type: string;
  stream?: string;
  ref?: number;
  code?: string;
}

class Conn {
  phase: Phase = 'opening';
  welcomed = false;
  /** Index in Churn.#live while live. */
  slot = -1;
  nextRef = 1;
  readonly pending = new Map<number, { kind: Kind; at: number; stream: string }>();
  readonly joined = new Set<string>();
  readonly timers: NodeJS.Timeout[] = [];
  endTimer: NodeJS.Timeout | undefined;
  constructor(
    readonly ws: WebSocket,
    readonly plan: string[],
  ) {}

  send(kind: Kind, frame: Record<string, unknown>, stream: string): void {
    const ref = this.nextRef++;
    this.pending.set(ref, { kind, at: monoUs(), stream });
    this.ws.send(JSON.stringify({ ...frame, stream, ref }));
  }
}

export class Churn {
  readonly counts: ChurnCounts = emptyCounts();
  readonly #args: ChurnArgs;
  readonly #conns = new Set<Conn>();
  /** Live connections, for picking one at random to end. */
  readonly #live: Conn[] = [];
  readonly #joinLatency = new Histogram();
  readonly #msgLatency = new Histogram();
  readonly #loop = monitorEventLoopDelay({ resolution: 10 });
  #opening = 0;
  #waiting = 0;
  #due = 0;
  #nextAddress = 0;
  #running = true;
  #ticker: NodeJS.Timeout | undefined;
  /** Opens the ramp still allows; undefined once churning. */
  #rampBudget: number | undefined = 0;
  #rampTicker: NodeJS.Timeout | undefined;

  /** Opens the connections, rampPerSec at a time; they churn once churn() is called. */
  constructor(args: ChurnArgs) {
    this.#args = args;
    this.#loop.enable();
    this.#waiting = args.connections;
    const ramp = (): void => {
      this.#rampBudget! += (args.rampPerSec * TICK_MS) / 1000;
      this.#pump();
    };
    ramp();
    this.#rampTicker = setInterval(ramp, TICK_MS);
  }

  /** Starts replacing connections: the ramp is over. */
  churn(): void {
    clearInterval(this.#rampTicker);
    this.#rampBudget = undefined;
    this.#ticker ??= setInterval(() => this.#tick(), TICK_MS);
    this.#pump();
  }

  status(): ChurnStatus {
    return {
      live: this.#live.length,
      opening: this.#opening,
      waiting: this.#waiting,
      counts: { ...this.counts },
      loopDelayP99Ms: Math.round(this.#loop.percentile(99) / 1e4) / 100,
      loopDelayMaxMs: Math.round(this.#loop.max / 1e4) / 100,
    };
  }

  /** Stops the churn: every connection ends as it would have, after its answers; resolves when all are closed. */
  async stop(): Promise<ChurnResult> {
    this.#running = false;
    clearInterval(this.#ticker);
    clearInterval(this.#rampTicker);
    this.#waiting = 0;
    const all = [...this.#conns];
    const closed = Promise.all(
      all.map(
        (c) =>
          new Promise<void>((resolve) =>
            c.ws.readyState === WebSocket.CLOSED ? resolve() : c.ws.once('close', () => resolve()),
          ),
      ),
    );
    for (const c of all) this.#end(c);
    const deadline = new Promise((r) => setTimeout(r, ANSWER_WAIT_MS + 20_000));
    await Promise.race([closed, deadline]);
    for (const c of all) c.ws.terminate();
    this.#loop.disable();
    return {
      ...this.status(),
      joinLatency: this.#joinLatency.toJSON(),
      msgLatency: this.#msgLatency.toJSON(),
    };
  }

  #tick(): void {
    const a = this.#args;
    this.#due += (a.connections * a.churnPerSec * TICK_MS) / 1000;
    while (this.#due >= 1 && this.#live.length > 0) {
      this.#due--;
      this.#end(this.#live[Math.floor(Math.random() * this.#live.length)]!);
      this.#waiting++;
    }
    // Ends owed while nothing was live are not carried over into a burst.
    if (this.#live.length === 0) this.#due = 0;
    this.#pump();
  }

  #pump(): void {
    while (this.#running && this.#waiting > 0 && this.#opening < this.#args.concurrency) {
      if (this.#rampBudget !== undefined) {
        if (this.#rampBudget < 1) return;
        this.#rampBudget--;
      }
      this.#waiting--;
      this.#open();
    }
  }

  #open(): void {
    const a = this.#args;
    const r = Math.random();
    const room = `chat:soak-${Math.floor(Math.random() * a.rooms)}`;
    const plan = r < ECHO_ONLY ? ['echo'] : r < ECHO_ONLY + CHAT_ONLY ? [room] : ['echo', room];
    const ws = new WebSocket(a.url, SUBPROTOCOL, {
      localAddress: a.localAddresses[this.#nextAddress++ % a.localAddresses.length],
      perMessageDeflate: false,
    });
    const c = new Conn(ws, plan);
    this.#conns.add(c);
    this.#opening++;
    ws.on('message', (data: Buffer) => this.#onMessage(c, data));
    ws.on('error', (err) => {
      // Sockets we end while they connect report an error too: not the gateway's.
      if (c.phase !== 'gone') this.counts.firstError ??= err.message;
    });
    ws.once('close', (code) => this.#onClose(c, code));
  }

  #onMessage(c: Conn, data: Buffer): void {
    if (data.toString('latin1', 0, MSG_PREFIX.length) === MSG_PREFIX) {
      this.counts.deliveries++;
      return;
    }
    const f = JSON.parse(data.toString()) as Frame;
    if (f.type === 'welcome') return this.#welcome(c);
    if (f.type === 'left' && f.ref === undefined) {
      this.counts.unaskedLefts++;
      c.joined.delete(f.stream ?? '');
      return;
    }
    const p = f.ref === undefined ? undefined : c.pending.get(f.ref);
    if (f.type === 'error') tally(this.counts.errorCodes, f.code ?? '?');
    if (!p) return;
    c.pending.delete(f.ref!);
    const us = monoUs() - p.at;
    if (p.kind === 'join') {
      this.#joinLatency.record(us);
      if (f.type === 'joined') {
        this.counts.joined++;
        c.joined.add(p.stream);
      } else this.counts.joinErrors++;
    } else if (p.kind === 'msg') {
      if (f.type === 'reply') {
        this.counts.replies++;
        if (p.stream === 'echo') this.#msgLatency.record(us);
      } else this.counts.msgErrors++;
    } else if (f.type === 'left') this.counts.lefts++;
    if (c.phase === 'opening' && ![...c.pending.values()].some((x) => x.kind === 'join'))
      this.#setUp(c);
    else if (c.phase === 'ending' && c.pending.size === 0) this.#finish(c);
  }

  #welcome(c: Conn): void {
    c.welcomed = true;
    this.counts.opened++;
    for (const stream of c.plan) {
      this.counts.joins++;
      c.send('join', { type: 'join' }, stream);
    }
    if (Math.random() < ABORT_SHARE) {
      // Gone while its joins are in flight: the gateway must still tell each
      // service that accepted one that the stream left.
      this.counts.abortedInJoin++;
      c.pending.clear();
      this.#gone(c);
      c.ws.terminate();
      this.#waiting++;
      this.#pump();
    }
  }

  /** Every join answered: the connection counts as live and starts talking. */
  #setUp(c: Conn): void {
    this.#opening--;
    c.phase = 'live';
    c.slot = this.#live.push(c) - 1;
    this.#pump();
    const a = this.#args;
    for (const stream of c.joined) {
      if (stream === 'echo') {
        for (let i = 0; i < ECHO_MSGS_AT_JOIN; i++) this.#msg(c, stream, { n: i });
        if (a.echoEveryMs > 0) {
          // A random phase, so the connections' msgs spread over the period.
          const first = setTimeout(() => {
            this.#msg(c, stream, { n: -1 });
            c.timers.push(setInterval(() => this.#msg(c, stream, { n: -1 }), a.echoEveryMs));
          }, Math.random() * a.echoEveryMs);
          c.timers.push(first);
        }
      } else if (Math.random() < CHAT_MSG_SHARE) this.#msg(c, stream, { text: 'hello' });
    }
    if (c.joined.size > 0 && Math.random() < LEAVE_SHARE) {
      // Some time within an average life, often before the churn ends it.
      const meanLifeMs = 1000 / Math.max(a.churnPerSec, 1e-6);
      c.timers.push(
        setTimeout(() => {
          const stream = [...c.joined][0];
          if (stream === undefined || c.phase !== 'live') return;
          c.joined.delete(stream);
          this.counts.leaves++;
          c.send('leave', { type: 'leave' }, stream);
        }, Math.random() * meanLifeMs),
      );
    }
  }

  #msg(c: Conn, stream: string, payload: unknown): void {
    if (c.phase !== 'live' || !c.joined.has(stream) || this.#args.msgs === false) return;
    this.counts.msgs++;
    c.send('msg', { type: 'msg', payload }, stream);
  }

  /** Ends a connection once what it sent is answered (at most ANSWER_WAIT_MS). */
  #end(c: Conn): void {
    if (c.phase === 'ending' || c.phase === 'gone') return;
    if (c.phase === 'opening') this.#opening--;
    this.#unlive(c);
    c.phase = 'ending';
    for (const t of c.timers) clearTimeout(t);
    if (c.pending.size === 0) return this.#finish(c);
    c.endTimer = setTimeout(() => this.#finish(c), ANSWER_WAIT_MS);
  }

  #finish(c: Conn): void {
    if (c.phase === 'gone') return;
    this.counts.unanswered += c.pending.size;
    c.pending.clear();
    this.#gone(c);
    if (c.ws.readyState !== WebSocket.OPEN) return void c.ws.terminate();
    if (Math.random() < DESTROY_SHARE) {
      this.counts.destroyed++;
      c.ws.terminate();
    } else {
      this.counts.closed++;
      c.ws.close(1000);
    }
  }

  /** No longer ours to end; the socket may still be closing. */
  #gone(c: Conn): void {
    if (c.phase === 'opening') this.#opening--;
    this.#unlive(c);
    c.phase = 'gone';
    clearTimeout(c.endTimer);
    for (const t of c.timers) clearTimeout(t);
  }

  #unlive(c: Conn): void {
    if (c.slot < 0) return;
    const last = this.#live.pop()!;
    if (last !== c) {
      this.#live[c.slot] = last;
      last.slot = c.slot;
    }
    c.slot = -1;
  }

  #onClose(c: Conn, code: number): void {
    this.#conns.delete(c);
    if (c.phase === 'gone') return;
    // Closed from the other side, or never opened.
    if (!c.welcomed) this.counts.openFailed++;
    else {
      this.counts.serverClosed++;
      tally(this.counts.serverCloseCodes, String(code));
    }
    this.counts.unanswered += c.pending.size;
    c.pending.clear();
    this.#gone(c);
    if (!this.#running) return;
    // Not at once: a gateway that refuses everything must not spin us.
    setTimeout(() => {
      this.#waiting++;
      this.#pump();
    }, 100);
  }
}
