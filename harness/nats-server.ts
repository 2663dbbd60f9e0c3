// Starts a real nats-server (the Debian package) on a free port, with
// JetStream in a private store directory. Tests can stop and restart it, or
// start several as a cluster, or give it a configuration file (users, tokens,
// NKeys, TLS) for tests of a secured NATS.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.NATS_SERVER_BIN ?? 'nats-server';

/**
 * A port nothing listens on, below the kernel's ephemeral range. A port from
 * listen(0) comes from that range, where any outgoing connection on the
 * machine can take it as its local port before the server we give it to
 * binds it (a cluster's route port was lost that way in CI). Below the range
 * only another listener can collide, and start() retries that case.
 */
export async function freePort(): Promise<number> {
  const [low, high] = localPortBand();
  for (let tries = 0; tries < 50; tries++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canListen(port)) return port;
  }
  return listenAnyPort();
}

function localPortBand(): [number, number] {
  let ephemeralLow = 32768;
  try {
    const range = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    ephemeralLow = Number(range.trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // Not Linux: the common default.
  }
  return [Math.max(1024, ephemeralLow - 16_384), ephemeralLow];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function listenAnyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a start failed because a port it was given (or `port` itself) was taken meanwhile. */
export function portTaken(err: unknown, port?: number): boolean {
  if (!(err instanceof Error) || !err.message.includes('address already in use')) return false;
  return port === undefined || err.message.includes(`127.0.0.1:${port}: bind`);
}

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The server's own liveness check of its clients (and routes): a ping every
 * `intervalMs`, and a connection that leaves `max` of them unanswered is
 * closed as stale, with its subscriptions. It is what takes a hung (SIGSTOP)
 * service replica out of its queue groups, which the replica cannot do
 * itself. deploy/nats.yaml sets the same values: tests run as production does.
 */
export interface ServerPing {
  intervalMs: number;
  max: number;
}

export const SERVER_PING: ServerPing = { intervalMs: 2000, max: 2 };

/** The configuration lines of `ping`. */
export function pingConfig(ping: ServerPing): string {
  return `ping_interval: "${ping.intervalMs}ms"\nping_max: ${ping.max}\n`;
}

export interface NatsServerOptions {
  jetstream?: boolean;
  /** Extra command-line arguments, e.g. cluster routes. */
  args?: string[];
  /**
   * The text of a configuration file (e.g. an `authorization` or `tls`
   * block), written to the store directory and passed with `-c`. The host,
   * port and JetStream flags still come from the command line and win.
   */
  config?: string;
  /** Environment on top of this process's, e.g. a variable the configuration refers to (`$POD_NAME`). */
  env?: Record<string, string>;
  /** The server's pings to its clients (SERVER_PING by default); false leaves nats-server's 2 minutes. */
  ping?: ServerPing | false;
}

export class NatsServer {
  #proc: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #frozen = false;
  readonly log: string[] = [];

  private constructor(
    readonly port: number,
    readonly storeDir: string,
    readonly opts: NatsServerOptions,
  ) {}

  static async start(opts: NatsServerOptions = {}): Promise<NatsServer> {
    const storeDir = await mkdtemp(join(tmpdir(), 'muxgate-nats-'));
    for (let attempt = 1; ; attempt++) {
      const server = new NatsServer(await freePort(), storeDir, opts);
      try {
        await server.restart();
        return server;
      } catch (err) {
        // A route or monitoring port in `opts.args` is the caller's to replace.
        if (attempt >= 3 || !portTaken(err, server.port)) {
          await server.close();
          throw err;
        }
      }
    }
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** The configuration file: `ping`'s settings, then `config` (which may override them). */
  get configFile(): string | undefined {
    return this.#configText() === '' ? undefined : join(this.storeDir, 'nats.conf');
  }

  #configText(): string {
    const ping = this.opts.ping ?? SERVER_PING;
    return (ping ? pingConfig(ping) : '') + (this.opts.config ?? '');
  }

  get running(): boolean {
    return (
      this.#proc !== undefined && this.#proc.exitCode === null && this.#proc.signalCode === null
    );
  }

  /** Starts the server again on the same port and store (after stop()). */
  async restart(): Promise<void> {
    if (this.running) throw new Error('nats-server is already running');
    const args = ['-a', '127.0.0.1', '-p', String(this.port)];
    const config = this.configFile;
    if (config) {
      await writeFile(config, this.#configText(), { mode: 0o600 });
      args.unshift('-c', config);
    }
    if (this.opts.jetstream !== false) args.push('-js', '-sd', this.storeDir);
    args.push(...(this.opts.args ?? []));
    const proc = spawn(BINARY, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.opts.env },
    });
    proc.stdout?.on('data', (d: Buffer) => this.log.push(d.toString()));
    proc.stderr?.on('data', (d: Buffer) => this.log.push(d.toString()));
    this.#exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    this.#proc = proc;
    this.#frozen = false;
    const failed = new Promise<never>((_, reject) =>
      proc.once('error', (err) => reject(new Error(`cannot start ${BINARY}: ${err.message}`))),
    );
    // A configuration it refuses makes it exit at once: say why, not "did not listen".
    const quit = new Promise<never>((_, reject) =>
      proc.once('exit', (code) =>
        reject(new Error(`nats-server exited with ${code} at start: ${this.log.join('')}`)),
      ),
    );
    await Promise.race([waitForPort(this.port, 10_000), failed, quit]);
  }

  /** Stops the server and waits for the process to exit (JetStream needs a few seconds). */
  async stop(): Promise<void> {
    if (!this.running) return;
    // A stopped process would hold SIGTERM until it is continued.
    this.thaw();
    this.#proc?.kill('SIGTERM');
    const timer = setTimeout(() => this.#proc?.kill('SIGKILL'), 8_000);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Kills the server at once (SIGKILL), as a node that crashes or loses its machine, and waits for the exit. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#proc?.kill('SIGKILL');
    await this.#exited;
  }

  /**
   * Suspends the process (SIGSTOP): its connections stay open and nothing
   * answers on them, as with a hung node or a network partition that drops
   * packets. thaw() resumes it.
   */
  freeze(): void {
    if (!this.running || this.#frozen) return;
    this.#proc?.kill('SIGSTOP');
    this.#frozen = true;
  }

  /** Resumes a frozen server (SIGCONT). */
  thaw(): void {
    if (!this.running || !this.#frozen) return;
    this.#proc?.kill('SIGCONT');
    this.#frozen = false;
  }

  get frozen(): boolean {
    return this.#frozen;
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.storeDir, { recursive: true, force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
