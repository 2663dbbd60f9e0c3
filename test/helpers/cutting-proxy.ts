// An HTTP proxy that loses answers the gateway gave: for a request that
// `cut` picks, it reads the gateway's whole answer, then closes the client's
// socket without a byte of it, as a proxy or network that drops a response
// in flight. SSE responses stream through; cutSse() ends those open now.
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';

export interface Exchange {
  method: string;
  /** Path and query, as the client asked. */
  url: string;
  status: number;
  body: string;
}

export class CuttingProxy {
  /** Every exchange that went through or was cut, in order. */
  readonly log: (Exchange & { cut: boolean })[] = [];
  cut: (e: Exchange) => boolean = () => false;
  /** While true, every new request is cut before it reaches the gateway. */
  down = false;
  readonly #sse = new Set<ServerResponse>();
  readonly #server: Server;
  #port = 0;

  private constructor(target: number) {
    this.#server = createServer((req, res) => {
      if (this.down) return res.socket?.destroy();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: IncomingHttpHeaders = { ...req.headers, host: `127.0.0.1:${target}` };
        const up = request(
          { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers },
          (answer) => {
            const status = answer.statusCode ?? 0;
            if (/event-stream/.test(String(answer.headers['content-type']))) {
              res.writeHead(status, answer.headers);
              this.#sse.add(res);
              res.once('close', () => this.#sse.delete(res));
              answer.pipe(res);
              return;
            }
            const body: Buffer[] = [];
            answer.on('data', (c: Buffer) => body.push(c));
            answer.on('end', () => {
              const e = {
                method: req.method ?? '',
                url: req.url ?? '',
                status,
                body: Buffer.concat(body).toString('utf8'),
              };
              const cut = this.cut(e);
              this.log.push({ ...e, cut });
              if (cut) return res.socket?.destroy();
              res.writeHead(status, answer.headers);
              res.end(Buffer.concat(body));
            });
          },
        );
        up.on('error', () => res.socket?.destroy());
        // The client left: the gateway sees its request go too.
        res.once('close', () => {
          if (!res.writableFinished) up.destroy();
        });
        up.end(Buffer.concat(chunks));
      });
    });
  }

  static async start(targetPort: number): Promise<CuttingProxy> {
    const p = new CuttingProxy(targetPort);
    await new Promise<void>((resolve) => p.#server.listen(0, '127.0.0.1', resolve));
    const addr = p.#server.address();
    p.#port = typeof addr === 'object' && addr ? addr.port : 0;
    return p;
  }

  get port(): number {
    return this.#port;
  }

  /** Cuts every SSE response open now, mid-stream; returns how many. */
  cutSse(): number {
    const n = this.#sse.size;
    for (const res of this.#sse) res.socket?.destroy();
    this.#sse.clear();
    return n;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
