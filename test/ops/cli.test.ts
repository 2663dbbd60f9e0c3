// The muxgate command line as a person meets it, run as a child process: help
// that fits 80 columns for the whole and for each command, one-line errors
// for unknown options, commands and arguments, connection errors that name
// NATS and the password-free URL, "drained" after "draining", dev on the
// loopback interface unless HOST is set, and dev's logs readable on a
// terminal but JSON lines otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../cli/help.ts';
import { NatsServer, freePort } from '../../harness/nats-server.ts';
import { runMuxgate, spawnMuxgate, type RunResult } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NAMES = COMMANDS.map((c) => c.name);
/** Nothing listens on port 1: connecting is refused at once. */
const NO_NATS = 'nats://127.0.0.1:1';
const ESC = '\u001b';

function assertFits(text: string, what: string): void {
  const wide = text.split('\n').filter((l) => l.length > 80);
  assert.deepEqual(wide, [], `${what}: lines wider than 80 columns`);
}

/** stderr's lines; the first is the error itself. */
const errLines = (r: RunResult): string[] => r.stderr.trimEnd().split('\n');

describe('muxgate --help and per-command help', () => {
  test('--help, -h and help print the overview: every command, within 80 columns', async () => {
    const runs = await Promise.all([['--help'], ['-h'], ['help']].map((a) => runMuxgate(a)));
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, runs[0]!.stdout);
    }
    const out = runs[0]!.stdout;
    assert.match(out, /^usage: muxgate <command>/);
    assertFits(out, 'muxgate --help');
    const listed = [...out.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]);
    assert.deepEqual(listed, NAMES);
    assert.deepEqual(NAMES.toSorted(), [
      'dev',
      'disconnect',
      'disconnect-user',
      'gateway',
      'help',
      'kick',
      'kv',
      'publish',
      'service',
    ]);
  });

  test('without a command: the overview on stderr, exit 2', async () => {
    const r = await runMuxgate([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^usage: muxgate <command>/);
  });

  for (const name of NAMES)
    test(`muxgate help ${name} and muxgate ${name} --help: its usage, within 80 columns`, async () => {
      const [a, b] = await Promise.all([runMuxgate(['help', name]), runMuxgate([name, '--help'])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      assert.equal(a.stdout, b.stdout);
      assert.match(a.stdout, new RegExp(`^usage: muxgate ${name}\\b`));
      assertFits(a.stdout, `muxgate help ${name}`);
    });

  test('the help of the long-running commands names the variables they read', async () => {
    const help = async (name: string) => (await runMuxgate(['help', name])).stdout;
    const [dev, gateway, service] = await Promise.all(['dev', 'gateway', 'service'].map(help));
    for (const v of ['PORT', 'HOST', 'NATS_URL', 'MUX_API_KEYS', 'LOG_LEVEL'])
      assert.match(dev!, new RegExp(`^ {2}${v} `, 'm'), `dev: ${v}`);
    for (const v of ['PORT', 'HOST', 'NATS_URL', 'MUX_ROUTES'])
      assert.match(gateway!, new RegExp(`^ {2}${v} `, 'm'), `gateway: ${v}`);
    assert.match(service!, /echo, chat, dashboard/);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await runMuxgate(['--version']);
    assert.deepEqual([r.code, r.stdout.trim()], [0, pkg.version]);
  });
});

describe('mistakes get one line saying what is wrong, then the usage, and exit 2', () => {
  const cases: [string[], string, RegExp][] = [
    [['--bogus'], "muxgate: unknown option '--bogus'", /^usage: muxgate <command>/m],
    [['dev', '--bogus'], "muxgate: unknown option '--bogus'", /^usage: muxgate dev$/m],
    [
      ['dev', '--port', '9000'],
      "muxgate: unknown option '--port' (settings come from the environment: set PORT)",
      /^usage: muxgate dev$/m,
    ],
    [
      ['publish', 'news', '-1'],
      "muxgate: unknown option '-1' (put -- before a message that starts with a dash)",
      /^usage: muxgate publish <group> <json>$/m,
    ],
    [['--help=yes'], "muxgate: option '-h, --help' does not take an argument", /^usage:/m],
    [['frobnicate'], "muxgate: unknown command 'frobnicate'", /^ {2}gateway /m],
    [['help', 'frobnicate'], "muxgate: help: unknown command 'frobnicate'", /^ {2}gateway /m],
    [
      ['gateway', 'extra'],
      "muxgate: gateway: unexpected argument 'extra'",
      /^usage: muxgate gateway$/m,
    ],
    [['service'], 'muxgate: service: missing <name>', /^usage: muxgate service <name>$/m],
    [
      ['service', 'nope'],
      "muxgate: service: unknown service 'nope' (echo, chat, dashboard, dashboard-feeder, notifications, inventory)",
      /^usage: muxgate service <name>$/m,
    ],
    [
      ['publish', 'news'],
      'muxgate: publish: missing <json>',
      /^usage: muxgate publish <group> <json>$/m,
    ],
  ];
  test('unknown options, commands and arguments', async () => {
    const env = { NATS_URL: NO_NATS };
    const runs = await Promise.all(cases.map(([args]) => runMuxgate(args, env)));
    for (const [i, r] of runs.entries()) {
      const [args, first, usage] = cases[i]!;
      const what = `muxgate ${args.join(' ')}`;
      assert.equal(r.code, 2, `${what}: ${r.stderr}`);
      assert.equal(r.stdout, '', what);
      assert.equal(errLines(r)[0], first, what);
      assert.match(r.stderr, usage, what);
      // Node's own parseArgs text never shows through.
      assert.doesNotMatch(r.stderr, /To specify a positional argument|ERR_PARSE_ARGS/, what);
      assertFits(r.stderr.split('\n').slice(1).join('\n'), what);
    }
  });

  test('a `--` lets a message start with a dash', async () => {
    const r = await runMuxgate(['publish', 'news', '--', '-1'], { NATS_URL: NO_NATS });
    // Past parsing: it fails only on the connection.
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cannot connect to NATS/);
  });
});

describe('connection errors name NATS and the URL without its password', () => {
  const url = 'nats://someone:hunter2@127.0.0.1:1,nats://someone:hunter2@127.0.0.1:2';
  const shown = 'nats://127.0.0.1:1,nats://127.0.0.1:2';
  for (const args of [['gateway'], ['service', 'echo'], ['publish', 'news', '{}']])
    test(`muxgate ${args.join(' ')}`, async () => {
      const r = await runMuxgate(args, { NATS_URL: url, PORT: String(await freePort()) });
      assert.equal(r.code, 1, r.stderr);
      const out = r.stdout + r.stderr;
      assert.doesNotMatch(out, /hunter2|s3cr3t/, 'no password or token in the output');
      assert.ok(
        errLines(r)
          .at(-1)
          ?.startsWith(
            `muxgate: cannot connect to NATS at ${shown} as user "someone" (password): connection refused`,
          ),
        errLines(r).at(-1),
      );
    });

  test('dev on NATS logs the password-free URL', async () => {
    const r = await runMuxgate(['dev'], {
      NATS_URL: 'nats://someone:hunter2@127.0.0.1:1',
      PORT: String(await freePort()),
    });
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
    assert.match(r.stdout, /"nats":"nats:\/\/127\.0\.0\.1:1"/);
    assert.ok(
      errLines(r)
        .at(-1)
        ?.startsWith(
          'muxgate: cannot connect to NATS at nats://127.0.0.1:1 as user "someone" (password): connection refused',
        ),
      errLines(r).at(-1),
    );
  });
});

describe('long-running commands', () => {
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
  });
  after(async () => {
    await nats.close();
  });

  test('a service logs "draining" on SIGTERM, then "drained", and exits 0', async () => {
    const echo = await spawnMuxgate(
      ['service', 'echo'],
      { NATS_URL: nats.url, MUX_PREFIX: uniquePrefix() },
      { ready: /service running/ },
    );
    assert.equal((await echo.stop('SIGTERM')).code, 0, echo.output);
    const msgs = echo.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    const draining = msgs.indexOf('draining');
    assert.ok(draining >= 0, echo.output);
    assert.ok(msgs.indexOf('drained') > draining, `"drained" after "draining":\n${echo.output}`);
  });

  test('dev listens on 127.0.0.1 unless HOST is set', async () => {
    // 127.0.0.2 is loopback too, but reaches only a socket bound to all interfaces.
    const reach = async (host: string, port: number) =>
      (await fetch(`http://${host}:${port}/healthz`).catch(() => undefined))?.status;
    const dev = await spawnMuxgate(['dev'], { HOST: undefined, NATS_URL: undefined });
    try {
      assert.equal(await reach('127.0.0.1', dev.port), 200);
      assert.equal(await reach('127.0.0.2', dev.port), undefined, 'not on other addresses');
      assert.match(dev.output, /"host":"127\.0\.0\.1"/);
    } finally {
      await dev.stop();
    }
    const open = await spawnMuxgate(['dev'], { HOST: '0.0.0.0', NATS_URL: undefined });
    try {
      assert.equal(await reach('127.0.0.2', open.port), 200, 'HOST=0.0.0.0 listens everywhere');
    } finally {
      await open.stop();
    }
  });
});

describe('dev logs', () => {
  const isJson = (l: string) => {
    try {
      return typeof (JSON.parse(l) as { msg?: unknown }).msg === 'string';
    } catch {
      return false;
    }
  };

  test('JSON lines when stdout is not a terminal', async () => {
    const dev = await spawnMuxgate(['dev'], { NATS_URL: undefined, LOG_FORMAT: undefined });
    await dev.stop();
    const lines = dev.output.trim().split('\n');
    assert.ok(lines.length > 5);
    assert.deepEqual(
      lines.filter((l) => !isJson(l)),
      [],
    );
  });

  test('readable lines with LOG_FORMAT=pretty', async () => {
    const dev = await spawnMuxgate(['dev'], { NATS_URL: undefined, LOG_FORMAT: 'pretty' });
    await dev.stop();
    const up = dev.output.split('\n').find((l) => l.includes('muxgate is up'));
    assert.match(
      up ?? '',
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}muxgate is up: demo page http:\/\/localhost:\d+\/ .* host=127\.0\.0\.1 port=\d+$/,
    );
    assert.ok(!dev.output.split('\n').some(isJson), dev.output);
  });

  const script = spawnSync('script', ['--version']).status === 0;
  test(
    'readable, coloured lines on a terminal (util-linux script gives it one)',
    { skip: !script && 'no script(1)' },
    async () => {
      const port = await freePort();
      const cmd = `'${process.execPath}' --import tsx cli/main.ts dev`;
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
      delete env.NATS_URL;
      delete env.LOG_FORMAT;
      const proc = spawn('script', ['-qfec', cmd, '/dev/null'], {
        cwd: ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise((r) => proc.once('exit', r));
      try {
        await until(() => out.includes('muxgate is up'), 20_000);
      } finally {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      const up = out.split(/\r?\n/).find((l) => l.includes('muxgate is up')) ?? '';
      assert.ok(!up.startsWith('{'), up);
      assert.ok(up.includes(`${ESC}[32mINFO ${ESC}[0m muxgate is up`), JSON.stringify(up));
    },
  );
});
