// What a binding says on the wire, defined once: the actions clients send,
// the replies, events and snapshots they receive. docs/services.md
// ("Bindings") describes the same shapes for client authors. The group's name
// travels under a field the declaration names (`group` by default; the
// dashboard's is `board`, as its clients have always read it).
import { z } from 'zod';

/** Codes in `{ok: false, error: {code}}` replies. */
export const BindingError = {
  /** The action is malformed: unknown action, bad key, a value the schema refuses, too large. */
  BadRequest: 'bad_request',
  /** The declaration's permission function refused the action. */
  Forbidden: 'forbidden',
  /** The key moved past the expected revision, or `create` found it live. */
  Conflict: 'conflict',
  /** `update` or `delete` of a key that does not exist. */
  NotFound: 'not_found',
  /** The store is out of reach for now (a NATS node or the bucket's leader away): nothing was written; try again. */
  Unavailable: 'unavailable',
  /** The store failed otherwise; details are in the service's log. */
  Internal: 'internal',
} as const;
export type BindingError = (typeof BindingError)[keyof typeof BindingError];

export interface BindingLimits {
  /** Size of a value's JSON text, in bytes. */
  maxValueBytes: number;
  /** Changes in a sync reply before it keeps only the last change of each key. */
  maxSyncChanges: number;
  /** JSON bytes of a snapshot page (the `joined` payload, a `page` reply): under the frame limit. */
  maxPageBytes: number;
}

export const DEFAULT_BINDING_LIMITS: BindingLimits = {
  maxValueBytes: 1024,
  maxSyncChanges: 1000,
  maxPageBytes: 48 * 1024,
};

const enc = new TextEncoder();

/**
 * The zod schema of the binding's own actions. `value` is the declaration's
 * schema (any JSON by default), always bounded by maxValueBytes.
 */
export function bindingActionSchema(
  limits: BindingLimits,
  value: z.ZodType = z.json(),
  /** The service's own actions, named in the refusal of an unknown one. */
  others: readonly string[] = [],
) {
  const key = z.string().max(128, 'key: at most 128 characters');
  const revision = z.number().int().min(1);
  const bounded = value.refine(
    (v) => enc.encode(JSON.stringify(v)).length <= limits.maxValueBytes,
    `value: at most ${limits.maxValueBytes} bytes of JSON`,
  );
  return z.discriminatedUnion(
    'action',
    [
      z.object({ action: z.literal('create'), key, value: bounded }),
      z.object({ action: z.literal('update'), key, value: bounded, revision: revision.optional() }),
      z.object({ action: z.literal('delete'), key, revision: revision.optional() }),
      z.object({ action: z.literal('increment'), key, by: z.number().default(1) }),
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
    {
      error: `action: one of ${['create', 'update', 'delete', 'increment', ...others, 'sync'].join(', ')}`,
    },
  );
}
export type BindingAction = z.infer<ReturnType<typeof bindingActionSchema>>;
export type WriteAction = Exclude<BindingAction, { action: 'sync' }>;

/** One change in a `sync` reply. */
export interface SyncChange {
  op: 'put' | 'delete';
  key: string;
  value?: unknown;
  revision: number;
}

export interface SyncResult {
  ok: true;
  /** Every change of the group up to this revision is in `changes` or was already held. */
  revision: number;
  /** `revision` as a protocol 1.1 position: the next sync's `since`. */
  pos: string;
  changes: SyncChange[];
  /** True when `changes` holds every change after `since` (as `joined.recovered`); false when compacted. */
  recovered: boolean;
  /** Set when only the last change of each key is given: values are exact, intermediate revisions skipped. */
  compacted?: true;
}

export type ActionReply =
  | {
      ok: true;
      revision?: number;
      value?: unknown;
      /** A retry (the same msg id) of a write already applied: `revision` is the first attempt's. */
      duplicate?: true;
    }
  | SyncResult
  | { ok: false; error: { code: BindingError; message: string; revision?: number } };

/** A live event, sent to the group (its name under the declaration's group field). */
export interface BindingEvent {
  type: 'create' | 'update' | 'delete';
  key: string;
  /** Absent for a delete. */
  value?: unknown;
  revision: number;
  /** `revision` as a protocol 1.1 position. */
  pos: string;
  /** The revision of the group's previous event; 0 when it has none. */
  prev: number;
  /** Revisions before this one were lost from the bucket's history: `prev` is a guess, sync. */
  gap?: true;
}
