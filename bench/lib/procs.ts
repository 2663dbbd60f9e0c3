// Starting the system under test as separate OS processes: nats-server (the
// test helper), gateways and services through the real command line, and
// forked workers. Everything started is stopped by stopAll(), also when the
// run fails half-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../harness/nats-server.ts';
import { Worker } from './rpc.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface RunDirs {
  logDir: string;
  /** When set, gateways run with --cpu-prof and write their profiles here. */
  profileDir: string | undefined;
}

export class Proc {
  readonly exited: Promise<void>;
  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the gateway drains and, under --cpu-prof, writes its profile), SIGKILL after a grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const started = new Set<{ stop(): Promise<void> }>();

function track<T extends { stop(): Promise<void> }>(p: T): T {
  started.add(p);
  return p;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((p) => p.stop().catch(() => undefined)));
  started.clear();
}

/** Runs `node --import tsx <args>` from the repository root, its output in <logDir>/<name>.log. */
function spawnNode(
  name: string,
  args: string[],
  env: Record<string, string>,
  dirs: RunDirs,
  nodeArgs: string[] = [],
): Proc {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dirs.logDir, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return track(new Proc(name, child));
}

export interface GatewayProc extends Proc {
  readonly port: number;
  readonly wsUrl: string;
}

/** `muxgate gateway` on a free port; resolves once /readyz answers 200. */
export async function startGateway(
  name: string,
  natsUrl: string,
  prefix: string,
  env: Record<string, string>,
  dirs: RunDirs,
): Promise<GatewayProc> {
  const port = await freePort();
  const nodeArgs = dirs.profileDir
    ? // One profile per thread (tsx's loader runs in a worker thread): a directory per gateway.
      ['--cpu-prof', `--cpu-prof-dir=${join(dirs.profileDir, name)}`]
    : [];
  const proc = spawnNode(
    name,
    ['cli/main.ts', 'gateway'],
    {
      NATS_URL: natsUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      MUX_PREFIX: prefix,
      MUX_GATEWAY_ID: name,
      MUX_DRAIN_TIMEOUT_MS: '3000',
      ...env,
    },
    dirs,
    nodeArgs,
  );
  await waitFor(name, proc, async () => {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return res.status === 200;
  });
  return Object.assign(proc, { port, wsUrl: `ws://127.0.0.1:${port}/ws` });
}

/**
 * A service process: `muxgate service <name>`, or a bench/ entry file. Ready
 * when it logs "service running" (ServiceRunner logs it once its
 * subscriptions reached the broker).
 */
export async function startService(
  name: string,
  args: string[],
  natsUrl: string,
  prefix: string,
  dirs: RunDirs,
): Promise<Proc> {
  const proc = spawnNode(
    name,
    args,
    { NATS_URL: natsUrl, MUX_PREFIX: prefix, LOG_LEVEL: 'info' },
    dirs,
  );
  let out = '';
  proc.child.stdout?.on('data', (d: Buffer) => {
    if (out.length < 10_000) out += d.toString();
  });
  await waitFor(name, proc, async () => out.includes('service running'));
  return proc;
}

export function forkWorker(name: string, file: string, dirs: RunDirs, runtime?: string): Worker {
  return track(Worker.fork(name, file, { logDir: dirs.logDir, runtime }));
}

async function waitFor(name: string, proc: Proc, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!proc.running) throw new Error(`${name} exited before it was ready; see its log`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
