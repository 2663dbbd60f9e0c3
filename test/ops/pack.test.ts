// muxgate as a user installs it: `npm pack` (which builds dist/ first), then
// `npm install <tarball>` in a scratch project outside the repository, with
// nothing of the repository's node_modules in reach. The installed `muxgate`
// runs its compiled JavaScript through its shebang: `--help` (installed
// locally and globally), `dev` (listens, /healthz and the demo page), and a
// gateway and the echo service as separate processes over NATS. It reaches the
// npm registry (or npm's cache) for the dependencies: 10 to 60 seconds.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestClient } from '../helpers/client.ts';
import { cleanEnv, npmInstall, npmPack, userEnv } from '../helpers/npm.ts';
import { spawnMuxgate } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('the packed package, installed outside the repository', () => {
  let scratch: string;
  let project: string;
  let bin: string;
  let installLog: string;
  let packed: string[];
  let tarballPath: string;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'muxgate-pack-'));
    project = join(scratch, 'project');
    await mkdir(project);
    ({ tarball: tarballPath, files: packed } = await npmPack(ROOT, scratch));
    // A project of the user's own. The override is the one README.md tells
    // Node 20 users to add (overrides apply only to the root project).
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        overrides: { '@nats-io/nuid': '2.0.3' },
      }),
    );
    installLog = await npmInstall(project, [tarballPath]);
    bin = join(project, 'node_modules/.bin/muxgate');
  });

  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('the tarball holds the build output and no TypeScript sources or tests', () => {
    for (const f of ['dist/cli/main.js', 'dist/proto/gen/muxgate.js', 'dist/web/dist/index.html'])
      assert.ok(packed.includes(f), `${f} is packed`);
    const stray = packed.filter((f) => /\.ts$/.test(f) || /^(test|cli|gateway)\//.test(f));
    assert.deepEqual(stray, []);
  });

  test('installs without engine warnings, with no TypeScript loader', async () => {
    assert.doesNotMatch(installLog, /EBADENGINE/);
    const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const loaders = Object.keys(lock.packages).filter((p) =>
      /node_modules\/(tsx|ts-node|typescript)$/.test(p),
    );
    assert.deepEqual(loaders, []);
  });

  test('npx muxgate --help (--no-install: never the registry)', async () => {
    const { stdout } = await exec('npx', ['--no-install', 'muxgate', '--help'], {
      cwd: project,
      env: cleanEnv(),
      timeout: 30_000,
    });
    assert.match(stdout, /^usage: muxgate/m);
    assert.match(stdout, /^ {2}gateway\b/m);
  });

  test('npm install -g, then muxgate --help (the bin a shell runs)', async () => {
    const prefix = join(scratch, 'global');
    await exec(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        tarballPath,
      ],
      {
        cwd: scratch,
        env: cleanEnv(),
        timeout: 120_000,
      },
    );
    const { stdout } = await exec(join(prefix, 'bin/muxgate'), ['--help'], {
      cwd: scratch,
      env: cleanEnv(),
      timeout: 30_000,
    });
    assert.match(stdout, /^usage: muxgate/m);
  });

  test('muxgate dev listens, answers /healthz and serves the demo page; SIGTERM stops it', async () => {
    const dev = await spawnMuxgate(
      ['dev'],
      { ...userEnv(), NATS_URL: undefined, LOG_LEVEL: 'warn' },
      { bin, cwd: project, ready: 'none' },
    );
    try {
      let health: Response | undefined;
      const deadline = Date.now() + 20_000;
      while (!health?.ok) {
        assert.ok(dev.running && Date.now() < deadline, `dev did not start:\n${dev.output}`);
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`${dev.http}/healthz`).catch(() => undefined);
      }
      assert.equal(health.status, 200);
      const page = await fetch(`${dev.http}/`);
      assert.equal(page.status, 200);
    } finally {
      assert.equal((await dev.stop()).code, 0, dev.output);
    }
  });

  test('muxgate gateway and muxgate service echo run as separate processes over NATS', async () => {
    const nats = await NatsServer.start({ jetstream: false });
    const env = { ...userEnv(), NATS_URL: nats.url, MUX_PREFIX: uniquePrefix() };
    const echo = await spawnMuxgate(['service', 'echo'], env, {
      bin,
      cwd: project,
      ready: /service running/,
    });
    const gw = await spawnMuxgate(
      ['gateway'],
      { ...env, MUX_ROUTES: 'echo' },
      { bin, cwd: project },
    );
    try {
      const c = await TestClient.open(gw.url);
      await c.join('echo');
      c.send({ type: 'msg', stream: 'echo', ref: 'p', payload: { from: 'the package' } });
      assert.deepEqual((await c.expect('reply')).payload, { from: 'the package' });
      await c.close();
    } finally {
      assert.equal((await gw.stop()).code, 0, gw.output);
      assert.equal((await echo.stop()).code, 0, echo.output);
      await nats.close();
    }
  });
});
