// How the gateway admits a connection, over the WebSocket upgrade and the HTTP
// fallbacks (§4.5) alike: the checks of admission.ts, each refusal counted
// (muxgate_upgrades_refused_total) and logged (refusals.ts); and, for the
// WebSocket, the refused upgrade's HTTP answer and the compression offers
// bounded to our windows.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../lib/log.ts';
import type { Admission } from './admission.ts';
import { UpgradeRefused, type Identity } from './auth.ts';
import { acceptableOffers, type DeflateConfig } from './deflate.ts';
import type { GatewayMetrics } from './metrics.ts';
import { RefusalLog } from './refusals.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** What the gateway's state says about taking a client now. */
export interface GateState {
  draining: boolean;
  /** The gateway has been without its bus too long to take clients (BusWatch). */
  busLost: boolean;
}

export class UpgradeGate {
  readonly #refusals: RefusalLog;

  constructor(
    private readonly admission: Admission,
    private readonly state: () => GateState,
    private readonly metrics: GatewayMetrics,
    log: Logger,
  ) {
    this.#refusals = new RefusalLog(log);
  }

  /** Resolves to the connection's identity, or throws UpgradeRefused once it is counted and logged. */
  async admit(req: IncomingMessage, url: URL, origin: string | undefined): Promise<Identity> {
    try {
      return await this.admission.check({ req, url, origin, ...this.state() });
    } catch (err) {
      if (err instanceof UpgradeRefused) {
        this.metrics.upgradeRefused(err.reason);
        this.#refusals.refused(err, {
          remoteAddr: req.socket.remoteAddress,
          origin: req.headers.origin,
        });
      }
      throw err;
    }
  }

  /** The same checks for `GET /ws` without an upgrade (http.ts): it only asks, so nothing is counted. */
  probe(req: IncomingMessage, url: URL, origin: string | undefined): Promise<Identity> {
    return this.admission.check({ req, url, origin, ...this.state() });
  }

  stop(): void {
    this.#refusals.stop();
  }
}

/** Answers a refused upgrade on its raw socket, with why in a text body. */
export function refuseUpgrade(socket: Duplex, err: UpgradeRefused): void {
  const body = `${err.message}\n`;
  socket.end(
    `HTTP/1.1 ${err.status} ${STATUS_TEXT[err.status]}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Leaves only the compression offers ws can take within our windows (deflate.ts). */
export function boundDeflate(req: IncomingMessage, deflate: DeflateConfig | undefined): void {
  const offered = req.headers['sec-websocket-extensions'];
  if (!deflate || offered === undefined) return;
  const kept = acceptableOffers(offered, deflate.windowBits);
  if (kept === undefined) delete req.headers['sec-websocket-extensions'];
  else req.headers['sec-websocket-extensions'] = kept;
}

// A listener that stays on the socket for its whole life: a module function,
// not a closure, so it keeps nothing of the upgrade (the request and its
// headers) alive for as long as the connection lasts.
export function destroySocket(this: Duplex): void {
  this.destroy();
}
