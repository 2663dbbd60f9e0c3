// Prometheus metrics of one gateway, behind named methods: the session, the
// streams and the hub say what happened, this file decides how it is counted.
// Each gateway has its own registry, so several gateways in one process
// (tests, `dev`) never collide.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BusStatus } from '../bus/bus.ts';
import { OBSERVED_CLOSE_CODES, type ErrorCode } from '../protocol/codes.ts';
import type { ClientFrameType, ServerFrameType } from '../protocol/frames.ts';
import type { RefusalReason } from './auth.ts';

/** Why a frame from the bus reached no client. */
export type DropReason =
  /** The connection or stream closed while the frame was in flight: normal. */
  | 'gone'
  /** More frames arrived before `joined` than a stream may hold. */
  | 'pending_full'
  /** A service sent something the protocol does not allow. */
  | 'invalid'
  /** Not a protobuf message of the expected type. */
  | 'undecodable'
  /** A reply to a ref already answered (`timeout`, `unavailable`) or never sent. */
  | 'late';

/** How a join ended, as the join-duration histogram labels it. */
export type JoinOutcome = 'accept' | 'refuse' | 'unavailable' | 'internal';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'muxgate_connections',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly streams = new Gauge({
    name: 'muxgate_streams',
    help: 'Open streams (joining or joined)',
    registers: [this.registry],
  });
  readonly framesIn = new Counter({
    name: 'muxgate_frames_in_total',
    help: 'Frames received from clients, by type ("invalid" when undecodable)',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'muxgate_frames_out_total',
    help: 'Frames sent to clients, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'muxgate_errors_total',
    help: 'Error frames sent to clients, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly disconnects = new Counter({
    name: 'muxgate_disconnects_total',
    help: 'Closed connections, by WebSocket close code ("other" outside the protocol\'s list)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly joinLatency = new Histogram({
    name: 'muxgate_join_duration_seconds',
    help: 'Time from a join frame to its answer, by result',
    labelNames: ['result'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly groupSubscriptions = new Gauge({
    name: 'muxgate_group_subscriptions',
    help: 'Groups this gateway subscribes to (groups with at least one local member)',
    registers: [this.registry],
  });
  readonly groupMembers = new Gauge({
    name: 'muxgate_group_members',
    help: 'Local group memberships (connection, stream pairs)',
    registers: [this.registry],
  });
  readonly groupMessages = new Counter({
    name: 'muxgate_group_messages_total',
    help: 'Group messages received from the bus',
    registers: [this.registry],
  });
  readonly presenceGroups = new Gauge({
    name: 'muxgate_presence_groups',
    help: 'Presence groups (§4.3) with a member on this gateway, whose whole list it keeps',
    registers: [this.registry],
  });
  readonly presenceListed = new Gauge({
    name: 'muxgate_presence_listed',
    help: 'Members in the presence lists this gateway keeps, every gateway’s (memory it holds)',
    registers: [this.registry],
  });
  readonly presenceUpdates = new Counter({
    name: 'muxgate_presence_updates_total',
    help: 'Presence updates this gateway announced to the others, by kind: diff, state, query',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly busDropped = new Counter({
    name: 'muxgate_bus_dropped_total',
    help: 'Bus messages the gateway could not use, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly handshakesDropped = new Counter({
    name: 'muxgate_handshakes_dropped_total',
    help: 'TCP connections dropped before their first request: "timeout" or "too_many" waiting',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly upgradesRefused = new Counter({
    name: 'muxgate_upgrades_refused_total',
    help: 'WebSocket upgrades refused before a socket opened, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly busState = new Gauge({
    name: 'muxgate_bus_state',
    help: 'The bus connection: 1 for its current state (connected, reconnecting, draining, closed), 0 for the others',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly busServer = new Gauge({
    name: 'muxgate_bus_server_info',
    help: 'The NATS server the bus is attached to (1), or last attached to',
    labelNames: ['server'] as const,
    registers: [this.registry],
  });
  readonly busLosses = new Counter({
    name: 'muxgate_bus_disconnects_total',
    help: 'Times the bus connection was lost (a server gone, hung past its missed pings, or refusing)',
    registers: [this.registry],
  });

  readonly busGaps = new Counter({
    name: 'muxgate_bus_gap_streams_total',
    help: 'Streams their service had accepted when the bus came back, ended with `left` unavailable (joined) or whose join failed with unavailable (joining): group messages or direct frames for them may have been lost while it was away',
    labelNames: ['phase'] as const,
    registers: [this.registry],
  });

  readonly connects = new Counter({
    name: 'muxgate_connect_total',
    help: 'Answers of the connect service (§4.9), by outcome: ok, or the connection went on without (some) server-opened streams',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  // Label lookups hash their arguments; frame types are few, so bind them once.
  readonly #in = new Map<string, Counter.Internal>();
  readonly #out = new Map<string, Counter.Internal>();

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  frameIn(type: ClientFrameType | 'invalid'): void {
    let c = this.#in.get(type);
    if (!c) this.#in.set(type, (c = this.framesIn.labels(type)));
    c.inc();
  }

  frameOut(type: ServerFrameType): void {
    let c = this.#out.get(type);
    if (!c) this.#out.set(type, (c = this.framesOut.labels(type)));
    c.inc();
  }

  handshakeDropped(reason: 'timeout' | 'too_many'): void {
    this.handshakesDropped.labels(reason).inc();
  }

  upgradeRefused(reason: RefusalReason): void {
    this.upgradesRefused.labels(reason).inc();
  }

  errorSent(code: ErrorCode | (string & {})): void {
    this.errors.labels(code).inc();
  }

  dropped(reason: DropReason): void {
    this.busDropped.labels(reason).inc();
  }

  joinSettled(outcome: JoinOutcome, ms: number): void {
    this.joinLatency.labels(outcome).observe(ms / 1000);
  }

  connectionOpened(): void {
    this.connections.inc();
  }

  connectionClosed(closeCode: number): void {
    this.connections.dec();
    // A client chooses its own close code: one series per code it can
    // invent would let any client grow the registry without bound.
    const label = OBSERVED_CLOSE_CODES.includes(closeCode) ? String(closeCode) : 'other';
    this.disconnects.labels(label).inc();
  }

  streamOpened(): void {
    this.streams.inc();
  }

  streamClosed(): void {
    this.streams.dec();
  }

  /** Presence (§4.3): groups with a local member, and the members listed in them. */
  presenceKept(groups: number, listed: number): void {
    this.presenceGroups.set(groups);
    this.presenceListed.set(listed);
  }

  presenceAnnounced(kind: 'diff' | 'state' | 'query'): void {
    this.presenceUpdates.inc({ kind });
  }

  groupSubscribed(): void {
    this.groupSubscriptions.inc();
  }

  groupUnsubscribed(): void {
    this.groupSubscriptions.dec();
  }

  memberAdded(): void {
    this.groupMembers.inc();
  }

  memberRemoved(): void {
    this.groupMembers.dec();
  }

  groupMessage(): void {
    this.groupMessages.inc();
  }

  /** How the connect service answered for one connection (§4.9). */
  connected(outcome: 'ok' | 'unavailable' | 'timeout' | 'invalid'): void {
    this.connects.labels(outcome).inc();
  }

  /** Streams a bus reconnect ended (joined) or failed (joining); bus-gaps.ts. */
  busGapStreams(phase: 'joined' | 'joining', n: number): void {
    this.busGaps.labels(phase).inc(n);
  }

  busStateChanged(state: BusStatus, server: string): void {
    for (const s of BUS_STATES) this.busState.labels(s).set(s === state ? 1 : 0);
    if (state === 'reconnecting') this.busLosses.inc();
    this.busServer.reset();
    this.busServer.labels(server).set(1);
  }
}

const BUS_STATES: readonly BusStatus[] = ['connected', 'reconnecting', 'draining', 'closed'];
