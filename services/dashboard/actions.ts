// What a client's msg on `dashboard:<board>` does. Every action is answered
// with an ActionReply; none throws. Writes go to the store only: the events
// they cause reach clients through the relay, like anyone else's writes.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/log.ts';
import type { StreamContext } from '../sdk/index.ts';
import {
  actionSchema,
  boardGroup,
  DashboardError,
  splitStoreKey,
  storeKey,
  type Action,
  type ActionReply,
  type Announcement,
  type DashboardLimits,
  type SyncChange,
} from './model.ts';
import { permissionsOf } from './permissions.ts';
import { ConflictError, type Entry, type Json, type KvStore } from '../sdk/index.ts';
import type { WriteOptions, WriteResult } from '../sdk/storage/kv.ts';

/** A refusal that becomes `{ok: false, error}`. */
class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly code: DashboardError,
    message: string,
    readonly revision?: number,
  ) {
    super(message);
  }
}

/** Thrown when the msg's deadline passes before its write: nothing is written, nobody answered. */
const EXPIRED = new Error('the deadline passed before the write');

export interface ActionDeps {
  store: KvStore;
  limits: DashboardLimits;
  log: Logger;
  /** Compare-and-set attempts for increment and unconditional update/delete before `conflict`. */
  maxAttempts?: number;
}

export class Actions {
  readonly #schema: ReturnType<typeof actionSchema>;
  readonly #maxAttempts: number;
  /**
   * Writes to one key from this replica run one at a time: compare-and-set
   * then only races other replicas, not this replica's own handlers, which
   * keeps retries few when many clients hit one counter.
   */
  readonly #keyQueues = new Map<string, Promise<unknown>>();

  constructor(private readonly d: ActionDeps) {
    this.#schema = actionSchema(d.limits);
    this.#maxAttempts = d.maxAttempts ?? 100;
  }

  /**
   * The answer to an action; undefined when its deadline passed before its
   * write was applied (ctx.expired): nothing was written, and the client,
   * told `timeout`, gets no answer.
   */
  async handle(
    ctx: StreamContext,
    board: string,
    payload: unknown,
  ): Promise<ActionReply | undefined> {
    const parsed = this.#schema.safeParse(payload);
    if (!parsed.success)
      return refusal(
        DashboardError.BadRequest,
        parsed.error.issues.map((i) => i.message).join('; '),
      );
    try {
      return await this.#run(ctx, board, parsed.data);
    } catch (err) {
      if (err === EXPIRED) return void this.d.log.debug({ board }, 'write past its deadline');
      if (err instanceof ActionError) return refusal(err.code, err.message, err.revision);
      this.d.log.error({ err, board, action: parsed.data.action }, 'dashboard action failed');
      return refusal(DashboardError.Internal, 'internal error');
    }
  }

  async #run(ctx: StreamContext, board: string, a: Action): Promise<ActionReply> {
    const may = permissionsOf(ctx.scope.claims);
    if (a.action === 'sync') return this.#sync(board, a.since);
    if (a.action === 'announce') {
      if (!may.announce) throw forbidden('announce');
      const msg: Announcement = {
        type: 'announcement',
        board,
        from: ctx.scope.user,
        message: a.message,
        at: new Date().toISOString(),
      };
      ctx.groupSend(boardGroup(board), msg);
      return { ok: true };
    }
    if (!may.write) throw forbidden(a.action);
    const msgId = ctx.msgId;
    // Checked before each attempt at the write: it may wait behind other
    // writes to the key, or retry lost races, past the client's timeout.
    const live = (): void => {
      if (ctx.expired) throw EXPIRED;
    };
    return this.#oneAtATime(storeKey(board, a.key), async (key) => {
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
    a: Exclude<Action, { action: 'sync' | 'announce' }>,
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
            throw new ActionError(DashboardError.Conflict, `${a.key} exists`);
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
      if (!current) throw new ActionError(DashboardError.NotFound, `${name} does not exist`);
      if (expected !== undefined && current.revision !== expected)
        throw new ActionError(
          DashboardError.Conflict,
          `${name} is at revision ${current.revision}, not ${expected}`,
          current.revision,
        );
      try {
        return await write(current);
      } catch (err) {
        if (err instanceof ConflictError && expected !== undefined) {
          const now = await this.d.store.get(key);
          throw new ActionError(
            DashboardError.Conflict,
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
        throw new ActionError(DashboardError.BadRequest, `${name} does not hold a number`);
      const value = current.value + by;
      if (!Number.isFinite(value))
        throw new ActionError(DashboardError.BadRequest, `${name} would overflow`);
      return done(await this.d.store.update(key, value, current.revision, opts), value);
    });
  }

  async #oneAtATime<T>(key: string, fn: (key: string) => Promise<T>): Promise<T> {
    const prev = this.#keyQueues.get(key) ?? Promise.resolve();
    const run = prev.then(() => fn(key));
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
          throw new ActionError(DashboardError.Conflict, `gave up after ${attempt} attempts`);
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
      }
    }
  }

  async #sync(board: string, since: number): Promise<ActionReply> {
    const log = await this.d.store.changesSince(board, since);
    const changes: SyncChange[] = [];
    for (const c of log.changes) {
      const name = splitStoreKey(c.key);
      if (!name) continue;
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
    // each key is what a view needs, and is bounded by the board's key count.
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

function forbidden(action: string): ActionError {
  return new ActionError(DashboardError.Forbidden, `this connection may not ${action} on boards`);
}

function refusal(code: DashboardError, message: string, revision?: number): ActionReply {
  return {
    ok: false,
    error: revision === undefined ? { code, message } : { code, message, revision },
  };
}
