// The manifests in deploy/ loaded once per test file, and lookups into them,
// for the test/ops/deploy*.test.ts files.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Container, PodTemplateSpec, Secret } from 'kubernetes-types/core/v1.js';
import { cliGatewayConfig } from '../../cli/settings.ts';
import { loadManifests, type Manifest } from './k8s.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const NAMESPACE = 'muxgate';
export const IMAGE = 'muxgate';

let loaded: { manifests: Manifest[]; objects: Manifest[] } | undefined;

/** Every document of deploy/, and those of them that are Kubernetes objects; call in before(). */
export async function loadDeploy(): Promise<{ manifests: Manifest[]; objects: Manifest[] }> {
  if (loaded) return loaded;
  const manifests = await loadManifests(ROOT, 'deploy');
  // Kustomize's own files (the Kustomization, the one-node Component) are no Kubernetes objects.
  const objects = manifests.filter((m) => !m.doc.apiVersion.startsWith('kustomize.config.k8s.io/'));
  loaded = { manifests, objects };
  return loaded;
}

export function all<T>(kind: string): T[] {
  assert.ok(loaded, 'loadDeploy() runs in before()');
  return loaded.objects.filter((m) => m.doc.kind === kind).map((m) => m.doc as T);
}
export function one<T>(kind: string, name: string): T {
  const found = all<T & { metadata?: { name?: string } }>(kind).filter(
    (d) => d.metadata?.name === name,
  );
  assert.equal(found.length, 1, `exactly one ${kind}/${name} in deploy/`);
  return found[0]!;
}
export function containerOf(template: PodTemplateSpec | undefined, name?: string): Container {
  const containers = template?.spec?.containers ?? [];
  const c = name ? containers.find((x) => x.name === name) : containers[0];
  assert.ok(c, `container ${name ?? '#0'}`);
  return c;
}
export const workloads = (): { name: string; template: PodTemplateSpec | undefined }[] =>
  [...all<Deployment>('Deployment'), ...all<StatefulSet>('StatefulSet')].map((w) => ({
    name: w.metadata?.name ?? '?',
    template: w.spec?.template,
  }));
// The longest name a Deployment gives a pod (63 characters), as MUX_GATEWAY_ID.
export const POD_NAME = `${'g'.repeat(46)}-7d9f8b6c5d-x2x9k`;
/** What a gateway pod (`muxgate gateway`) loads: the ConfigMap, the example Secret and the downward-API id. */
export const deployedConfig = () =>
  cliGatewayConfig({
    ...one<ConfigMap>('ConfigMap', 'muxgate-gateway').data,
    ...one<Secret>('Secret', 'muxgate-secrets').stringData,
    MUX_GATEWAY_ID: POD_NAME,
  });
export const muxgateDeployments = (): Deployment[] =>
  all<Deployment>('Deployment').filter((d) =>
    d.spec?.template.spec?.containers.some((c) => c.image === IMAGE),
  );
