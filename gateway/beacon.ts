// The gateway's GatewayBeat (protocol 1.1, §4.2): "alive" on the bus every
// heartbeat, so services notice a gateway that died without draining and
// end its streams with `gateway_lost` (services/sdk/gateway-watch.ts). One
// small message per gateway per heartbeat, to every service replica.
import type { Bus } from '../bus/bus.ts';
import type { Subjects } from '../bus/subjects.ts';
import type { Logger } from '../lib/log.ts';
import { GatewayBeat } from '../proto/index.ts';

export class Beacon {
  #timer: NodeJS.Timeout | undefined;
  readonly #subject: string;

  constructor(
    private readonly bus: Bus,
    subjects: Subjects,
    private readonly gateway: string,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {
    this.#subject = subjects.gatewayBeat(gateway);
  }

  start(): void {
    this.#beat(false);
    this.#timer = setInterval(() => this.#beat(false), this.intervalMs);
    this.#timer.unref();
  }

  /** The last beat, once the gateway's streams have all been left: services forget it. */
  stop(): void {
    clearInterval(this.#timer);
    this.#beat(true);
  }

  #beat(stopping: boolean): void {
    const body = GatewayBeat.encode({
      gateway: this.gateway,
      intervalMs: this.intervalMs,
      stopping,
    }).finish();
    try {
      this.bus.publish(this.#subject, body);
    } catch (err) {
      // A closed or draining bus: the beat can wait for the next interval.
      this.log.debug({ err }, 'gateway beat not published');
    }
  }
}
