// `npm run build`: muxgate as plain JavaScript in dist/, which `node` runs
// with no TypeScript loader (the `muxgate` bin, the Docker image):
//
//   dist/cli/main.js, dist/gateway/…, dist/services/…   tsc, tsconfig.build.json;
//                                                        '.ts' imports become '.js'
//   dist/proto/gen/muxgate.js                           the generated protobuf code,
//                                                        JavaScript already, which tsc
//                                                        does not copy
//   dist/web/dist/                                      the demo page, built into
//                                                        web/dist first (build:web)
//
// dist/ is self-contained beside package.json and node_modules: the CLI finds
// the page at ../web/dist/ from dist/cli/ as it does from cli/.
//
// `tsx scripts/build.ts <dir>` (`npm run build` in client/ or services/sdk/,
// and their prepack) builds that workspace package instead: its dist/ holds
// JavaScript and type declarations of every module it reaches, in the
// repository's layout (buildPackage).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildWeb, WEB_DIST } from '../web/build.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = join(ROOT, 'dist');

/**
 * Builds into `outDir` (dist/ by default; tests build elsewhere). The demo page
 * goes to web/dist as `npm run build:web` puts it, then into the output; a
 * build elsewhere bundles it straight into its own web/dist.
 */
export async function build(outDir = DIST): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const web = outDir === DIST ? WEB_DIST : join(outDir, 'web/dist');
  await buildWeb(web);
  await tsc(['-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir]);
  await copyGenerated(outDir, ['.js']);
  if (web !== join(outDir, 'web/dist'))
    await cp(web, join(outDir, 'web/dist'), { recursive: true });
  await chmod(join(outDir, 'cli/main.js'), 0o755);
}

/**
 * Builds the workspace package in `dir` (client/, services/sdk/) into its
 * dist/, with its tsconfig.build.json. A package that carries proto/ gets the
 * generated code's typings too, which its own declarations import.
 */
export async function buildPackage(dir: string): Promise<string> {
  const out = join(dir, 'dist');
  await rm(out, { recursive: true, force: true });
  await tsc(['-p', join(dir, 'tsconfig.build.json')]);
  if (existsSync(join(out, 'proto'))) await copyGenerated(out, ['.js', '.d.ts']);
  return out;
}

async function tsc(args: string[]): Promise<void> {
  const bin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [bin, ...args], { cwd: ROOT }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    },
  );
}

/** tsc neither copies the generated protobuf JavaScript nor emits typings for it. */
async function copyGenerated(outDir: string, extensions: string[]): Promise<void> {
  const gen = join(ROOT, 'proto/gen');
  for (const f of await readdir(gen))
    if (extensions.some((e) => f.endsWith(e))) await cp(join(gen, f), join(outDir, 'proto/gen', f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (dir === undefined) {
    await build();
    console.log(`built ${DIST}`);
  } else console.log(`built ${await buildPackage(resolve(dir))}`);
}
