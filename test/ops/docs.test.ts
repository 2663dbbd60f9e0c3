// The docs' examples, run (issue 15). Every fenced code block of README.md
// and docs/*.md marked runnable with an HTML comment on the line before it
// (GitHub does not show it; docs/CONTRIBUTING-docs.md is the writer's guide):
//
//   <!-- runnable -->                        runs to its end and must exit 0
//   <!-- runnable: background "<text>" -->   a server (a service): up once its output
//                                            holds <text>; it runs beside the page's
//                                            later blocks, then gets SIGTERM and must
//                                            exit 0
//
// TypeScript (```ts) and JavaScript (```js) blocks are modules in a scratch
// directory inside the repository (.tmp/docs-*), run with tsx. Its tsconfig
// maps @muxgate/sdk, @muxgate/client and their subpaths to the sources their
// package exports are built from, so the examples import what a user's
// project imports, with no build; every TypeScript block is also
// type-checked with the repository's strict settings. Shell blocks (```sh)
// run with `bash -e -o pipefail` in the repository: they are commands in a
// muxgate checkout.
//
// Each block runs against one system, named by the variables the docs use:
// NATS_URL (a nats-server with JetStream), MUX_PREFIX, and a gateway set up
// as `npm start` sets it up (tokens at /dev/token) with the echo, chat and
// notifications services (the last its connect service), which also routes
// the services the pages define (DOC_SERVICES): MUX_URL (its WebSocket URL),
// MUX_HTTP (its HTTP base) and MUX_API_KEY (one of its MUX_API_KEYS). Pages
// run one after another, their blocks in order; a failure names the page and
// the line of its block, and tsc's and stack traces' lines are given as lines
// of the page.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { NatsServer } from '../../harness/nats-server.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { SERVICES } from '../../services/registry.ts';
import { ServiceRunner, type RunnableService } from '../../services/sdk/index.ts';
import { EXTENSIONS, runnableBlocks, type DocBlock } from '../helpers/doc-blocks.ts';
import { userEnv } from '../helpers/npm.ts';
import { runMuxgate, spawnMuxgate, type Env, type MuxgateProcess } from '../helpers/process.ts';
import { serviceEnv, startGateway, uniquePrefix } from '../helpers/system.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// A guard against a block that hangs, not a speed limit: on a busy machine a
// shell block that runs `npm run muxgate` takes 25 s.
const BLOCK_TIMEOUT_MS = 60_000;
/** Stream services the pages' own examples define and run (services.md: rooms, greeter). */
const DOC_SERVICES = ['rooms', 'greeter'];
const API_KEY = `docs-${randomBytes(8).toString('hex')}`;

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const parsed = PAGES.map((doc) => runnableBlocks(doc, readFileSync(join(ROOT, doc), 'utf8')));
const blocks = parsed.flatMap((p) => p.blocks);

const where = (b: DocBlock): string => `${b.doc}:${b.line}`;
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fileOf = (b: DocBlock): string =>
  `${b.doc.replace(/\.md$/, '').replaceAll('/', '-')}-${b.line}${EXTENSIONS[b.lang]}`;
const byFile = new Map(blocks.map((b) => [fileOf(b), b]));

let scratch: string;
let system: DocsSystem;
let typecheck: Promise<{ code: number; output: string }>;

/** Output with the scratch files' lines given as lines of their pages. */
function located(text: string): string {
  const at = (file: string, n: string | undefined): string => {
    const b = byFile.get(file);
    return b && n ? `${b.doc}:${b.line + Number(n)}` : file;
  };
  return text
    .replace(
      new RegExp(`(?:file://)?${literal(scratch)}/([\\w.-]+)(?::(\\d+)| line (\\d+))?`, 'g'),
      (_, file: string, a?: string, b?: string) => at(file, a ?? b),
    )
    .replace(
      /^([\w.-]+\.ts)\((\d+),(\d+)\)/gm,
      (_, file: string, n: string, col: string) => `${at(file, n)}:${col}`,
    );
}

/** tsconfig paths for each workspace package's exports: `./dist/<path>.js` is built from `<path>.ts`. */
function exportPaths(): Record<string, string[]> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const paths: Record<string, string[]> = {};
  for (const dir of root.workspaces) {
    const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { default: string }>;
    };
    for (const [sub, target] of Object.entries(pkg.exports)) {
      const source = join(ROOT, target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
      assert.ok(existsSync(source), `${pkg.name} ${sub}: ${source} exists`);
      paths[sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`] = [relative(scratch, source)];
    }
  }
  return paths;
}

async function tsc(dir: string): Promise<{ code: number; output: string }> {
  const bin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  return promisify(execFile)(process.execPath, [bin, '-p', dir, '--pretty', 'false'], {
    cwd: dir,
    timeout: 240_000,
  }).then(
    () => ({ code: 0, output: '' }),
    (err: { code?: unknown; signal?: string; stdout?: string; stderr?: string }) => ({
      code: typeof err.code === 'number' ? err.code : -1,
      output: `${err.stdout ?? ''}${err.stderr ?? ''}${err.signal ? `tsc: killed by ${err.signal}` : ''}`,
    }),
  );
}

interface DocsSystem {
  env: Env;
  close(): Promise<void>;
}

async function startSystem(): Promise<DocsSystem> {
  const nats = await NatsServer.start(); // JetStream: chat's rooms are durable groups
  const prefix = uniquePrefix();
  const source = { nats: nats.url };
  const services: { svc: RunnableService; runner: ServiceRunner }[] = [];
  let gateway: Gateway | undefined;
  const close = async (): Promise<void> => {
    await gateway?.drain();
    for (const { svc, runner } of services) {
      await svc.close?.();
      await runner.drain().catch(() => undefined);
    }
    await nats.close();
  };
  try {
    for (const name of ['echo', 'chat', 'notifications']) {
      const env = await serviceEnv(source, name, prefix);
      const svc = await SERVICES[name]!(env);
      services.push({
        svc,
        runner: await ServiceRunner.start(env.bus, svc.definition!, { prefix }),
      });
    }
    gateway = await startGateway(source, prefix, {
      // As `muxgate dev` (npm start) sets them (cli/settings.ts): the examples sign in at /dev/token.
      MUX_JWT_SECRET: randomBytes(16).toString('hex'),
      MUX_AUTH: 'optional',
      MUX_DEV_TOKENS: 'true',
      MUX_API_KEYS: API_KEY,
      MUX_ROUTES: ['echo', 'chat', 'notifications', ...DOC_SERVICES].join(','),
      // As `muxgate dev` sets it: client.md's example receives the stream it opens.
      MUX_CONNECT_SERVICE: 'notifications',
    });
  } catch (err) {
    await close();
    throw err;
  }
  const http = `http://127.0.0.1:${gateway.port}`;
  const env: Env = {
    ...userEnv(),
    NATS_URL: nats.url,
    MUX_PREFIX: prefix,
    MUX_URL: `${http.replace(/^http/, 'ws')}/ws`,
    MUX_HTTP: http,
    MUX_API_KEY: API_KEY,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  };
  return { env, close };
}

/** How a block's file runs: the program, its arguments and the directory. */
function command(b: DocBlock): { bin: string; args: string[]; cwd: string } {
  const file = join(scratch, fileOf(b));
  return EXTENSIONS[b.lang] === '.sh'
    ? { bin: 'bash', args: ['-e', '-o', 'pipefail', file], cwd: ROOT }
    : { bin: process.execPath, args: ['--import', 'tsx', file], cwd: scratch };
}

before(async () => {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  scratch = await mkdtemp(join(ROOT, '.tmp', 'docs-'));
  for (const b of blocks) await writeFile(join(scratch, fileOf(b)), b.code);
  const sources = blocks.filter((b) => EXTENSIONS[b.lang] === '.ts').map(fileOf);
  await writeFile(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(scratch, join(ROOT, 'tsconfig.json')),
      compilerOptions: { paths: exportPaths() },
      files: sources,
    }),
  );
  // tsc takes a while: it runs while the blocks do.
  typecheck = tsc(scratch);
  system = await startSystem();
});

after(async () => {
  await system?.close();
  await typecheck;
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('finding the blocks: markers, options, fences and mistakes', () => {
  const page = [
    '<!-- runnable -->', // 1
    '',
    '```ts', // 3
    'run();',
    '```',
    '````md', // 6: a marker shown inside a block marks nothing
    '<!-- runnable -->',
    '```sh',
    'shown',
    '```',
    '````',
    '<!-- runnable: background "up" -->', // 12
    '```sh extra words',
    'serve',
    '```',
    '<!-- runable -->', // 16
    '<!-- runnable -->', // 17: not followed by a block
    'text',
    '<!-- runnable: forever -->', // 19
    '```ts',
    '```',
    '<!-- runnable -->', // 22
    '```yaml',
    '```',
  ].join('\n');
  const { blocks: found, problems } = runnableBlocks('p.md', page);
  assert.deepEqual(found, [
    { doc: 'p.md', line: 3, lang: 'ts', code: 'run();\n' },
    { doc: 'p.md', line: 13, lang: 'sh', code: 'serve\n', readyText: 'up' },
  ]);
  assert.deepEqual(
    problems.map((p) => p.slice(0, p.indexOf(':', 5))),
    ['p.md:16', 'p.md:17', 'p.md:19', 'p.md:22'],
  );
});

test('every runnable marker sits right before a block it can run', () => {
  assert.deepEqual(
    parsed.flatMap((p) => p.problems),
    [],
  );
});

for (const doc of PAGES) {
  const page = blocks.filter((b) => b.doc === doc);
  if (page.length === 0) continue;
  describe(`the runnable blocks of ${doc}`, () => {
    const running = new Map<DocBlock, MuxgateProcess>();
    after(async () => {
      for (const p of running.values()) await p.stop('SIGKILL');
    });

    for (const b of page)
      if (b.readyText === undefined)
        test(`${where(b)} (${b.lang}) exits 0`, async () => {
          const { bin, args, cwd } = command(b);
          const r = await runMuxgate(args, system.env, BLOCK_TIMEOUT_MS, { bin, cwd });
          const exit = r.code ?? `none within ${BLOCK_TIMEOUT_MS / 1000} s`;
          assert.equal(r.code, 0, `${where(b)}: exit ${exit}\n${located(r.stdout + r.stderr)}`);
        });
      else
        test(`${where(b)} (${b.lang}, background) is up`, async () => {
          const { bin, args, cwd } = command(b);
          const ready = new RegExp(literal(b.readyText!));
          try {
            const p = await spawnMuxgate(args, system.env, {
              bin,
              cwd,
              ready,
              timeoutMs: BLOCK_TIMEOUT_MS,
            });
            running.set(b, p);
          } catch (err) {
            assert.fail(`${where(b)}: not up ("${b.readyText}")\n${located(String(err))}`);
          }
        });

    for (const b of page.filter((x) => x.readyText !== undefined))
      test(`${where(b)} (background) exits 0 on SIGTERM`, async (t) => {
        const p = running.get(b);
        if (!p) return t.skip('it did not start');
        running.delete(b);
        const exit = await p.stop('SIGTERM', BLOCK_TIMEOUT_MS);
        assert.equal(
          exit.code,
          0,
          `${where(b)}: exit ${exit.code ?? exit.signal}\n${located(p.output)}`,
        );
      });
  });
}

test('every TypeScript block type-checks', async () => {
  const { code, output } = await typecheck;
  assert.equal(code, 0, located(output));
});
