// One named stream on the shared socket, like a Phoenix channel. The client
// remembers the join payload, so after a reconnect the stream is rejoined
// exactly as the application first joined it; frames sent meanwhile wait in
// the client's bounded queue until the rejoin is acknowledged.
//
// States: idle → joining → joined → leaving → left. A lost socket moves a
// joined stream back to joining; the next `open` rejoins it. So does the
// gateway's `left` `unavailable`, rejoined after the backoff.
//
// position.ts keeps where it stands in a durable group, presence.ts its
// presence list, retry.ts what it retries; public types: stream-types.ts.
import { ErrorCode } from '../protocol/codes.ts';
import type { StreamFrame } from '../protocol/server-frames.ts';
import type { ClientFrame } from './codec.ts';
import { Emitter } from './emitter.ts';
import { ClientErrorCode, MuxError } from './errors.ts';
import { Position } from './position.ts';
import { StreamPresence } from './presence.ts';
import { Requests } from './requests.ts';
import type { StreamHost } from './stream-host.ts';
import { randomId, RejoinRetry, withRetries } from './retry.ts';
import type {
  JoinOptions,
  LeftEvent,
  Of,
  RequestOptions,
  SendOptions,
  StreamEvents,
  StreamState,
  StreamTypes,
} from './stream-types.ts';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export class Stream<T extends StreamTypes = StreamTypes> extends Emitter<StreamEvents<T>> {
  readonly name: string;
  readonly #host: StreamHost;
  readonly #requests: Requests;
  #state: StreamState = 'idle';
  #payload: unknown;
  #joinRef: number | undefined;
  /** The join frame went out on the current socket. */
  #joinSent = false;
  #joinedBefore = false;
  /** join()'s traceparent, for its join frames until it settles. */
  #joinTraceparent: string | undefined;
  /** The application's join() promise, until the first joined or refusal. */
  #join: { resolve(p: unknown): void; reject(e: MuxError): void } | undefined;
  #leave: { ref: number | undefined; done: Promise<void>; resolve(): void } | undefined;
  readonly #rejoin: RejoinRetry;
  readonly #position = new Position();
  /** §4.3: the stream's presence group: request(), members, count, `change` (client.md). */
  readonly presence = new StreamPresence((timeout) =>
    this.#ask(timeout, (ref) => ({ type: 'presence', stream: this.name, ref })),
  );
  /**
   * §4.9: the ref of this stream's own join that a server open overtook; the
   * gateway answers it `already_joined`, which is then no failure.
   */
  #overtaken: number | undefined;

  constructor(name: string, host: StreamHost) {
    super();
    this.name = name;
    this.#host = host;
    this.#requests = new Requests(name);
    this.#rejoin = new RejoinRetry((n) => host.retryDelay(n));
  }

  get state(): StreamState {
    return this.#state;
  }

  /**
   * The `pos` of the last message delivered on a stream with a durable group;
   * undefined before the first. Rejoins resume after it on their own; an
   * application that keeps it across reloads passes it to join({ since }).
   */
  get pos(): string | undefined {
    return this.#position.pos;
  }

  /** The payload the stream was (or will be) joined with, also used for every rejoin. */
  get joinPayload(): Of<T, 'join'> | undefined {
    return this.#payload as Of<T, 'join'> | undefined;
  }

  /**
   * Joins and resolves with the service's `joined` payload. When the socket is
   * down the join waits for it; it rejects with the gateway's or the service's
   * code when refused, and with `closed` when left or closed first.
   */
  join(payload?: Of<T, 'join'>, opts: JoinOptions = {}): Promise<Of<T, 'joined'>> {
    if (this.#host.closed)
      return Promise.reject(
        new MuxError(ClientErrorCode.Closed, 'the client is closed', { stream: this.name }),
      );
    if (this.#state === 'joining' || this.#state === 'joined')
      return Promise.reject(
        new MuxError(ErrorCode.AlreadyJoined, `${this.name} is already joined`, {
          stream: this.name,
        }),
      );
    this.#payload = payload;
    this.#position.startAt(opts.since);
    this.#joinTraceparent = opts.traceparent;
    this.presence.track = opts.presence === true;
    this.#joinedBefore = false;
    this.#rejoin.restart();
    const joined = new Promise<Of<T, 'joined'>>((resolve, reject) => {
      this.#join = { resolve: resolve as (p: unknown) => void, reject };
    });
    this.#setState('joining');
    this.#sendJoin();
    return joined;
  }

  /** Sends a message; queued while the stream is rejoining. Throws MuxError when that cannot work. */
  send(payload: Of<T, 'send'>, opts: SendOptions = {}): void {
    this.#assertUsable();
    const text = this.#host.encode({
      type: 'msg',
      stream: this.name,
      payload,
      ...(opts.traceparent !== undefined && { traceparent: opts.traceparent }),
    });
    if (this.#state === 'joined' && this.#host.write(text)) return;
    this.#host.queue.push({ stream: this.name, text });
  }

  /**
   * Sends a message with a ref and resolves with the service's reply. Rejects
   * with a MuxError: the gateway's code, `timeout`, `disconnected` when the
   * socket dropped after sending, `closed` when the stream was left.
   */
  async request(payload: Of<T, 'request'>, opts: RequestOptions = {}): Promise<Of<T, 'reply'>> {
    const id = opts.id ?? randomId();
    const msg = (ref: number): ClientFrame => ({
      type: 'msg',
      stream: this.name,
      ref,
      payload,
      id,
      ...(opts.traceparent !== undefined && { traceparent: opts.traceparent }),
    });
    const timeout = opts.timeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return withRetries(
      opts.retries ?? 0,
      () => this.#ask(timeout, msg) as Promise<Of<T, 'reply'>>,
      (n) => this.#host.retryDelay(n),
    );
  }

  #ask(timeout: number, frame: (ref: number) => ClientFrame): Promise<unknown> {
    try {
      this.#assertUsable();
      const ref = this.#host.nextRef();
      const text = this.#host.encode(frame(ref));
      const sent = this.#state === 'joined' && this.#host.write(text);
      if (!sent) this.#host.queue.push({ stream: this.name, text, ref });
      return this.#requests.add(ref, timeout, sent, () => this.#host.queue.remove(ref));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** Leaves; resolves once the gateway confirmed, or at once when there is nothing to leave. */
  leave(): Promise<void> {
    if (this.#state === 'leaving') return this.#leave!.done;
    if (this.#state === 'idle' || this.#state === 'left') return Promise.resolve();
    const closed = new MuxError(ClientErrorCode.Closed, `${this.name} was left`, {
      stream: this.name,
    });
    this.#abandon(closed);
    const onWire = this.#host.open && (this.#state === 'joined' || this.#joinSent);
    if (!onWire) {
      this.#finish({ by: 'client' });
      return Promise.resolve();
    }
    const ref = this.#host.nextRef();
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.#leave = { ref, done, resolve };
    this.#setState('leaving');
    this.#host.write(this.#host.encode({ type: 'leave', stream: this.name, ref }));
    return done;
  }

  // ---- called by the client ----

  /** The socket is open (again): join what the application wants joined. */
  opened(): void {
    this.#joinSent = false;
    if (this.#state === 'joined') this.#setState('joining');
    if (this.#state === 'joining') this.#sendJoin();
  }

  /** The socket that was open is gone; `err` fails the requests that were on it. */
  down(err: MuxError): void {
    this.#joinSent = false;
    this.#joinRef = undefined;
    this.#rejoin.cancel();
    this.#requests.rejectAll(this.#own(err), true);
    // The gateway drops every stream of a closed socket: a pending leave is done.
    if (this.#state === 'leaving') this.#finish({ by: 'client' });
    else if (this.#state === 'joined') this.#setState('joining');
  }

  /** The application closed the client: nothing will be joined again. */
  closed(err: MuxError): void {
    this.#abandon(this.#own(err));
    if (this.#state !== 'idle' && this.#state !== 'left') this.#finish({ by: 'client' });
  }

  handle(frame: StreamFrame): void {
    switch (frame.type) {
      case 'joined':
        return this.#onJoined(frame.ref, frame.payload, frame.pos, frame.recovered);
      case 'msg':
        if (this.#state === 'joined' || this.#state === 'leaving') this.#onMessage(frame);
        return;
      case 'reply':
        if (this.#requests.has(frame.ref)) this.#requests.resolve(frame.ref, frame.payload);
        return;
      case 'left':
        return this.#onLeft(frame.ref, frame.code, frame.reason);
      case 'error':
        return this.#onError(frame.ref, frame.code, frame.message);
      case 'presence':
      case 'presence_diff':
        this.presence.take(frame);
        if ('ref' in frame && this.#requests.has(frame.ref))
          this.#requests.resolve(frame.ref, null);
        return;
      default:
        // A frame type added to the protocol must be handled here.
        frame satisfies never;
    }
  }

  // ---- internals ----

  #sendJoin(): void {
    if (!this.#host.open || this.#joinSent) return;
    const ref = this.#host.nextRef();
    const frame: ClientFrame = { type: 'join', stream: this.name, ref };
    if (this.#payload !== undefined) frame.payload = this.#payload;
    const since = this.#position.pos;
    if (since !== undefined) frame.since = since;
    if (this.#join && this.#joinTraceparent !== undefined)
      frame.traceparent = this.#joinTraceparent;
    this.#joinRef = ref;
    this.#joinSent = this.#host.write(this.#host.encode(frame));
  }

  #onJoined(
    ref: unknown,
    payload: unknown,
    pos: string | undefined,
    recovered: boolean | undefined,
  ): void {
    if (ref === undefined) return this.#onServerOpened(payload, pos, recovered);
    if (ref !== this.#joinRef || this.#state !== 'joining') return;
    this.#becomeJoined(payload, pos, recovered);
  }

  /**
   * §4.9: the gateway opened the stream at connect (`joined` without ref),
   * whatever this side was doing: the stream is joined. A join of ours that
   * is on the wire will be answered `already_joined`; that answer is dropped.
   */
  #onServerOpened(payload: unknown, pos: string | undefined, recovered: boolean | undefined): void {
    if (this.#state === 'joined' || this.#state === 'leaving') return;
    if (this.#state === 'idle' || this.#state === 'left') this.#joinedBefore = false;
    if (this.#joinSent) this.#overtaken = this.#joinRef;
    this.#joinRef = undefined;
    this.#becomeJoined(payload, pos, recovered);
  }

  #becomeJoined(payload: unknown, pos: string | undefined, recovered: boolean | undefined): void {
    const rejoin = this.#joinedBefore;
    const done = this.#position.joined(pos, recovered);
    this.#joinedBefore = true;
    this.#rejoin.joined();
    this.#setState('joined');
    const first = this.#join;
    this.#join = undefined;
    first?.resolve(payload);
    this.emit('joined', {
      payload: payload as Of<T, 'joined'>,
      rejoin,
      ...(pos !== undefined && { pos }),
      ...(recovered !== undefined && { recovered }),
    });
    if (done) this.emit('recovered', done);
    this.presence.joined();
    // What was sent while the stream was not joined goes out now, in order.
    for (const q of this.#host.queue.take(this.name)) {
      if (!this.#host.write(q.text)) break;
      if (q.ref !== undefined) this.#requests.markSent(q.ref);
    }
  }

  #onMessage(frame: { payload: unknown; pos?: string; via?: 'api' }): void {
    const done = this.#position.delivered(frame.pos);
    const payload = frame.payload as Of<T, 'message'>;
    this.emit('message', payload);
    this.emit('envelope', frame.via ? { payload, via: frame.via } : { payload });
    if (done) this.emit('recovered', done);
  }

  #onLeft(ref: unknown, code: string | undefined, reason: string | undefined): void {
    if (this.#leave && ref === this.#leave.ref) return this.#finish({ by: 'client' });
    if (ref !== undefined || (this.#state !== 'joined' && this.#state !== 'leaving')) return;
    const err = new MuxError(code ?? ClientErrorCode.Closed, reason ?? `${this.name} was closed`, {
      stream: this.name,
    });
    // `unavailable`: the gateway ended it rather than let it go on with a gap
    // (its NATS connection came back, its hold overflowed). That passes: the
    // stream is joined again, as after a rejoin refused with `unavailable`.
    // A gateway whose NATS connection came back ends every stream it holds at
    // once: a random first wait keeps their rejoins from arriving together.
    if (this.#state === 'joined' && code === ErrorCode.Unavailable) {
      this.#requests.rejectAll(err);
      this.#joinRef = undefined;
      this.#joinSent = false;
      this.#setState('joining');
      this.emit('error', err);
      return void this.#rejoin.after(code, () => this.#sendJoin(), this.#host.rejoinSpread());
    }
    // The service closed the stream, or the gateway for good: it is not rejoined.
    this.#abandon(err);
    this.#finish({ by: 'server', ...(code && { code }), ...(reason && { reason }) });
  }

  #onError(ref: unknown, code: string, message: string): void {
    if (ref !== undefined && ref === this.#overtaken && code === ErrorCode.AlreadyJoined) {
      this.#overtaken = undefined;
      return;
    }
    const err = new MuxError(code, message, { stream: this.name });
    if (this.#requests.has(ref)) return this.#requests.reject(ref, err);
    // A leave sent during the join is never answered when the join is
    // refused: the refusal is the end of the stream.
    if (this.#leave && (ref === this.#leave.ref || (ref !== undefined && ref === this.#joinRef)))
      return this.#finish({ by: 'client' });
    if (ref === undefined || ref !== this.#joinRef || this.#state !== 'joining')
      return this.emit('error', err);
    this.#joinRef = undefined;
    this.#joinSent = false;
    if (this.#join) {
      // The application's own join was refused: it decides what to do.
      this.#abandon(err);
      this.#setState('idle');
      return;
    }
    this.emit('error', err);
    if (this.#rejoin.after(code, () => this.#sendJoin())) return;
    this.#abandon(err);
    this.#finish({ by: 'server', code, reason: message });
  }

  /** Fails everything waiting on this stream's current life. */
  #abandon(err: MuxError): void {
    this.#rejoin.cancel();
    this.#join?.reject(err);
    this.#join = undefined;
    this.#requests.rejectAll(err);
    this.#host.queue.take(this.name);
  }

  #finish(ev: LeftEvent): void {
    const leave = this.#leave;
    this.#leave = undefined;
    this.#joinRef = undefined;
    this.#joinSent = false;
    this.#setState('left');
    leave?.resolve();
    this.emit('left', ev);
  }

  /** A client-wide error, told as this stream's. */
  #own(err: MuxError): MuxError {
    return new MuxError(err.code, err.message, { stream: this.name, cause: err.cause });
  }

  #assertUsable(): void {
    if (this.#state !== 'joined' && this.#state !== 'joining')
      throw new MuxError(ErrorCode.NotJoined, `${this.name} is not joined`, {
        stream: this.name,
      });
  }

  #setState(state: StreamState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
    this.#host.changed(this.name, state);
  }
}
