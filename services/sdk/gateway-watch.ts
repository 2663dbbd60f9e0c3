// Protocol 1.1 §4.2: a gateway killed without draining publishes no Leave,
// so the streams it held would stay joined in the service forever (chat saw
// no leave notice, then a second join when the client came back elsewhere).
//
// Each replica remembers the streams it accepted, by gateway, and listens to
// every gateway's beat (bus/gateway-liveness.ts). A gateway silent for 3 × its
// interval is taken for dead: each of its streams this replica accepted gets
// a Leave with reason `gateway_lost`, run like any Leave. A Leave that reaches
// any replica (the queue group picks one) reaches every replica's watch too,
// through a second subscription without a queue group, so a stream that left
// is forgotten everywhere. The cost: one entry per accepted stream, each
// Leave delivered once more per replica, one small beat per gateway per
// heartbeat. A replica that dies takes its entries with it; its streams then
// get no gateway_lost (its in-memory state is gone too).
import type { Bus, BusMessage, Subscription } from '../../bus/bus.ts';
import { GatewayLiveness } from '../../bus/gateway-liveness.ts';
import type { Subjects } from '../../bus/subjects.ts';
import type { Logger } from '../../lib/log.ts';
import { Leave, type ScopeProps } from '../../proto/index.ts';

/** What a Leave for a stream needs, kept from its JoinRequest and JoinAccept. */
export interface AcceptedStream {
  address: string;
  stream: string;
  topic: string;
  state: Uint8Array;
  scope: ScopeProps | null | undefined;
}

export class GatewayWatch {
  /** The streams this replica accepted, by gateway. */
  readonly #gateways = new Map<string, Map<string, AcceptedStream>>();
  readonly #liveness: GatewayLiveness;
  #sub: Subscription | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly service: string,
    /** Runs the service's leave handler for a stream of a lost gateway. */
    private readonly onLost: (s: AcceptedStream) => void,
    private readonly log: Logger,
  ) {
    this.#liveness = new GatewayLiveness(
      bus,
      subjects,
      {
        lost: (id, silentMs) => this.#lost(id, silentMs),
        // A drained gateway has published every stream's Leave.
        stopped: (id) => this.#gateways.delete(id),
      },
      log,
    );
  }

  start(): void {
    this.#liveness.start();
    this.#sub = this.bus.subscribe(this.subjects.leave(this.service), (m) => this.#left(m));
  }

  stop(): void {
    this.#liveness.stop();
    this.#sub?.unsubscribe();
  }

  /** A join this replica accepted through `gateway`. */
  accepted(gateway: string, s: AcceptedStream): void {
    this.#liveness.watch(gateway);
    let streams = this.#gateways.get(gateway);
    if (!streams) this.#gateways.set(gateway, (streams = new Map()));
    streams.set(keyOf(s.address, s.stream), s);
  }

  /** Streams remembered, for tests and diagnostics. */
  get size(): number {
    let n = 0;
    for (const streams of this.#gateways.values()) n += streams.size;
    return n;
  }

  #left(m: BusMessage): void {
    let leave;
    try {
      leave = Leave.decode(m.data);
    } catch {
      return; // the queue subscription logs it
    }
    this.#gateways.get(leave.scope?.gateway ?? '')?.delete(keyOf(leave.address, leave.stream));
  }

  #lost(id: string, silentMs: number): void {
    const streams = this.#gateways.get(id);
    this.#gateways.delete(id);
    if (!streams?.size) return;
    this.log.warn(
      { gateway: id, streams: streams.size, silentMs },
      'gateway lost: its streams leave',
    );
    for (const s of streams.values()) this.onLost(s);
  }
}

function keyOf(address: string, stream: string): string {
  return `${address} ${stream}`;
}
