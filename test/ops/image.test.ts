// The Docker image, built from the Dockerfile and run for real, as the pods
// run it: read-only root filesystem, no capabilities, the image's own user,
// host networking so all traffic stays on loopback. A gateway container and
// an echo service container on a nats-server started here: /healthz, the
// demo page and its script, a WebSocket echo round trip, the service's
// health port, and a clean exit on SIGTERM.
//
// It needs a Docker engine (DOCKER_HOST is honoured) and skips, saying why,
// without one (CI has none). The base image is MUX_IMAGE_BASE, else a local
// muxgate-base:node24 (scripts/docker-base.sh), else the Dockerfile's default
// if it is here or can be pulled, else one made by scripts/docker-base.sh
// where that can run (root, debootstrap). docs/deploy.md, "The image, tested".
import { execFile, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { freePort, NatsServer } from '../../harness/nats-server.ts';
import { TestClient } from '../helpers/client.ts';
import { uniquePrefix } from '../helpers/system.ts';

const execP = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const IMAGE = 'muxgate:image-test';
const LOCAL_BASE = 'muxgate-base:node24';
const DEFAULT_BASE = 'node:24-bookworm-slim';

async function docker(args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await execP('docker', args, {
    cwd: ROOT,
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  return stdout.trim();
}
const succeeds = (args: string[], timeoutMs = 30_000): Promise<boolean> =>
  docker(args, timeoutMs).then(
    () => true,
    () => false,
  );

/** The base image to build on, or why the test cannot run here. */
async function prepare(): Promise<{ base: string } | { skip: string }> {
  if (spawnSync('docker', ['--version'], { stdio: 'ignore' }).status !== 0)
    return { skip: 'no docker command here' };
  if (!(await succeeds(['info', '--format', '{{.ServerVersion}}'])))
    return {
      skip: `no Docker engine answers${process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : ''} (docs/deploy.md, "The image, tested")`,
    };
  const wanted = process.env.MUX_IMAGE_BASE;
  if (wanted) return { base: wanted };
  if (await succeeds(['image', 'inspect', LOCAL_BASE])) return { base: LOCAL_BASE };
  if (await succeeds(['image', 'inspect', DEFAULT_BASE])) return { base: DEFAULT_BASE };
  if (await succeeds(['pull', DEFAULT_BASE], 180_000)) return { base: DEFAULT_BASE };
  const canMake =
    process.getuid?.() === 0 &&
    spawnSync('debootstrap', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canMake)
    return {
      skip: `${DEFAULT_BASE} cannot be pulled and there is no ${LOCAL_BASE}: make one with scripts/docker-base.sh`,
    };
  const made = spawnSync('bash', [resolve(ROOT, 'scripts/docker-base.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (made.status !== 0) throw new Error(`scripts/docker-base.sh failed:\n${made.stderr}`);
  return { base: LOCAL_BASE };
}

const setup = await prepare();
const skip = 'skip' in setup ? setup.skip : false;

describe('the Docker image, built and run', { skip, timeout: 1_200_000 }, () => {
  const names = {
    gateway: `muxgate-test-${process.pid}-gw`,
    echo: `muxgate-test-${process.pid}-echo`,
  };
  const prefix = uniquePrefix();
  let nats: NatsServer;
  let port: number;
  let health: number;

  /** Starts a container of the image as a pod would run it, and returns its name. */
  async function run(name: string, env: Record<string, string>, args: string[]): Promise<void> {
    await docker([
      'run',
      '--detach',
      '--name',
      name,
      '--network',
      'host',
      // As the pods run: nothing written to the image, no capabilities.
      '--read-only',
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
      IMAGE,
      ...args,
    ]);
  }

  /** Polls `url` until it answers 200 while the container runs; its logs when it does not. */
  async function until200(name: string, url: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(url).catch(() => undefined);
      if (res?.status === 200) return;
      const state = await docker(['inspect', '-f', '{{.State.Status}}', name]);
      if (state !== 'running' || Date.now() > deadline)
        assert.fail(`${name} (${state}): ${url} never answered 200\n${await logs(name)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const logs = (name: string) =>
    execP('docker', ['logs', name]).then(
      (o) => o.stdout + o.stderr,
      (err: Error) => err.message,
    );

  before(async () => {
    if (!('base' in setup)) return;
    try {
      await docker(
        ['build', '--network', 'host', '--build-arg', `BASE=${setup.base}`, '--tag', IMAGE, '.'],
        1_000_000,
      );
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`docker build failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, {
        cause: err,
      });
    }
    nats = await NatsServer.start();
    [port, health] = [await freePort(), await freePort()];
    await run(
      names.echo,
      { NATS_URL: nats.url, MUX_PREFIX: prefix, MUX_HEALTH_PORT: String(health) },
      ['service', 'echo'],
    );
    await run(
      names.gateway,
      {
        NATS_URL: nats.url,
        MUX_PREFIX: prefix,
        PORT: String(port),
        HOST: '127.0.0.1',
        MUX_ROUTES: 'echo',
      },
      [],
    );
    await until200(names.gateway, `http://127.0.0.1:${port}/healthz`);
    await until200(names.echo, `http://127.0.0.1:${health}/readyz`);
  });

  after(async () => {
    if (!('base' in setup)) return;
    await docker(['rm', '--force', names.gateway, names.echo]).catch(() => undefined);
    await nats?.close();
  });

  test('the gateway is live and ready, and the echo service ready on its health port', async () => {
    const get = async (url: string) => {
      const res = await fetch(url);
      return [res.status, await res.json()] as const;
    };
    assert.deepEqual(await get(`http://127.0.0.1:${port}/healthz`), [200, { status: 'ok' }]);
    assert.equal((await get(`http://127.0.0.1:${port}/readyz`))[0], 200);
    assert.deepEqual(await get(`http://127.0.0.1:${health}/readyz`), [
      200,
      { status: 'ready', bus: 'connected' },
    ]);
  });

  test('GET / serves the demo page, and the script it loads is there too', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /<title>muxgate demo<\/title>/);
    const script = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
    assert.ok(script, 'the page loads a script');
    const js = await fetch(new URL(script, `http://127.0.0.1:${port}/`));
    assert.equal(js.status, 200, script);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
  });

  test('a WebSocket message makes the round trip through both containers', async () => {
    const c = await TestClient.open(`ws://127.0.0.1:${port}/ws`);
    try {
      await c.join('echo');
      c.send({ type: 'msg', stream: 'echo', ref: 'r1', payload: { from: 'the image test' } });
      assert.deepEqual((await c.expect('reply')).payload, { from: 'the image test' });
    } finally {
      await c.close();
    }
  });

  test('runs as uid 1000 on a root filesystem it cannot write, not even /tmp', async () => {
    for (const name of Object.values(names)) {
      assert.equal(await docker(['inspect', '-f', '{{.HostConfig.ReadonlyRootfs}}', name]), 'true');
      assert.equal(await docker(['exec', name, 'node', '-p', 'process.getuid()']), '1000', name);
      const write = spawnSync(
        'docker',
        ['exec', name, 'node', '-e', "require('fs').writeFileSync('/tmp/probe', 'x')"],
        { encoding: 'utf8' },
      );
      assert.notEqual(write.status, 0, `${name} wrote /tmp`);
      assert.match(write.stderr, /EROFS/, name);
    }
  });

  test('SIGTERM drains both and they exit 0', async () => {
    for (const name of [names.gateway, names.echo]) {
      await docker(['stop', '--time', '30', name], 60_000);
      const code = await docker(['inspect', '-f', '{{.State.ExitCode}}', name]);
      assert.equal(code, '0', `${name}:\n${await logs(name)}`);
    }
  });
});
