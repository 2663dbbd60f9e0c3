// Checks at the WebSocket upgrade, before any socket opens: the Origin
// allowlist (403) and the JWT (401). The verified claims become the Scope
// that services receive with every message.
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { GatewayConfig } from './config.ts';

export interface Identity {
  /** JWT subject, or '' for an anonymous connection. */
  user: string;
  claims: JWTPayload | undefined;
}

export const ANONYMOUS: Identity = { user: '', claims: undefined };

export class UpgradeRefused extends Error {
  override name = 'UpgradeRefused';
  constructor(
    readonly status: 401 | 403 | 400 | 404 | 503,
    message: string,
  ) {
    super(message);
  }
}

export class Authenticator {
  readonly #key: Uint8Array | KeyObject | undefined;
  readonly #algorithms: string[];

  constructor(readonly config: GatewayConfig['auth']) {
    if (config.secret) {
      this.#key = new TextEncoder().encode(config.secret);
      this.#algorithms = ['HS256'];
    } else if (config.publicKey) {
      const key = createPublicKey(config.publicKey);
      this.#key = key;
      this.#algorithms =
        key.asymmetricKeyType === 'ec'
          ? ['ES256', 'ES384', 'ES512']
          : ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    } else {
      this.#algorithms = [];
    }
  }

  /** Resolves to the connection's identity, or throws UpgradeRefused(401). */
  async authenticate(req: IncomingMessage, url: URL): Promise<Identity> {
    if (this.config.mode === 'off' || !this.#key) return ANONYMOUS;
    const token = bearer(req.headers.authorization) ?? url.searchParams.get('token') ?? undefined;
    if (!token) {
      if (this.config.mode === 'optional') return ANONYMOUS;
      throw new UpgradeRefused(401, 'a bearer token is required');
    }
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: this.#algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
      return { user: typeof payload.sub === 'string' ? payload.sub : '', claims: payload };
    } catch {
      // The reason (expired, bad signature, wrong audience) stays in our logs, not the client's.
      throw new UpgradeRefused(401, 'invalid token');
    }
  }
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

export function checkOrigin(allowed: readonly string[], origin: string | undefined): void {
  if (allowed.length === 0) return;
  if (!origin || !allowed.includes(origin)) throw new UpgradeRefused(403, 'origin not allowed');
}

/** Development only: an HS256 token for `sub` with a space-separated OAuth-style `scope` claim, valid 12 h. */
export async function signDevToken(secret: string, sub: string, scope: string): Promise<string> {
  return new SignJWT(scope ? { scope } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}
