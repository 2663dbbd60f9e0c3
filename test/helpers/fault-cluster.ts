// muxgate spread over a 3-node NATS cluster, every part its own process, as
// in Kubernetes: gateway i and the services placed on a node each attach to
// that node first (NATS_URL names it; the others are learnt from the
// cluster and used on failover). Helpers find where JetStream put a stream's
// leader, move it, and read back what was stored, for the fault tests.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SignJWT } from 'jose';
import type { NatsCluster } from '../../harness/nats-cluster.ts';
import { GroupMessage } from '../../proto/index.ts';
import { spawnMuxgate, type MuxgateProcess } from './process.ts';
import { uniquePrefix } from './system.ts';

const SECRET = 'cluster-faults-secret';

export interface Placed {
  name: string;
  node: number;
  proc: MuxgateProcess;
}

export class FaultCluster {
  readonly gateways: Placed[] = [];
  readonly services: Placed[] = [];
  readonly prefix = uniquePrefix();
  #nc: NatsConnection | undefined;
  #jsm: JetStreamManager | undefined;

  constructor(
    readonly cluster: NatsCluster,
    /** Environment of every process on top of the common one. */
    readonly env: Record<string, string> = {},
  ) {}

  #env(node: number): Record<string, string> {
    return {
      NATS_URL: this.cluster.urls[node]!,
      MUX_PREFIX: this.prefix,
      MUX_JETSTREAM_REPLICAS: '3',
      MUX_JWT_SECRET: SECRET,
      MUX_AUTH: 'optional',
      MUX_ROUTES: 'echo,chat,dashboard',
      ...this.env,
    };
  }

  async gateway(node: number): Promise<Placed> {
    const proc = await spawnMuxgate(['gateway'], this.#env(node), { timeoutMs: 90_000 });
    const p = { name: `gateway-${this.gateways.length}`, node, proc };
    this.gateways.push(p);
    return p;
  }

  async service(name: string, node: number): Promise<Placed> {
    const proc = await spawnMuxgate(['service', name], this.#env(node), {
      ready: /service running/,
      timeoutMs: 90_000,
    });
    const p = { name, node, proc };
    this.services.push(p);
    return p;
  }

  get urls(): string[] {
    return this.gateways.map((g) => g.proc.url);
  }

  /** Gateway URLs starting at gateway `i`: where client i connects first, then fails over. */
  urlsFrom(i: number): string[] {
    const u = this.urls;
    return u.map((_, j) => u[(i + j) % u.length]!);
  }

  async nc(): Promise<NatsConnection> {
    this.#nc ??= await connect({ servers: this.cluster.urls, name: 'fault-test' });
    return this.#nc;
  }

  async jsm(): Promise<JetStreamManager> {
    this.#jsm ??= await jetstreamManager(await this.nc());
    return this.#jsm;
  }

  get chatStream(): string {
    return `${this.prefix}_dg_chat`;
  }

  get boardStream(): string {
    return `KV_${this.prefix}_dashboard`;
  }

  /** The node index of a stream's leader (servers are named n0, n1, …), or -1. */
  async leaderOf(stream: string): Promise<number> {
    const si = await (await this.jsm()).streams.info(stream);
    const m = /^n(\d+)$/.exec(si.cluster?.leader ?? '');
    return m ? Number(m[1]) : -1;
  }

  /** Asks the stream's leader to step down until `node` leads it (at most `tries` times). */
  async moveLeader(stream: string, node: number, tries = 8): Promise<boolean> {
    const nc = await this.nc();
    for (let i = 0; i < tries; i++) {
      if ((await this.leaderOf(stream)) === node) return true;
      await nc
        .request(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`, undefined, { timeout: 5000 })
        .catch(() => undefined);
      // A new leader is elected within a few election timeouts.
      for (let t = 0; t < 40 && (await this.leaderOf(stream).catch(() => -1)) === -1; t++)
        await new Promise((r) => setTimeout(r, 100));
    }
    return (await this.leaderOf(stream)) === node;
  }

  /** Every message stored under `subject` in `stream`: its payload (the GroupMessage's JSON) and when it was stored. */
  async stored(
    stream: string,
    subject: string,
  ): Promise<{ payload: Record<string, unknown>; at: number }[]> {
    const jsm = await this.jsm();
    const si = await jsm.streams.info(stream);
    const out: { payload: Record<string, unknown>; at: number }[] = [];
    for (let seq = si.state.first_seq; seq <= si.state.last_seq; seq++) {
      const m = await storedMessage(() => jsm.streams.getMessage(stream, { seq }));
      if (!m || m.subject !== subject) continue;
      const g = GroupMessage.decode(m.data);
      out.push({
        payload: JSON.parse(new TextDecoder().decode(g.payload)) as Record<string, unknown>,
        at: m.time.getTime(),
      });
    }
    return out;
  }

  async board(): Promise<KV> {
    return new Kvm(await this.nc()).open(`${this.prefix}_dashboard`);
  }

  /** The node a gateway's bus is attached to now (from its muxgate_bus_server_info), or -1. */
  async gatewayNode(g: Placed): Promise<number> {
    const text = await (await fetch(`${g.proc.http}/metrics`)).text();
    const m = /^muxgate_bus_server_info\{server="[^"]*:(\d+)"\} 1$/m.exec(text);
    return m ? this.cluster.nodes.findIndex((n) => n.port === Number(m[1])) : -1;
  }

  /** The nodes where some client subscribes to `subject` (from each node's /connz). */
  async nodesSubscribing(subject: string): Promise<Set<number>> {
    const out = new Set<number>();
    for (const [i, port] of this.cluster.ports.monitor.entries()) {
      if (!this.cluster.node(i).running || this.cluster.node(i).frozen) continue;
      const res = await fetch(`http://127.0.0.1:${port}/connz?subs=1&limit=1000`);
      const connz = (await res.json()) as { connections?: { subscriptions_list?: string[] }[] };
      if (connz.connections?.some((c) => c.subscriptions_list?.includes(subject))) out.add(i);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.#nc?.close().catch(() => undefined);
    // SIGKILL: what a cluster that is torn down does to them is no test here.
    await Promise.all(
      [...this.gateways, ...this.services].map((p) =>
        p.proc.stop('SIGKILL').catch(() => undefined),
      ),
    );
  }
}

/** A token for `sub` that may write to dashboards. */
export async function writerToken(sub: string): Promise<string> {
  return new SignJWT({ scope: 'dashboard:write' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/**
 * One stored message, asked again while the stream cannot answer (a leader
 * election after a node's return): a read that timed out must not pass for
 * a message that was never stored. Undefined only when the server says there
 * is no such message.
 */
async function storedMessage<T>(read: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (/no message found/i.test((err as Error).message)) return undefined;
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
