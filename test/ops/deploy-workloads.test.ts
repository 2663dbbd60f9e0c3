// deploy/'s Deployments: the gateway's (port, config, probes, grace period,
// scraping, disruption budget) and every service's (commands the CLI knows,
// health probes, autoscaling).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { loadCliSettings } from '../../cli/settings.ts';
import { DEV_ONLY_SERVICES, SERVICES } from '../../services/registry.ts';
import {
  all,
  containerOf,
  deployedConfig,
  IMAGE,
  loadDeploy,
  muxgateDeployments,
  one,
  ROOT,
} from '../helpers/deploy.ts';

const exec = promisify(execFile);

before(loadDeploy);

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
