// MUX_JETSTREAM_REPLICAS on a real 3-node NATS cluster: the one setting gives
// every stream and KV bucket muxgate creates that many copies, and a service
// that finds one already there with fewer copies says so at start and leaves
// it as it is. `muxgate dev` on NATS runs every registered service, so what
// it creates is everything the services create.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jetstreamManager, type StreamInfo } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsCluster } from '../../harness/nats-cluster.ts';
import { spawnMuxgate } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';

/** What each part of the registry stores under `prefix`. */
const storedBy = (prefix: string) => ({
  chat: `${prefix}_dg_chat`,
  dashboard: `KV_${prefix}_dashboard`,
  lease: `KV_${prefix}_dashboard_lease`,
  inventory: `KV_${prefix}_inventory`,
  inventoryLease: `KV_${prefix}_inventory_lease`,
});

interface Line {
  level: number;
  msg: string;
  stream?: string;
  replicas?: number;
  configured?: number;
}
const lines = (output: string): Line[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

describe('MUX_JETSTREAM_REPLICAS on a 3-node NATS cluster', { timeout: 180_000 }, () => {
  let cluster: NatsCluster;
  let nc: NatsConnection;
  before(async () => {
    cluster = await NatsCluster.start({ size: 3 });
    nc = await connect({ servers: cluster.urls });
  });
  after(async () => {
    await nc?.close();
    await cluster?.close();
  });

  async function streams(prefix: string): Promise<Map<string, StreamInfo>> {
    const jsm = await jetstreamManager(nc);
    const out = new Map<string, StreamInfo>();
    for await (const si of jsm.streams.list())
      if (si.config.name.includes(prefix)) out.set(si.config.name, si);
    return out;
  }

  async function devOn(prefix: string, replicas: string) {
    return spawnMuxgate(
      ['dev'],
      {
        NATS_URL: cluster.url,
        MUX_PREFIX: prefix,
        MUX_JETSTREAM_REPLICAS: replicas,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
      },
      { timeoutMs: 60_000 },
    );
  }

  it('at 3, every stream and bucket the services create keeps 3 copies, one per node', async () => {
    const prefix = uniquePrefix();
    const dev = await devOn(prefix, '3');
    try {
      const found = await streams(prefix);
      assert.deepEqual(
        [...found.keys()].sort(),
        Object.values(storedBy(prefix)).sort(),
        'the streams muxgate created',
      );
      for (const [name, si] of found) {
        assert.equal(si.config.num_replicas, 3, name);
        // A leader and two followers: the copies are on three different nodes.
        const peers = [si.cluster?.leader, ...(si.cluster?.replicas ?? []).map((r) => r.name)];
        assert.equal(new Set(peers).size, 3, `${name} on ${peers.join(', ')}`);
      }
      assert.ok(
        !lines(dev.output).some((l) => l.configured !== undefined),
        'no warning about replicas',
      );
    } finally {
      await dev.stop();
    }
  });

  it('at 3, an existing stream or bucket with 1 copy is named in a warning with both numbers, and left as it is', async () => {
    const prefix = uniquePrefix();
    const names = storedBy(prefix);
    // As a previous deployment at MUX_JETSTREAM_REPLICAS=1 left them (chat
    // then kept fewer messages per room: the update path is taken too).
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: names.chat,
      subjects: [`${prefix}.group.chat.>`],
      republish: { src: `${prefix}.group.chat.>`, dest: `${prefix}.dlive.chat.>` },
      max_msgs_per_subject: 10,
      num_replicas: 1,
    });
    await new Kvm(nc).create(`${prefix}_dashboard`, { history: 64, replicas: 1 });

    const dev = await devOn(prefix, '3');
    try {
      const warnings = lines(dev.output).filter((l) => l.level === 40 && l.configured);
      // In dev the dashboard and its feeder both open the bucket, and each says so.
      const said = new Set(
        warnings.map((w) => JSON.stringify([w.stream, w.replicas, w.configured])),
      );
      assert.deepEqual(
        [...said].map((w) => JSON.parse(w) as unknown).sort(),
        [
          [names.dashboard, 1, 3],
          [names.chat, 1, 3],
        ].sort(),
        dev.output,
      );
      for (const w of warnings) assert.match(w.msg, new RegExp(`${w.stream}.* 1 copy.* 3 `));
      const found = await streams(prefix);
      assert.equal(found.get(names.chat)?.config.num_replicas, 1, 'left as it was');
      assert.notEqual(
        found.get(names.chat)?.config.max_msgs_per_subject,
        10,
        'what the store relies on was put right',
      );
      assert.equal(found.get(names.dashboard)?.config.num_replicas, 1, 'left as it was');
      assert.equal(found.get(names.lease)?.config.num_replicas, 3, 'created now, with 3');
    } finally {
      await dev.stop();
    }
  });

  it('at 4, more copies than nodes: the service cannot create its stream, says why and exits', async () => {
    // The setting is never quietly lowered to what the cluster can hold.
    const prefix = uniquePrefix();
    const svc = spawnMuxgate(
      ['service', 'chat'],
      { NATS_URL: cluster.url, MUX_PREFIX: prefix, MUX_JETSTREAM_REPLICAS: '4' },
      { ready: /service running/, timeoutMs: 30_000 },
    );
    await assert.rejects(
      svc,
      new RegExp(
        `cannot declare the stream ${prefix}_dg_chat \\(4 copies, MUX_JETSTREAM_REPLICAS\\)`,
      ),
    );
  });
});
