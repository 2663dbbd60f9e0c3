// Kubernetes manifests checked without a cluster: every YAML document in a
// directory, validated by the per-kind JSON schemas of kubernetes-models (types
// and required fields; unknown fields pass) and type-checked against
// kubernetes-types through the TypeScript compiler, whose excess-property
// checks catch a misspelt field anywhere in a document.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';

/** One YAML document of a manifest file. */
export interface Manifest {
  /** Path relative to the repository root, e.g. `deploy/gateway.yaml`. */
  file: string;
  index: number;
  doc: Record<string, unknown> & { apiVersion: string; kind: string };
  /** `deploy/gateway.yaml#0 Deployment/muxgate-gateway`, for messages. */
  label: string;
}

/** Parses every `*.yaml` / `*.yml` document under `dir`; YAML errors throw. */
export async function loadManifests(root: string, dir: string): Promise<Manifest[]> {
  const out: Manifest[] = [];
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
  for (const file of files) {
    const docs = parseAllDocuments(await readFile(join(root, file), 'utf8'));
    if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
    docs.forEach((d, index) => {
      if (d.errors.length > 0) throw new Error(`${file}#${index}: ${d.errors[0]!.message}`);
      const doc: unknown = d.toJS();
      if (doc === null) return;
      if (typeof doc !== 'object' || Array.isArray(doc))
        throw new Error(`${file}#${index}: not a mapping`);
      const { apiVersion, kind, metadata } = doc as Record<string, unknown>;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string')
        throw new Error(`${file}#${index}: apiVersion and kind must be strings`);
      const name = (metadata as { name?: unknown } | undefined)?.name;
      out.push({
        file,
        index,
        doc: doc as Manifest['doc'],
        label: `${file}#${index} ${kind}/${typeof name === 'string' ? name : '?'}`,
      });
    });
  }
  return out;
}

interface Validatable {
  validate(): void;
}

// The kinds deploy/ uses. A new kind must be added here, so it cannot slip
// through unvalidated.
const MODELS: Record<string, new (data: never) => Validatable> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
};

/** Schema validation by kubernetes-models; returns the problem, or undefined when valid. */
export function validateModel(doc: Manifest['doc']): string | undefined {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) return `no kubernetes-models class for ${doc.apiVersion} ${doc.kind}`;
  try {
    new Model(structuredClone(doc) as never).validate();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** `apps/v1` -> `kubernetes-types/apps/v1`, `v1` -> core, `networking.k8s.io/v1` -> networking. */
export function typesModule(apiVersion: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `kubernetes-types/${group!.split('.')[0]}/${version}`;
}

/**
 * Type-checks each document as a literal of its kubernetes-types interface
 * (one temporary file per document under `workParent`, one program for all).
 * Returns the diagnostics of each document that has any, keyed by label.
 */
export async function typeCheck(
  docs: readonly Pick<Manifest, 'doc' | 'label'>[],
  workParent: string,
): Promise<Map<string, string[]>> {
  const dir = await mkdtemp(join(workParent, 'k8s-typecheck-'));
  try {
    const byFile = new Map<string, string>();
    await Promise.all(
      docs.map(async ({ doc, label }, i) => {
        const file = join(dir, `doc${i}.ts`);
        byFile.set(file, label);
        const source =
          `// ${label}\n` +
          `import type { ${doc.kind} as T } from '${typesModule(doc.apiVersion)}';\n` +
          `export const doc: T = ${JSON.stringify(doc, null, 2)};\n`;
        await writeFile(file, source);
      }),
    );
    const program = ts.createProgram([...byFile.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      // kubernetes-types ships bare .d.ts subpaths without an exports map.
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      skipLibCheck: true,
    });
    const out = new Map<string, string[]>();
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const label = (d.file && byFile.get(d.file.fileName)) ?? 'compiler';
      const where =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const list = out.get(label) ?? [];
      list.push(where ? `line ${where.line + 1}: ${text}` : text);
      out.set(label, list);
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
