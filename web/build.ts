// Bundles the demo page into web/dist (or another directory): one JS file,
// one CSS file and index.html, with no CDN, so the page works offline.
// `npm run build:web` runs it; `npm start` runs it first (prestart).
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const SRC = fileURLToPath(new URL('./src/', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('./dist/', import.meta.url));

export interface WebBuild {
  outdir: string;
  /** Bundled inputs, relative to the project root: what the page carries. */
  inputs: string[];
  /** Output file name to size in bytes. */
  sizes: Record<string, number>;
}

export async function buildWeb(outdir = WEB_DIST): Promise<WebBuild> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await esbuild.build({
    // main.ts imports styles.css, so esbuild writes app.css beside app.js.
    entryPoints: { app: join(SRC, 'main.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
  });
  await copyFile(join(SRC, 'index.html'), join(outdir, 'index.html'));
  const sizes: Record<string, number> = {};
  for (const [file, out] of Object.entries(result.metafile.outputs))
    sizes[file.slice(file.lastIndexOf('/') + 1)] = out.bytes;
  return { outdir, inputs: Object.keys(result.metafile.inputs), sizes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const b = await buildWeb();
  const list = Object.entries(b.sizes)
    .filter(([f]) => !f.endsWith('.map'))
    .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KiB`)
    .join(', ');
  console.warn(`web: built ${b.outdir} (${list})`);
}
