// The Dockerfile, checked without a Docker engine: the image runs the build
// output (dist/) with plain `node` and no TypeScript loader, the runtime stage
// holds what that output imports and nothing from the development
// dependencies, and the user is the non-root uid the Kubernetes pods expect.
// The build runs here for real, into the image's layout (package.json,
// node_modules, dist/), and that layout starts and serves the demo page.
// image.test.ts builds and runs the image itself where a Docker engine is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { freePort } from '../../harness/nats-server.ts';
import { build } from '../../scripts/build.ts';
import { execForm, last, parseDockerfile, type Stage } from '../helpers/dockerfile.ts';
import { importGraph } from '../helpers/imports.ts';
import { loadManifests } from '../helpers/k8s.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const IMAGE = 'muxgate';
/** TypeScript loaders and compilers: none may run in, or ship to, the image. */
const LOADERS = ['tsx', 'ts-node', 'typescript', 'esbuild', '@swc/core', '@swc/register'];

interface Pkg {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}
const readPkg = async (): Promise<Pkg> =>
  JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Pkg;

/** COPY sources and destination of a stage, with the --from stage if any. */
function copies(stage: Stage): { from: string | undefined; src: string[]; dest: string }[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const parts = i.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
      const paths = parts.filter((p) => !p.startsWith('--'));
      return { from, src: paths.slice(0, -1), dest: paths.at(-1)! };
    });
}

describe('Dockerfile', () => {
  let stages: Stage[];
  before(async () => {
    stages = parseDockerfile(await readFile(join(ROOT, 'Dockerfile'), 'utf8'));
  });
  const runtime = () => stages.at(-1)!;

  test('the entrypoint runs the build output with node, no TypeScript loader', async () => {
    const entry = execForm(last(runtime(), 'ENTRYPOINT'));
    assert.deepEqual(entry, ['node', 'dist/cli/main.js']);
    assert.deepEqual(execForm(last(runtime(), 'CMD')), ['gateway']);
    const env = runtime().instructions.filter((i) => i.keyword === 'ENV');
    // NODE_OPTIONS may size the heap (--max-semi-space-size), never load code.
    const loads = /--(import|loader|experimental-loader|require)\b|-r\b|tsx/;
    assert.ok(
      !env.some((i) => /NODE_OPTIONS/.test(i.args) && loads.test(i.args)),
      'no loader through NODE_OPTIONS',
    );
    const pkg = await readPkg();
    const shipped = LOADERS.filter((p) => p in pkg.dependencies);
    assert.deepEqual(shipped, [], 'a TypeScript loader among the runtime dependencies');
  });

  test('the build stage runs npm run build; the runtime stage takes dist/, package.json and production node_modules', async () => {
    const pkg = await readPkg();
    assert.ok(pkg.scripts.build, 'package.json has a build script');
    const build = stages.find((s) => s.name === 'build');
    assert.ok(build, 'a stage named build');
    const runs = build.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    assert.ok(runs.includes('npm run build'), runs.join(' | '));
    const deps = stages.find((s) => s.name === 'deps');
    const depsRuns = deps?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    assert.ok(
      depsRuns?.some((r) => /npm ci\b.*--omit=dev/.test(r)),
      'deps: npm ci --omit=dev',
    );

    const taken = copies(runtime()).flatMap((c) =>
      c.src.map((s) => `${c.from ?? ''}:${relative('/app', s)}`),
    );
    assert.deepEqual(taken.sort(), ['build:dist', 'build:package.json', 'deps:node_modules']);
    assert.equal(last(runtime(), 'WORKDIR')?.args, '/app');
  });

  test('every stage builds on the BASE argument, which defaults to an official Node image', async () => {
    const text = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    // An ARG before the first FROM is the only kind a FROM can use.
    const arg = /^ARG BASE=(\S+)$/m.exec(text.slice(0, text.search(/^FROM /m)));
    assert.match(arg?.[1] ?? '', /^node:\d+-/, 'ARG BASE=node:<version>-… before the first FROM');
    // Stages that do not start from another stage start from BASE.
    const external = stages.filter((s) => !stages.some((o) => o.name === s.base));
    assert.ok(external.length > 0);
    assert.deepEqual(
      external.map((s) => s.base),
      external.map(() => '${BASE}'),
    );
    // A `# syntax=` line would make BuildKit fetch a frontend image first,
    // which a machine with no registry cannot.
    assert.doesNotMatch(text, /^#\s*syntax=/m);
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
});

describe('the build output, laid out as the image has it', () => {
  // Inside the repository so nothing above it answers for it by accident:
  // /app/package.json, /app/node_modules and /app/dist, as in the image.
  const app = join(ROOT, '.tmp', `image-${process.pid}`);
  const dist = join(app, 'dist');
  before(async () => {
    await rm(app, { recursive: true, force: true });
    await mkdir(app, { recursive: true });
    await build(dist);
    await copyFile(join(ROOT, 'package.json'), join(app, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  });
  after(async () => {
    await rm(app, { recursive: true, force: true });
  });

  test('is JavaScript only, and every import resolves inside dist/ or to a runtime dependency', async () => {
    const files = await readdir(dist, { recursive: true });
    const sources = files.filter((f) => /\.(c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts'));
    assert.deepEqual(sources, [], 'TypeScript in dist/');
    const { files: reached, packages } = await importGraph([join(dist, 'cli/main.js')], dist);
    assert.ok(reached.length > 10, `${reached.length} files reached`);
    assert.ok(reached.includes('proto/gen/muxgate.js'), 'the generated protobuf code is copied');
    const pkg = await readPkg();
    const devOnly = packages.filter((p) => !(p in pkg.dependencies));
    assert.deepEqual(devOnly, [], 'imported at run time but not in dependencies');
    assert.ok(existsSync(join(dist, 'web/dist/index.html')), 'the demo page is in dist/web/dist');
  });

  test('starts with plain node from any directory, as the image user, and serves the demo page', async (t) => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HOME: '/nonexistent',
    };
    delete env.NODE_OPTIONS;
    // As root, run it as the image's uid 1000, to whom every file here is
    // read-only (owned by root): it must start without writing anything.
    const [uid, gid] = [1000, 1000];
    const asImageUser =
      process.getuid?.() === 0 &&
      spawnSync(
        process.execPath,
        ['-e', `require('fs').readFileSync(${JSON.stringify(join(dist, 'cli/main.js'))})`],
        { uid, gid, cwd: '/' },
      ).status === 0;
    if (!asImageUser)
      t.diagnostic('not as uid 1000: not root, or the checkout is not readable to it');
    const proc = spawn(process.execPath, [join(dist, 'cli/main.js'), 'dev'], {
      cwd: '/',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asImageUser && { uid, gid }),
    });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    try {
      const deadline = Date.now() + 20_000;
      let health: Response | undefined;
      while (!health?.ok) {
        assert.ok(proc.exitCode === null && Date.now() < deadline, `did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      }
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i);
    } finally {
      proc.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    }
  });
});
