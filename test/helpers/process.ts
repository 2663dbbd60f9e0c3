// Runs muxgate's command-line entry point as a separate OS process, the way
// Kubernetes runs it, and waits until it is up.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './wait.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export class MuxgateProcess {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcess) {
    proc.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    proc.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  get text(): string {
    return this.output.join('');
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Waits until the process has printed `needle` (e.g. a log message). */
  async waitFor(needle: string, timeoutMs = 20_000): Promise<void> {
    await until(
      () => this.text.includes(needle) || !this.running,
      timeoutMs,
      `"${needle}" in output`,
    );
    if (!this.text.includes(needle))
      throw new Error(`process exited before "${needle}":\n${this.text}`);
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.running) this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/** Starts `muxgate <args>` with extra environment; resolves once it is up. */
export async function spawnMuxgate(
  args: string[],
  env: Record<string, string>,
): Promise<MuxgateProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = new MuxgateProcess(proc);
  if (args[0] === 'gateway' || args[0] === 'dev') await p.waitFor('gateway listening');
  else if (args[0] === 'service') await p.waitFor('service running');
  return p;
}
