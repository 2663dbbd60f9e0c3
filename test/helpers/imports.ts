// What a build output imports, read statically: the files its entry points
// reach and the packages they name (test/ops/dockerfile.test.ts,
// test/ops/packages.test.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import assert from 'node:assert/strict';
import ts from 'typescript';

/**
 * Every file reachable from `entries` by static or dynamic imports, relative
 * to `base`, and the packages they import. A relative import that leaves
 * `base` or names a missing file fails the assertion.
 */
export async function importGraph(
  entries: string[],
  base: string,
): Promise<{ files: string[]; packages: string[] }> {
  const builtins = new Set(builtinModules);
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        assert.ok(
          existsSync(target) && target.startsWith(`${base}/`),
          `${relative(base, file)} imports ${spec}, which is not in the output`,
        );
        queue.push(target);
      } else if (!spec.startsWith('node:') && !builtins.has(spec)) {
        const parts = spec.split('/');
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { files: [...seen].map((f) => relative(base, f)).sort(), packages: [...packages].sort() };
}
