// Protocol 1.1 §4.9, server-opened streams: the connect hook. A gateway
// configured with a connect service (MUX_CONNECT_SERVICE) asks it once per
// connection, right after `welcome`, which streams to open, and opens them
// before it answers any client frame (Session holds the client's frames
// meanwhile). When the service does not answer in time, or answers nonsense,
// the connection goes on without server-opened streams: a notification feed
// missing for one connection costs less than refusing every client while the
// service is down. Each failure is counted (muxgate_connect_total) and
// logged at warn, at most once per window per outcome.
import { BusClosedError, NoRespondersError, RequestTimeoutError, type Bus } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import { injectHeaders } from '../bus/trace.ts';
import type { Logger } from '../lib/log.ts';
import { ConnectReply, ConnectRequest, type ScopeProps } from '../proto/index.ts';
import { isJsonText } from '../protocol/json.ts';
import { groupNameProblem, parseStream } from '../protocol/names.ts';
import type { GatewayMetrics } from './metrics.ts';

/** How a connect request ended, as muxgate_connect_total labels it. */
export type ConnectOutcome = 'ok' | 'unavailable' | 'timeout' | 'invalid';

/** One stream to open, checked: it stands for a JoinAccept without durable group or second step. */
export interface ServerStream {
  stream: string;
  topic: string;
  /** JSON text for `joined`, or undefined for none. */
  payload: string | undefined;
  groups: string[];
  state: Uint8Array;
}

/** What a ConnectReply asks for, and what of it the gateway will not do (for the log). */
export interface ConnectPlan {
  streams: ServerStream[];
  rejected: { stream: string; problem: string }[];
}

const EMPTY = new Uint8Array(0);
const dec = new TextDecoder();
/** At most one warn line per outcome per window; the others are counted in it. */
export const CONNECT_LOG_WINDOW_MS = 10_000;

/**
 * The streams of a ConnectReply the gateway opens (pure): named by the
 * connect service itself, in the stream grammar, each once, with valid
 * groups and JSON payloads, and no more than `room` of them. What it leaves
 * out goes to `rejected`.
 */
export function planConnect(
  reply: ReturnType<typeof ConnectReply.decode>,
  service: string,
  room: number,
): ConnectPlan {
  const plan: ConnectPlan = { streams: [], rejected: [] };
  const seen = new Set<string>();
  for (const s of reply.streams ?? []) {
    const name = s.stream ?? '';
    const problem = streamProblem(name, service, seen, s.groups ?? [], s.payload);
    if (problem === undefined && plan.streams.length >= room) {
      plan.rejected.push({ stream: name, problem: `over max_streams (${room} free)` });
      continue;
    }
    if (problem !== undefined) {
      plan.rejected.push({ stream: name, problem });
      continue;
    }
    seen.add(name);
    plan.streams.push({
      stream: name,
      topic: parseStream(name)!.topic,
      payload: s.payload?.length ? dec.decode(s.payload) : undefined,
      groups: s.groups ?? [],
      // A copy: protobufjs decodes bytes as a view into the message buffer,
      // for NATS its whole 64 KiB read buffer, which the stream would pin.
      state: s.state?.length ? new Uint8Array(s.state) : EMPTY,
    });
  }
  return plan;
}

function streamProblem(
  name: string,
  service: string,
  seen: ReadonlySet<string>,
  groups: readonly string[],
  payload: Uint8Array | null | undefined,
): string | undefined {
  const parsed = parseStream(name);
  if (!parsed) return 'not a stream name';
  // Its Inbound and Leave go to the service named in the stream: the one that
  // opened it is the one that knows of it.
  if (parsed.service !== service) return `not a stream of ${service}`;
  if (seen.has(name)) return 'named twice';
  const bad = groups.find((g) => groupNameProblem(g) !== null);
  if (bad !== undefined) return `bad group name ${JSON.stringify(bad)}`;
  if (payload?.length && !isJsonText(dec.decode(payload))) return 'payload is not JSON';
  return undefined;
}

export interface ConnectHookOptions {
  bus: Bus;
  subjects: Subjects;
  /** The connect service's name (MUX_CONNECT_SERVICE). */
  service: string;
  /** How long a connection waits for the answer (MUX_CONNECT_TIMEOUT_MS). */
  timeoutMs: number;
  metrics: GatewayMetrics;
  log: Logger;
}

/** Asks the connect service about each new connection; one per gateway. */
export class ConnectHook {
  readonly #opts: ConnectHookOptions;
  readonly #subject: string;
  /** Per failed outcome: failures since its last warn line, while its window is open. */
  readonly #quiet = new Map<ConnectOutcome, number>();

  constructor(opts: ConnectHookOptions) {
    this.#opts = opts;
    this.#subject = opts.subjects.connect(opts.service);
  }

  get service(): string {
    return this.#opts.service;
  }

  /**
   * Asks which streams to open for the connection at `address`. `done` runs
   * exactly once, from the bus's dispatch (so before any Outbound the service
   * published after answering), with what to open: nothing on failure.
   * `room` is how many streams the connection may still hold.
   */
  ask(address: string, scope: ScopeProps, room: number, done: (plan: ConnectPlan) => void): void {
    const { bus, timeoutMs } = this.#opts;
    const nothing: ConnectPlan = { streams: [], rejected: [] };
    if (bus.status !== 'connected') {
      this.#failed('unavailable', address, 'the gateway has no bus');
      return queueMicrotask(() => done(nothing));
    }
    const body = ConnectRequest.encode({
      address,
      scope,
      deadlineMs: Date.now() + timeoutMs,
    }).finish();
    const opts = { timeoutMs, headers: injectHeaders() };
    bus.requestCallback(this.#subject, body, opts, (err, msg) => {
      if (err || !msg) {
        const outcome = err instanceof RequestTimeoutError ? 'timeout' : 'unavailable';
        if (!(
          err instanceof NoRespondersError ||
          err instanceof BusClosedError ||
          outcome === 'timeout'
        ))
          this.#opts.log.error({ err, address }, 'connect request failed');
        this.#failed(outcome, address, String((err as Error | undefined)?.message ?? 'no answer'));
        return done(nothing);
      }
      let plan: ConnectPlan;
      try {
        plan = planConnect(ConnectReply.decode(msg.data), this.#opts.service, room);
      } catch (err) {
        this.#failed('invalid', address, `undecodable ConnectReply: ${(err as Error).message}`);
        return done(nothing);
      }
      if (plan.rejected.length) {
        this.#opts.metrics.connected('invalid');
        this.#opts.log.warn(
          { address, service: this.#opts.service, rejected: plan.rejected },
          'connect service asked for streams the gateway does not open',
        );
      } else this.#opts.metrics.connected('ok');
      done(plan);
    });
  }

  #failed(outcome: ConnectOutcome, address: string, why: string): void {
    this.#opts.metrics.connected(outcome);
    const quiet = this.#quiet.get(outcome);
    if (quiet !== undefined) return void this.#quiet.set(outcome, quiet + 1);
    this.#opts.log.warn(
      { address, service: this.#opts.service, outcome },
      `connect service failed (${why}): the connection goes on without server-opened streams`,
    );
    this.#quiet.set(outcome, 0);
    setTimeout(() => {
      const more = this.#quiet.get(outcome) ?? 0;
      this.#quiet.delete(outcome);
      if (more > 0)
        this.#opts.log.warn(
          { service: this.#opts.service, outcome, count: more },
          'connect service failed for more connections',
        );
    }, CONNECT_LOG_WINDOW_MS).unref();
  }
}
