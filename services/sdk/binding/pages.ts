// Snapshots in pages, so that a group of 100,000 keys never makes one frame
// over the frame limit. The scheme (docs/services.md, "Bindings: large
// groups"):
//
// - Entries go in key order. The `joined` payload holds the first page; when
//   more follow, it says `next`: the last key it holds.
// - The client asks for the rest with `{action: "page", after: next}`; each
//   reply holds the entries after that key, `revision` (the read it comes
//   from) and `next` while more follow.
// - A page read later than the first may reflect later changes; after the
//   last page the client syncs from the first page's `revision`, which brings
//   every key to its latest change.
//
// A replica keeps the snapshot it read for a join for a short while, so pages
// cost one read per join, not one per page; any other replica reads again.
import type { Entry, Snapshot } from '../storage/kv.ts';

const enc = new TextEncoder();

/** Bytes of a page's JSON spent on everything but its entries. */
const PAGE_OVERHEAD = 512;

export interface Page {
  entries: Entry[];
  /** The last key of the page, when more follow. */
  next?: string;
}

/** The entries of `sorted` after `after`, up to `maxBytes` of JSON (at least one entry). */
export function page(sorted: readonly Entry[], after: string | undefined, maxBytes: number): Page {
  let i = after === undefined ? 0 : firstAfter(sorted, after);
  const entries: Entry[] = [];
  let bytes = PAGE_OVERHEAD;
  for (; i < sorted.length; i++) {
    const e = sorted[i]!;
    const size = enc.encode(JSON.stringify(e)).length + 1;
    if (entries.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    entries.push(e);
  }
  return i < sorted.length ? { entries, next: entries.at(-1)!.key } : { entries };
}

function firstAfter(sorted: readonly Entry[], after: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.key <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Entries in the order pages use: by key, in code units (as `<` compares). */
export function byKey(a: Entry, b: Entry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Snapshots read for joins (entries sorted byKey), by group, kept `ttlMs` for the pages that follow. */
export class SnapshotCache {
  readonly #byGroup = new Map<string, { snap: Snapshot; at: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    /** Snapshots kept at most: a few groups' worth of memory, not every group's. */
    private readonly max = 8,
  ) {}

  get(group: string): Snapshot | undefined {
    const hit = this.#byGroup.get(group);
    if (!hit) return undefined;
    if (performance.now() - hit.at > this.ttlMs) {
      this.#byGroup.delete(group);
      return undefined;
    }
    return hit.snap;
  }

  set(group: string, snap: Snapshot): void {
    this.#byGroup.delete(group);
    this.#byGroup.set(group, { snap, at: performance.now() });
    // Maps iterate in insertion order: the first is the oldest.
    for (const old of this.#byGroup.keys()) {
      if (this.#byGroup.size <= this.max) break;
      this.#byGroup.delete(old);
    }
  }
}
