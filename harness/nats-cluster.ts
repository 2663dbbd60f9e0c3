// A NATS cluster on this machine: N nats-servers (3 by default), each with
// its own client port, route port, monitoring port and JetStream store,
// routed to one another, as a StatefulSet of NATS pods is. Tests of what
// muxgate does when a node goes away stop, kill, freeze (SIGSTOP: a hung
// node) and thaw single nodes; `url` is what NATS_URL would list.
import { freePort, NatsServer, portTaken, type ServerPing } from './nats-server.ts';

export interface NatsClusterOptions {
  /** Number of nodes; default 3. */
  size?: number;
  /** The cluster's name (--cluster_name); default a unique one. */
  name?: string;
  /**
   * JetStream on every node from the command line (-js), each in its own
   * store directory; default true. A configuration with its own `jetstream`
   * block (and store_dir) needs false: nats-server refuses both.
   */
  jetstream?: boolean;
  /**
   * A configuration file's text for node `i`, given the ports of every node
   * (e.g. the StatefulSet's nats.conf with its routes pointed here). With
   * `clusterInConfig`, the configuration names the cluster and each server
   * and lists the routes; otherwise they come from the command line.
   */
  config?: (index: number, ports: ClusterPorts) => string;
  clusterInConfig?: boolean;
  /** Environment of node `i`'s process, e.g. the `$POD_NAME` a configuration refers to. */
  env?: (index: number) => Record<string, string>;
  /** Extra command-line arguments for every node. */
  args?: string[];
  /** Every node's pings to its clients and routes (NatsServerOptions.ping). */
  ping?: ServerPing | false;
}

export interface ClusterPorts {
  /** Where each node listens for its peers' routes. */
  readonly routes: readonly number[];
  /** Each node's monitoring port (/healthz, /routez, /jsz). */
  readonly monitor: readonly number[];
}

export class NatsCluster {
  private constructor(
    readonly name: string,
    readonly nodes: readonly NatsServer[],
    readonly ports: ClusterPorts,
  ) {}

  /** Starts every node at once (JetStream needs a quorum to elect its leader) and waits until the cluster is ready(). */
  static async start(opts: NatsClusterOptions = {}): Promise<NatsCluster> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await NatsCluster.#start(opts);
      } catch (err) {
        // Another listener took a route or monitoring port before its node bound it: new ports.
        if (attempt >= 3 || !portTaken(err)) throw err;
      }
    }
  }

  static async #start(opts: NatsClusterOptions): Promise<NatsCluster> {
    const size = opts.size ?? 3;
    const name = opts.name ?? `muxgate-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const ports: ClusterPorts = {
      routes: await Promise.all(Array.from({ length: size }, () => freePort())),
      monitor: await Promise.all(Array.from({ length: size }, () => freePort())),
    };
    const started = await Promise.allSettled(
      Array.from({ length: size }, (_, i) => {
        const peers = ports.routes.filter((_, j) => j !== i);
        const args = [
          '-m',
          String(ports.monitor[i]),
          '--cluster',
          `nats://127.0.0.1:${ports.routes[i]}`,
          ...(opts.clusterInConfig
            ? []
            : [
                '-n',
                `n${i}`,
                '--cluster_name',
                name,
                '--routes',
                peers.map((p) => `nats://127.0.0.1:${p}`).join(','),
              ]),
          ...(opts.args ?? []),
        ];
        return NatsServer.start({
          jetstream: opts.jetstream,
          args,
          config: opts.config?.(i, ports),
          env: opts.env?.(i),
          ping: opts.ping,
        });
      }),
    );
    const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const cluster = new NatsCluster(name, nodes, ports);
    try {
      if (failed) throw failed.reason;
      await cluster.ready();
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return cluster;
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Each node's client URL. */
  get urls(): string[] {
    return this.nodes.map((n) => n.url);
  }

  /** Every node, comma-separated, as NATS_URL lists them. */
  get url(): string {
    return this.urls.join(',');
  }

  node(i: number): NatsServer {
    const n = this.nodes[i];
    if (!n) throw new Error(`no node ${i} in a cluster of ${this.size}`);
    return n;
  }

  /** Stops node `i` gracefully (SIGTERM) and waits for its exit. */
  stop(i: number): Promise<void> {
    return this.node(i).stop();
  }

  /** Kills node `i` (SIGKILL) and waits for its exit. */
  kill(i: number): Promise<void> {
    return this.node(i).kill();
  }

  /** Suspends node `i` (SIGSTOP): its peers and clients see it hang, not leave. */
  freeze(i: number): void {
    this.node(i).freeze();
  }

  thaw(i: number): void {
    this.node(i).thaw();
  }

  /** Starts a stopped or killed node again, on its ports and store, and waits until the cluster is ready(). */
  async restart(i: number): Promise<void> {
    await this.node(i).restart();
    await this.ready();
  }

  /**
   * Waits until every running node that is not frozen has a route to each
   * other such node and says healthy on /healthz (with JetStream: it is in
   * contact with the JetStream meta leader and its streams are current).
   */
  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const live = this.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.running && !n.frozen);
    for (;;) {
      let problem = '';
      for (const { i } of live) {
        const routes = await this.#monitor<{ num_routes?: number }>(i, '/routez');
        // Each peer may open its own route to this node: count at least one per peer.
        if ((routes?.num_routes ?? 0) < live.length - 1) {
          problem = `node ${i}: ${routes?.num_routes ?? 'no'} routes of ${live.length - 1}`;
          break;
        }
        const res = await fetch(`http://127.0.0.1:${this.ports.monitor[i]}/healthz`).catch(
          (err: Error) => err,
        );
        if (res instanceof Error || !res.ok) {
          const why = res instanceof Error ? res.message : await res.text();
          problem = `node ${i}: /healthz ${why}`;
          break;
        }
      }
      if (!problem) return;
      if (Date.now() > deadline)
        throw new Error(`the NATS cluster ${this.name} is not ready: ${problem}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async #monitor<T>(i: number, path: string): Promise<T | undefined> {
    const res = await fetch(`http://127.0.0.1:${this.ports.monitor[i]}${path}`).catch(
      () => undefined,
    );
    return res?.ok ? ((await res.json()) as T) : undefined;
  }

  /** Stops every node (in parallel: JetStream takes seconds each) and removes their stores. */
  async close(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
