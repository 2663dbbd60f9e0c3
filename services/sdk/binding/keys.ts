// How a binding's store keys map to the groups clients join. A client joins
// `<binding>:<group>` and sees the keys of that group, named relative to it;
// the relay publishes each change to the one group its key belongs to, so its
// cost is one publish per change whatever the number of bound streams.
import type { Entry, KvStore } from '../storage/kv.ts';
import type { KeyIndex } from './pages.ts';

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

/** The names of a group's keys, sorted for pages, listed without their values. */
export async function groupKeys(
  store: KvStore,
  groups: KeyGroups,
  group: string,
): Promise<KeyIndex> {
  // A key that is its own group lies at its prefix, not below it.
  if (groups.storeKey(group, '') !== undefined)
    return { revision: await store.lastRevision(), keys: [''] };
  const list = await store.keys(groups.prefix(group));
  const keys: string[] = [];
  for (const k of list.keys) {
    const named = groups.of(k);
    if (named?.group === group) keys.push(named.key);
  }
  return { revision: list.revision, keys: keys.sort() };
}

/** The live entries of names in a group, named as in it, in the order given. */
export async function groupValues(
  store: KvStore,
  groups: KeyGroups,
  group: string,
  names: readonly string[],
): Promise<Entry[]> {
  const read = await store.getMany(names.flatMap((n) => groups.storeKey(group, n) ?? []));
  return read.flatMap((e) => {
    const named = groups.of(e.key);
    return named ? [{ key: named.key, value: e.value, revision: e.revision }] : [];
  });
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
