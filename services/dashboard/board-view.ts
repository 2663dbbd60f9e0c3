// The client side of a board, as every dashboard client must do it: the
// reference implementation of docs/services.md "dashboard", used by the tests
// and free of Node or library imports so browser code can use it as is.
//
//   const view = new BoardView(joined.payload);
//   send({ type: 'msg', stream, ref, payload: view.syncRequest() });
//   on msg:   if (view.event(payload) === 'sync') send(... view.syncRequest())
//   on reply to a sync: if (view.synced(payload) === 'sync') send(... view.syncRequest())
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

export class BoardView {
  readonly board: string;
  readonly items = new Map<string, ItemState>();
  /** Every change of the board up to this revision is reflected in `items`. */
  revision: number;
  #syncing = false;
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
   * A board event from the group. 'stale' means it was already held (its
   * revision is not above the view's) and was dropped; 'sync' means one was
   * missed: send syncRequest().
   */
  event(ev: Event): EventOutcome {
    if (ev.revision <= this.revision) return 'stale';
    if (this.#syncing || this.#queue.length > 0) {
      this.#queue.push(ev);
      return 'queued';
    }
    if (ev.prev > this.revision) {
      this.#queue.push(ev);
      return 'sync';
    }
    this.#apply(ev.type, ev.key, ev.value, ev.revision);
    return 'applied';
  }

  /** The reply to a sync: applies its changes, then the events held meanwhile. */
  synced(result: Synced): 'ok' | 'sync' {
    this.#syncing = false;
    for (const c of result.changes) this.#applyChange(c);
    this.revision = Math.max(this.revision, result.revision);
    for (let ev = this.#queue[0]; ev; ev = this.#queue[0]) {
      if (ev.revision > this.revision) {
        if (ev.prev > this.revision) return 'sync';
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
