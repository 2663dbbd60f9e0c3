// Checks at the WebSocket upgrade, before any socket opens: the Origin
// allowlist (403) and the JWT (401). The verified claims become the Scope
// that services receive with every message. The same token checks answer a
// `refresh` on an open connection (PROTOCOL.md §4.4).
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { RefusalCode } from '../protocol/codes.ts';
import type { GatewayConfig } from './config.ts';

export interface Identity {
  /** JWT subject, or '' for an anonymous connection. */
  user: string;
  claims: JWTPayload | undefined;
  /** The token's `exp`, in seconds since the epoch; undefined when anonymous or the token has none. */
  exp: number | undefined;
}

export const ANONYMOUS: Identity = { user: '', claims: undefined, exp: undefined };

/** Why a token was not accepted: for logs and metrics, never sent to the client. */
export type TokenProblem =
  'token_missing' | 'token_invalid' | 'token_expired' | 'token_without_exp' | 'token_iat_future';

/** The label of a refused upgrade in the log and in `muxgate_upgrades_refused_total`. */
export type { RefusalCode };
export type RefusalReason = Exclude<RefusalCode, 'unauthorized'> | TokenProblem;

export class UpgradeRefused extends Error {
  override name = 'UpgradeRefused';
  constructor(
    readonly status: 401 | 403 | 400 | 404 | 503,
    readonly code: RefusalCode,
    message: string,
    /** The precise reason, for the log; the code when it says it all. */
    readonly reason: RefusalReason = code as RefusalReason,
  ) {
    super(message);
  }
}

/** A token the gateway does not accept, with why. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

export class Authenticator {
  readonly #key: Uint8Array | KeyObject | undefined;
  readonly #algorithms: string[];
  /** Seconds an issuer's clock may run ahead of ours (`iat`, `nbf`). */
  readonly #skew: number;

  constructor(readonly config: GatewayConfig['auth']) {
    this.#skew = config.clockSkewMs / 1000;
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

  /** True when the gateway verifies tokens (a key is set and auth is not off). */
  get verifies(): boolean {
    return this.config.mode !== 'off' && this.#key !== undefined;
  }

  /** Resolves to the connection's identity, or throws UpgradeRefused(401). */
  async authenticate(req: IncomingMessage, url: URL): Promise<Identity> {
    if (!this.verifies) return ANONYMOUS;
    const token = bearer(req.headers.authorization) ?? url.searchParams.get('token') ?? undefined;
    if (!token) {
      if (this.config.mode === 'optional') return ANONYMOUS;
      throw new UpgradeRefused(401, 'unauthorized', 'a bearer token is required', 'token_missing');
    }
    try {
      return await this.verify(token);
    } catch (err) {
      if (!(err instanceof TokenRejected)) throw err;
      // The reason (expired, bad signature, wrong audience) stays in our logs, not the client's.
      throw new UpgradeRefused(401, 'unauthorized', 'invalid token', err.problem);
    }
  }

  /**
   * Verifies a token: signature, algorithm, `iss` and `aud` when configured,
   * `exp` (required when MUX_JWT_REQUIRE_EXP is on, and never past: no skew
   * is allowed on it), `nbf` and `iat` no further ahead than the clock skew.
   * Throws TokenRejected.
   */
  async verify(token: string): Promise<Identity> {
    if (!this.verifies) throw new TokenRejected('token_invalid', 'this gateway verifies no tokens');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key!, {
        algorithms: this.#algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: this.config.requireExp ? ['exp'] : [],
        clockTolerance: this.#skew,
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenRejected('token_expired', err.message);
      if (
        err instanceof errors.JWTClaimValidationFailed &&
        err.claim === 'exp' &&
        err.reason === 'missing'
      )
        throw new TokenRejected('token_without_exp', 'the token has no "exp"');
      throw new TokenRejected('token_invalid', err instanceof Error ? err.message : String(err));
    }
    const now = Date.now() / 1000;
    // jose applies the tolerance to `exp` too; a connection is closed at
    // `exp` exactly, so a token is never accepted past it.
    if (typeof payload.exp === 'number' && payload.exp <= now)
      throw new TokenRejected('token_expired', 'the token has expired');
    if (typeof payload.iat === 'number' && payload.iat > now + this.#skew)
      throw new TokenRejected('token_iat_future', 'the token was issued in the future');
    return {
      user: typeof payload.sub === 'string' ? payload.sub : '',
      claims: payload,
      exp: typeof payload.exp === 'number' ? payload.exp : undefined,
    };
  }
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

/**
 * The Origin allowlist. A browser always sends `Origin` with a WebSocket
 * upgrade, so a foreign one is refused whatever else the request carries. A
 * request without one comes from a program (a backend, the Node client),
 * which could send any Origin it liked: the allowlist cannot tell it apart,
 * so the caller admits it only with a valid token (see `originRequired`).
 */
export function checkOrigin(allowed: readonly string[], origin: string | undefined): void {
  if (allowed.length === 0 || origin === undefined) return;
  if (!allowed.includes(origin))
    throw new UpgradeRefused(403, 'origin_not_allowed', 'origin not allowed');
}

/** A request without `Origin`, to a gateway with an allowlist, that presented no valid token. */
export function originRequired(): UpgradeRefused {
  return new UpgradeRefused(
    403,
    'origin_required',
    'an Origin header, or a valid token, is required',
  );
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
