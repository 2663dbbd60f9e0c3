// What the dashboard says on the wire, defined once: board and key names,
// the actions clients send, the replies, events and snapshots they receive.
// docs/services.md ("dashboard") describes the same shapes for client authors.
import { z } from 'zod';
import { BindingError } from '../sdk/binding/model.ts';

/**
 * A board is one token, so that it is both a group name token and a KV key
 * token: stream topics allow more characters ('.', '~', '@', ':', '=', '+'),
 * and a join with any of them is refused rather than mapped.
 */
export const BOARD_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** A key inside a board: tokens of [A-Za-z0-9_-] joined by '.', at most 128 characters. */
export const ITEM_KEY_RE = /^(?=.{1,128}$)[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Every client of a board is a member of this group. */
export function boardGroup(board: string): string {
  return `dashboard.${board}`;
}

/** Items live in the store as `<board>.<key>`. */
export function storeKey(board: string, key: string): string {
  return `${board}.${key}`;
}

/** The board and item key of a store key; undefined for keys that are not a board's item. */
export function splitStoreKey(k: string): { board: string; key: string } | undefined {
  const dot = k.indexOf('.');
  if (dot < 0) return undefined;
  const board = k.slice(0, dot);
  const key = k.slice(dot + 1);
  return BOARD_RE.test(board) && ITEM_KEY_RE.test(key) ? { board, key } : undefined;
}

/** Codes in `{ok: false, error: {code}}` replies. */
/** The dashboard is a binding: its refusal codes are the binding's. */
export const DashboardError = BindingError;
export type DashboardError = BindingError;

export interface DashboardLimits {
  /** Size of a value's JSON text, in bytes. */
  maxValueBytes: number;
  /** Length of an announcement's text, in characters. */
  maxAnnouncementChars: number;
  /** Changes in a sync reply before it keeps only the last change of each key. */
  maxSyncChanges: number;
}

export const DEFAULT_LIMITS: DashboardLimits = {
  maxValueBytes: 1024,
  maxAnnouncementChars: 500,
  maxSyncChanges: 1000,
};

const enc = new TextEncoder();

/** The zod schema of a client's action, for the given limits. */
export function actionSchema(limits: DashboardLimits) {
  const key = z.string().regex(ITEM_KEY_RE, 'key: tokens of [A-Za-z0-9_-] joined by "."');
  const revision = z.number().int().min(1);
  const value = z
    .union([z.number(), z.record(z.string(), z.json())], {
      error: 'value: a number or a JSON object',
    })
    .refine(
      (v) => enc.encode(JSON.stringify(v)).length <= limits.maxValueBytes,
      `value: at most ${limits.maxValueBytes} bytes of JSON`,
    );
  return z.discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('create'), key, value }),
      z.object({ action: z.literal('update'), key, value, revision: revision.optional() }),
      z.object({ action: z.literal('delete'), key, revision: revision.optional() }),
      z.object({ action: z.literal('increment'), key, by: z.number().default(1) }),
      z.object({
        action: z.literal('announce'),
        message: z.string().trim().min(1).max(limits.maxAnnouncementChars),
      }),
      z.object({
        action: z.literal('sync'),
        // A revision, or the `pos` of a snapshot, event or sync reply (its revision as a string).
        since: z.union([
          z.number().int().min(0),
          z
            .string()
            .regex(/^\d{1,16}$/, 'since: a revision or a pos')
            .transform(Number),
        ]),
      }),
    ],
    { error: 'action: one of create, update, delete, increment, announce, sync' },
  );
}
export type Action = z.infer<ReturnType<typeof actionSchema>>;

/** The `joined` payload: the board as of `revision`. */
export interface SnapshotPayload {
  board: string;
  /** Every change up to this revision is reflected; drop events at or below it. */
  revision: number;
  /** `revision` as a protocol 1.1 position: a string, ordered as the number it holds. */
  pos: string;
  entries: Array<{ key: string; value: unknown; revision: number }>;
}

/** A live event, sent to the board's group. */
export interface BoardEvent {
  type: 'create' | 'update' | 'delete';
  board: string;
  key: string;
  /** Absent for a delete. */
  value?: unknown;
  revision: number;
  /** `revision` as a protocol 1.1 position. */
  pos: string;
  /** The revision of the board's previous event; 0 when it has none. A larger one than a client holds means it missed one. */
  prev: number;
  /**
   * Set when the relay cannot know what came before: revisions between the
   * board's previous event and this one were dropped from the bucket's
   * history (an outage overran it) before the relay read them. `prev` and
   * `create`/`update` are then a guess: a client syncs, as for a missed event.
   */
  gap?: true;
}

/** A message to everyone on a board, sent to the board's group. */
export interface Announcement {
  type: 'announcement';
  board: string;
  /** The poster's JWT subject. */
  from: string;
  message: string;
  /** ISO 8601 time of posting. */
  at: string;
}

export type { ActionReply, SyncChange, SyncResult } from '../sdk/binding/model.ts';
