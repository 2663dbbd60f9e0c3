// The Kubernetes manifests in deploy/, checked without a cluster: schemas, a
// strict type-check that catches misspelt fields, and the cross-file
// consistency a reviewer would check by hand (env names the gateway knows,
// probes on the right port, selectors, drain timings). The Dockerfile has its
// own file, dockerfile.test.ts.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type {
  ConfigMap,
  Container,
  PodTemplateSpec,
  Secret,
  Service,
} from 'kubernetes-types/core/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { CliSettingsSchema, cliGatewayConfig, loadCliSettings } from '../../cli/settings.ts';
import { GatewayConfigSchema } from '../../gateway/config.ts';
import { DEV_ONLY_SERVICES, ROUTED_SERVICES, SERVICES } from '../../services/registry.ts';
import { loadManifests, typeCheck, validateModel, type Manifest } from '../helpers/k8s.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const NAMESPACE = 'muxgate';
const IMAGE = 'muxgate';

let manifests: Manifest[];
let objects: Manifest[];

before(async () => {
  manifests = await loadManifests(ROOT, 'deploy');
  // Kustomize's own files (the Kustomization, the one-node Component) are no Kubernetes objects.
  objects = manifests.filter((m) => !m.doc.apiVersion.startsWith('kustomize.config.k8s.io/'));
});

function all<T>(kind: string): T[] {
  return objects.filter((m) => m.doc.kind === kind).map((m) => m.doc as T);
}
function one<T>(kind: string, name: string): T {
  const found = all<T & { metadata?: { name?: string } }>(kind).filter(
    (d) => d.metadata?.name === name,
  );
  assert.equal(found.length, 1, `exactly one ${kind}/${name} in deploy/`);
  return found[0]!;
}
function containerOf(template: PodTemplateSpec | undefined, name?: string): Container {
  const containers = template?.spec?.containers ?? [];
  const c = name ? containers.find((x) => x.name === name) : containers[0];
  assert.ok(c, `container ${name ?? '#0'}`);
  return c;
}
const workloads = (): { name: string; template: PodTemplateSpec | undefined }[] =>
  [...all<Deployment>('Deployment'), ...all<StatefulSet>('StatefulSet')].map((w) => ({
    name: w.metadata?.name ?? '?',
    template: w.spec?.template,
  }));
// The longest name a Deployment gives a pod (63 characters), as MUX_GATEWAY_ID.
const POD_NAME = `${'g'.repeat(46)}-7d9f8b6c5d-x2x9k`;
/** What a gateway pod (`muxgate gateway`) loads: the ConfigMap, the example Secret and the downward-API id. */
const deployedConfig = () =>
  cliGatewayConfig({
    ...one<ConfigMap>('ConfigMap', 'muxgate-gateway').data,
    ...one<Secret>('Secret', 'muxgate-secrets').stringData,
    MUX_GATEWAY_ID: POD_NAME,
  });
const muxgateDeployments = (): Deployment[] =>
  all<Deployment>('Deployment').filter((d) =>
    d.spec?.template.spec?.containers.some((c) => c.image === IMAGE),
  );

describe('deploy/ manifests', () => {
  test('every document has a kubernetes-models schema and passes it', () => {
    assert.ok(objects.length >= 10, `found ${objects.length} documents`);
    const problems = objects.flatMap((m) => {
      const p = validateModel(m.doc);
      return p ? [`${m.label}: ${p}`] : [];
    });
    assert.deepEqual(problems, []);
  });

  test('the schema pass rejects a mistyped field (it is not vacuous)', () => {
    const gw = structuredClone(objects.find((m) => m.doc.kind === 'Deployment')!.doc);
    const spec = gw as unknown as Deployment;
    spec.spec!.template.spec!.containers[0]!.ports = [{ containerPort: '8080' as never }];
    assert.match(validateModel(gw) ?? 'valid', /containerPort/);
  });

  test('every document type-checks against kubernetes-types 1.30, excess properties included', async () => {
    const work = join(ROOT, '.tmp');
    await mkdir(work, { recursive: true });
    const misspelt = structuredClone(objects.find((m) => m.doc.kind === 'Deployment')!);
    const c = (misspelt.doc as unknown as Deployment).spec!.template.spec!.containers[0]!;
    Object.assign(c, { readynessProbe: c.readinessProbe });
    misspelt.label = 'self-test';
    const diagnostics = await typeCheck([...objects, misspelt], work);
    assert.match((diagnostics.get('self-test') ?? []).join('\n'), /readynessProbe/);
    diagnostics.delete('self-test');
    assert.deepEqual(Object.fromEntries(diagnostics), {});
  });

  test('kustomization.yaml lists every manifest except the *.example.yaml ones', async () => {
    const [k, ...more] = manifests.filter((m) => m.doc.kind === 'Kustomization');
    assert.ok(k && more.length === 0, 'one kustomization.yaml');
    assert.equal(k.file, 'deploy/kustomization.yaml');
    const { resources, namespace, images } = k.doc as unknown as {
      resources: string[];
      namespace: string;
      images: { name: string }[];
    };
    const files = (await readdir(join(ROOT, 'deploy'))).filter(
      (f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml' && !f.includes('.example.'),
    );
    assert.deepEqual([...resources].sort(), files.sort());
    assert.equal(namespace, NAMESPACE);
    assert.deepEqual(
      images.map((i) => i.name),
      [IMAGE],
    );
  });

  test('namespaced objects sit in the muxgate namespace, which deploy/ creates', () => {
    one('Namespace', NAMESPACE);
    for (const m of objects.filter((o) => o.doc.kind !== 'Namespace'))
      assert.equal((m.doc.metadata as { namespace?: string }).namespace, NAMESPACE, m.label);
  });

  test('selectors match their pod templates', () => {
    for (const w of [...all<Deployment>('Deployment'), ...all<StatefulSet>('StatefulSet')]) {
      const labels = w.spec?.template.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(w.spec?.selector.matchLabels ?? {}))
        assert.equal(labels[k], v, `${w.metadata?.name}: selector ${k}`);
    }
    const templates = workloads().map((w) => w.template?.metadata?.labels ?? {});
    const matches = (sel: Record<string, string>) =>
      templates.filter((l) => Object.entries(sel).every(([k, v]) => l[k] === v)).length;
    for (const s of all<Service>('Service'))
      assert.equal(matches(s.spec?.selector ?? {}), 1, `Service ${s.metadata?.name}`);
    for (const p of all<PodDisruptionBudget>('PodDisruptionBudget'))
      assert.equal(matches(p.spec?.selector?.matchLabels ?? {}), 1, `PDB ${p.metadata?.name}`);
  });

  test('every Service port targets a container port of the pods it selects', () => {
    for (const s of all<Service>('Service')) {
      const sel = Object.entries(s.spec?.selector ?? {});
      const pods = workloads().filter((w) =>
        sel.every(([k, v]) => w.template?.metadata?.labels?.[k] === v),
      );
      const ports = pods.flatMap((w) => w.template?.spec?.containers.flatMap((c) => c.ports ?? []));
      for (const p of s.spec?.ports ?? []) {
        const target = p.targetPort ?? p.port;
        assert.ok(
          ports.some((cp) => cp?.containerPort === target || (cp?.name && cp.name === target)),
          `Service ${s.metadata?.name} port ${p.name}: targetPort ${target}`,
        );
      }
    }
  });

  test('every ConfigMap, Secret and key a pod refers to exists', () => {
    const data = new Map<string, Record<string, string>>([
      ...all<ConfigMap>('ConfigMap').map((c) => [`cm/${c.metadata?.name}`, c.data ?? {}] as const),
      ...all<Secret>('Secret').map(
        (s) => [`secret/${s.metadata?.name}`, s.stringData ?? {}] as const,
      ),
    ]);
    for (const { name, template } of workloads()) {
      const pod = template?.spec;
      const refs = [
        ...(pod?.volumes ?? []).flatMap((v) =>
          v.configMap
            ? [`cm/${v.configMap.name}`]
            : v.secret
              ? [`secret/${v.secret.secretName}`]
              : [],
        ),
        ...(pod?.containers ?? []).flatMap((c) => [
          ...(c.envFrom ?? []).map((e) =>
            e.configMapRef ? `cm/${e.configMapRef.name}` : `secret/${e.secretRef?.name}`,
          ),
          ...(c.env ?? []).flatMap((e) => {
            const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
            if (!ref) return [];
            const kind = e.valueFrom?.configMapKeyRef ? 'cm' : 'secret';
            assert.ok(ref.key in (data.get(`${kind}/${ref.name}`) ?? {}), `${name}: ${e.name}`);
            return [`${kind}/${ref.name}`];
          }),
        ]),
      ];
      for (const ref of refs) assert.ok(data.has(ref), `${name} refers to ${ref}`);
    }
  });

  test('pods meet the restricted Pod Security Standard the namespace enforces', () => {
    const ns = one<{ metadata: { labels: Record<string, string> } }>('Namespace', NAMESPACE);
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
    for (const { name, template } of workloads()) {
      const pod = template?.spec;
      assert.equal(pod?.securityContext?.runAsNonRoot, true, `${name}: runAsNonRoot`);
      assert.equal(pod?.securityContext?.seccompProfile?.type, 'RuntimeDefault', name);
      assert.ok(!pod?.volumes?.some((v) => v.hostPath), `${name}: no hostPath`);
      for (const c of pod?.containers ?? []) {
        const sc = c.securityContext;
        assert.equal(sc?.allowPrivilegeEscalation, false, `${name}/${c.name}`);
        assert.deepEqual(sc?.capabilities?.drop, ['ALL'], `${name}/${c.name}`);
        assert.equal(sc?.readOnlyRootFilesystem, true, `${name}/${c.name}`);
        assert.ok(c.resources?.requests?.memory && c.resources.limits?.memory, `${name}/${c.name}`);
      }
    }
  });

  test('muxgate containers get a writable /tmp beside the read-only root', () => {
    for (const d of muxgateDeployments()) {
      const pod = d.spec!.template.spec!;
      const mount = containerOf(d.spec?.template).volumeMounts?.find((v) => v.mountPath === '/tmp');
      assert.ok(mount, `${d.metadata?.name}: /tmp mount`);
      const vol = pod.volumes?.find((v) => v.name === mount.name);
      assert.ok(vol?.emptyDir, `${d.metadata?.name}: /tmp is an emptyDir`);
    }
  });
});

describe('gateway configuration', () => {
  const schemaKeys = () => new Set(Object.keys(GatewayConfigSchema.shape));
  const gatewayEnv = () => one<ConfigMap>('ConfigMap', 'muxgate-gateway').data ?? {};
  const exampleSecret = () =>
    one<Secret>('Secret', 'muxgate-secrets').stringData ?? ({} as Record<string, string>);

  test('every ConfigMap and Secret key is a variable gateway/config.ts knows', () => {
    const known = schemaKeys();
    const unknown = [...Object.keys(gatewayEnv()), ...Object.keys(exampleSecret())].filter(
      (k) => !known.has(k),
    );
    assert.deepEqual(unknown, []);
  });

  test('the values pass the gateway validation, with a pod name as gateway id', () => {
    assert.equal(POD_NAME.length, 63);
    const config = deployedConfig();
    assert.equal(config.gatewayId, POD_NAME);
    const deployed = ROUTED_SERVICES.filter((n) => !DEV_ONLY_SERVICES.has(n));
    assert.deepEqual([...config.routes.keys()], deployed, 'routes to every deployed service');
    assert.equal(config.devTokens, false, 'no dev tokens in a deployment');
    assert.ok(config.allowedOrigins.length > 0, 'an origin allowlist');
    assert.equal(config.auth.mode, 'required');
  });

  test('keys of the runtime ConfigMap are variables the CLI reads', () => {
    const known = new Set(Object.keys(CliSettingsSchema.shape));
    for (const key of Object.keys(one<ConfigMap>('ConfigMap', 'muxgate-runtime').data ?? {}))
      assert.ok(known.has(key), `${key} is read by the CLI (cli/settings.ts)`);
  });

  test('NATS accepts a full-size frame with room for the envelope', () => {
    const conf = one<ConfigMap>('ConfigMap', 'nats-config').data?.['nats.conf'] ?? '';
    const [, n = '', unit = ''] = /^\s*max_payload:\s*(\d+)\s*(KB|MB)?\s*$/m.exec(conf) ?? [];
    const maxPayload = Number(n) * (unit === 'MB' ? 1024 ** 2 : unit === 'KB' ? 1024 : 1);
    const frame = deployedConfig().maxFrameBytes;
    // Scope (claims, user agent) and trace headers ride along with each frame.
    assert.ok(maxPayload >= frame + 64 * 1024, `max_payload ${maxPayload} vs frame ${frame}`);
  });

  test('the NATS config is valid for nats-server', async (t) => {
    // Every key is a file of the mounted ConfigMap: nats.conf includes cluster.conf.
    const dir = await mkdtemp(join(tmpdir(), 'muxgate-nats-config-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const data = one<ConfigMap>('ConfigMap', 'nats-config').data ?? {};
    for (const [key, text] of Object.entries(data))
      await writeFile(join(dir, key), text.replaceAll('/data', join(dir, 'data')));
    const file = join(dir, 'nats.conf');
    try {
      await exec('nats-server', ['-c', file, '-t'], {
        env: { ...process.env, POD_NAME: 'nats-0' },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return t.skip('no nats-server here');
      assert.fail(`nats-server -t: ${(err as { stderr?: string }).stderr ?? String(err)}`);
    }
  });

  test('the ingress example outlasts the heartbeat', () => {
    const ing = one<Ingress>('Ingress', 'muxgate');
    const heartbeat = deployedConfig().heartbeatMs;
    const timeout = Number(
      ing.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'],
    );
    assert.ok(timeout * 1000 > heartbeat, `proxy-read-timeout ${timeout}s > ${heartbeat}ms`);
    const paths = ing.spec?.rules?.flatMap((r) => r.http?.paths ?? []) ?? [];
    assert.deepEqual(
      paths.map((p) => [p.path, p.backend.service?.name]),
      [['/ws', 'muxgate-gateway']],
    );
  });
});

describe('a secured NATS (nats-secret.example.yaml)', () => {
  const MOUNT = '/etc/muxgate/nats';
  const env = () => one<Secret>('Secret', 'muxgate-nats').stringData ?? {};
  const files = () => one<Secret>('Secret', 'muxgate-nats-files').stringData ?? {};

  test('every muxgate pod reads muxgate-nats last and mounts muxgate-nats-files, both optional', () => {
    for (const d of muxgateDeployments()) {
      const name = d.metadata?.name;
      const c = containerOf(d.spec?.template);
      // Last, so a NATS_URL with credentials there wins over the ConfigMap's.
      const last = c.envFrom?.at(-1)?.secretRef;
      assert.deepEqual([last?.name, last?.optional], ['muxgate-nats', true], `${name}: envFrom`);
      const mount = c.volumeMounts?.find((m) => m.mountPath === MOUNT);
      assert.equal(mount?.readOnly, true, `${name}: ${MOUNT} read-only`);
      const vol = d.spec?.template.spec?.volumes?.find((v) => v.name === mount?.name);
      assert.deepEqual(
        [vol?.secret?.secretName, vol?.secret?.optional],
        ['muxgate-nats-files', true],
        `${name}: the volume`,
      );
    }
  });

  test('its keys are CLI variables, its paths name files of the mounted Secret, and they load', async (t) => {
    const known = new Set(Object.keys(CliSettingsSchema.shape));
    for (const key of Object.keys(env())) assert.ok(known.has(key), `${key} is read by the CLI`);
    // The files as the pod sees them, under a scratch directory instead of /etc.
    const dir = await mkdtemp(join(tmpdir(), 'muxgate-nats-files-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    for (const [file, text] of Object.entries(files())) await writeFile(join(dir, file), text);
    const local: Record<string, string> = {};
    for (const [key, value] of Object.entries(env())) {
      if (value.startsWith('/')) {
        assert.ok(value.startsWith(`${MOUNT}/`), `${key}: ${value} is in ${MOUNT}`);
        assert.ok(
          value.slice(MOUNT.length + 1) in files(),
          `${key}: ${value} is a key of the files`,
        );
      }
      local[key] = value.startsWith(`${MOUNT}/`) ? join(dir, value.slice(MOUNT.length + 1)) : value;
    }
    const settings = loadCliSettings(local);
    assert.ok(settings.natsAuth.tls?.certFile, 'TLS with a client certificate');
    assert.ok(!settings.natsServers.includes('@'));
  });

  test('no ConfigMap holds a NATS secret', () => {
    for (const cm of all<ConfigMap>('ConfigMap')) {
      const data = cm.data ?? {};
      for (const key of ['NATS_PASSWORD', 'NATS_TOKEN', 'NATS_NKEY_SEED'])
        assert.ok(!(key in data), `${cm.metadata?.name}: ${key} belongs in a Secret`);
      assert.ok(!/:\/\/[^/,\s]*@/.test(data.NATS_URL ?? ''), 'no credentials in a ConfigMap URL');
    }
  });
});

describe('gateway Deployment', () => {
  const gateway = () => one<Deployment>('Deployment', 'muxgate-gateway');
  const container = () => containerOf(gateway().spec?.template, 'gateway');
  const port = () => container().ports?.find((p) => p.name === 'http');

  test('runs `gateway` on the port the config gives it', () => {
    assert.deepEqual(container().args, ['gateway']);
    assert.equal(container().image, IMAGE);
    assert.equal(port()?.containerPort, deployedConfig().port);
  });

  test('reads the ConfigMaps and the Secret, and takes its id from the pod name', () => {
    const from = container().envFrom ?? [];
    assert.deepEqual(
      from.map((e) => e.configMapRef?.name ?? `secret:${e.secretRef?.name}`),
      ['muxgate-gateway', 'muxgate-runtime', 'secret:muxgate-secrets', 'secret:muxgate-nats'],
    );
    const secrets = from.filter((e) => e.secretRef?.name === 'muxgate-secrets');
    assert.ok(!secrets.some((e) => e.secretRef?.optional), 'no gateway without its secrets');
    const id = container().env?.find((e) => e.name === 'MUX_GATEWAY_ID');
    assert.equal(id?.valueFrom?.fieldRef?.fieldPath, 'metadata.name');
  });

  test('probes: readiness on /readyz, liveness on /healthz, on the container port', () => {
    const c = container();
    const onPort = (p: string | number | undefined) =>
      p === port()?.name || p === port()?.containerPort;
    assert.equal(c.readinessProbe?.httpGet?.path, '/readyz');
    assert.ok(onPort(c.readinessProbe?.httpGet?.port));
    assert.equal(c.livenessProbe?.httpGet?.path, '/healthz');
    assert.ok(onPort(c.livenessProbe?.httpGet?.port));
    if (c.startupProbe) assert.ok(onPort(c.startupProbe.httpGet?.port));
  });

  test('the grace period covers preStop, the drain timeout and a margin', () => {
    const sleep = Number(container().lifecycle?.preStop?.exec?.command?.[1]);
    assert.deepEqual(container().lifecycle?.preStop?.exec?.command, ['sleep', String(sleep)]);
    const drainS = deployedConfig().drainTimeoutMs / 1000;
    const grace = gateway().spec?.template.spec?.terminationGracePeriodSeconds ?? 30;
    assert.ok(grace >= sleep + drainS + 5, `grace ${grace}s >= ${sleep}s + ${drainS}s + 5s`);
  });

  test('Prometheus scrapes /metrics on the container port', () => {
    const a = gateway().spec?.template.metadata?.annotations ?? {};
    assert.equal(a['prometheus.io/scrape'], 'true');
    assert.equal(Number(a['prometheus.io/port']), port()?.containerPort);
    assert.equal(a['prometheus.io/path'], '/metrics');
  });

  test('a PodDisruptionBudget keeps gateways from all leaving at once', () => {
    const pdb = one<PodDisruptionBudget>('PodDisruptionBudget', 'muxgate-gateway');
    assert.ok((gateway().spec?.replicas ?? 1) > Number(pdb.spec?.maxUnavailable ?? 0));
  });
});

describe('service Deployments', () => {
  let cliCommands: Set<string>;
  before(async () => {
    const { stdout } = await exec(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'cli/main.ts'), '--help'],
      { cwd: ROOT, timeout: 60_000 },
    );
    cliCommands = new Set([...stdout.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!));
  });

  test('the CLI lists its commands (the check below is not vacuous)', () => {
    // The full list is cli.test.ts's to check; here it only must not be empty.
    for (const name of ['gateway', 'service']) assert.ok(cliCommands.has(name), name);
  });

  test('every container runs a command the CLI knows', () => {
    for (const d of muxgateDeployments()) {
      const [command] = containerOf(d.spec?.template).args ?? [];
      assert.ok(command && cliCommands.has(command), `${d.metadata?.name}: ${command}`);
      assert.notEqual(command, 'dev', 'dev mode signs its own tokens; never deployed');
    }
  });

  const serviceDeployments = () =>
    muxgateDeployments().filter((d) => containerOf(d.spec?.template).args?.[0] === 'service');

  test('every registered service has a Deployment', () => {
    const deployed = serviceDeployments().map((d) => containerOf(d.spec?.template).args?.[1]);
    for (const name of Object.keys(SERVICES))
      if (!DEV_ONLY_SERVICES.has(name)) assert.ok(deployed.includes(name), name);
  });

  for (const name of Object.keys(SERVICES).filter((n) => !DEV_ONLY_SERVICES.has(n)))
    test(`service ${name}: its own Deployment, the gateways' prefix, several replicas`, () => {
      const d = one<Deployment>('Deployment', `muxgate-${name}`);
      const c = containerOf(d.spec?.template);
      assert.deepEqual(c.args, ['service', name]);
      const prefix = c.env?.find((e) => e.name === 'MUX_PREFIX')?.valueFrom?.configMapKeyRef;
      assert.deepEqual(
        { name: prefix?.name, key: prefix?.key },
        { name: 'muxgate-gateway', key: 'MUX_PREFIX' },
      );
      assert.deepEqual(
        c.envFrom?.map((e) => e.configMapRef?.name ?? `secret:${e.secretRef?.name}`),
        ['muxgate-runtime', 'secret:muxgate-nats'],
        'the runtime settings and NATS credentials, never the gateway Secret',
      );
      const hpa = all<HorizontalPodAutoscaler>('HorizontalPodAutoscaler').find(
        (h) => h.spec?.scaleTargetRef.name === d.metadata?.name,
      );
      const replicas = hpa ? (hpa.spec?.minReplicas ?? 1) : (d.spec?.replicas ?? 1);
      assert.ok(replicas >= 2, `${name}: ${replicas} replicas`);
    });

  test('services are probed on their health port: /readyz for startup and readiness, /healthz for liveness', () => {
    const deployments = serviceDeployments();
    assert.ok(deployments.length >= 3);
    for (const d of deployments) {
      const name = d.metadata?.name;
      const c = containerOf(d.spec?.template);
      const value = c.env?.find((e) => e.name === 'MUX_HEALTH_PORT')?.value;
      // The value as the CLI reads it (cli/settings.ts), the port the probes name.
      const port = loadCliSettings({ MUX_HEALTH_PORT: value }).healthPort;
      assert.ok(port, `${name}: MUX_HEALTH_PORT`);
      const health = c.ports?.find((p) => p.containerPort === port);
      assert.ok(health?.name, `${name}: a named container port ${port}`);
      const on = (probe: typeof c.readinessProbe) => [probe?.httpGet?.path, probe?.httpGet?.port];
      assert.deepEqual(on(c.readinessProbe), ['/readyz', health.name], `${name}: readiness`);
      assert.deepEqual(on(c.startupProbe), ['/readyz', health.name], `${name}: startup`);
      assert.deepEqual(on(c.livenessProbe), ['/healthz', health.name], `${name}: liveness`);
    }
    assert.ok(
      !containerOf(one<Deployment>('Deployment', 'muxgate-gateway').spec?.template).env?.some(
        (e) => e.name === 'MUX_HEALTH_PORT',
      ),
      'the gateway has /healthz and /readyz on its own port',
    );
  });

  test('autoscaled Deployments leave the replica count to their HPA', () => {
    const hpas = all<HorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    assert.ok(hpas.length > 0);
    for (const h of hpas) {
      assert.equal(h.spec?.scaleTargetRef.kind, 'Deployment');
      const d = one<Deployment>('Deployment', h.spec?.scaleTargetRef.name ?? '');
      assert.equal(d.spec?.replicas, undefined, `${d.metadata?.name}: no replicas field`);
    }
  });
});
