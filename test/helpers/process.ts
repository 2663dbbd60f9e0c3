// Runs the muxgate command line as a separate OS process: from the sources,
// `node --import tsx cli/main.ts <args>`, or an installed `muxgate` bin (the
// `bin` option). spawnMuxgate waits until the process is ready; runMuxgate
// runs a command to its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../harness/nats-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'cli/main.ts'];

// A failed test must not leave gateways running behind it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export interface SpawnOptions {
  /**
   * When the process counts as started: 'readyz' (the default) polls
   * GET /readyz on its PORT until 200; a RegExp waits for a matching line of
   * output (a service logs "service running"); 'none' does not wait.
   */
  ready?: 'readyz' | RegExp | 'none';
  timeoutMs?: number;
  /** An executable to run instead of the sources, e.g. an installed package's `muxgate`. */
  bin?: string;
  /** The working directory; the repository by default. */
  cwd?: string;
}

/** Environment on top of this process's; `undefined` removes a variable. */
export type Env = Record<string, string | undefined>;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class MuxgateProcess {
  #output = '';
  readonly exited: Promise<Exit>;

  constructor(
    readonly proc: ChildProcess,
    /** The PORT it was given (meaningful for `gateway` and `dev`). */
    readonly port: number,
  ) {
    const take = (d: Buffer): void => {
      this.#output += d.toString();
    };
    proc.stdout?.on('data', take);
    proc.stderr?.on('data', take);
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        live.delete(proc);
        resolve({ code, signal });
      }),
    );
  }

  /** Everything it wrote so far, stdout and stderr interleaved. */
  get output(): string {
    return this.#output;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Sends `signal` (SIGTERM: a graceful drain) and waits for the exit; SIGKILL after the deadline. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<Exit> {
    if (this.running) this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

function start(
  args: string[],
  env: Env,
  opts: Pick<SpawnOptions, 'bin' | 'cwd'> = {},
): ChildProcess {
  const merged: Env = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const [file, argv] = opts.bin ? [opts.bin, args] : [process.execPath, [...CLI, ...args]];
  const proc = spawn(file, argv, {
    cwd: opts.cwd ?? ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  return proc;
}

/**
 * Starts `muxgate <args>` with `env` on top of this process's environment.
 * Without PORT in `env` it gets a free one, and HOST defaults to 127.0.0.1
 * (`HOST: undefined` leaves it unset).
 */
export async function spawnMuxgate(
  args: string[],
  env: Env = {},
  opts: SpawnOptions = {},
): Promise<MuxgateProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const p = new MuxgateProcess(
    start(args, { HOST: '127.0.0.1', ...env, PORT: String(port) }, opts),
    port,
  );
  const ready = opts.ready ?? 'readyz';
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  const isReady = async (): Promise<boolean> => {
    if (ready === 'none') return true;
    if (ready instanceof RegExp) return ready.test(p.output);
    const res = await fetch(`${p.http}/readyz`).catch(() => undefined);
    return res?.status === 200;
  };
  while (!(await isReady())) {
    if (!p.running || Date.now() > deadline) {
      await p.stop('SIGKILL');
      throw new Error(`muxgate ${args.join(' ')} did not become ready:\n${p.output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return p;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `muxgate <args>` to its exit, e.g. `publish <group> <json>`. */
export async function runMuxgate(
  args: string[],
  env: Env = {},
  timeoutMs = 30_000,
  opts: Pick<SpawnOptions, 'bin' | 'cwd'> = {},
): Promise<RunResult> {
  const proc = start(args, env, opts);
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  clearTimeout(timer);
  live.delete(proc);
  return { code, stdout, stderr };
}
