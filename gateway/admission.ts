// Every check a WebSocket upgrade passes before a socket opens, in one place:
// the upgrade itself runs them (gateway.ts), and `GET /ws` without an upgrade
// runs the same ones and answers the verdict as JSON (http.ts), which is how
// a browser, which cannot read a refused upgrade's status, learns why.
import type { IncomingMessage } from 'node:http';
import { pickSubprotocol, SUBPROTOCOLS } from '../protocol/version.ts';
import {
  checkOrigin,
  originRequired,
  UpgradeRefused,
  type Authenticator,
  type Identity,
} from './auth.ts';
import type { GatewayConfig } from './config.ts';

export interface AdmissionRequest {
  req: IncomingMessage;
  url: URL;
  /** The request's Origin; undefined when it sent none. */
  origin: string | undefined;
  draining: boolean;
  /** The gateway has been without its bus too long to take clients (BusWatch). */
  busLost?: boolean;
}

/** Where a connection opens: the WebSocket, and the HTTP fallbacks (PROTOCOL.md §4.5). */
const ADMITTED_PATHS: readonly string[] = ['/ws', '/v1/sse', '/v1/poll'];

export class Admission {
  constructor(
    readonly config: GatewayConfig,
    readonly auth: Authenticator,
  ) {}

  /** Resolves to the connection's identity, or throws UpgradeRefused. */
  async check({ req, url, origin, draining, busLost }: AdmissionRequest): Promise<Identity> {
    if (!ADMITTED_PATHS.includes(url.pathname))
      throw new UpgradeRefused(404, 'not_found', 'not found');
    if (draining) throw new UpgradeRefused(503, 'draining', 'gateway draining');
    if (busLost)
      throw new UpgradeRefused(503, 'bus_unavailable', 'gateway without its message bus');
    const allowed = this.config.allowedOrigins;
    checkOrigin(allowed, origin);
    const offered = req.headers['sec-websocket-protocol'];
    if (offered !== undefined && pickSubprotocol(offered.split(',')) === undefined)
      throw new UpgradeRefused(
        400,
        'bad_subprotocol',
        `unsupported subprotocol; this gateway speaks ${SUBPROTOCOLS.join(' and ')}`,
      );
    const identity = await this.auth.authenticate(req, url);
    // No Origin: not a browser. With an allowlist, only a verified token admits it.
    if (allowed.length > 0 && origin === undefined && identity.claims === undefined)
      throw originRequired();
    return identity;
  }
}

/**
 * The origin of a `GET /ws` probe. A cross-origin fetch carries the page's
 * Origin, as its upgrade did; a same-origin GET carries none, but browsers
 * say `Sec-Fetch-Site: same-origin`, so the page is this host's: the allowed
 * origin with this host, or one that no allowlist holds.
 */
export function probeOrigin(req: IncomingMessage, allowed: readonly string[]): string | undefined {
  if (req.headers.origin !== undefined) return req.headers.origin;
  const host = req.headers.host;
  if (req.headers['sec-fetch-site'] !== 'same-origin' || !host) return undefined;
  return allowed.find((o) => hostOf(o) === host) ?? `same-origin://${host}`;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
