// The Dockerfile, checked without a Docker engine: what the image runs is
// what the tests run (cli/main.ts through tsx), every file the CLI imports is
// copied into the runtime stage, every package it imports ships, and the user
// is the non-root uid the Kubernetes pods expect.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { execForm, last, parseDockerfile } from '../helpers/dockerfile.ts';
import { loadManifests } from '../helpers/k8s.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const IMAGE = 'muxgate';

describe('Dockerfile', () => {
  let stages: ReturnType<typeof parseDockerfile>;
  before(async () => {
    stages = parseDockerfile(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
  });
  const runtime = () => stages.at(-1)!;

  test('the entrypoint runs cli/main.ts through tsx, a runtime dependency', async () => {
    const entry = execForm(last(runtime(), 'ENTRYPOINT'));
    assert.deepEqual(entry, ['node', '--import', 'tsx', 'cli/main.ts']);
    assert.ok(existsSync(join(ROOT, entry[3]!)));
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.ok('tsx' in pkg.dependencies);
    assert.deepEqual(execForm(last(runtime(), 'CMD')), ['gateway']);
  });

  test('runs as the numeric non-root user the pods expect', async () => {
    const user = last(runtime(), 'USER')?.args ?? '';
    const [uid, gid] = user.split(':').map(Number);
    assert.ok(uid && uid > 0, `USER ${user}`);
    const pods = (await loadManifests(ROOT, 'deploy'))
      .filter((m) => m.doc.kind === 'Deployment')
      .map((m) => m.doc as unknown as Deployment)
      .filter((d) => d.spec?.template.spec?.containers.some((c) => c.image === IMAGE));
    assert.ok(pods.length > 0);
    for (const d of pods) {
      const sc = d.spec?.template.spec?.securityContext;
      assert.deepEqual([sc?.runAsUser, sc?.runAsGroup], [uid, gid], d.metadata?.name);
    }
  });

  test('the runtime stage copies every file cli/main.ts imports; packages are dependencies', async () => {
    const copied = runtime()
      .instructions.filter((i) => i.keyword === 'COPY')
      .flatMap((i) => {
        const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
        return parts.slice(0, -1).map((p) => relative('/app', p));
      });
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const { files, packages } = await importGraph(join(ROOT, 'cli/main.ts'));
    const missing = files.filter((f) => !copied.some((c) => f === c || f.startsWith(`${c}/`)));
    assert.deepEqual(missing, []);
    assert.ok(files.length > 10, `${files.length} files reached`);
    const devOnly = packages.filter((p) => !(p in pkg.dependencies));
    assert.deepEqual(devOnly, [], 'imported at run time but not in dependencies');
    assert.ok(copied.includes('node_modules') && copied.includes('package.json'));
  });
});

/** Every source file reachable from `entry` by static or dynamic imports, and the packages they import. */
async function importGraph(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const builtins = new Set(builtinModules);
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const found = [target, target.replace(/\.js$/, '.ts')].find((f) => existsSync(f));
        assert.ok(found, `${relative(ROOT, file)} imports ${spec}, which does not exist`);
        queue.push(found);
      } else if (!spec.startsWith('node:') && !builtins.has(spec)) {
        const parts = spec.split('/');
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}
