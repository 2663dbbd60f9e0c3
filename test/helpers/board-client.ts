// A dashboard (or any binding) client for tests: a TestClient on one
// `dashboard:<board>` stream, driven by the reference BoardView, recording everything it receives.
import { setTimeout as sleep } from 'node:timers/promises';
import { BoardView, type AppliedChange } from '../../services/dashboard/board-view.ts';
import type {
  ActionReply,
  Announcement,
  BoardEvent,
  SnapshotPayload,
  SyncResult,
} from '../../services/dashboard/model.ts';
import type { TestClient } from './client.ts';
import { until } from './wait.ts';

export class BoardClient {
  readonly stream: string;
  /** Every board event received, before the view drops any. */
  readonly raw: BoardEvent[] = [];
  /** What the view applied, in order: the changes the client's user sees. */
  readonly applied: AppliedChange[] = [];
  readonly syncs: SyncResult[] = [];
  /** Sync replies that were errors (each retried). */
  failedSyncs = 0;
  readonly announcements: Announcement[] = [];
  readonly view: BoardView;
  readonly snapshot: SnapshotPayload;
  #seq = 0;
  #stopped = false;
  readonly #loop: Promise<void>;

  private constructor(
    readonly client: TestClient,
    stream: string,
    snapshot: SnapshotPayload,
    opts: { sync: boolean },
  ) {
    this.stream = stream;
    this.snapshot = snapshot;
    this.view = new BoardView(snapshot, (c) => this.applied.push(c));
    if (opts.sync) this.#sync();
    this.#loop = this.#pump();
  }

  /** Joins the board; without `sync: false` it sends the first sync at once, as clients must. */
  static async join(
    client: TestClient,
    board: string,
    opts: { sync: boolean } = { sync: true },
  ): Promise<BoardClient> {
    const joined = await client.join(`dashboard:${board}`);
    return new BoardClient(client, `dashboard:${board}`, joined.payload as SnapshotPayload, opts);
  }

  /** Joins any binding's stream (its snapshot names the group `group`), as a board. */
  static async bind(client: TestClient, stream: string): Promise<BoardClient> {
    const joined = await client.join(stream);
    const { group, ...snap } = joined.payload as Omit<SnapshotPayload, 'board'> & { group: string };
    return new BoardClient(client, stream, { ...snap, board: group }, { sync: true });
  }

  /** Sends an action and waits for its reply. */
  async act(payload: Record<string, unknown>): Promise<ActionReply> {
    const ref = `act-${++this.#seq}`;
    this.client.send({ type: 'msg', stream: this.stream, ref, payload });
    const f = await this.client.next((x) => x.type === 'reply' && x.ref === ref, 20_000);
    return f.payload as ActionReply;
  }

  /** Waits until the view holds every change up to `revision` and no sync is outstanding. */
  async caughtUp(revision: number, timeoutMs = 15_000): Promise<void> {
    await until(
      () => this.view.revision >= revision && !this.view.syncing,
      timeoutMs,
      `${this.stream} at revision ${revision} (view at ${this.view.revision})`,
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }

  #sync(): void {
    this.client.send({
      type: 'msg',
      stream: this.stream,
      ref: `sync-${++this.#seq}`,
      payload: this.view.syncRequest(),
    });
  }

  /** Handles this stream's msgs and sync replies in arrival order; other frames stay queued. */
  async #pump(): Promise<void> {
    const frames = this.client.frames;
    while (!this.#stopped) {
      for (let i = 0; i < frames.length;) {
        const f = frames[i]!;
        const mine =
          f.stream === this.stream &&
          (f.type === 'msg' || (f.type === 'reply' && String(f.ref).startsWith('sync-')));
        if (!mine) {
          i++;
          continue;
        }
        frames.splice(i, 1);
        if (f.type === 'reply') {
          const result = f.payload as SyncResult | { ok: false };
          if (!result.ok) {
            // The sync failed: retried after the view's backoff, events held meanwhile.
            this.failedSyncs++;
            setTimeout(() => this.#sync(), this.view.syncFailed());
            continue;
          }
          this.syncs.push(result);
          if (this.view.synced(result) === 'sync') this.#sync();
          continue;
        }
        const p = f.payload as BoardEvent | Announcement;
        if (p.type === 'announcement') this.announcements.push(p);
        if (p.type !== 'create' && p.type !== 'update' && p.type !== 'delete') continue;
        this.raw.push(p);
        if (this.view.event(p) === 'sync') this.#sync();
      }
      await sleep(2);
    }
  }
}
