// A gateway that can be stopped and started again on the same port, as a
// deployment restarting it would, optionally serving the demo page. Clients
// keep their URL across the restart, which is what reconnect tests need.
import { cliGatewayConfig } from '../../cli/settings.ts';
import { Gateway } from '../../gateway/gateway.ts';
import { connectBus, type BusSource } from './system.ts';

export interface RestartableOptions {
  /** Extra gateway environment, e.g. { MUX_DEV_TOKENS: 'true' }. */
  env?: Record<string, string>;
  /** Directory of the built demo page. */
  webRoot?: string;
}

export class RestartableGateway {
  #gateway: Gateway | undefined;
  #stopping: Promise<void> | undefined;
  #port = 0;

  private constructor(
    readonly source: BusSource,
    readonly prefix: string,
    readonly opts: RestartableOptions,
  ) {}

  static async start(
    source: BusSource,
    prefix: string,
    opts: RestartableOptions = {},
  ): Promise<RestartableGateway> {
    const g = new RestartableGateway(source, prefix, opts);
    await g.start();
    return g;
  }

  get gateway(): Gateway {
    if (!this.#gateway) throw new Error('the gateway is stopped');
    return this.#gateway;
  }

  get running(): boolean {
    return this.#gateway !== undefined;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.#port}/ws`;
  }

  get http(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Starts a new gateway; after the first start, on the same port. */
  async start(): Promise<void> {
    if (this.#gateway) throw new Error('the gateway is running');
    // The port is free only once the previous gateway has drained.
    await this.#stopping;
    const config = cliGatewayConfig({
      PORT: String(this.#port),
      HOST: '127.0.0.1',
      MUX_PREFIX: this.prefix,
      MUX_DRAIN_TIMEOUT_MS: '2000',
      ...this.opts.env,
    });
    this.#gateway = await Gateway.start({
      config,
      bus: await connectBus(this.source, 'gateway'),
      webRoot: this.opts.webRoot,
      processMetrics: false,
    });
    this.#port = this.#gateway.port;
  }

  /** Drains the gateway: sockets close with 1001, and the port stops listening. */
  async stop(): Promise<void> {
    const g = this.#gateway;
    this.#gateway = undefined;
    if (g) this.#stopping = g.drain();
    await this.#stopping;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
