// The connection's token: asked of the application's source before every
// attempt and kept fresh on the open connection (refresh.ts). After the
// gateway ends a connection for a token reason (4000, 4001, a refused
// upgrade), only a token other than the one it refused is worth a new
// attempt; the socket decides what to do with the answer.
import type { ClientFrame, ServerFrame } from './codec.ts';
import type { MuxError } from './errors.ts';
import { Refresher } from './refresh.ts';

/** A token, or a function called before every attempt (to refresh an expiring JWT). */
export type TokenSource =
  string | (() => string | undefined | null | Promise<string | undefined | null>);

export interface TokensHost {
  /** Writes a frame to the open socket; false when it could not. */
  send(frame: ClientFrame): boolean;
  /** The gateway accepted a new token on the open connection; `exp` is its expiry. */
  refreshed(exp: number | undefined): void;
  /** A refresh failed: the gateway refused the token (`unauthorized`) or the source threw. */
  failed(err: MuxError): void;
}

export class Tokens {
  #source: TokenSource | undefined;
  /** The token of the open connection (or of the last attempt). */
  #current: string | undefined;
  /** A new token already taken from the source, for the next attempt. */
  #next: string | undefined;
  readonly #refresher: Refresher;

  constructor(source: TokenSource | undefined, host: TokensHost, refreshBeforeMs?: number) {
    this.#source = source;
    this.#refresher = new Refresher(
      {
        fetchToken: () => this.fetch(),
        current: () => this.#current,
        send: (frame) => host.send(frame),
        refreshed: (token, exp) => {
          this.#current = token;
          host.refreshed(exp);
        },
        failed: (err) => host.failed(err),
      },
      refreshBeforeMs,
    );
  }

  /** Replaces the source; takes effect at the next ask (refreshNow() asks at once). */
  setSource(source: TokenSource | undefined): void {
    this.#source = source;
  }

  /** A token from the source; undefined when it has none. Throws what the source throws. */
  async fetch(): Promise<string | undefined> {
    const t = this.#source;
    return (typeof t === 'function' ? await t() : t) || undefined;
  }

  /**
   * A token from the source other than `used` (the one the gateway refused);
   * undefined when the source has none, the same one, or throws.
   */
  async newerThan(used: string | undefined): Promise<string | undefined> {
    let fresh: string | undefined;
    try {
      fresh = await this.fetch();
    } catch {
      return undefined;
    }
    return fresh && fresh !== used ? fresh : undefined;
  }

  /** Keeps a token already taken from the source for the next attempt. */
  keepForNext(token: string): void {
    this.#next = token;
  }

  /** The token kept for this attempt, if any; the attempt after it asks the source again. */
  takeNext(): string | undefined {
    const token = this.#next;
    this.#next = undefined;
    return token;
  }

  /** An attempt was dialed with `token`: the one a refresh must replace. */
  dialed(token: string | undefined): void {
    this.#current = token;
  }

  /** The connection opened with a token expiring at `exp`: refresh it before then. */
  opened(exp: number | undefined): void {
    this.#refresher.start(exp);
  }

  /** The connection is gone: no refresh until the next opened(). */
  stop(): void {
    this.#refresher.stop();
  }

  /** Refreshes now on the open connection (a new source was set). */
  refreshNow(): void {
    this.#refresher.now();
  }

  /** Takes the gateway's answer to a refresh; false for any other frame. */
  handle(frame: ServerFrame): boolean {
    return this.#refresher.handle(frame);
  }
}
