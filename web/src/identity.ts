// Who the page is: a name from ?name=, or one remembered in localStorage, or
// a new guest name. In development the gateway signs a token for it at
// /dev/token; a gateway without dev tokens answers 404 and the page connects
// anonymously.

const KEY = 'muxgate.name';
const NAME_RE = /^[A-Za-z0-9_.@-]{1,64}$/;

export function pageName(): string {
  const fromUrl = new URLSearchParams(location.search).get('name');
  if (fromUrl && NAME_RE.test(fromUrl)) return fromUrl;
  const saved = localStorage.getItem(KEY);
  if (saved && NAME_RE.test(saved)) return saved;
  const guest = `guest-${Math.floor(Math.random() * 9000 + 1000)}`;
  localStorage.setItem(KEY, guest);
  return guest;
}

/**
 * A token source for the client: called before every connection attempt, so
 * a token never outlives the gateway that signed it. Throws when the gateway
 * is unreachable, which the client counts as a failed attempt.
 */
export function devToken(name: string): () => Promise<string | undefined> {
  return async () => {
    const res = await fetch(
      `/dev/token?sub=${encodeURIComponent(name)}&scope=${encodeURIComponent('dashboard:write')}`,
    );
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`/dev/token answered ${res.status}`);
    const body = (await res.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : undefined;
  };
}
