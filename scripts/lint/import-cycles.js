// An ESLint rule: no import cycle among the project's own modules, type-only
// imports included. import-x/no-cycle skips `import type`, yet a cycle of
// types still ties two modules together: neither can be read, tested or
// moved without the other. The cycle that made this rule (services/registry.ts
// and services/dashboard/index.ts) was type-only on one side.
//
// Each file's relative imports are read with TypeScript's preProcessFile (no
// type checking), cached by modification time so an editor session stays
// current; an import is reported when its target leads back to the file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** @type {Map<string, { mtime: number, imports: string[] }>} */
const cache = new Map();

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  return existsSync(target) && statSync(target).isFile() ? target : undefined;
}

/** The project files `file` imports or re-exports from, as absolute paths. */
function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const hit = cache.get(file);
  if (hit?.mtime === mtime) return hit.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [
    ...new Set(importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean)),
  ];
  cache.set(file, { mtime, imports });
  return imports;
}

/** The shortest chain of imports from `start` back to `goal`, or undefined. */
function pathBack(start, goal) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of importsOf(file)) {
      if (next === goal) {
        const chain = [file];
        for (let f = previous.get(file); f !== undefined; f = previous.get(f)) chain.unshift(f);
        return chain;
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    const root = context.cwd;
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveImport(file, specifier);
      if (!target || target === file) return;
      const chain = pathBack(target, file);
      if (chain)
        context.report({
          node,
          messageId: 'cycle',
          data: { chain: [file, ...chain, file].map((f) => relative(root, f)).join(' -> ') },
        });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
