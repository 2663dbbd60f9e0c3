// Calls between the orchestrator and its worker processes over Node's IPC
// channel: the orchestrator sends {id, cmd, args}, the worker answers
// {id, ok, result | error}. Workers are separate processes so each one's CPU
// and memory can be read from /proc on its own.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command has its own argument type
export type Handlers = Record<string, (args: any) => unknown>;

/** Worker side: answers the orchestrator's calls; exits when the orchestrator goes away. */
export function serve(handlers: Handlers): void {
  process.on('message', (m: Request) => {
    void (async () => {
      let reply: Reply;
      try {
        const h = handlers[m.cmd];
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        reply = { id: m.id, ok: true, result: (await h(m.args)) ?? null };
      } catch (err) {
        reply = {
          id: m.id,
          ok: false,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        };
      }
      process.send?.(reply);
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** Orchestrator side: one forked worker process. */
export class Worker {
  #next = 1;
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.on('message', (r: Reply) => {
      const p = this.#pending.get(r.id);
      if (!p) return;
      this.#pending.delete(r.id);
      if (r.ok) p.resolve(r.result);
      else p.reject(new Error(`${name}: ${r.error}`));
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        for (const p of this.#pending.values())
          p.reject(new Error(`${name} exited (${signal ?? code}) during a call`));
        this.#pending.clear();
        resolve();
      }),
    );
  }

  /** Forks bench/<file> (e.g. workers/clients.ts) under tsx; its output goes to <logDir>/<name>.log. */
  static fork(
    name: string,
    file: string,
    opts: {
      logDir: string;
      nodeArgs?: string[];
      env?: Record<string, string>;
      /** Another runtime's binary (Bun), which runs TypeScript itself and speaks Node's IPC. */
      runtime?: string;
    },
  ): Worker {
    const child = fork(join(ROOT, 'bench', file), [], {
      cwd: ROOT,
      ...(opts.runtime
        ? { execPath: opts.runtime, execArgv: [] }
        : { execArgv: ['--import', 'tsx', ...(opts.nodeArgs ?? [])] }),
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = createWriteStream(join(opts.logDir, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new Worker(name, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    // A worker that exited (or was stopped) cannot answer: a rejection, not an 'error' event.
    if (!this.child.connected)
      return Promise.reject(new Error(`${this.name} is not running (${cmd})`));
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies Request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
