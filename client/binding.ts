// A kept view of a bound stream (docs/client.md, "Bindings"): the group's
// keys as a Map that equals the bucket, across pages, missed events and
// reconnects. The service side is services/sdk/binding/; its wire shapes are
// read in binding-wire.ts.
//
//   const view = bindView(client.stream('inventory:main'));
//   view.on('reset', render);   // the whole map is new
//   view.on('change', render);  // one key changed
//   await view.join();          // resolves once the view is complete
//
// Load: the `joined` snapshot, then every further page (`next`), then a sync
// from the first page's revision: pages read later may be newer, and the
// gateway subscribes the stream only after the service read the snapshot,
// so the sync brings whatever fell in between. Events are held meanwhile.
//
// Resume: the join payload is serialized at each join frame (toJSON), so
// every rejoin the stream makes on its own after a reconnect carries `since`:
// the revision the view holds. The service answers with only the changes
// missed (`recovered: true`) or, when too many were, a fresh snapshot
// (`recovered: false`) that replaces the map.
import { Emitter } from './emitter.ts';
import { ClientErrorCode, MuxError } from './errors.ts';
import {
  readEvent,
  readJoined,
  readPage,
  readSync,
  replyError,
  type BindingChange,
  type BindingEntry,
  type BindingEvent,
  type JoinedPayload,
  type SyncChange,
} from './binding-wire.ts';
import type { JoinOptions, LeftEvent, RequestOptions, StreamState } from './stream-types.ts';

/** What the view needs of a Stream (a test may hand it a fake). */
export interface BindableStream {
  readonly name: string;
  readonly state: StreamState;
  on(event: 'joined', listener: (value: { payload: unknown; rejoin: boolean }) => void): () => void;
  on(event: 'message', listener: (value: unknown) => void): () => void;
  on(event: 'left', listener: (value: LeftEvent) => void): () => void;
  join(payload?: unknown, opts?: JoinOptions): Promise<unknown>;
  request(payload: unknown, opts?: RequestOptions): Promise<unknown>;
  leave(): Promise<void>;
}

export interface BindingViewOptions {
  /** Fields of the application's own for the join payload; the view adds `since`. */
  payload?: Record<string, unknown>;
  /** Milliseconds to wait for a page or sync reply before asking again. Default 10 s. */
  timeout?: number;
  /** Pauses between attempts at a failed page or sync: doubling from the first, up to the last. */
  retry?: { firstMs: number; maxMs: number };
  /**
   * Events held while the view loads or syncs, at most. Past it the held
   * events are dropped and the view syncs again once the current step is
   * done, which brings the same changes. Default 10,000.
   */
  maxHeldEvents?: number;
  /** For tests: the jitter's source. */
  random?: () => number;
}

export interface BindingViewEvents {
  /** One key changed (a live event, a sync, or a resume's missed change). */
  change: BindingChange;
  /** The whole map is new: the first load, or a reload when a resume missed too much. */
  reset: { size: number; reload: boolean };
  /** A rejoin resumed: `count` missed changes came, and nothing else. */
  recovered: { count: number };
  /** A page or sync failed; it is asked again after a pause. Also a payload that is no binding's. */
  error: MuxError;
}

export const DEFAULT_BINDING_VIEW = {
  timeout: 10_000,
  retry: { firstMs: 250, maxMs: 8000 },
  maxHeldEvents: 10_000,
} as const;

export class BindingView extends Emitter<BindingViewEvents> {
  readonly stream: BindableStream;
  /**
   * The join payload: the application's fields and, once the view is
   * complete, `since`. Joining the stream with it (view.join() does) is what
   * makes rejoins resume.
   */
  readonly payload: { toJSON(): Record<string, unknown> };
  readonly #items = new Map<string, BindingEntry>();
  /** Every change of the group up to this revision is in #items; undefined while loading. */
  #revision: number | undefined;
  #recovered: boolean | undefined;
  /** Bumped on every joined and left: work of an earlier join stops. */
  #epoch = 0;
  #syncing = false;
  #held: BindingEvent[] = [];
  #overflowed = false;
  #pause: { timer: ReturnType<typeof setTimeout>; wake(): void } | undefined;
  #waiters = new Set<{ resolve(): void; reject(err: MuxError): void }>();
  readonly #o: Required<Omit<BindingViewOptions, 'payload'>>;

  constructor(stream: BindableStream, opts: BindingViewOptions = {}) {
    super();
    this.stream = stream;
    this.#o = {
      timeout: opts.timeout ?? DEFAULT_BINDING_VIEW.timeout,
      retry: opts.retry ?? DEFAULT_BINDING_VIEW.retry,
      maxHeldEvents: opts.maxHeldEvents ?? DEFAULT_BINDING_VIEW.maxHeldEvents,
      random: opts.random ?? Math.random,
    };
    const base = { ...opts.payload };
    this.payload = {
      toJSON: () => {
        const at = this.#revision;
        return at === undefined ? { ...base } : { ...base, since: String(at) };
      },
    };
    stream.on('joined', ({ payload, rejoin }) => this.#onJoined(payload, rejoin));
    stream.on('message', (p) => this.#onEvent(p));
    stream.on('left', (ev) => {
      this.#restart();
      const err = new MuxError(ev.code ?? ClientErrorCode.Closed, ev.reason ?? 'left', {
        stream: stream.name,
      });
      for (const w of this.#waiters) w.reject(err);
      this.#waiters.clear();
    });
  }

  /** The group's keys: equal to the bucket once `complete`. The same Map for the view's life. */
  get items(): ReadonlyMap<string, BindingEntry> {
    return this.#items;
  }

  /** The revision the view holds every change up to; undefined while it loads. */
  get revision(): number | undefined {
    return this.#revision;
  }

  /** The view has loaded (the map holds the group as of `revision`). */
  get complete(): boolean {
    return this.#revision !== undefined;
  }

  /**
   * How the last rejoin went: true when it resumed with only the missed
   * changes, false when it reloaded the whole group; undefined before one.
   */
  get recovered(): boolean | undefined {
    return this.#recovered;
  }

  /** Joins the stream with the view's payload; resolves once the view is complete. */
  async join(opts: Omit<JoinOptions, 'since'> = {}): Promise<void> {
    // Waiting from before the join: the stream may be joined, loaded or left
    // before this function runs again.
    let waiter!: { resolve(): void; reject(err: MuxError): void };
    const ready = new Promise<void>((resolve, reject) => (waiter = { resolve, reject }));
    this.#waiters.add(waiter);
    try {
      await this.stream.join(this.payload, opts);
    } catch (err) {
      this.#waiters.delete(waiter);
      throw err;
    }
    return ready;
  }

  leave(): Promise<void> {
    this.#restart();
    return this.stream.leave();
  }

  // ---- joins ----

  #onJoined(payload: unknown, rejoin: boolean): void {
    const epoch = this.#restart();
    const joined = readJoined(payload);
    if (!joined) return this.#problem('bad_payload', 'the joined payload is no binding snapshot');
    if (joined.kind === 'changes' && this.#revision !== undefined) {
      for (const c of joined.changes) this.#applyChange(c);
      this.#revision = Math.max(this.#revision, joined.revision);
      this.#recovered = true;
      this.emit('recovered', { count: joined.changes.length });
      return this.#settled();
    }
    // A resume of a view that holds nothing (an application's own `since`):
    // every retained change from the start is the group.
    const first: Extract<JoinedPayload, { kind: 'snapshot' }> =
      joined.kind === 'snapshot' ? joined : { kind: 'snapshot', revision: 0, entries: [] };
    this.#revision = undefined;
    void this.#load(
      epoch,
      first,
      rejoin || joined.kind !== 'snapshot' || joined.recovered === false,
    );
  }

  async #load(
    epoch: number,
    first: Extract<JoinedPayload, { kind: 'snapshot' }>,
    reload: boolean,
  ): Promise<void> {
    const fresh = new Map<string, BindingEntry>();
    for (const e of first.entries) keep(fresh, e);
    for (let after = first.next; after !== undefined;) {
      const page = await this.#ask(epoch, { action: 'page', after }, readPage);
      if (!page) return;
      for (const e of page.entries) keep(fresh, e);
      after = page.next;
    }
    const sync = await this.#ask(epoch, { action: 'sync', since: first.revision }, readSync);
    if (!sync) return;
    for (const c of sync.changes) fold(fresh, c);
    // One Map for the view's life, so an application may keep `items`.
    this.#items.clear();
    for (const [k, e] of fresh) this.#items.set(k, e);
    this.#revision = Math.max(first.revision, sync.revision);
    if (reload) this.#recovered = false;
    this.emit('reset', { size: fresh.size, reload });
    this.#drain();
    this.#settled();
  }

  // ---- events ----

  #onEvent(payload: unknown): void {
    const ev = readEvent(payload);
    if (!ev) return;
    const at = this.#revision;
    if (at === undefined || this.#syncing) return this.#hold(ev);
    if (ev.revision <= at) return;
    if (missed(ev, at)) {
      this.#hold(ev);
      return void this.#sync();
    }
    this.#applyEvent(ev);
  }

  #hold(ev: BindingEvent): void {
    if (this.#held.length < this.#o.maxHeldEvents) return void this.#held.push(ev);
    this.#held = [];
    this.#overflowed = true;
  }

  /** Applies the held events after a load or sync, until one shows a miss. */
  #drain(): void {
    if (this.#overflowed) {
      this.#overflowed = false;
      this.#held = [];
      return void this.#sync();
    }
    for (let ev = this.#held[0]; ev; ev = this.#held[0]) {
      if (ev.revision > this.#revision!) {
        if (missed(ev, this.#revision!)) return void this.#sync();
        this.#applyEvent(ev);
      }
      this.#held.shift();
    }
  }

  async #sync(): Promise<void> {
    if (this.#syncing) return;
    this.#syncing = true;
    const epoch = this.#epoch;
    const sync = await this.#ask(epoch, { action: 'sync', since: this.#revision! }, readSync);
    if (!sync) return;
    this.#syncing = false;
    for (const c of sync.changes) this.#applyChange(c);
    this.#revision = Math.max(this.#revision!, sync.revision);
    this.#drain();
  }

  #applyEvent(ev: BindingEvent): void {
    this.#applyChange(
      ev.type === 'delete'
        ? { op: 'delete', key: ev.key, revision: ev.revision }
        : { op: 'put', key: ev.key, value: ev.value, revision: ev.revision },
    );
    this.#revision = Math.max(this.#revision!, ev.revision);
  }

  #applyChange(c: SyncChange): void {
    const had = this.#items.has(c.key);
    if (!fold(this.#items, c)) return;
    this.emit(
      'change',
      c.op === 'delete'
        ? { type: 'delete', key: c.key, revision: c.revision }
        : { type: had ? 'update' : 'create', key: c.key, value: c.value, revision: c.revision },
    );
  }

  // ---- requests ----

  /**
   * Asks until a reply reads as `read` says, pausing after each failure;
   * undefined once the view's join is over (a rejoin or a leave takes over).
   */
  async #ask<R>(
    epoch: number,
    payload: Record<string, unknown>,
    read: (reply: unknown) => R | undefined,
  ): Promise<R | undefined> {
    for (let failures = 0; ; failures++) {
      if (epoch !== this.#epoch || this.stream.state !== 'joined') return undefined;
      let problem: MuxError;
      try {
        const reply = await this.stream.request(payload, { timeout: this.#o.timeout });
        if (epoch !== this.#epoch) return undefined;
        const r = read(reply);
        if (r !== undefined) return r;
        const refused = replyError(reply);
        problem = new MuxError(
          refused?.code ?? 'bad_payload',
          `${String(payload.action)}: ${refused?.message ?? 'not a binding reply'}`,
          { stream: this.stream.name },
        );
      } catch (err) {
        if (epoch !== this.#epoch || this.stream.state !== 'joined') return undefined;
        problem =
          err instanceof MuxError
            ? err
            : new MuxError('internal', String(err), { stream: this.stream.name, cause: err });
      }
      this.emit('error', problem);
      await this.#wait(failures);
    }
  }

  /** The pause before the next attempt: doubling, with jitter so a group's views do not retry in step. */
  #wait(failures: number): Promise<void> {
    const { firstMs, maxMs } = this.#o.retry;
    const ceiling = Math.min(maxMs, firstMs * 2 ** failures);
    const ms = ceiling / 2 + (this.#o.random() * ceiling) / 2;
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(this.#pause?.timer);
        this.#pause = undefined;
        resolve();
      };
      this.#pause = { timer: setTimeout(wake, ms), wake };
    });
  }

  /** A new join (or none): what the last one was doing stops. */
  #restart(): number {
    this.#pause?.wake();
    this.#held = [];
    this.#overflowed = false;
    this.#syncing = false;
    return ++this.#epoch;
  }

  #settled(): void {
    for (const w of this.#waiters) w.resolve();
    this.#waiters.clear();
  }

  #problem(code: string, message: string): void {
    this.emit('error', new MuxError(code, message, { stream: this.stream.name }));
  }
}

/** A view of `stream`, a bound stream (`<binding>:<group>`). */
export function bindView(stream: BindableStream, opts?: BindingViewOptions): BindingView {
  return new BindingView(stream, opts);
}

/** Whether changes before the event may be missing from a view at `revision`. */
function missed(ev: BindingEvent, revision: number): boolean {
  return ev.prev > revision || ev.gap;
}

/** Puts a page's entry unless the map holds the key at a later revision. */
function keep(map: Map<string, BindingEntry>, e: BindingEntry): void {
  const had = map.get(e.key);
  if (!had || had.revision < e.revision) map.set(e.key, e);
}

/** Applies a change unless the key is already past it; true when the map changed. */
function fold(map: Map<string, BindingEntry>, c: SyncChange): boolean {
  const had = map.get(c.key);
  if (had && had.revision >= c.revision) return false;
  if (c.op === 'put') map.set(c.key, { key: c.key, value: c.value, revision: c.revision });
  else if (had) map.delete(c.key);
  else return false;
  return true;
}
