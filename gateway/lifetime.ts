// A connection's token over the connection's life (PROTOCOL.md §4.4): it is
// in force until its `exp`, when the session is told to close the socket
// (4001); a `refresh` replaces it with a newer token for the same subject.
// An anonymous connection has no token and never expires.
import type { Logger } from '../lib/log.ts';
import type { ScopeProps } from '../proto/index.ts';
import { CloseCode, ErrorCode } from '../protocol/codes.ts';
import type { Ref, ServerFrameType } from '../protocol/frames.ts';
import { TokenRejected, type Identity } from './auth.ts';
import type { FrameError } from './codec.ts';
import type { Encoded, Encoding } from './encoding.ts';

export interface TokenVerifier {
  /** Resolves to the token's identity, or throws TokenRejected. */
  verify(token: string): Promise<Identity>;
}

// setTimeout's longest delay (about 24.8 days); a longer wait is re-armed.
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The connection a token's life acts on (the Session). */
export interface TokenHolder {
  readonly isClosed: boolean;
  error(e: FrameError): void;
  readonly encoding: Encoding;
  write(frame: Encoded, type: ServerFrameType): void;
  shutdown(code: number, reason: string): void;
}

/** The token reached its `exp` without a refresh: the client is told, then the socket closes with 4001. */
export function expire(holder: TokenHolder): void {
  if (holder.isClosed) return;
  holder.error({
    code: ErrorCode.TokenExpired,
    message: 'the token expired; connect again with a new one',
  });
  holder.shutdown(CloseCode.TokenExpired, 'token expired');
}

export class TokenLifetime {
  #identity: Identity;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    identity: Identity,
    readonly verifier: TokenVerifier | undefined,
    /** Called once, at `exp`, unless a refresh or stop() came first. */
    readonly onExpired: () => void,
  ) {
    this.#identity = identity;
  }

  /** The `exp` of the token in force, in seconds since the epoch. */
  get exp(): number | undefined {
    return this.#identity.exp;
  }

  get expired(): boolean {
    const exp = this.#identity.exp;
    return exp !== undefined && exp * 1000 <= Date.now();
  }

  /** The subject while its token is in force: '' when anonymous, or once it has expired. */
  get user(): string {
    return this.expired ? '' : this.#identity.user;
  }

  start(): void {
    this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Verifies `token` and, when it is for the same subject, puts it in force
   * and resolves with its identity. Throws TokenRejected with a message for
   * the client; the token in force stays until its own `exp`.
   */
  async refresh(token: string): Promise<Identity> {
    const current = this.#identity;
    if (current.claims === undefined || !this.verifier)
      throw new TokenRejected('token_invalid', 'this connection is not authenticated');
    let next: Identity;
    try {
      next = await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof TokenRejected) throw new TokenRejected(err.problem, 'invalid token');
      throw err;
    }
    if (next.user !== current.user)
      throw new TokenRejected('token_invalid', 'the token is for another subject');
    if (this.#stopped) return next;
    this.#identity = next;
    this.#arm();
    return next;
  }

  /**
   * A `refresh` frame's answer: `refreshed` with the new identity in force,
   * or the error frame to send (`unauthorized`, or `internal` for a failure
   * of the verifier itself, which is logged).
   */
  async answer(
    token: string,
    ref: Ref,
    log: Logger,
  ): Promise<{ ok: true; identity: Identity } | { ok: false; error: FrameError }> {
    try {
      return { ok: true, identity: await this.refresh(token) };
    } catch (err) {
      if (!(err instanceof TokenRejected)) {
        log.error({ err }, 'refresh failed');
        return { ok: false, error: { code: ErrorCode.Internal, message: 'internal error', ref } };
      }
      log.debug({ problem: err.problem }, 'refresh refused');
      return { ok: false, error: { code: ErrorCode.Unauthorized, message: err.message, ref } };
    }
  }

  /**
   * Answers a `refresh` frame on `holder`: `refreshed`, with the new claims
   * put into `scope` (the Scope every stream sends with its messages), or
   * the error.
   */
  respond(holder: TokenHolder, scope: ScopeProps, token: string, ref: Ref, log: Logger): void {
    void this.answer(token, ref, log).then((answer) => {
      if (holder.isClosed) return;
      if (!answer.ok) return holder.error(answer.error);
      scope.claims = JSON.stringify(answer.identity.claims);
      const exp = answer.identity.exp;
      holder.write(
        holder.encoding.frame({ type: 'refreshed', ref, ...(exp !== undefined && { exp }) }),
        'refreshed',
      );
    });
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const exp = this.#identity.exp;
    if (exp === undefined || this.#stopped) return;
    const ms = exp * 1000 - Date.now();
    if (ms <= 0) return void queueMicrotask(() => this.#fire());
    this.#timer = setTimeout(
      () => (ms > MAX_DELAY_MS ? this.#arm() : this.#fire()),
      Math.min(ms, MAX_DELAY_MS),
    );
    this.#timer.unref();
  }

  #fire(): void {
    if (this.#stopped || !this.expired) return this.#arm();
    this.#timer = undefined;
    this.onExpired();
  }
}
