// A service's health over HTTP, for Kubernetes probes (MUX_HEALTH_PORT,
// docs/deploy.md "Probes"). A service gets its work from NATS and serves
// nothing else, so this small port is all it listens on:
//
//   GET /healthz   200 while the process answers: the liveness probe. A NATS
//                  outage does not fail it (restarting would not help).
//   GET /readyz    200 once the service has subscribed and opened its storage,
//                  while its NATS connection is up; 503 before, during a
//                  reconnect and while it drains: what a rollout waits for.
//
// Plain node:http: two fixed answers need no framework, and nothing here may
// slow the probes down.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  ready: boolean;
  /** Why not, or what it is doing: "starting", the bus status. */
  status: string;
}

export interface HealthOptions {
  port: number;
  /** Default: every interface, where the kubelet reaches a pod. */
  host?: string;
  readiness(): Readiness;
}

export class HealthServer {
  private constructor(readonly server: Server) {}

  static async start(opts: HealthOptions): Promise<HealthServer> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'GET only' });
      if (path === '/healthz') return send(200, { status: 'ok' });
      if (path === '/readyz') {
        const r = opts.readiness();
        return send(r.ready ? 200 : 503, {
          status: r.ready ? 'ready' : 'not ready',
          bus: r.status,
        });
      }
      send(404, { error: 'not found' });
    });
    // A probe is one short request: no keep-alive to hold open past a drain.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new HealthServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
