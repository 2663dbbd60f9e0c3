// The notifications service (protocol 1.1 §4.9), the dashboard seed's design:
// the gateway's connect service, which opens a `notifications` stream on
// every connection, in the groups `user.<sub>` and `type.<user_type claim>`.
// A publish to `type.staff` (Publisher.toGroup, the HTTP publish API, or
// `muxgate publish`) then reaches every staff connection, on every gateway,
// and one to `user.alice` every connection of alice. It keeps nothing.
//
// Decided here (docs/services.md):
// - an anonymous connection gets the stream in `type.anonymous` only, so
//   one publish can still reach every guest;
// - a token without a usable `user_type` claim counts as type `user`;
// - a subject or type that is not one group token ([A-Za-z0-9_-], see
//   PROTOCOL.md §2) gets no group of its own rather than a mangled one
//   another user could match.
// A client may also join `notifications` itself (a gateway without the
// connect hook, or after leaving it): it gets the same groups.
import { accept, defineService, type Scope } from '../sdk/index.ts';

export const NOTIFICATIONS_STREAM = 'notifications';
export const ANONYMOUS_TYPE = 'anonymous';
export const DEFAULT_TYPE = 'user';

// A group name is at most 100 characters: `user.` leaves 95.
const TOKEN_RE = /^[A-Za-z0-9_-]{1,95}$/;

/** The group of every connection of JWT subject `sub`, when it has one. */
export function userGroup(sub: string): string | undefined {
  return TOKEN_RE.test(sub) ? `user.${sub}` : undefined;
}

/** The group of every connection whose token says `user_type` `type`, when it has one. */
export function typeGroup(type: string): string | undefined {
  return TOKEN_RE.test(type) ? `type.${type}` : undefined;
}

/** What the `joined` payload tells the client: who it is taken for and where notifications reach it. */
export interface NotificationsJoined {
  user: string;
  type: string;
  groups: string[];
}

/** The groups of a connection's notifications stream, from its scope (pure). */
export function notificationsOf(scope: Scope): NotificationsJoined {
  if (!scope.user) return { user: '', type: ANONYMOUS_TYPE, groups: [`type.${ANONYMOUS_TYPE}`] };
  const claimed = scope.claims?.user_type;
  const type = typeof claimed === 'string' && claimed !== '' ? claimed : DEFAULT_TYPE;
  const groups = [userGroup(scope.user), typeGroup(type)].filter((g) => g !== undefined);
  return { user: scope.user, type, groups };
}

export const notificationsService = defineService({
  name: 'notifications',
  connect(ctx) {
    const joined = notificationsOf(ctx.scope);
    return [{ stream: NOTIFICATIONS_STREAM, groups: joined.groups, payload: joined }];
  },
  join(ctx) {
    const joined = notificationsOf(ctx.scope);
    return accept({ groups: joined.groups, payload: joined });
  },
});
