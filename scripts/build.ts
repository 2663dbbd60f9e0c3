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
import { execFile } from 'node:child_process';
import { chmod, cp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir];
  await promisify(execFile)(process.execPath, args, { cwd: ROOT }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    },
  );
  const gen = join(ROOT, 'proto/gen');
  for (const f of await readdir(gen))
    if (f.endsWith('.js')) await cp(join(gen, f), join(outDir, 'proto/gen', f));
  if (web !== join(outDir, 'web/dist'))
    await cp(web, join(outDir, 'web/dist'), { recursive: true });
  await chmod(join(outDir, 'cli/main.js'), 0o755);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  console.log(`built ${DIST}`);
}
