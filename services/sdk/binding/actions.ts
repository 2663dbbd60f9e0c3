// What a client's msg on a bound stream does. Every action is answered with
// an ActionReply; none throws. Writes go to the store only: the events they
// cause reach clients through the relay, like anyone else's writes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../../lib/log.ts';
import type { Scope, StreamContext } from '../context.ts';
import { storeUnavailable } from '../storage/unavailable.ts';
import {
  ConflictError,
  type Entry,
  type Json,
  type KvStore,
  type WriteOptions,
  type WriteResult,
} from '../storage/kv.ts';
import type { KeyGroups } from './keys.ts';
import {
  BindingError,
  bindingActionSchema,
  type ActionReply,
  type BindingAction,
  type BindingLimits,
  type SyncChange,
  type WriteAction,
} from './model.ts';
import type { z } from 'zod';

export type BindingOp = 'read' | 'create' | 'update' | 'delete' | 'increment';

/**
 * May this connection do `op`? `key` is the store key (for `read`, the
 * group's prefix, checked at join); `value` the value to be written (an
 * increment's `by`; absent for read and delete).
 */
export type Permission = (scope: Scope, key: string, value: unknown) => boolean | Promise<boolean>;

export type Permissions = Partial<Record<BindingOp, Permission>>;

/** A refusal that becomes `{ok: false, error}`. */
export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly code: BindingError,
    message: string,
    readonly revision?: number,
  ) {
    super(message);
  }
}

/** Thrown when the msg's deadline passes before its write: nothing is written, nobody answered. */
const EXPIRED = new Error('the deadline passed before the write');

export interface BindingActionsOptions {
  store: KvStore;
  groups: KeyGroups;
  limits: BindingLimits;
  log: Logger;
  /** Without a function an action is refused, except `read`, which is open. */
  permissions: Permissions;
  /** The values clients may write (any JSON by default). */
  value?: z.ZodType;
  /** What refusals call the groups: "this connection may not create on <noun>". */
  noun?: string;
  /** The service's own action names, for the refusal of an unknown action. */
  others?: readonly string[];
  /** Compare-and-set attempts for increment and unconditional update/delete before `conflict`. */
  maxAttempts?: number;
}

export class BindingActions {
  readonly #schema: ReturnType<typeof bindingActionSchema>;
  readonly #maxAttempts: number;
  /**
   * Writes to one key from this replica run one at a time: compare-and-set
   * then only races other replicas, not this replica's own handlers, which
   * keeps retries few when many clients hit one counter.
   */
  readonly #keyQueues = new Map<string, Promise<unknown>>();

  constructor(private readonly d: BindingActionsOptions) {
    this.#schema = bindingActionSchema(d.limits, d.value, d.others);
    this.#maxAttempts = d.maxAttempts ?? 100;
  }

  /** Whether the connection may join the group (the `read` permission). */
  async mayRead(scope: Scope, group: string): Promise<boolean> {
    const read = this.d.permissions.read;
    return read ? read(scope, this.d.groups.prefix(group), undefined) : true;
  }

  /**
   * The answer to an action; undefined when its deadline passed before its
   * write was applied (ctx.expired): nothing was written, and the client,
   * told `timeout`, gets no answer.
   */
  async handle(
    ctx: StreamContext,
    group: string,
    payload: unknown,
  ): Promise<ActionReply | undefined> {
    const parsed = this.#schema.safeParse(payload);
    if (!parsed.success)
      return refusal(BindingError.BadRequest, parsed.error.issues.map((i) => i.message).join('; '));
    try {
      return await this.#run(ctx, group, parsed.data);
    } catch (err) {
      if (err === EXPIRED) return void this.d.log.debug({ group }, 'write past its deadline');
      if (err instanceof ActionError) return refusal(err.code, err.message, err.revision);
      if (storeUnavailable(err)) {
        this.d.log.warn({ err, group, action: parsed.data.action }, 'binding store unavailable');
        return refusal(BindingError.Unavailable, 'the store is unavailable; try again');
      }
      this.d.log.error({ err, group, action: parsed.data.action }, 'binding action failed');
      return refusal(BindingError.Internal, 'internal error');
    }
  }

  async #run(ctx: StreamContext, group: string, a: BindingAction): Promise<ActionReply> {
    if (a.action === 'sync') return this.sync(group, a.since);
    const key = this.d.groups.storeKey(group, a.key);
    if (key === undefined)
      throw new ActionError(BindingError.BadRequest, `key: not a key of ${group}`);
    const may = this.d.permissions[a.action];
    const value = a.action === 'increment' ? a.by : a.action === 'delete' ? undefined : a.value;
    if (!may || !(await may(ctx.scope, key, value)))
      throw new ActionError(
        BindingError.Forbidden,
        `this connection may not ${a.action} on ${this.d.noun ?? 'this binding'}`,
      );
    const msgId = ctx.msgId;
    // Checked before each attempt at the write: it may wait behind other
    // writes to the key, or retry lost races, past the client's timeout.
    const live = (): void => {
      if (ctx.expired) throw EXPIRED;
    };
    return this.#oneAtATime(key, async () => {
      try {
        live();
        return await this.#write(key, a, msgId, live);
      } catch (err) {
        // A retry whose first attempt was applied finds the key gone or moved
        // on: it is answered as the first attempt was, not refused.
        if (!(err instanceof ActionError) || msgId === undefined) throw err;
        const revision = await this.d.store.applied(key, msgId);
        if (revision === undefined) throw err;
        return this.#duplicate(key, a.action, revision);
      }
    });
  }

  /**
   * Writes with the client's msg id: a retry of a write already applied, on
   * any replica within the store's duplicate window (2 minutes), is answered
   * with the first write's revision and `duplicate: true`, and applied once.
   */
  async #write(
    key: string,
    a: WriteAction,
    msgId: string | undefined,
    live: () => void,
  ): Promise<ActionReply> {
    const store = this.d.store;
    const opts = { msgId };
    const done = (r: WriteResult, value?: number): Promise<ActionReply> | ActionReply =>
      r.duplicate
        ? this.#duplicate(key, a.action, r.revision)
        : { ok: true, revision: r.revision, ...(value !== undefined && { value }) };
    switch (a.action) {
      case 'create':
        try {
          return await done(await store.create(key, a.value as Json, opts));
        } catch (err) {
          if (err instanceof ConflictError)
            throw new ActionError(BindingError.Conflict, `${a.key} exists`);
          throw err;
        }
      case 'update':
        return this.#cas(key, a.key, a.revision, live, async (e) =>
          done(await store.update(key, a.value as Json, e.revision, opts)),
        );
      case 'delete':
        return this.#cas(key, a.key, a.revision, live, async (e) =>
          done(await store.delete(key, e.revision, opts)),
        );
      case 'increment':
        return this.#increment(key, a.key, a.by, done, opts, live);
    }
  }

  /** The answer to a retry of an applied write: its revision, and an increment's current value. */
  async #duplicate(key: string, action: string, revision: number): Promise<ActionReply> {
    if (action !== 'increment') return { ok: true, revision, duplicate: true };
    const now = await this.d.store.get(key);
    return {
      ok: true,
      revision,
      duplicate: true,
      ...(typeof now?.value === 'number' && { value: now.value }),
    };
  }

  /**
   * A write at an expected revision. With the client's revision, a mismatch is
   * its `conflict`; without one, the write follows whatever revision is current,
   * retrying races, so it never resurrects a key deleted meanwhile.
   */
  async #cas(
    key: string,
    name: string,
    expected: number | undefined,
    live: () => void,
    write: (current: Entry) => Promise<ActionReply>,
  ): Promise<ActionReply> {
    return this.#retry(live, async () => {
      const current = await this.d.store.get(key);
      if (!current) throw new ActionError(BindingError.NotFound, `${name} does not exist`);
      if (expected !== undefined && current.revision !== expected)
        throw new ActionError(
          BindingError.Conflict,
          `${name} is at revision ${current.revision}, not ${expected}`,
          current.revision,
        );
      try {
        return await write(current);
      } catch (err) {
        if (err instanceof ConflictError && expected !== undefined) {
          const now = await this.d.store.get(key);
          throw new ActionError(
            BindingError.Conflict,
            `${name} moved past revision ${expected}`,
            now?.revision ?? 0,
          );
        }
        throw err;
      }
    });
  }

  /** Read, add, compare-and-set; a missing key counts from 0. */
  async #increment(
    key: string,
    name: string,
    by: number,
    done: (r: WriteResult, value: number) => Promise<ActionReply> | ActionReply,
    opts: WriteOptions,
    live: () => void,
  ): Promise<ActionReply> {
    return this.#retry(live, async () => {
      const current = await this.d.store.get(key);
      if (!current) return done(await this.d.store.create(key, by, opts), by);
      if (typeof current.value !== 'number')
        throw new ActionError(BindingError.BadRequest, `${name} does not hold a number`);
      const value = current.value + by;
      if (!Number.isFinite(value))
        throw new ActionError(BindingError.BadRequest, `${name} would overflow`);
      return done(await this.d.store.update(key, value, current.revision, opts), value);
    });
  }

  async #oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#keyQueues.get(key) ?? Promise.resolve();
    const run = prev.then(fn);
    const tail = run.catch(() => undefined);
    this.#keyQueues.set(key, tail);
    void tail.then(() => {
      if (this.#keyQueues.get(key) === tail) this.#keyQueues.delete(key);
    });
    return run;
  }

  /** Runs `step` again while it loses compare-and-set races, with growing random pauses. */
  async #retry(live: () => void, step: () => Promise<ActionReply>): Promise<ActionReply> {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) live();
      try {
        return await step();
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        if (attempt >= this.#maxAttempts)
          throw new ActionError(BindingError.Conflict, `gave up after ${attempt} attempts`);
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
      }
    }
  }

  /** Every change of the group after `since`: the answer to a `sync`. */
  async sync(group: string, since: number): Promise<ActionReply> {
    const groups = this.d.groups;
    // A key that is its own group lies at its prefix, not below it: read the whole bucket's log.
    const own = groups.storeKey(group, '') !== undefined;
    const log = await this.d.store.changesSince(own ? '' : groups.prefix(group), since);
    const changes: SyncChange[] = [];
    for (const c of log.changes) {
      const name = groups.of(c.key);
      if (name?.group !== group) continue;
      changes.push(
        c.op === 'put'
          ? { op: 'put', key: name.key, value: c.value, revision: c.revision }
          : { op: 'delete', key: name.key, revision: c.revision },
      );
    }
    const pos = String(log.revision);
    if (changes.length <= this.d.limits.maxSyncChanges)
      return { ok: true, revision: log.revision, pos, changes, recovered: true };
    // A reply must fit in one NATS message: past the limit, the last change of
    // each key is what a view needs, and is bounded by the group's key count.
    const last = new Map(changes.map((c) => [c.key, c.revision]));
    return {
      ok: true,
      revision: log.revision,
      pos,
      changes: changes.filter((c) => last.get(c.key) === c.revision),
      recovered: false,
      compacted: true,
    };
  }
}

function refusal(code: BindingError, message: string, revision?: number): ActionReply {
  return {
    ok: false,
    error: revision === undefined ? { code, message } : { code, message, revision },
  };
}
