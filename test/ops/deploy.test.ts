// The Kubernetes manifests in deploy/, checked without a cluster: schemas, a
// strict type-check that catches misspelt fields, and the cross-file
// consistency a reviewer would check by hand (namespaces, selectors, ports,
// references, pod security). The gateway's configuration and the secured
// NATS are in deploy-config.test.ts, the Deployments' own settings in
// deploy-workloads.test.ts, the Dockerfile in dockerfile.test.ts.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import {
  all,
  containerOf,
  IMAGE,
  loadDeploy,
  muxgateDeployments,
  NAMESPACE,
  one,
  ROOT,
  workloads,
} from '../helpers/deploy.ts';
import { typeCheck, validateModel, type Manifest } from '../helpers/k8s.ts';

let manifests: Manifest[];
let objects: Manifest[];

before(async () => ({ manifests, objects } = await loadDeploy()));

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
