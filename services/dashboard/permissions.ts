// Who may change a board, from the connection's verified JWT claims. Reading
// is open to everyone who can join, anonymous connections included.
//
// - `scope`: an OAuth-style space-separated string, or an array of strings.
// - `roles`: an array of strings, or one string.
// Writing (create, update, delete, increment) needs the `dashboard:write`
// scope or the `admin` role; announcing needs `dashboard:announce`, or what
// writing needs.

export const WRITE_SCOPE = 'dashboard:write';
export const ANNOUNCE_SCOPE = 'dashboard:announce';
export const ADMIN_ROLE = 'admin';

export interface Permissions {
  readonly write: boolean;
  readonly announce: boolean;
}

const NONE: Permissions = { write: false, announce: false };

export function permissionsOf(claims: Readonly<Record<string, unknown>> | undefined): Permissions {
  if (!claims) return NONE;
  const scopes = words(claims.scope);
  const roles = words(claims.roles);
  const write = scopes.has(WRITE_SCOPE) || roles.has(ADMIN_ROLE);
  return { write, announce: write || scopes.has(ANNOUNCE_SCOPE) };
}

function words(claim: unknown): Set<string> {
  if (typeof claim === 'string') return new Set(claim.split(/\s+/).filter(Boolean));
  if (Array.isArray(claim)) return new Set(claim.filter((x): x is string => typeof x === 'string'));
  return new Set();
}
