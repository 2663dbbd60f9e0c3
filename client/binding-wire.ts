// What a binding says on the wire, as the client reads it (docs/services.md,
// "Bindings"; the service's own definition is services/sdk/binding/model.ts,
// which browser code may not import). The gateway is trusted but a payload
// is the service's: each reader checks the fields the view relies on and
// answers undefined for anything else (a dashboard announcement, say).

export interface BindingEntry {
  key: string;
  value: unknown;
  revision: number;
}

/** One key's change, as the view applied it. */
export interface BindingChange {
  type: 'create' | 'update' | 'delete';
  key: string;
  /** Absent for a delete. */
  value?: unknown;
  revision: number;
}

/** A live event on the group. */
export interface BindingEvent extends BindingChange {
  /** The revision of the group's previous event: above the view's, an event was missed. */
  prev: number;
  /** The relay cannot tell what came before this event: sync. */
  gap: boolean;
}

/** A change in a resumed join or a `sync` reply. */
export interface SyncChange {
  op: 'put' | 'delete';
  key: string;
  value?: unknown;
  revision: number;
}

/** What a `joined` payload holds: a snapshot page, or only the changes after `since`. */
export type JoinedPayload =
  | {
      kind: 'snapshot';
      revision: number;
      entries: BindingEntry[];
      /** More pages follow, after this key. */
      next?: string;
      /** False when a resume missed too much and the service sent a snapshot instead. */
      recovered?: false;
    }
  | { kind: 'changes'; revision: number; changes: SyncChange[] };

/** A `page` reply, `{ok: true, revision, entries, next?}`. */
export interface PageReply {
  revision: number;
  entries: BindingEntry[];
  next?: string;
}

/** A `sync` reply, `{ok: true, revision, pos, changes, recovered, compacted?}`. */
export interface SyncReply {
  revision: number;
  changes: SyncChange[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRevision = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function entries(v: unknown): BindingEntry[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: BindingEntry[] = [];
  for (const e of v) {
    if (!isObj(e) || typeof e.key !== 'string' || !isRevision(e.revision)) return undefined;
    out.push({ key: e.key, value: e.value, revision: e.revision });
  }
  return out;
}

function changes(v: unknown): SyncChange[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: SyncChange[] = [];
  for (const c of v) {
    if (!isObj(c) || typeof c.key !== 'string' || !isRevision(c.revision)) return undefined;
    if (c.op === 'put') out.push({ op: 'put', key: c.key, value: c.value, revision: c.revision });
    else if (c.op === 'delete') out.push({ op: 'delete', key: c.key, revision: c.revision });
    else return undefined;
  }
  return out;
}

const nextOf = (v: unknown): { next?: string } => (typeof v === 'string' ? { next: v } : {});

export function readJoined(p: unknown): JoinedPayload | undefined {
  if (!isObj(p) || !isRevision(p.revision)) return undefined;
  if (p.recovered === true) {
    const c = changes(p.changes);
    return c && { kind: 'changes', revision: p.revision, changes: c };
  }
  const e = entries(p.entries);
  if (!e) return undefined;
  return {
    kind: 'snapshot',
    revision: p.revision,
    entries: e,
    ...nextOf(p.next),
    ...(p.recovered === false && { recovered: false as const }),
  };
}

export function readEvent(p: unknown): BindingEvent | undefined {
  if (!isObj(p) || typeof p.key !== 'string' || !isRevision(p.revision)) return undefined;
  if (p.type !== 'create' && p.type !== 'update' && p.type !== 'delete') return undefined;
  return {
    type: p.type,
    key: p.key,
    ...(p.type !== 'delete' && { value: p.value }),
    revision: p.revision,
    prev: isRevision(p.prev) ? p.prev : 0,
    gap: p.gap === true,
  };
}

/** The service's refusal in an `{ok: false, error}` reply. */
export interface ReplyError {
  code: string;
  message: string;
}

export function replyError(p: unknown): ReplyError | undefined {
  if (!isObj(p) || p.ok !== false) return undefined;
  const e = isObj(p.error) ? p.error : {};
  return {
    code: typeof e.code === 'string' ? e.code : 'error',
    message: typeof e.message === 'string' ? e.message : 'refused',
  };
}

export function readPage(p: unknown): PageReply | undefined {
  if (!isObj(p) || p.ok !== true || !isRevision(p.revision)) return undefined;
  const e = entries(p.entries);
  return e && { revision: p.revision, entries: e, ...nextOf(p.next) };
}

export function readSync(p: unknown): SyncReply | undefined {
  if (!isObj(p) || p.ok !== true || !isRevision(p.revision)) return undefined;
  const c = changes(p.changes);
  return c && { revision: p.revision, changes: c };
}
