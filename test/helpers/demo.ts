// The whole system as `muxgate dev` runs it, in this process: every service
// of the registry on a real nats-server (with JetStream, for services that
// keep state), and a restartable gateway that serves the demo page and hands
// out dev tokens.
import type { Bus } from '../../bus/bus.ts';
import { SERVICES } from '../../services/registry.ts';
import { ServiceRunner, type RunnableService } from '../../services/sdk/index.ts';
import { RestartableGateway } from './gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { serviceEnv, uniquePrefix } from './system.ts';

export class DemoSystem {
  private constructor(
    readonly nats: NatsServer,
    readonly gateway: RestartableGateway,
    readonly services: { svc: RunnableService; runner: ServiceRunner | undefined; bus: Bus }[],
  ) {}

  static async start(webRoot: string): Promise<DemoSystem> {
    const nats = await NatsServer.start({ jetstream: true });
    const source = { nats: nats.url };
    const prefix = uniquePrefix();
    const services = [];
    for (const [name, factory] of Object.entries(SERVICES)) {
      const env = await serviceEnv(source, name, prefix);
      const bus = env.bus;
      const svc = await factory(env);
      const runner = svc.definition
        ? await ServiceRunner.start(bus, svc.definition, { prefix })
        : undefined;
      services.push({ svc, runner, bus });
    }
    const gateway = await RestartableGateway.start(source, prefix, {
      webRoot,
      env: {
        MUX_JWT_SECRET: 'muxgate-e2e-secret',
        MUX_AUTH: 'optional',
        MUX_DEV_TOKENS: 'true',
        // As `muxgate dev` sets it: the page shows the stream the gateway opens.
        MUX_CONNECT_SERVICE: 'notifications',
      },
    });
    return new DemoSystem(nats, gateway, services);
  }

  /** The page's address for a user. */
  pageUrl(name: string): string {
    return `${this.gateway.http}/?name=${encodeURIComponent(name)}`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    for (const { svc, runner, bus } of this.services) {
      await svc.close?.();
      // A runner drains its bus; a worker without streams has only the bus.
      await (runner ?? bus).drain().catch(() => undefined);
    }
    await this.nats.close();
  }
}
