// Prometheus metrics of a service process, behind named methods, as the
// gateway's are (gateway/metrics.ts). The SDK has no HTTP server: whoever
// runs the service exposes `registry` (e.g. `await registry.metrics()` on a
// /metrics route), or passes its own registry in RunOptions. Several
// services may share one registry: each series carries the service's name.
import { Counter, Registry } from 'prom-client';

/** The bus subject a piece of work came on: a JoinRequest, a JoinConfirm, an Inbound. */
export type WorkKind = 'join' | 'joined' | 'msg';

const EXPIRED = 'muxgate_service_expired_total';

export class ServiceMetrics {
  readonly #expired: Counter<'service' | 'kind'>;

  constructor(readonly registry: Registry = new Registry()) {
    // A second service on the same registry shares the series family.
    this.#expired =
      (registry.getSingleMetric(EXPIRED) as Counter<'service' | 'kind'> | undefined) ??
      new Counter({
        name: EXPIRED,
        help: 'Work dropped unstarted because its deadline had passed (the gateway had given up on it), by bus subject',
        labelNames: ['service', 'kind'] as const,
        registers: [registry],
      });
  }

  expired(service: string, kind: WorkKind): void {
    this.#expired.inc({ service, kind });
  }
}
