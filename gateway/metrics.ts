// Prometheus metrics of one gateway. Each gateway has its own registry, so
// several gateways in one process (tests, `dev`) never collide.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
    help: 'Closed connections, by WebSocket close code',
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
  readonly busDropped = new Counter({
    name: 'muxgate_bus_dropped_total',
    help: 'Bus messages the gateway could not use, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  // Label lookups hash their arguments; frame types are few, so bind them once.
  readonly #in = new Map<string, Counter.Internal>();
  readonly #out = new Map<string, Counter.Internal>();

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  frameIn(type: string): void {
    let c = this.#in.get(type);
    if (!c) this.#in.set(type, (c = this.framesIn.labels(type)));
    c.inc();
  }

  frameOut(type: string, n = 1): void {
    let c = this.#out.get(type);
    if (!c) this.#out.set(type, (c = this.framesOut.labels(type)));
    c.inc(n);
  }
}
