// A binding: a KV bucket (or the keys below a prefix of one) bound to a
// stream name. The declaration is all a service writes; joining
// `<name>:<group>` answers a snapshot of the group and adds the stream to the
// group's bus group, where the relay publishes every change of its keys,
// whoever wrote them. Msgs on the stream are the actions (actions.ts).
// Replicas keep no state: any of them answers any join or action.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { z } from 'zod';
import type { Logger } from '../../../lib/log.ts';
import type { StreamContext } from '../context.ts';
import type { RunnableService, ServiceEnv } from '../env.ts';
import { Publisher } from '../publisher.ts';
import { accept, defineService, refuse, type ServiceDefinition } from '../definition.ts';
import type { KvStore } from '../storage/kv.ts';
import { storeUnavailable } from '../storage/unavailable.ts';
import { KeyIndexCache, page, type KeyIndex } from './pages.ts';
import { BindingActions, type Permissions } from './actions.ts';
import { groupKeys, groupValues, underPrefix, wholeBucket, type KeyGroups } from './keys.ts';
import {
  BindingError,
  DEFAULT_BINDING_LIMITS,
  type ActionReply,
  type BindingLimits,
} from './model.ts';
import { BindingRelay } from './relay.ts';

/** An action of the service's own beside the binding's (the dashboard's `announce`). */
export type CustomAction = (
  ctx: StreamContext,
  group: string,
  payload: Record<string, unknown>,
) => Promise<ActionReply | undefined> | ActionReply | undefined;

export interface BindingDeclaration {
  /** The service and stream name: clients join `<name>:<group>`. */
  name: string;
  /** The KV bucket ([A-Za-z0-9_-]); opened, or created with `history`, in the environment's storage. */
  bucket: string;
  /** Bind only the keys below `<prefix>.`; groups and key names are then relative to it. */
  prefix?: string;
  /** Changes kept per key when the bucket is created (1 to 64); default 64. */
  history?: number;
  /** Which group each key belongs to; default the whole bucket as group `all`. */
  groups?: KeyGroups;
  /** Who may do what; an action without a function is refused, except `read`, which is open. */
  permissions?: Permissions;
  /** The values clients may write; any JSON by default. Bounded by limits.maxValueBytes either way. */
  value?: z.ZodType;
  limits?: Partial<BindingLimits>;
  /** The field events and snapshots name their group under; default `group`. */
  groupField?: string;
  /** How refusals name what is bound: "may not create on <noun>". */
  noun?: string;
  /** Actions of the service's own, by `action` name. */
  actions?: Record<string, CustomAction>;
  /** The relay lease's key in the bucket `<bucket>_lease`; default the binding's name. */
  leaseKey?: string;
  /** The relay lease's time to live; default 3000 ms. */
  leaseMs?: number;
  /** This replica's name in the lease; default host, pid and a random suffix. */
  holder?: string;
}

export interface Binding extends RunnableService {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- streams carry no state
  definition: ServiceDefinition<any>;
  readonly store: KvStore;
  readonly relay: BindingRelay;
  close(): Promise<void>;
}

/** Opens the bucket, starts the relay, and answers the binding's streams. */
export async function createBinding(env: ServiceEnv, decl: BindingDeclaration): Promise<Binding> {
  const log = env.log.child({ service: decl.name });
  const store = await env.storage.keyValue(decl.bucket, { history: decl.history ?? 64 });
  const leaseStore = await env.storage.keyValue(`${decl.bucket}_lease`, { history: 1 });
  const groups = groupsOf(decl);
  const relay = new BindingRelay({
    store,
    leaseStore,
    leaseKey: decl.leaseKey ?? decl.name,
    publisher: new Publisher(env.bus, env.prefix),
    holder: decl.holder ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    ttlMs: decl.leaseMs ?? 3000,
    log,
    groups,
    busGroup: (g) => busGroupOf(decl.name, g),
    groupField: decl.groupField ?? 'group',
  });
  relay.start();
  log.info({ bucket: decl.bucket, storage: env.storage.kind }, 'binding store open');
  return {
    definition: bindingService(decl, store, log),
    store,
    relay,
    close: () => relay.stop(),
  };
}

/** The bus group a binding's group is published to. */
export function busGroupOf(name: string, group: string): string {
  return `${name}.${group}`;
}

export function groupsOf(decl: Pick<BindingDeclaration, 'groups' | 'prefix'>): KeyGroups {
  const groups = decl.groups ?? wholeBucket();
  return decl.prefix ? underPrefix(decl.prefix, groups) : groups;
}

/** The actions of a declaration on a store: what bindingService runs, for tests. */
export function bindingActions(decl: BindingDeclaration, store: KvStore, log: Logger) {
  return new BindingActions({
    store,
    groups: groupsOf(decl),
    limits: { ...DEFAULT_BINDING_LIMITS, ...decl.limits },
    log,
    permissions: decl.permissions ?? {},
    value: decl.value,
    noun: decl.noun,
    others: Object.keys(decl.actions ?? {}),
  });
}

/** The service answering a binding's streams, on a store already open. */
export function bindingService(
  decl: BindingDeclaration,
  store: KvStore,
  log: Logger,
): ServiceDefinition {
  const groups = groupsOf(decl);
  const actions = bindingActions(decl, store, log);
  const field = decl.groupField ?? 'group';
  const limits = { ...DEFAULT_BINDING_LIMITS, ...decl.limits };
  const cache = new KeyIndexCache();
  /** The group's key names, sorted for pages; from the cache when `cached`. */
  const index = async (group: string, cached: boolean): Promise<KeyIndex> => {
    const hit = cached ? cache.get(group) : undefined;
    if (hit) return hit;
    const keys = await groupKeys(store, groups, group);
    cache.set(group, keys);
    return keys;
  };
  const pageOf = (group: string, keys: KeyIndex, after: string | undefined) =>
    page(keys.keys, after, limits.maxPageBytes, (names) =>
      groupValues(store, groups, group, names),
    );
  const snapshot = async (group: string) => {
    const keys = await index(group, false);
    const first = await pageOf(group, keys, undefined);
    return {
      [field]: group,
      revision: keys.revision,
      pos: String(keys.revision),
      entries: first.entries,
      ...(first.next !== undefined && { next: first.next }),
    };
  };
  /** The answer to `{action: "page", after}`: the group's entries after that key. */
  const nextPage = async (group: string, payload: unknown): Promise<ActionReply | object> => {
    const after = (payload as { after?: unknown }).after;
    if (typeof after !== 'string' || after.length > 1024)
      return {
        ok: false,
        error: { code: BindingError.BadRequest, message: 'after: the `next` of a page' },
      };
    const keys = await index(group, true);
    const p = await pageOf(group, keys, after);
    return {
      ok: true,
      revision: keys.revision,
      entries: p.entries,
      ...(p.next !== undefined && { next: p.next }),
    };
  };
  return defineService<ResumeState>({
    name: decl.name,
    async join(ctx, payload) {
      const group = ctx.topic;
      if (!groups.isGroup(group))
        return refuse(BindingError.BadRequest, `join ${decl.name}:<${groups.describe}>`);
      if (!(await actions.mayRead(ctx.scope, group)))
        return refuse(BindingError.Forbidden, `this connection may not read ${decl.name}:${group}`);
      const bus = [busGroupOf(decl.name, group)];
      const since = sinceOf(ctx.since ?? (payload as { since?: unknown } | null)?.since);
      // A resume reads what was missed once the membership is live (the
      // two-step join), so no change falls between the reply and live events.
      if (since !== undefined) return accept({ groups: bus, confirm: true, state: { since } });
      return accept({ payload: await snapshot(group), groups: bus });
    },
    async snapshot(ctx) {
      const group = ctx.topic;
      const since = ctx.state?.since ?? 0;
      const r = await actions.sync(group, since);
      if (!r.ok) return refuse(r.error.code, r.error.message);
      if ('changes' in r && r.recovered)
        return {
          accept: true,
          payload: {
            [field]: group,
            revision: r.revision,
            pos: r.pos,
            since: String(since),
            recovered: true,
            changes: r.changes,
          },
        };
      // Too much was missed to send as changes: the client reloads the group.
      return { accept: true, payload: { ...(await snapshot(group)), recovered: false } };
    },
    async receive(ctx, payload, ref) {
      const custom = customAction(decl, payload);
      if (!custom && (payload as { action?: unknown } | null)?.action === 'page') {
        const reply = await nextPage(ctx.topic, payload).catch((err: unknown) => {
          const unavailable = storeUnavailable(err);
          log[unavailable ? 'warn' : 'error']({ err }, 'binding page failed');
          const error = unavailable
            ? { code: BindingError.Unavailable, message: 'the store is unavailable; try again' }
            : { code: BindingError.Internal, message: 'internal error' };
          return { ok: false, error };
        });
        if (ref !== undefined) ctx.reply(ref, reply);
        return;
      }
      const reply = custom
        ? await custom(ctx, ctx.topic, payload as Record<string, unknown>)
        : await actions.handle(ctx, ctx.topic, payload);
      if (ref !== undefined && reply) ctx.reply(ref, reply);
    },
  }) as ServiceDefinition;
}

/** What a resuming join carries from its first step to its second. */
interface ResumeState {
  since: number;
}

/** A resume's `since`: a revision, or a `pos` (the revision as a string). */
function sinceOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v)) return Number(v);
  return undefined;
}

function customAction(decl: BindingDeclaration, payload: unknown): CustomAction | undefined {
  if (!decl.actions || typeof payload !== 'object' || payload === null) return undefined;
  const name = (payload as { action?: unknown }).action;
  return typeof name === 'string' && Object.hasOwn(decl.actions, name)
    ? decl.actions[name]
    : undefined;
}
