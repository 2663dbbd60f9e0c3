// The client side of a board, as every dashboard client must do it: the
// reference implementation of docs/services.md "dashboard", used by the tests
// and free of Node or library imports so browser code can use it as is.
//
//   const view = new BoardView(joined.payload);
//   send({ type: 'msg', stream, ref, payload: view.syncRequest() });
//   on msg:   if (view.event(payload) === 'sync') send(... view.syncRequest())
//   on reply to a sync: if (view.synced(payload) === 'sync') send(... view.syncRequest())
//   on a failed sync (an error reply, or none in time):
//     setTimeout(() => send(... view.syncRequest()), view.syncFailed())
//
// Why the first sync: the gateway adds the stream to the board's group only
// once the join reply reaches it, after the service read the snapshot, so
// events in between are not delivered. The sync is a msg the gateway sends
// after subscribing, so the service reads the changes since the snapshot
// after the membership exists: everything later arrives through the group.
import type { BoardEvent, SnapshotPayload, SyncChange, SyncResult } from './model.ts';

// A view needs only revisions: what a 1.0 server sent, without `pos` or `recovered`.
type Event = Omit<BoardEvent, 'pos'>;
type Snapshot = Omit<SnapshotPayload, 'pos'>;
type Synced = Omit<SyncResult, 'pos' | 'recovered'>;

export interface ItemState {
  value: unknown;
  revision: number;
}

export interface AppliedChange {
  type: 'create' | 'update' | 'delete';
  key: string;
  value?: unknown;
  revision: number;
}

export type EventOutcome = 'applied' | 'stale' | 'queued' | 'sync';

/** Pauses between retries of a failed sync: doubling from the first, up to the last. */
export const SYNC_RETRY = { firstMs: 250, maxMs: 8000 };

export class BoardView {
  readonly board: string;
  readonly items = new Map<string, ItemState>();
  /** Every change of the board up to this revision is reflected in `items`. */
  revision: number;
  #syncing = false;
  #failures = 0;
  readonly #queue: Event[] = [];

  constructor(
    snapshot: Snapshot,
    private readonly onApply: (c: AppliedChange) => void = () => {},
  ) {
    this.board = snapshot.board;
    this.revision = snapshot.revision;
    for (const e of snapshot.entries)
      this.items.set(e.key, { value: e.value, revision: e.revision });
  }

  get syncing(): boolean {
    return this.#syncing;
  }

  /** The payload of the sync action to send now; events are held until its reply. */
  syncRequest(): { action: 'sync'; since: number } {
    this.#syncing = true;
    return { action: 'sync', since: this.revision };
  }

  /**
   * The sync failed (an error reply, a timeout, a lost connection's stream
   * rejoined elsewhere): events stay held, and the answer is how long to
   * wait before sending syncRequest() again, doubling with each failure in
   * a row, with jitter so a board's clients do not retry in step.
   */
  syncFailed(random: () => number = Math.random): number {
    this.#syncing = true;
    const ceiling = Math.min(SYNC_RETRY.maxMs, SYNC_RETRY.firstMs * 2 ** this.#failures++);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  /** Failed syncs in a row. */
  get syncFailures(): number {
    return this.#failures;
  }

  /**
   * A board event from the group. 'stale' means it was already held (its
   * revision is not above the view's) and was dropped; 'sync' means one was
   * missed (its `prev` is above the view, or it says `gap`): send syncRequest().
   */
  event(ev: Event): EventOutcome {
    if (ev.revision <= this.revision) return 'stale';
    if (this.#syncing || this.#queue.length > 0) {
      this.#queue.push(ev);
      return 'queued';
    }
    if (missed(ev, this.revision)) {
      this.#queue.push(ev);
      return 'sync';
    }
    this.#apply(ev.type, ev.key, ev.value, ev.revision);
    return 'applied';
  }

  /** The reply to a sync: applies its changes, then the events held meanwhile. */
  synced(result: Synced): 'ok' | 'sync' {
    this.#syncing = false;
    this.#failures = 0;
    for (const c of result.changes) this.#applyChange(c);
    this.revision = Math.max(this.revision, result.revision);
    for (let ev = this.#queue[0]; ev; ev = this.#queue[0]) {
      if (ev.revision > this.revision) {
        if (missed(ev, this.revision)) return 'sync';
        this.#apply(ev.type, ev.key, ev.value, ev.revision);
      }
      this.#queue.shift();
    }
    return 'ok';
  }

  #applyChange(c: SyncChange): void {
    if (c.revision <= this.revision) return;
    const type = c.op === 'delete' ? 'delete' : this.items.has(c.key) ? 'update' : 'create';
    this.#apply(type, c.key, c.value, c.revision);
  }

  #apply(type: AppliedChange['type'], key: string, value: unknown, revision: number): void {
    if (type === 'delete') this.items.delete(key);
    else this.items.set(key, { value, revision });
    this.revision = revision;
    this.onApply(type === 'delete' ? { type, key, revision } : { type, key, value, revision });
  }
}

/** Whether changes before the event may be missing from a view at `revision`. */
function missed(ev: Event, revision: number): boolean {
  return ev.prev > revision || ev.gap === true;
}
