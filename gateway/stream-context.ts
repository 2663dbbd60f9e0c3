// What a stream needs from outside it: from the connection that holds it and
// from the gateway. Its own module so that the parts a stream is made of (its
// join, stream-join.ts; its durable delivery, durable-delivery.ts) see the
// same context as Stream without importing stream.ts, which imports them.
import type { DurableStore } from '../bus/durable.ts';
import type { Logger } from '../lib/log.ts';
import type { BusGaps } from './bus-gaps.ts';
import type { ServerFrameType } from '../protocol/frames.ts';
import type { FrameError } from './codec.ts';
import type { Encoding } from './encoding.ts';
import type { Hub } from './hub.ts';
import type { Presence } from './presence.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Router } from './router.ts';

/** What a stream and its parts need from its connection; Stream's StreamOwner adds `ended`. */
export interface StreamConnection {
  /** True once the connection has closed; a stream then only cleans up. */
  readonly isClosed: boolean;
  /** How the client's frames are encoded (its subprotocol). */
  readonly encoding: Encoding;
  /** Writes one encoded frame to the client. */
  write(frame: string | Buffer, type: ServerFrameType): void;
  /** Writes an `error` frame to the client. */
  error(e: FrameError): void;
  /**
   * Resolves once the client has read enough that more can be written
   * (replay pacing), or once `wanted` says the writer gave up.
   */
  whenWritable(wanted?: () => boolean): Promise<void>;
}

/** What every stream needs from the gateway; the same for every session. */
export interface StreamOptions {
  /** Resolves once the broker has processed every subscription made so far. */
  readonly flush: () => Promise<void>;
  /** How many frames may wait for `joined`. */
  readonly maxPending: number;
  /** How long a `msg` with `ref` may wait for the service's reply before `timeout`. */
  readonly msgTimeoutMs: number;
  /** Where durable groups are kept, when the bus has such a store (protocol 1.1). */
  readonly store: DurableStore | undefined;
  /** A group's bus subject, as the store knows it. */
  readonly groupSubject: (group: string) => string;
  /** Protocol 1.1 §4.3: the gateway's presence groups; without it, presence is never on. */
  readonly presence?: Presence;
  /** The streams a bus reconnect may have cost messages: told when the bus comes back. */
  readonly busGaps: BusGaps;
}

/** What every stream of one connection shares; Stream's StreamContext narrows `owner`. */
export interface BaseStreamContext extends StreamOptions {
  /** The connection's id, for logs. */
  readonly conn: string;
  readonly owner: StreamConnection;
  readonly router: Router;
  readonly hub: Hub;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
}
