// Runs a service: the Django Channels consumer model over the bus. A service
// subscribes to its join, msg and leave subjects as a queue group named after
// itself, so replicas share the work and any replica can serve any stream
// (per-stream state travels with each message, see JoinAccept.state).
import type { Bus, BusMessage, Subscription } from '../../bus/bus.ts';
import { Subjects } from '../../bus/subjects.ts';
import { ErrorCode, LeaveReason } from '../../protocol/codes.ts';
import type { Ref } from '../../protocol/frames.ts';
import { RawJson, refFromJson } from '../../protocol/json.ts';
import {
  ConnectReply,
  ConnectRequest,
  Inbound,
  JoinConfirm,
  JoinConfirmReply,
  JoinReply,
  JoinRequest,
  Leave,
  type ScopeProps,
} from '../../proto/index.ts';
import { silentLogger, type Logger } from '../../lib/log.ts';
import type { Registry } from 'prom-client';
import { StreamContext } from './context.ts';
import { HandlerChains } from './handler-chains.ts';
import { confirmReply, joinReply } from './join-reply.ts';
import { ConnectContext, connectReply } from './connect.ts';
import { GatewayWatch, type AcceptedStream } from './gateway-watch.ts';
import { LateJoins } from './late-joins.ts';
import { DEFAULT_DEADLINE_SKEW_MS, deadlineOf, Deadlines } from './deadline.ts';
import { ServiceMetrics, type WorkKind } from './metrics.ts';
import { checkReplicas, copies } from './replicas.ts';
import { assertGroup, Publisher } from './publisher.ts';
import { storeUnavailable } from './storage/unavailable.ts';
import type {
  DurableGroups,
  JoinDecision,
  Maybe,
  ServiceDefinition,
  SnapshotDecision,
} from './definition.ts';

export interface RunOptions {
  prefix?: string;
  log?: Logger;
  /** Copies the broker keeps of durable groups it creates (MUX_JETSTREAM_REPLICAS): 1 in dev, 3 in production. */
  durableReplicas?: number;
  /** Where the SDK's metrics go (default: a registry of its own, `runner.metrics.registry`). */
  registry?: Registry;
  /**
   * How far this process's clock may run ahead of the gateways' before it
   * drops work as past its deadline (MUX_DEADLINE_SKEW_MS, default 1000 ms).
   */
  deadlineSkewMs?: number;
  /** The clock deadlines are read on, in Unix ms; Date.now by default. */
  now?: () => number;
}

const DEFAULT_MAX_PER_GROUP = 10_000;

const dec = new TextDecoder();

export class ServiceRunner<S = unknown> {
  readonly publisher: Publisher;
  readonly metrics: ServiceMetrics;
  readonly #deadlines: Deadlines;
  readonly #subs: Subscription[] = [];
  readonly #log: Logger;
  readonly #chains: HandlerChains;
  /** Streams this replica accepted, ended with gateway_lost if their gateway dies (§4.2). */
  #gateways: GatewayWatch | undefined;
  readonly #late = new LateJoins();

  private constructor(
    readonly bus: Bus,
    readonly def: ServiceDefinition<S>,
    opts: RunOptions,
  ) {
    this.publisher = new Publisher(bus, opts.prefix);
    this.#log = (opts.log ?? silentLogger).child({ service: def.name });
    this.metrics = new ServiceMetrics(opts.registry);
    this.#chains = new HandlerChains(def.name, this.#log);
    this.#deadlines = new Deadlines(
      def.name,
      this.metrics,
      this.#log,
      opts.deadlineSkewMs ?? DEFAULT_DEADLINE_SKEW_MS,
      opts.now ?? Date.now,
    );
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
    if (def.snapshot)
      r.#subs.push(bus.subscribe(s.joined(def.name), (m) => r.#onConfirm(m), { queue }));
    if (def.connect)
      r.#subs.push(bus.subscribe(s.connect(def.name), (m) => r.#onConnect(m), { queue }));
    // Only a service that handles leaves needs to hear of a lost gateway.
    if (def.leave) {
      r.#gateways = new GatewayWatch(bus, s, def.name, (lost) => r.#lostLeave(lost), r.#log);
      r.#gateways.start();
    }
    if (def.durable) await r.#declare(def.durable, s, opts);
    // Subscriptions must reach the broker before anyone is told we are up.
    await bus.flush();
    r.#log.info({ bus: bus.kind }, 'service running');
    return r;
  }

  async #declare(durable: DurableGroups, s: Subjects, opts: RunOptions): Promise<void> {
    if (!this.bus.durable)
      throw new Error(`${this.def.name}: durable groups need a bus that keeps them`);
    assertGroupPattern(durable.groups);
    // JetStream stream names allow neither '.' nor wildcards.
    const name = `${s.prefix}_dg_${this.def.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const replicas = opts.durableReplicas ?? 1;
    const declared = await this.bus.durable
      .declare({
        name,
        subjects: s.group(durable.groups),
        live: s.live(durable.groups),
        maxPerGroup: durable.maxPerGroup ?? DEFAULT_MAX_PER_GROUP,
        maxAgeMs: durable.maxAgeMs ?? 0,
        replicas,
      })
      .catch((err: unknown) => {
        // JetStream's "no suitable peers for placement" does not say that
        // the cluster has fewer nodes than the copies asked for.
        throw new Error(
          `${this.def.name}: cannot declare the stream ${name} (${replicas} ${copies(replicas)}, MUX_JETSTREAM_REPLICAS): ${(err as Error).message}`,
          { cause: err },
        );
      });
    checkReplicas(this.#log, name, declared.replicas, replicas);
  }

  /** Stops taking new work, lets handlers in flight finish, then drains the bus. */
  async drain(): Promise<void> {
    for (const sub of this.#subs) sub.unsubscribe();
    this.#gateways?.stop();
    this.#late.clear();
    await this.#chains.settled();
    await this.bus.drain();
  }

  #onJoin(m: BusMessage): void {
    let req, ctx: StreamContext<S>, payload: unknown;
    try {
      req = JoinRequest.decode(m.data);
      ctx = this.#context(req.address, req.stream, req.topic, undefined, req.scope);
      if (req.since) ctx.since = req.since;
      ctx.deadline = deadlineOf(req.deadlineMs) || undefined;
      payload = parseJson(req.payload);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable JoinRequest');
    }
    // Dropped past its deadline, it gets no JoinReply: the gateway has
    // answered the client already, and the stream does not exist.
    this.#run(`${req.address} ${req.stream}`, m, 'join', { kind: 'join', ctx }, async () => {
      let decision: JoinDecision<S>;
      try {
        decision = this.def.join ? await this.def.join(ctx, payload) : { accept: true };
        if (decision.accept) decision.groups?.forEach(assertGroup);
        if (decision.accept && decision.durable !== undefined) assertGroup(decision.durable);
        if (decision.accept && decision.presence) assertGroup(decision.presence.group);
      } catch (err) {
        decision = this.#failed(err, req.stream, 'join handler failed');
      }
      const reply = joinReply(decision);
      this.bus.respond(m, JoinReply.encode(reply).finish());
      const key = `${req.address} ${req.stream}`;
      // The gateway has given up on this join and sends a Leave without our state.
      if (reply.accept && this.def.leave && this.#deadlines.over(ctx.deadline ?? 0))
        this.#late.add(key, reply.accept.state);
      // Past the skew too, the gateway's Leave has come before this: it could not forget it.
      if (reply.accept && req.scope?.gateway && !this.#deadlines.passed(ctx.deadline ?? 0))
        this.#gateways?.accepted(req.scope.gateway, {
          address: req.address,
          stream: req.stream,
          topic: req.topic,
          state: reply.accept.state,
          scope: req.scope,
        });
    });
  }

  #onConfirm(m: BusMessage): void {
    const snapshot = this.def.snapshot;
    if (!snapshot) return;
    let req, ctx: StreamContext<S>, payload: unknown;
    try {
      req = JoinConfirm.decode(m.data);
      ctx = this.#context(req.address, req.stream, req.topic, req.state, req.scope);
      ctx.deadline = deadlineOf(req.deadlineMs) || undefined;
      payload = parseJson(req.payload);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable JoinConfirm');
    }
    this.#run(`${req.address} ${req.stream}`, m, 'join', { kind: 'joined', ctx }, async () => {
      let decision: SnapshotDecision;
      try {
        decision = await snapshot.call(this.def, ctx, payload);
      } catch (err) {
        decision = this.#failed(err, req.stream, 'snapshot handler failed');
      }
      const reply = confirmReply(decision);
      this.bus.respond(m, JoinConfirmReply.encode(reply).finish());
    });
  }

  #onConnect(m: BusMessage): void {
    const connect = this.def.connect;
    if (!connect) return;
    let req, ctx: ConnectContext;
    try {
      req = ConnectRequest.decode(m.data);
      ctx = new ConnectContext(
        req.address ?? '',
        req.scope,
        deadlineOf(req.deadlineMs) || undefined,
      );
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable ConnectRequest');
    }
    this.#run(`${ctx.address} connect`, m, 'connect', undefined, async () => {
      let answer;
      try {
        answer = connectReply(
          this.def.name,
          ctx.address,
          req.scope,
          await connect.call(this.def, ctx),
        );
      } catch (err) {
        this.#log.error({ err, address: ctx.address }, 'connect handler failed');
        return this.bus.respond(m, ConnectReply.encode({ streams: [] }).finish());
      }
      this.bus.respond(m, answer.reply);
      const gateway = req.scope?.gateway;
      if (gateway) for (const s of answer.opened) this.#gateways?.accepted(gateway, s);
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
      if (msg.msgId) ctx.msgId = msg.msgId;
      ctx.deadline = deadlineOf(msg.deadlineMs) || undefined;
      ref = refFromJson(msg.ref);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable Inbound');
    }
    this.#run(`${msg.address} ${msg.stream}`, m, 'receive', { kind: 'msg', ctx }, () =>
      receive.call(this.def, ctx, payload, ref),
    );
  }

  #onLeave(m: BusMessage): void {
    const leave = this.def.leave;
    if (!leave) return;
    let msg;
    try {
      msg = Leave.decode(m.data);
    } catch (err) {
      return this.#log.warn({ err }, 'undecodable Leave');
    }
    const key = `${msg.address} ${msg.stream}`;
    this.#run(key, m, 'leave', undefined, () => {
      // Read when the stream's earlier handlers are done: a late join's among them.
      const state = msg.state?.length ? msg.state : this.#late.take(key);
      const ctx = this.#context(msg.address, msg.stream, msg.topic, state, msg.scope);
      return leave.call(this.def, ctx, (msg.reason || 'leave') as LeaveReason);
    });
  }

  /** A stream whose gateway died: its Leave comes from here, as if the gateway had sent it. */
  #lostLeave(s: AcceptedStream): void {
    const leave = this.def.leave;
    if (!leave) return;
    const ctx = this.#context(s.address, s.stream, s.topic, s.state, s.scope);
    this.#run(`${s.address} ${s.stream}`, LOST, 'leave', undefined, () =>
      leave.call(this.def, ctx, LeaveReason.GatewayLost),
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
      this.#deadlines,
    );
  }

  /** Runs a handler after earlier ones of its stream (HandlerChains); not at all past its deadline. */
  #run(
    key: string,
    m: BusMessage,
    op: string,
    work: { kind: WorkKind; ctx: StreamContext<S> } | undefined,
    fn: () => Maybe<void>,
  ): void {
    const dropped = (): boolean => {
      if (!work?.ctx.expired) return false;
      this.#deadlines.dropped(work.kind, work.ctx.stream, work.ctx.deadline ?? 0);
      return true;
    };
    this.#chains.run(key, m.headers, op, fn, dropped);
  }

  /**
   * A join whose handler threw: `unavailable` when the store was out of
   * reach (the client may retry in a moment), else `internal`.
   */
  #failed(
    err: unknown,
    stream: string,
    what: string,
  ): { accept: false; code: string; message: string } {
    if (storeUnavailable(err)) {
      this.#log.warn({ err, stream }, what);
      return {
        accept: false,
        code: ErrorCode.Unavailable,
        message: 'the store is unavailable; try again',
      };
    }
    this.#log.error({ err, stream }, what);
    return { accept: false, code: ErrorCode.Internal, message: 'internal error' };
  }
}

/** The bus message a gateway_lost Leave stands for: none, so no trace context. */
const LOST: BusMessage = {
  subject: '',
  data: new Uint8Array(0),
  headers: undefined,
  reply: undefined,
};

/** A group name, or one ending in `.>` / being `>`-free tokens: what a durable declaration may name. */
function assertGroupPattern(pattern: string): void {
  assertGroup(pattern.endsWith('.>') ? pattern.slice(0, -2) : pattern);
}

function parseJson(bytes: Uint8Array | null | undefined): unknown {
  if (!bytes || bytes.length === 0) return undefined;
  return JSON.parse(dec.decode(bytes));
}
