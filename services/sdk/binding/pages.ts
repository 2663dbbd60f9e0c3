// Snapshots in pages, so that a group of 100,000 keys never makes one frame
// over the frame limit, and a join costs one page, not the whole group. The
// scheme (docs/services.md, "Bindings: large groups"):
//
// - Entries go in key order. The `joined` payload holds the first page; when
//   more follow, it says `next`: the last key it holds.
// - The client asks for the rest with `{action: "page", after: next}`; each
//   reply holds the entries after that key, `revision` (the key list it is
//   cut from) and `next` while more follow.
// - A page's keys come from a list taken at `revision` (every key live then
//   is in it), but each value is read when its page is: an entry may be newer
//   than `revision`, a key deleted since is left out, and one created since
//   may be missing. After the last page the client syncs from the first
//   page's `revision`, which brings every change after it in order, so each
//   key ends at its latest change whatever its page held.
//
// A replica keeps the key list it read for a join (the keys, not their
// values) while its pages are asked for, so pages cost one listing per join
// plus their own values; any other replica lists again.
import type { Entry } from '../storage/kv.ts';

const enc = new TextEncoder();

/** Bytes of a page's JSON spent on everything but its entries. */
const PAGE_OVERHEAD = 512;

/** Keys whose values are read first, before their sizes say how many more a page holds. */
const FIRST_READ = 32;
/** Keys read at once at most: a guess past the budget costs reads thrown away. */
const MAX_READ = 512;

/**
 * A group's keys, by their names in it, sorted as Array#sort does by default
 * (in code units, as `<` compares); every key live at `revision` is there.
 */
export interface KeyIndex {
  readonly revision: number;
  readonly keys: readonly string[];
}

export interface Page {
  entries: Entry[];
  /** The last key of the page, when more follow. */
  next?: string;
}

/** Reads the live values of keys, in the order given, leaving out keys that have none. */
export type ReadValues = (keys: string[]) => Promise<Entry[]>;

/**
 * The entries of the keys after `after`, up to `maxBytes` of JSON (at least
 * one entry while any key after it is live): values are read a few keys at a
 * time until the page is full, so a page costs its own values, not the group's.
 */
export async function page(
  index: readonly string[],
  after: string | undefined,
  maxBytes: number,
  read: ReadValues,
): Promise<Page> {
  let i = after === undefined ? 0 : firstAfter(index, after);
  const entries: Entry[] = [];
  let bytes = PAGE_OVERHEAD;
  let want = FIRST_READ;
  while (i < index.length) {
    const keys = index.slice(i, i + want);
    for (const e of await read(keys)) {
      const size = enc.encode(JSON.stringify(e)).length + 1;
      if (entries.length > 0 && bytes + size > maxBytes)
        return { entries, next: entries.at(-1)!.key };
      bytes += size;
      entries.push(e);
    }
    i += keys.length;
    // As many more keys as the entries so far say fit; one more, so a page
    // that is exactly full still finds out whether another entry follows.
    const mean = entries.length > 0 ? (bytes - PAGE_OVERHEAD) / entries.length : 0;
    const fit = mean > 0 ? Math.ceil((maxBytes - bytes) / mean) + 1 : want * 2;
    want = Math.min(MAX_READ, Math.max(1, fit));
  }
  return { entries };
}

function firstAfter(sorted: readonly string[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Key lists read for joins, by group, kept `ttlMs` after their last use for
 * the pages that follow: a client paging through 100,000 keys on a loaded
 * machine takes longer than the time to live, and a list it stops using goes.
 */
export class KeyIndexCache {
  readonly #byGroup = new Map<string, { index: KeyIndex; at: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    /** Lists kept at most: a few groups' worth of memory, not every group's. */
    private readonly max = 8,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(group: string): KeyIndex | undefined {
    const hit = this.#byGroup.get(group);
    if (!hit) return undefined;
    const now = this.now();
    if (now - hit.at > this.ttlMs) {
      this.#byGroup.delete(group);
      return undefined;
    }
    hit.at = now;
    return hit.index;
  }

  set(group: string, index: KeyIndex): void {
    this.#byGroup.delete(group);
    this.#byGroup.set(group, { index, at: this.now() });
    // Maps iterate in insertion order: the first is the oldest set.
    for (const old of this.#byGroup.keys()) {
      if (this.#byGroup.size <= this.max) break;
      this.#byGroup.delete(old);
    }
  }
}
