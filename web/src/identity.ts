// Who the page is: a name from ?name=, or the one this tab was given, or a
// new guest name. In development the gateway signs a token for it at
// /dev/token; a gateway without dev tokens answers 404 and the page connects
// anonymously.

const KEY = 'muxgate.name';
const NAME_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * The guest name lives in sessionStorage, which is the tab's: it survives a
 * reload, and a second tab gets a name of its own (with localStorage, every
 * tab of a browser chatted as the same guest). A tab the browser duplicates
 * copies it, as it copies the page's address.
 */
export function pageName(): string {
  const fromUrl = new URLSearchParams(location.search).get('name');
  if (fromUrl && NAME_RE.test(fromUrl)) return fromUrl;
  const saved = sessionStorage.getItem(KEY);
  if (saved && NAME_RE.test(saved)) return saved;
  const guest = `guest-${Math.floor(Math.random() * 9000 + 1000)}`;
  sessionStorage.setItem(KEY, guest);
  return guest;
}

export type Claims = Readonly<Record<string, unknown>>;

/**
 * The page's account: the claims of the last token the gateway signed for
 * it (none: anonymous), and why getting one last failed. The panels show
 * only what the account may do; the services decide, whatever the page shows.
 */
export class PageIdentity {
  #claims: Claims | undefined;
  #settled = false;
  #problem: string | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(readonly name: string) {}

  /** The token's claims; undefined while anonymous or before the first token. */
  get claims(): Claims | undefined {
    return this.#claims;
  }

  /** Whether the gateway answered yet: until then, whether the page is signed in is unknown. */
  get settled(): boolean {
    return this.#settled;
  }

  /** Why the last token could not be had: the gateway is unreachable, or what it answered. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /** Calls `fn` whenever a token was had (or none: anonymous). */
  onChange(fn: () => void): void {
    this.#listeners.add(fn);
  }

  /**
   * A token source for the client: called before every connection attempt,
   * so a token never outlives the gateway that signed it. It throws when no
   * token can be had, which the client counts as a failed attempt; `problem`
   * says why, which the client's event does not.
   */
  devTokens(): () => Promise<string | undefined> {
    return async () => {
      const url = `/dev/token?sub=${encodeURIComponent(this.name)}&scope=${encodeURIComponent('dashboard:write')}`;
      let res: Response;
      try {
        res = await fetch(url);
      } catch (err) {
        // fetch rejects only when no answer came: nothing listens there.
        this.#problem = 'gateway unreachable';
        throw err;
      }
      if (res.status === 404) return this.#got(undefined);
      if (!res.ok) {
        this.#problem = `the gateway answered ${res.status} for a token`;
        throw new Error(this.#problem);
      }
      const body = (await res.json()) as { token?: unknown };
      return this.#got(typeof body.token === 'string' ? body.token : undefined);
    };
  }

  #got(token: string | undefined): string | undefined {
    this.#problem = undefined;
    this.#settled = true;
    this.#claims = token === undefined ? undefined : claimsOf(token);
    for (const fn of this.#listeners) fn();
    return token;
  }
}

/** A JWT's payload, read without checking it: the gateway does that. */
export function claimsOf(token: string): Claims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}
