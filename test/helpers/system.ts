// Starts a gateway, and optionally services, on a bus: the in-memory one or a
// real NATS server. Each system gets its own subject prefix, so tests sharing
// one nats-server never see each other's traffic.
import { randomBytes } from 'node:crypto';
import type { Bus } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { NatsBus } from '../../bus/nats.ts';
import { cliGatewayConfig } from '../../cli/settings.ts';
import { Gateway } from '../../gateway/gateway.ts';
import { silentLogger, type Logger } from '../../lib/log.ts';
import {
  JetStreamStorage,
  MemoryStorage,
  ServiceRunner,
  type ServiceDefinition,
  type ServiceEnv,
} from '../../services/sdk/index.ts';
import { TestClient, type OpenOptions } from './client.ts';
import type { ClientTransport, FrameClient } from './transports.ts';

export function uniquePrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}

/** Where buses come from: a NATS URL, or one in-memory broker shared by the system. */
export type BusSource = { nats: string } | { memory: MemoryBroker };

export async function connectBus(source: BusSource, name = 'test'): Promise<Bus> {
  return 'nats' in source
    ? NatsBus.connect({ servers: source.nats, name })
    : source.memory.connect();
}

// One storage per in-memory broker, as `muxgate dev` makes one for its process.
const memoryStorage = new WeakMap<MemoryBroker, MemoryStorage>();

/** A service's environment as the command line builds it: its own bus, and the storage beside that bus. */
export async function serviceEnv(
  source: BusSource,
  name: string,
  prefix: string,
): Promise<ServiceEnv> {
  if ('nats' in source) {
    const bus = await NatsBus.connect({ servers: source.nats, name });
    return { bus, storage: new JetStreamStorage(bus.connection), log: silentLogger, prefix };
  }
  let storage = memoryStorage.get(source.memory);
  if (!storage) memoryStorage.set(source.memory, (storage = new MemoryStorage()));
  return { bus: source.memory.connect(), storage, log: silentLogger, prefix };
}

export interface SystemOptions {
  bus?: BusSource;
  prefix?: string;
  /** Extra gateway environment, e.g. { MUX_MAX_STREAMS: '2' }. */
  env?: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- services have their own state types
  services?: ServiceDefinition<any>[];
  /** The gateway's logger; silent when not given. */
  log?: Logger;
}

export class TestSystem {
  readonly clients: { close(): Promise<void> }[] = [];
  private constructor(
    readonly source: BusSource,
    readonly prefix: string,
    readonly gateway: Gateway,
    readonly runners: ServiceRunner[],
  ) {}

  static async start(opts: SystemOptions = {}): Promise<TestSystem> {
    const source = opts.bus ?? { memory: new MemoryBroker() };
    const prefix = opts.prefix ?? uniquePrefix();
    const runners: ServiceRunner[] = [];
    for (const def of opts.services ?? [])
      runners.push(await ServiceRunner.start(await connectBus(source, def.name), def, { prefix }));
    const gateway = await startGateway(source, prefix, opts.env, opts.log);
    return new TestSystem(source, prefix, gateway, runners);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.gateway.port}/ws`;
  }

  get http(): string {
    return `http://127.0.0.1:${this.gateway.port}`;
  }

  /** Opens a client that is closed with the system. */
  async client(opts?: OpenOptions, url = this.url): Promise<TestClient> {
    const c = await TestClient.open(url, opts);
    this.clients.push(c);
    return c;
  }

  /** Opens a client over `transport` (transports.ts) that is closed with the system. */
  async clientOver(
    transport: ClientTransport,
    opts?: OpenOptions,
    url = this.url,
  ): Promise<FrameClient> {
    const c = await transport.open(url, opts);
    this.clients.push(c);
    return c;
  }

  /** Starts another service runner (a replica) on the system's bus. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async addService(def: ServiceDefinition<any>): Promise<ServiceRunner> {
    const r = await ServiceRunner.start(await connectBus(this.source, def.name), def, {
      prefix: this.prefix,
    });
    this.runners.push(r);
    return r;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.close()));
    await this.gateway.drain();
    await Promise.all(this.runners.map((r) => r.drain().catch(() => undefined)));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

export async function startGateway(
  source: BusSource,
  prefix: string,
  env: Record<string, string> = {},
  log?: Logger,
): Promise<Gateway> {
  const config = cliGatewayConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MUX_PREFIX: prefix,
    MUX_DRAIN_TIMEOUT_MS: '2000',
    ...env,
  });
  return Gateway.start({
    config,
    bus: await connectBus(source, 'gateway'),
    processMetrics: false,
    log,
  });
}
