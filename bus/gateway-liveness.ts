// Which gateways are alive, from their GatewayBeat (gateway/beacon.ts,
// protocol 1.1 §4.2). Shared by the services' SDK (gateway-watch.ts: a lost
// gateway's streams get `gateway_lost`) and by gateways themselves (presence:
// a lost gateway's members leave every list). A gateway silent for
// 3 × its announced interval is lost; one that announces `stopping` has
// drained. Beats missed while our own bus was away say nothing about the
// gateways, so their clocks restart when it comes back.
import type { Bus, BusMessage, Subscription } from './bus.ts';
import type { Subjects } from './subjects.ts';
import type { Logger } from '../lib/log.ts';
import { GatewayBeat } from '../proto/index.ts';

/** A gateway's interval until its first beat is heard: the gateways' default heartbeat. */
export const UNKNOWN_INTERVAL_MS = 30_000;
export const MISSED_BEATS = 3;
const CHECK_EVERY_MS = 250;

export interface LivenessEvents {
  /** Silent for MISSED_BEATS × its interval: taken for dead, and forgotten. */
  lost(gateway: string, silentMs: number): void;
  /** Said it drained (its last beat): forgotten. */
  stopped?(gateway: string): void;
}

interface Watched {
  lastSeen: number;
  intervalMs: number;
}

export class GatewayLiveness {
  readonly #gateways = new Map<string, Watched>();
  #sub: Subscription | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopStatus: (() => void) | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly events: LivenessEvents,
    private readonly log: Logger,
    /** This process's own gateway id, whose beats are ignored. */
    private readonly self?: string,
  ) {}

  start(): void {
    this.#sub = this.bus.subscribe(this.subjects.gatewayBeats(), (m) => this.#beat(m));
    this.#stopStatus = this.bus.onStatus((status) => {
      if (status !== 'connected') return;
      const now = Date.now();
      for (const g of this.#gateways.values()) g.lastSeen = now;
    });
    this.#timer = setInterval(() => this.#check(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    this.#sub?.unsubscribe();
    this.#stopStatus?.();
    clearInterval(this.#timer);
  }

  /** Starts watching a gateway heard of some other way (a stream, a presence update). */
  watch(gateway: string): void {
    if (gateway === this.self || this.#gateways.has(gateway)) return;
    this.#gateways.set(gateway, { lastSeen: Date.now(), intervalMs: UNKNOWN_INTERVAL_MS });
  }

  #beat(m: BusMessage): void {
    let beat;
    try {
      beat = GatewayBeat.decode(m.data);
    } catch (err) {
      return this.log.warn({ err }, 'undecodable GatewayBeat');
    }
    if (beat.gateway === this.self) return;
    if (beat.stopping) {
      this.#gateways.delete(beat.gateway);
      return this.events.stopped?.(beat.gateway);
    }
    // Every gateway that beats is known: its interval is then known before
    // anything of it is kept here, however soon it dies after.
    this.watch(beat.gateway);
    const g = this.#gateways.get(beat.gateway)!;
    g.lastSeen = Date.now();
    if (beat.intervalMs > 0) g.intervalMs = beat.intervalMs;
  }

  #check(): void {
    if (this.bus.status !== 'connected') return;
    const now = Date.now();
    for (const [id, g] of this.#gateways) {
      const silentMs = now - g.lastSeen;
      if (silentMs <= MISSED_BEATS * g.intervalMs) continue;
      this.#gateways.delete(id);
      this.events.lost(id, silentMs);
    }
  }
}
