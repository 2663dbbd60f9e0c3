// A TCP proxy for fault tests. blackhole() makes the links that exist go
// silent in both directions while their sockets stay open, as a NAT or proxy
// that lost its state does; new connections still pass.
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  readonly #links = new Set<{ client: Socket; upstream: Socket; silent: boolean }>();
  readonly #server: Server;
  #port = 0;

  private constructor(targetPort: number, targetHost: string) {
    this.#server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      const link = { client, upstream, silent: false };
      this.#links.add(link);
      client.on('data', (d) => link.silent || upstream.write(d));
      upstream.on('data', (d) => link.silent || client.write(d));
      const end = (): void => {
        this.#links.delete(link);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
  }

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort, targetHost);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    const addr = proxy.#server.address();
    proxy.#port = typeof addr === 'object' && addr ? addr.port : 0;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  get links(): number {
    return this.#links.size;
  }

  /** Drops every link and refuses new ones, as a network that went away. */
  async cut(): Promise<void> {
    for (const l of this.#links) {
      l.client.destroy();
      l.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Takes connections again, on the same port, after cut(). */
  async restore(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(this.#port, '127.0.0.1', resolve));
  }

  /** Existing links stop carrying bytes; their sockets stay open. */
  blackhole(): void {
    for (const l of this.#links) l.silent = true;
  }

  async close(): Promise<void> {
    for (const l of this.#links) {
      l.client.destroy();
      l.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
