// The NATS of deploy/: a 3-node StatefulSet with JetStream, and the
// settings that must agree with its size (the routes, NATS_URL,
// MUX_JETSTREAM_REPLICAS), in the manifests as `kubectl kustomize` renders
// them, with three nodes and with the one-node component. The configuration
// is then run for real: three nats-servers from the shipped nats.conf form a
// cluster that keeps a stream on three nodes, and the one-node one runs
// JetStream alone. The rest of deploy/ is checked by deploy.test.ts.
import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Service } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { parseAllDocuments } from 'yaml';
import { loadCliSettings } from '../../cli/settings.ts';
import { NatsCluster } from '../../harness/nats-cluster.ts';
import { freePort, NatsServer, SERVER_PING } from '../../harness/nats-server.ts';
import { loadManifests } from '../helpers/k8s.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const NO_KUBECTL =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0
    ? false
    : 'no kubectl here (it renders deploy/ offline, with kustomize)';
const NO_NATS =
  spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0
    ? false
    : 'no nats-server here';

type Doc = { kind: string; metadata?: { name?: string; namespace?: string } };

/** The objects of a rendered kustomization. */
async function render(dir: string): Promise<Doc[]> {
  const { stdout } = await exec('kubectl', ['kustomize', dir], { maxBuffer: 16 << 20 });
  return parseAllDocuments(stdout).map((d) => d.toJS() as Doc);
}

function find<T>(docs: Doc[], kind: string, name: string): T {
  const found = docs.filter((d) => d.kind === kind && d.metadata?.name === name);
  assert.equal(found.length, 1, `one ${kind}/${name}`);
  return found[0] as T;
}

/** What the size of the NATS cluster decides, read from a set of objects. */
function topology(docs: Doc[]) {
  const sts = find<StatefulSet>(docs, 'StatefulSet', 'nats');
  const conf = find<ConfigMap>(docs, 'ConfigMap', 'nats-config').data ?? {};
  const runtime = find<ConfigMap>(docs, 'ConfigMap', 'muxgate-runtime').data ?? {};
  const container = sts.spec?.template.spec?.containers.find((c) => c.name === 'nats');
  const port = (name: string) => container?.ports?.find((p) => p.name === name)?.containerPort;
  const cluster = /^\s*cluster\s*\{([\s\S]*)\}/m.exec(conf['cluster.conf'] ?? '')?.[1];
  return {
    sts,
    conf,
    replicas: sts.spec?.replicas ?? 1,
    pods: Array.from(
      { length: sts.spec?.replicas ?? 1 },
      (_, i) => `nats-${i}.${sts.spec?.serviceName}`,
    ),
    clientPort: port('client'),
    clusterPort: port('cluster'),
    /** The cluster block's listen port and routes; undefined without a block. */
    cluster: cluster && {
      port: Number(/^\s*port:\s*(\d+)/m.exec(cluster)?.[1]),
      routes: [...cluster.matchAll(/nats:\/\/([^\s,\]]+)/g)].map((m) => m[1]!),
    },
    natsUrl: runtime.NATS_URL ?? '',
    settings: loadCliSettings(runtime),
  };
}

/** The assertions that hold for any size: every pod in NATS_URL and in the routes, at most one copy per node. */
function assertConsistent(t: ReturnType<typeof topology>): void {
  assert.deepEqual(
    t.natsUrl.split(','),
    t.pods.map((p) => `nats://${p}:${t.clientPort}`),
    'NATS_URL lists every node',
  );
  assert.ok(
    t.settings.replicas <= t.replicas,
    `MUX_JETSTREAM_REPLICAS ${t.settings.replicas} <= ${t.replicas} nodes`,
  );
  if (t.replicas > 1) {
    assert.ok(t.cluster, 'a cluster block');
    assert.equal(t.cluster.port, t.clusterPort, 'routes reach the container port named cluster');
    assert.deepEqual(
      t.cluster.routes.sort(),
      t.pods.map((p) => `${p}:${t.clusterPort}`).sort(),
      'a route to every node',
    );
  } else {
    // A lone node whose routes lead nowhere never finds a JetStream leader.
    assert.equal(t.cluster, undefined, 'one node: no cluster block');
  }
}

/** nats.conf as one file, its include inlined, its store under `dir`: runnable here. */
function runnable(conf: Record<string, string>, dir: string): string {
  return (conf['nats.conf'] ?? '')
    .replace(/^\s*include\s+\.\/cluster\.conf\s*$/m, conf['cluster.conf'] ?? '')
    .replaceAll('/data', dir);
}

describe('the NATS of deploy/', { timeout: 180_000 }, () => {
  let base: Doc[];
  let oneNode: Doc[];
  const work = join(ROOT, '.tmp', `deploy-nats-${process.pid}`);
  before(async () => {
    if (NO_KUBECTL) return;
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    base = await render(join(ROOT, 'deploy'));
    // deploy/ with the kustomization's commented `components` turned on, as
    // the comment there says to.
    const copy = join(work, 'deploy');
    await cp(join(ROOT, 'deploy'), copy, { recursive: true });
    const k = await readFile(join(copy, 'kustomization.yaml'), 'utf8');
    const on = k.replace(/^# components:\n#\s+- one-node$/m, 'components:\n  - one-node');
    assert.notEqual(on, k, 'kustomization.yaml carries the commented one-node component');
    await writeFile(join(copy, 'kustomization.yaml'), on);
    oneNode = await render(copy);
  });
  after(() => rm(work, { recursive: true, force: true }));

  test(
    'kubectl kustomize renders deploy/ offline: every listed object, in the namespace, with the image set',
    { skip: NO_KUBECTL },
    async () => {
      const listed = (await loadManifests(ROOT, 'deploy')).filter(
        (m) => !m.file.includes('.example.') && !m.doc.apiVersion.startsWith('kustomize.'),
      );
      const key = (d: Doc) => `${d.kind}/${d.metadata?.name}`;
      assert.deepEqual(base.map(key).sort(), listed.map((m) => key(m.doc as Doc)).sort());
      for (const d of base.filter((x) => x.kind !== 'Namespace'))
        assert.equal(d.metadata?.namespace, 'muxgate', key(d));
      const images = JSON.stringify(base).match(/"image":"[^"]*muxgate[^"]*"/g) ?? [];
      assert.ok(images.length >= 4);
      for (const i of images) assert.equal(i, '"image":"registry.example.com/muxgate:0.1.0"');
    },
  );

  test(
    'three NATS nodes, routed to each other, JetStream on a volume of their own each, and muxgate keeps 3 copies',
    { skip: NO_KUBECTL },
    () => {
      const t = topology(base);
      assert.equal(t.replicas, 3);
      assertConsistent(t);
      assert.equal(t.settings.replicas, 3, 'MUX_JETSTREAM_REPLICAS');
      // Started together: JetStream elects its leader only once a majority is up.
      assert.equal(t.sts.spec?.podManagementPolicy, 'Parallel');

      const svc = find<Service>(base, 'Service', t.sts.spec?.serviceName ?? '');
      assert.equal(svc.spec?.clusterIP, 'None', 'the governing Service is headless');
      assert.equal(svc.spec?.publishNotReadyAddresses, true, 'a starting node finds its peers');
      assert.deepEqual(
        svc.spec?.ports?.map((p) => p.port).sort(),
        [t.clientPort, t.clusterPort, 8222].sort(),
      );

      const storeDir = /store_dir:\s*(\S+)/.exec(t.conf['nats.conf'] ?? '')?.[1];
      const container = t.sts.spec?.template.spec?.containers[0];
      const mount = container?.volumeMounts?.find((m) => m.mountPath === storeDir);
      assert.ok(mount, `the JetStream store ${storeDir} is a mount`);
      const claim = t.sts.spec?.volumeClaimTemplates?.find((c) => c.metadata?.name === mount.name);
      assert.ok(claim?.spec?.resources?.requests?.storage, 'a PersistentVolumeClaim per node');
      assert.deepEqual(claim.spec.accessModes, ['ReadWriteOnce']);

      const pdb = find<PodDisruptionBudget>(base, 'PodDisruptionBudget', 'nats');
      const left = t.replicas - Number(pdb.spec?.maxUnavailable);
      assert.ok(left > t.replicas / 2, `a drain leaves a majority: ${left} of ${t.replicas}`);
    },
  );

  test(
    'the one-node component: one node, no cluster block, NATS_URL and 1 copy to match',
    { skip: NO_KUBECTL },
    () => {
      const t = topology(oneNode);
      assert.equal(t.replicas, 1);
      assertConsistent(t);
      assert.equal(t.settings.replicas, 1);
    },
  );

  test(
    'the shipped nats.conf forms a 3-node cluster that keeps a stream on every node',
    { skip: NO_KUBECTL || NO_NATS },
    async () => {
      const { conf, pods, clusterPort } = topology(base);
      const stores = await mkdtemp(join(tmpdir(), 'muxgate-nats-sts-'));
      // Each pod's name resolves to 127.0.0.1 and a port of its own here.
      const cluster = await NatsCluster.start({
        size: pods.length,
        jetstream: false,
        clusterInConfig: true,
        env: (i) => ({ POD_NAME: `nats-${i}` }),
        // Only the shipped configuration's own pings.
        ping: false,
        config: (i, ports) =>
          pods.reduce(
            (text, pod, j) =>
              text.replaceAll(`${pod}:${clusterPort}`, `127.0.0.1:${ports.routes[j]}`),
            runnable(conf, join(stores, `nats-${i}`)),
          ),
      });
      const nc = await connect({ servers: cluster.urls });
      try {
        const jsm = await jetstreamManager(nc);
        const si = await jsm.streams.add({
          name: 'deploy_check',
          subjects: ['deploy.check'],
          num_replicas: 3,
        });
        const peers = [si.cluster?.leader, ...(si.cluster?.replicas ?? []).map((r) => r.name)];
        assert.deepEqual(
          peers.sort(),
          ['nats-0', 'nats-1', 'nats-2'],
          'named by POD_NAME, one copy each',
        );
        // The tests' servers ping their clients as production's do (a hung replica leaves its queue groups).
        const varz = (await (
          await fetch(`http://127.0.0.1:${cluster.ports.monitor[0]}/varz`)
        ).json()) as { ping_interval: number; ping_max: number };
        assert.deepEqual(
          { intervalMs: varz.ping_interval / 1e6, max: varz.ping_max },
          SERVER_PING,
          'ping_interval and ping_max',
        );
      } finally {
        await nc.close();
        await cluster.close();
        await rm(stores, { recursive: true, force: true });
      }
    },
  );

  test('the one-node nats.conf runs JetStream alone', { skip: NO_KUBECTL || NO_NATS }, async () => {
    const { conf } = topology(oneNode);
    const monitor = await freePort();
    const store = await mkdtemp(join(tmpdir(), 'muxgate-nats-one-'));
    const server = await NatsServer.start({
      jetstream: false,
      config: runnable(conf, store),
      env: { POD_NAME: 'nats-0' },
      args: ['-m', String(monitor)],
    });
    try {
      let health: Response | undefined;
      const deadline = Date.now() + 20_000;
      while (!health?.ok) {
        assert.ok(Date.now() < deadline, `not healthy: ${await health?.text()}`);
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`http://127.0.0.1:${monitor}/healthz`).catch(() => undefined);
      }
      const nc = await connect({ servers: server.url });
      try {
        const jsm = await jetstreamManager(nc);
        const si = await jsm.streams.add({ name: 'deploy_check', subjects: ['deploy.check'] });
        assert.equal(si.config.num_replicas, 1);
      } finally {
        await nc.close();
      }
    } finally {
      await server.close();
      await rm(store, { recursive: true, force: true });
    }
  });
});
