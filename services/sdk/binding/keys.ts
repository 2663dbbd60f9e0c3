// How a binding's store keys map to the groups clients join. A client joins
// `<binding>:<group>` and sees the keys of that group, named relative to it;
// the relay publishes each change to the one group its key belongs to, so its
// cost is one publish per change whatever the number of bound streams.
import type { KvStore, Snapshot } from '../storage/kv.ts';

/** A token of a store key or group: what both KV keys and group names allow. */
const TOKEN = '[A-Za-z0-9_-]+';
const TOKENS_RE = new RegExp(`^${TOKEN}(\\.${TOKEN})*$`);

export interface KeyGroups {
  /** Says what a client joins with, for refusals: "a board name". */
  readonly describe: string;
  /** True when `group` is one a client may join (it is then a valid group name token sequence). */
  isGroup(group: string): boolean;
  /** The group of a store key and the key's name inside it; undefined for keys bound to no group. */
  of(storeKey: string): { group: string; key: string } | undefined;
  /** The store key of a name inside a group; undefined when the name is not one. */
  storeKey(group: string, key: string): string | undefined;
  /** The store prefix a group's keys are below ('' for the whole bucket), for list and changesSince. */
  prefix(group: string): string;
}

/** Every key of the bucket in one group, `all`; keys are named as in the store. */
export function wholeBucket(group = 'all'): KeyGroups {
  return {
    describe: `"${group}"`,
    isGroup: (g) => g === group,
    of: (k) => (TOKENS_RE.test(k) ? { group, key: k } : undefined),
    storeKey: (g, k) => (g === group && TOKENS_RE.test(k) ? k : undefined),
    prefix: () => '',
  };
}

/**
 * A group per prefix of `depth` tokens: with depth 1, `ops.cpu` is key `cpu`
 * of group `ops` (the dashboard's boards). Keys with no token past the prefix
 * belong to no group.
 */
export function byPrefix(depth = 1, maxKeyChars = 128): KeyGroups {
  if (!Number.isInteger(depth) || depth < 1) throw new Error('byPrefix: depth is 1 or more');
  const groupRe = new RegExp(`^(?=.{1,64}$)${TOKEN}(\\.${TOKEN}){${depth - 1}}$`);
  const keyRe = new RegExp(`^(?=.{1,${maxKeyChars}}$)${TOKEN}(\\.${TOKEN})*$`);
  const split = (k: string): number => {
    let at = -1;
    for (let i = 0; i < depth; i++) {
      at = k.indexOf('.', at + 1);
      if (at < 0) return -1;
    }
    return at;
  };
  return {
    describe: `${depth} token${depth > 1 ? 's' : ''} of [A-Za-z0-9_-] joined by "."`,
    isGroup: (g) => groupRe.test(g),
    of(k) {
      const at = split(k);
      if (at < 0) return undefined;
      const group = k.slice(0, at);
      const key = k.slice(at + 1);
      return groupRe.test(group) && keyRe.test(key) ? { group, key } : undefined;
    },
    storeKey: (g, k) => (groupRe.test(g) && keyRe.test(k) ? `${g}.${k}` : undefined),
    prefix: (g) => g,
  };
}

/** A group per key: a client joins one key, named '' inside its group. */
export function eachKey(): KeyGroups {
  return {
    describe: 'a key: tokens of [A-Za-z0-9_-] joined by "."',
    isGroup: (g) => g.length <= 128 && TOKENS_RE.test(g),
    of: (k) => (TOKENS_RE.test(k) ? { group: k, key: '' } : undefined),
    storeKey: (g, k) => (k === '' && TOKENS_RE.test(g) ? g : undefined),
    prefix: (g) => g,
  };
}

/** The live keys of a group, with the revision the snapshot reflects. */
export async function groupSnapshot(
  store: KvStore,
  groups: KeyGroups,
  group: string,
): Promise<Snapshot> {
  const prefix = groups.prefix(group);
  const own = groups.storeKey(group, '');
  // A key that is its own group lies at its prefix, not below it.
  if (own !== undefined) {
    const revision = await store.lastRevision();
    const e = await store.get(own);
    return { revision: Math.max(revision, e?.revision ?? 0), entries: e ? [e] : [] };
  }
  const snap = await store.list(prefix);
  return {
    revision: snap.revision,
    entries: snap.entries.filter((e) => groups.of(e.key)?.group === group),
  };
}

/** `groups` applied to the keys below `<prefix>.` only; other keys are bound to no group. */
export function underPrefix(prefix: string, groups: KeyGroups): KeyGroups {
  if (!TOKENS_RE.test(prefix)) throw new Error(`not a key prefix: ${prefix}`);
  const head = `${prefix}.`;
  return {
    describe: groups.describe,
    isGroup: (g) => groups.isGroup(g),
    of: (k) => (k.startsWith(head) ? groups.of(k.slice(head.length)) : undefined),
    storeKey: (g, k) => {
      const inner = groups.storeKey(g, k);
      return inner === undefined ? undefined : head + inner;
    },
    prefix: (g) => {
      const p = groups.prefix(g);
      return p ? head + p : prefix;
    },
  };
}
