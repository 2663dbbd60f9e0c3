// One gateway Session on the in-memory bus with a fake transport, for the
// unit tests that drive a session frame by frame. Not started: a test
// subscribes what it scripts first, then calls session.start().
import type { BusMessage } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { Subjects } from '../../bus/subjects.ts';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/config.ts';
import type { Identity } from '../../gateway/auth.ts';
import type { ConnectHook } from '../../gateway/connect.ts';
import { BusGaps } from '../../gateway/bus-gaps.ts';
import { Hub } from '../../gateway/hub.ts';
import { GatewayMetrics } from '../../gateway/metrics.ts';
import { Router } from '../../gateway/router.ts';
import { Session } from '../../gateway/session.ts';
import { silentLogger } from '../../lib/log.ts';
import { Leave } from '../../proto/index.ts';
import { FakeTransport } from './fake-transport.ts';

export interface SessionParts {
  bus: ReturnType<MemoryBroker['connect']>;
  config: GatewayConfig;
  subjects: Subjects;
  metrics: GatewayMetrics;
  hub: Hub;
}

export function makeSession(opts: {
  env: Record<string, string>;
  /** The connection's JWT subject; anonymous by default. */
  user?: string;
  /** The token's identity, when the session stands for an authenticated connection. */
  identity?: Identity;
  /** Verifies a `refresh`'s token; without it, every refresh is refused. */
  verify?: (token: string) => Promise<Identity>;
  connect?: (parts: SessionParts) => ConnectHook;
}) {
  const bus = new MemoryBroker().connect();
  const config = loadGatewayConfig({ MUX_GATEWAY_ID: 'gw', ...opts.env });
  const subjects = new Subjects(config.prefix);
  const metrics = new GatewayMetrics({ processMetrics: false });
  const hub = new Hub(bus, subjects, 'gw', metrics, silentLogger);
  const busGaps = new BusGaps(metrics, silentLogger);
  hub.start();
  const transport = new FakeTransport();
  let flush: () => Promise<void> = () => bus.flush();
  const parts: SessionParts = { bus, config, subjects, metrics, hub };
  const session = new Session({
    id: 'c1',
    connSubject: subjects.conn('gw', 'c1'),
    transport,
    router: new Router(bus, subjects, config.routes, config.joinTimeoutMs),
    hub,
    streams: {
      flush: () => flush(),
      maxPending: config.maxPendingFrames,
      msgTimeoutMs: config.msgTimeoutMs,
      store: bus.durable,
      groupSubject: (g) => subjects.group(g),
      busGaps,
    },
    metrics,
    log: silentLogger,
    config,
    scope: {
      user: opts.user ?? opts.identity?.user ?? '',
      claims: '',
      remoteAddr: '',
      origin: '',
      userAgent: '',
      gateway: 'gw',
    },
    identity: opts.identity,
    verifier: opts.verify && { verify: opts.verify },
    connect: opts.connect?.(parts),
  });
  return {
    ...parts,
    /** Stands for the gateway's: a test calls busBack() for a bus that came back. */
    busGaps,
    transport,
    session,
    connSubject: subjects.conn('gw', 'c1'),
    /** Makes the bus flushes the session asks for wait for `until`. */
    holdFlushes(until: Promise<void>): void {
      flush = () => until;
    },
  };
}

/**
 * A service scripted by the test: its JoinRequests wait in `joins` until the
 * test answers them, and every Leave it gets is recorded.
 */
export function scriptedService(parts: Pick<SessionParts, 'bus' | 'subjects'>, service = 'echo') {
  const joins: BusMessage[] = [];
  const leaves: { stream: string; reason: string }[] = [];
  parts.bus.subscribe(parts.subjects.join(service), (m) => joins.push(m));
  parts.bus.subscribe(parts.subjects.leave(service), (m) => {
    const l = Leave.decode(m.data);
    leaves.push({ stream: l.stream ?? '', reason: l.reason ?? '' });
  });
  return { joins, leaves };
}
