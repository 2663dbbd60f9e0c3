// The gateway's view of its bus connection: logged and exported on every
// change, and, when the bus stays away, the clients are sent elsewhere.
//
// A gateway without its bus answers nothing: joins and msgs time out. Its
// /readyz says 503 at once (a load balancer stops sending new clients), but
// connected clients stay until told. After MUX_BUS_LOSS_CLOSE_MS the gateway
// closes their sockets with 1012 and refuses upgrades with 503
// `bus_unavailable` until the bus is back, so each client reconnects, through
// the load balancer, to a gateway that has one.
//
// When it comes back, what its group subscriptions missed meanwhile is gone:
// `onBack` tells the streams (bus-gaps.ts).
import type { Bus, BusStatus } from '../bus/bus.ts';
import type { Logger } from '../lib/log.ts';
import type { GatewayMetrics } from './metrics.ts';

export class BusWatch {
  #since: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lost = false;
  readonly #stop: () => void;

  constructor(
    private readonly bus: Bus,
    private readonly opts: {
      /** 0: never close the sockets for a lost bus. */
      lossCloseMs: number;
      /** Closes every client's socket (1012); called once per outage. */
      onLost: () => void;
      /** The bus is connected again after being away; what that cost the streams (BusGaps.busBack). */
      onBack: () => { ended: number; joinsFailed: number };
      metrics: GatewayMetrics;
      log: Logger;
    },
  ) {
    opts.metrics.busStateChanged(bus.status, bus.server);
    this.#stop = bus.onStatus((s) => this.#changed(s));
  }

  /** True once the bus has been away for longer than MUX_BUS_LOSS_CLOSE_MS. */
  get lost(): boolean {
    return this.#lost;
  }

  stop(): void {
    this.#stop();
    clearTimeout(this.#timer);
  }

  #changed(status: BusStatus): void {
    const { metrics, log, lossCloseMs } = this.opts;
    const server = this.bus.server;
    metrics.busStateChanged(status, server);
    if (status === 'reconnecting') {
      this.#since ??= Date.now();
      log.warn({ server }, 'bus connection lost; reconnecting');
      if (lossCloseMs > 0 && this.#timer === undefined) {
        this.#timer = setTimeout(() => this.#giveUp(), lossCloseMs);
        this.#timer.unref();
      }
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (status === 'connected' && this.#since !== undefined) {
      const downMs = Date.now() - this.#since;
      this.#since = undefined;
      this.#lost = false;
      const gaps = this.opts.onBack();
      if (gaps.ended + gaps.joinsFailed === 0) log.info({ server, downMs }, 'bus connection back');
      else
        log.warn(
          { server, downMs, ...gaps },
          'bus connection back: every accepted stream ended with unavailable (messages for it may have been lost meanwhile)',
        );
    }
  }

  #giveUp(): void {
    this.#timer = undefined;
    if (this.bus.status !== 'reconnecting') return;
    this.#lost = true;
    this.opts.log.warn(
      { server: this.bus.server, afterMs: this.opts.lossCloseMs },
      'bus still away: closing client sockets with 1012 so they reconnect elsewhere',
    );
    this.opts.onLost();
  }
}
