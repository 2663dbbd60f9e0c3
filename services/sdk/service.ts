// Runs a service: the Django Channels consumer model over the bus. A service
// subscribes to its join, msg and leave subjects as a queue group named after
// itself, so replicas share the work and any replica can serve any stream
// (per-stream state travels with each message, see JoinAccept.state).
import type { Bus, BusMessage, Subscription } from '../../bus/bus.ts';
import { Subjects } from '../../bus/subjects.ts';
import { context, extractContext, SpanKind, SpanStatusCode, tracer } from '../../bus/trace.ts';
import { trace } from '@opentelemetry/api';
import type { LeaveReason } from '../../protocol/codes.ts';
import type { Ref } from '../../protocol/frames.ts';
import { encodeJson, RawJson, refFromJson } from '../../protocol/json.ts';
import { SERVICE_RE } from '../../protocol/names.ts';
import { Inbound, JoinReply, JoinRequest, Leave, type ScopeProps } from '../../proto/index.ts';
import { silentLogger, type Logger } from '../../lib/log.ts';
import { StreamContext } from './context.ts';
import { assertGroup, assertServiceCode, Publisher } from './publisher.ts';

export type JoinDecision<S> =
  | { accept: true; payload?: unknown; groups?: string[]; state?: S }
  | { accept: false; code: string; message: string };

export function accept<S>(
  opts: { payload?: unknown; groups?: string[]; state?: S } = {},
): JoinDecision<S> {
  return { accept: true, ...opts };
}

/** Refuses a join; `code` ([a-z_]{1,32}) and `message` reach the client in an `error` frame. */
export function refuse(code: string, message: string): JoinDecision<never> {
  assertServiceCode(code);
  return { accept: false, code, message };
}

type Maybe<T> = T | Promise<T>;

export interface ServiceDefinition<S = unknown> {
  /** The service part of stream names this service answers, e.g. "chat". */
  name: string;
  /** Decides a join. Without it every join is accepted. */
  join?(ctx: StreamContext<S>, payload: unknown): Maybe<JoinDecision<S>>;
  /** A client `msg` on a joined stream; `ref` is set when the client wants a `reply`. */
  receive?(ctx: StreamContext<S>, payload: unknown, ref: Ref | undefined): Maybe<void>;
  /** The stream is gone: the client left or its socket closed. */
  leave?(ctx: StreamContext<S>, reason: LeaveReason): Maybe<void>;
}

export function defineService<S = unknown>(def: ServiceDefinition<S>): ServiceDefinition<S> {
  if (!SERVICE_RE.test(def.name))
    throw new Error(`service name must match ${SERVICE_RE}: ${def.name}`);
  return def;
}

export interface RunOptions {
  prefix?: string;
  log?: Logger;
}

const dec = new TextDecoder();

export class ServiceRunner<S = unknown> {
  readonly publisher: Publisher;
  readonly #subs: Subscription[] = [];
  readonly #log: Logger;
  // Handlers for one stream run one after another, so an async handler cannot
  // reorder what a client sent; different streams run concurrently.
  readonly #chains = new Map<string, Promise<void>>();

  private constructor(
    readonly bus: Bus,
    readonly def: ServiceDefinition<S>,
    opts: RunOptions,
  ) {
    this.publisher = new Publisher(bus, opts.prefix);
    this.#log = (opts.log ?? silentLogger).child({ service: def.name });
  }

  static async start<S>(
    bus: Bus,
    def: ServiceDefinition<S>,
    opts: RunOptions = {},
  ): Promise<ServiceRunner<S>> {
    const r = new ServiceRunner(bus, def, opts);
    const s = new Subjects(opts.prefix);
    const queue = def.name;
    r.#subs.push(
      bus.subscribe(s.join(def.name), (m) => r.#onJoin(m), { queue }),
      bus.subscribe(s.msg(def.name), (m) => r.#onMsg(m), { queue }),
      bus.subscribe(s.leave(def.name), (m) => r.#onLeave(m), { queue }),
    );
    // Subscriptions must reach the broker before anyone is told we are up.
    await bus.flush();
    r.#log.info({ bus: bus.kind }, 'service running');
    return r;
  }

  /** Stops taking new work, lets handlers in flight finish, then drains the bus. */
  async drain(): Promise<void> {
    for (const sub of this.#subs) sub.unsubscribe();
    await Promise.allSettled([...this.#chains.values()]);
    await this.bus.drain();
  }

  #onJoin(m: BusMessage): void {
    let req, ctx: StreamContext<S>, payload: unknown;
    try {
      req = JoinRequest.decode(m.data);
      ctx = this.#context(req.address, req.stream, req.topic, undefined, req.scope);
      payload = parseJson(req.payload);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable JoinRequest');
    }
    this.#run(`${req.address} ${req.stream}`, m, 'join', async () => {
      let decision: JoinDecision<S>;
      try {
        decision = this.def.join ? await this.def.join(ctx, payload) : { accept: true };
        if (decision.accept) decision.groups?.forEach(assertGroup);
      } catch (err) {
        this.#log.error({ err, stream: req.stream }, 'join handler failed');
        decision = { accept: false, code: 'internal', message: 'internal error' };
      }
      const reply = decision.accept
        ? {
            accept: {
              payload:
                decision.payload === undefined ? new Uint8Array(0) : encodeJson(decision.payload),
              groups: decision.groups ?? [],
              state: decision.state === undefined ? new Uint8Array(0) : encodeJson(decision.state),
            },
          }
        : { refuse: { code: decision.code, message: decision.message } };
      this.bus.respond(m, JoinReply.encode(reply).finish());
    });
  }

  #onMsg(m: BusMessage): void {
    const receive = this.def.receive;
    if (!receive) return;
    let msg, ctx: StreamContext<S>, payload: unknown, ref: Ref | undefined;
    try {
      msg = Inbound.decode(m.data);
      ctx = this.#context(msg.address, msg.stream, msg.topic, msg.state, msg.scope);
      payload = parseJson(msg.payload);
      if (msg.payload?.length) ctx.rawPayload = new RawJson(dec.decode(msg.payload));
      ref = refFromJson(msg.ref);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable Inbound');
    }
    this.#run(`${msg.address} ${msg.stream}`, m, 'receive', () =>
      receive.call(this.def, ctx, payload, ref),
    );
  }

  #onLeave(m: BusMessage): void {
    const leave = this.def.leave;
    if (!leave) return;
    let msg, ctx: StreamContext<S>;
    try {
      msg = Leave.decode(m.data);
      ctx = this.#context(msg.address, msg.stream, msg.topic, msg.state, msg.scope);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable Leave');
    }
    this.#run(`${msg.address} ${msg.stream}`, m, 'leave', () =>
      leave.call(this.def, ctx, (msg.reason || 'leave') as LeaveReason),
    );
  }

  #context(
    address: string | null | undefined,
    stream: string | null | undefined,
    topic: string | null | undefined,
    state: Uint8Array | null | undefined,
    scope: ScopeProps | null | undefined,
  ): StreamContext<S> {
    return new StreamContext<S>(
      address ?? '',
      stream ?? '',
      topic ?? '',
      state && state.length > 0 ? (parseJson(state) as S) : undefined,
      scope,
      this.publisher,
    );
  }

  /** Runs a handler in the trace context the message carried, after earlier handlers of the same stream. */
  #run(key: string, m: BusMessage, op: string, fn: () => Maybe<void>): void {
    const parent = extractContext(m.headers);
    const span = tracer.startSpan(`${this.def.name} ${op}`, { kind: SpanKind.CONSUMER }, parent);
    const ctx = trace.setSpan(parent, span);
    const call = (): Maybe<void> => {
      try {
        return context.with(ctx, fn);
      } catch (err) {
        return Promise.reject(err);
      }
    };
    const settle = (err?: unknown): void => {
      if (err !== undefined) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        this.#log.error({ err, key, op }, 'handler failed');
      }
      span.end();
    };
    const prev = this.#chains.get(key);
    const result = prev ? prev.then(call) : call();
    if (!(result instanceof Promise)) return settle();
    const tail: Promise<void> = result.then(
      () => settle(),
      (err: unknown) => settle(err ?? new Error('handler rejected')),
    );
    this.#chains.set(key, tail);
    void tail.then(() => {
      if (this.#chains.get(key) === tail) this.#chains.delete(key);
    });
  }
}

function parseJson(bytes: Uint8Array | null | undefined): unknown {
  if (!bytes || bytes.length === 0) return undefined;
  return JSON.parse(dec.decode(bytes));
}
