// @muxgate/sdk and @muxgate/client as a project of a user's own gets them:
// each packed (`npm pack` in its workspace, whose prepack builds its dist/),
// then installed from the tarballs into a scratch project outside the
// repository, with nothing of the repository's node_modules in reach. The
// project is the one docs/services.md shows ("Your own service, in your own
// repository"): its files are taken from that page, so the page cannot drift
// from what works. They type-check with tsc against the packages'
// declarations, and the compiled service and client run with plain node
// against a nats-server and a gateway that routes the service. npm reaches
// the registry or its cache: 20 to 60 seconds.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { NatsServer } from '../../harness/nats-server.ts';
import { importGraph } from '../helpers/imports.ts';
import { cleanEnv, npmInstall, npmPack, userEnv, type Packed } from '../helpers/npm.ts';
import { runMuxgate, spawnMuxgate } from '../helpers/process.ts';
import { startGateway, uniquePrefix } from '../helpers/system.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const SECTION = '## Your own service, in your own repository';

interface Manifest {
  name: string;
  exports: Record<string, { types: string; default: string }>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifest = async (dir: string): Promise<Manifest> =>
  JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The files of a docs section: fenced blocks whose info string names a path (```ts src/service.ts). */
async function filesOfSection(doc: string, heading: string): Promise<Map<string, string>> {
  const text = await readFile(doc, 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${heading} in ${doc}`);
  const end = text.indexOf('\n## ', start + heading.length + 2);
  const section = text.slice(start, end < 0 ? undefined : end);
  const files = new Map<string, string>();
  for (const m of section.matchAll(/^```\w+ (\S+)\n([\s\S]*?)^```$/gm)) files.set(m[1]!, m[2]!);
  return files;
}

describe('the SDK and client packages, installed in a project outside the repository', () => {
  const packages = { sdk: join(ROOT, 'services/sdk'), client: join(ROOT, 'client') };
  let scratch: string;
  let project: string;
  let packed: Record<keyof typeof packages, Packed>;
  let tsc: { code: number; output: string };

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'muxgate-packages-'));
    project = join(scratch, 'project');
    await mkdir(project);
    const [sdk, client] = await Promise.all([
      npmPack(packages.sdk, scratch),
      npmPack(packages.client, scratch),
    ]);
    packed = { sdk, client };
    const files = await filesOfSection(join(ROOT, 'docs/services.md'), SECTION);
    assert.deepEqual([...files.keys()].sort(), [
      'package.json',
      'src/client.ts',
      'src/service.ts',
      'tsconfig.json',
    ]);
    for (const [path, content] of files) {
      await mkdir(dirname(join(project, path)), { recursive: true });
      await writeFile(join(project, path), content);
    }
    // What the page installs beside the tarballs, at the versions the
    // repository uses (npm's cache has them).
    const root = await manifest(ROOT);
    const pinned = (name: string): string =>
      `${name}@${root.dependencies?.[name] ?? root.devDependencies?.[name]}`;
    await npmInstall(project, [
      packed.sdk.tarball,
      packed.client.tarball,
      ...['ws', 'typescript', '@types/node', '@types/ws'].map(pinned),
    ]);
    tsc = await exec(process.execPath, [join(project, 'node_modules/typescript/bin/tsc')], {
      cwd: project,
      env: cleanEnv(),
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? -1,
        output: `${err.stdout ?? ''}${err.stderr ?? ''}`,
      }),
    );
  });

  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const name of ['sdk', 'client'] as const)
    test(`@muxgate/${name}: every export is packed with its declarations; no TypeScript sources`, async () => {
      const { files } = packed[name];
      const { exports } = await manifest(packages[name]);
      for (const [path, target] of Object.entries(exports))
        for (const file of [target.types, target.default])
          assert.ok(files.includes(file.slice(2)), `${path}: ${file} is packed`);
      const sources = files.filter((f) => /\.(c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts'));
      assert.deepEqual(sources, []);
      const undeclared = files.filter(
        (f) => f.endsWith('.js') && !files.includes(f.replace(/\.js$/, '.d.ts')),
      );
      assert.deepEqual(undeclared, [], 'JavaScript without its declarations');
    });

  test('at run time the client imports no package, the SDK only its own dependencies', async () => {
    const imports = async (name: string) => {
      const dir = join(project, 'node_modules', name);
      const pkg = await manifest(dir);
      const entries = Object.values(pkg.exports).map((e) => join(dir, e.default));
      return { pkg, ...(await importGraph(entries, dir)) };
    };
    // A browser bundle of the client carries nothing but the client.
    assert.deepEqual((await imports('@muxgate/client')).packages, []);
    const sdk = await imports('@muxgate/sdk');
    assert.ok(sdk.files.includes('dist/proto/gen/muxgate.js'), 'the generated protobuf code');
    const undeclared = sdk.packages.filter((p) => !(p in (sdk.pkg.dependencies ?? {})));
    assert.deepEqual(undeclared, []);
  });

  test("the project's service and client type-check against the packages' declarations", () => {
    // tsconfig.json leaves skipLibCheck off: the declarations and all they import are checked.
    assert.equal(tsc.code, 0, tsc.output);
  });

  test("the project's service, run with node, answers the project's client through a gateway", async () => {
    const nats = await NatsServer.start({ jetstream: false });
    const prefix = uniquePrefix();
    const env = { ...userEnv(), NATS_URL: nats.url, MUX_PREFIX: prefix, LOG_LEVEL: 'info' };
    const node = { bin: process.execPath, cwd: project };
    try {
      // Its logger says so: the page's service is not silent.
      const service = await spawnMuxgate(['out/service.js'], env, {
        ...node,
        ready: /"msg":"service running"/,
      });
      try {
        const gateway = await startGateway({ nats: nats.url }, prefix, { MUX_ROUTES: 'greeter' });
        try {
          const client = await runMuxgate(
            ['out/client.js'],
            { ...env, MUX_URL: `ws://127.0.0.1:${gateway.port}/ws` },
            30_000,
            node,
          );
          assert.equal(client.code, 0, client.stderr);
          const lines = client.stdout.trim().split('\n');
          assert.deepEqual(
            lines.map((l) => JSON.parse(l) as unknown),
            [
              { hello: 'ann', topic: 'lobby' },
              { to: 'ann', got: { text: 'hi' } },
            ],
          );
        } finally {
          await gateway.drain();
        }
      } finally {
        // SIGTERM: the page's handler drains the runner, and the process exits on its own.
        assert.equal((await service.stop()).code, 0, service.output);
      }
    } finally {
      await nats.close();
    }
  });
});
