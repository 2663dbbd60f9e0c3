// Protocol 1.1 §4.2: a gateway killed without draining publishes no Leave,
// so the streams it held would stay joined in the service forever (chat saw
// no leave notice, then a second join when the client came back elsewhere).
//
// Each replica remembers the streams it accepted, by gateway, and listens to
// every gateway's beat (gateway/beacon.ts). A gateway silent for 3 × its
// interval is taken for dead: each of its streams this replica accepted gets
// a Leave with reason `gateway_lost`, run like any Leave. A Leave that reaches
// any replica (the queue group picks one) reaches every replica's watch too,
// through a second subscription without a queue group, so a stream that left
// is forgotten everywhere. The cost: one entry per accepted stream, each
// Leave delivered once more per replica, one small beat per gateway per
// heartbeat. A replica that dies takes its entries with it; its streams then
// get no gateway_lost (its in-memory state is gone too).
import type { Bus, BusMessage, Subscription } from '../../bus/bus.ts';
import type { Subjects } from '../../bus/subjects.ts';
import type { Logger } from '../../lib/log.ts';
import { GatewayBeat, Leave, type ScopeProps } from '../../proto/index.ts';

/** What a Leave for a stream needs, kept from its JoinRequest and JoinAccept. */
export interface AcceptedStream {
  address: string;
  stream: string;
  topic: string;
  state: Uint8Array;
  scope: ScopeProps | null | undefined;
}

/** A gateway's interval until its first beat is heard: the gateways' default heartbeat. */
const UNKNOWN_INTERVAL_MS = 30_000;
const MISSED_BEATS = 3;
const CHECK_EVERY_MS = 250;

interface Watched {
  lastSeen: number;
  intervalMs: number;
  streams: Map<string, AcceptedStream>;
}

export class GatewayWatch {
  readonly #gateways = new Map<string, Watched>();
  readonly #subs: Subscription[] = [];
  #timer: NodeJS.Timeout | undefined;
  #stopStatus: (() => void) | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly service: string,
    /** Runs the service's leave handler for a stream of a lost gateway. */
    private readonly onLost: (s: AcceptedStream) => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#subs.push(
      this.bus.subscribe(this.subjects.gatewayBeats(), (m) => this.#beat(m)),
      this.bus.subscribe(this.subjects.leave(this.service), (m) => this.#left(m)),
    );
    // Beats missed while our own bus was away say nothing about the gateways.
    this.#stopStatus = this.bus.onStatus((status) => {
      if (status !== 'connected') return;
      const now = Date.now();
      for (const g of this.#gateways.values()) g.lastSeen = now;
    });
    this.#timer = setInterval(() => this.#check(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    for (const s of this.#subs) s.unsubscribe();
    this.#stopStatus?.();
    clearInterval(this.#timer);
  }

  /** A join this replica accepted through `gateway`. */
  accepted(gateway: string, s: AcceptedStream): void {
    const g = this.#gateways.get(gateway) ?? this.#watch(gateway);
    g.streams.set(keyOf(s.address, s.stream), s);
  }

  #watch(gateway: string): Watched {
    const g = { lastSeen: Date.now(), intervalMs: UNKNOWN_INTERVAL_MS, streams: new Map() };
    this.#gateways.set(gateway, g);
    return g;
  }

  /** Streams remembered, for tests and diagnostics. */
  get size(): number {
    let n = 0;
    for (const g of this.#gateways.values()) n += g.streams.size;
    return n;
  }

  #beat(m: BusMessage): void {
    let beat;
    try {
      beat = GatewayBeat.decode(m.data);
    } catch (err) {
      return this.log.warn({ err }, 'undecodable GatewayBeat');
    }
    // A drained gateway has published every stream's Leave.
    if (beat.stopping) return void this.#gateways.delete(beat.gateway);
    // Every gateway that beats is known, streams or not: its interval is
    // then known before its first stream here, however soon it dies after.
    const g = this.#gateways.get(beat.gateway) ?? this.#watch(beat.gateway);
    g.lastSeen = Date.now();
    if (beat.intervalMs > 0) g.intervalMs = beat.intervalMs;
  }

  #left(m: BusMessage): void {
    let leave;
    try {
      leave = Leave.decode(m.data);
    } catch {
      return; // the queue subscription logs it
    }
    const g = this.#gateways.get(leave.scope?.gateway ?? '');
    g?.streams.delete(keyOf(leave.address, leave.stream));
  }

  #check(): void {
    if (this.bus.status !== 'connected') return;
    const now = Date.now();
    for (const [id, g] of this.#gateways) {
      if (now - g.lastSeen <= MISSED_BEATS * g.intervalMs) continue;
      this.#gateways.delete(id);
      if (g.streams.size === 0) continue;
      this.log.warn(
        { gateway: id, streams: g.streams.size, silentMs: now - g.lastSeen },
        'gateway lost: its streams leave',
      );
      for (const s of g.streams.values()) this.onLost(s);
    }
  }
}

function keyOf(address: string, stream: string): string {
  return `${address} ${stream}`;
}
