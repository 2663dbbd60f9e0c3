// What a service is, as its author declares it: the handlers (join, msg,
// leave, snapshot, connect) and the answers a join handler gives. The
// ServiceRunner (service.ts) runs a definition on the bus.

import type { LeaveReason } from '../../protocol/codes.ts';
import type { Ref } from '../../protocol/frames.ts';
import type { ConnectContext, OpenStream } from './connect.ts';
import type { StreamContext } from './context.ts';
import { SERVICE_RE } from '../../protocol/names.ts';
import { assertServiceCode } from './publisher.ts';

export interface Acceptance<S> {
  /** Sent to the client in `joined`. */
  payload?: unknown;
  /** Groups the stream joins before `joined` is sent. */
  groups?: string[];
  /** Kept by the gateway and handed back with each of the stream's messages. */
  state?: S;
  /**
   * Protocol 1.1: the stream's durable group, one of the service's `durable`
   * groups. Its messages reach the client with `pos`, a client resuming with
   * `since` gets what it missed, and no message falls between the `joined`
   * payload and live delivery. It is added to `groups` for you.
   */
  durable?: string;
  /**
   * The position (a stored message's `pos`) that `payload` reflects, e.g. the
   * last message of the history it holds: the gateway delivers every message
   * after it. Without it, delivery starts at the group's position at `joined`.
   */
  snapshotPos?: string;
  /**
   * Protocol 1.1, the two-step join: the `joined` payload is built by the
   * definition's `snapshot` handler once the stream's groups are live on its
   * gateway, so a group message is in the payload or delivered after it,
   * never neither. `payload` is then ignored.
   */
  confirm?: boolean;
  /**
   * Protocol 1.1 §4.3: presence on in `group` (usually one of `groups`): the
   * connection is listed while the stream is joined, with `info`, and the
   * stream may ask for the list and gets its diffs (docs/services.md).
   */
  presence?: { group: string; info?: unknown };
}

export type JoinDecision<S> =
  ({ accept: true } & Acceptance<S>) | { accept: false; code: string; message: string };

export function accept<S>(opts: Acceptance<S> = {}): JoinDecision<S> {
  return { accept: true, ...opts };
}

/** Groups a service keeps in the broker (protocol 1.1 durable groups). */
export interface DurableGroups {
  /** A group name or pattern, e.g. "chat.>" for every group below "chat". */
  groups: string;
  /** Messages kept per group (default 10,000); the oldest go first. */
  maxPerGroup?: number;
  /** Age past which a message goes, in ms; 0 (default) keeps them until the count does. */
  maxAgeMs?: number;
}

/** Refuses a join; `code` ([a-z_]{1,32}) and `message` reach the client in an `error` frame. */
export function refuse(code: string, message: string): JoinDecision<never> {
  assertServiceCode(code);
  return { accept: false, code, message };
}

export type Maybe<T> = T | Promise<T>;

export interface ServiceDefinition<S = unknown> {
  /** The service part of stream names this service answers, e.g. "chat". */
  name: string;
  /** Decides a join. Without it every join is accepted. */
  join?(ctx: StreamContext<S>, payload: unknown): Maybe<JoinDecision<S>>;
  /** A client `msg` on a joined stream; `ref` is set when the client wants a `reply`. */
  receive?(ctx: StreamContext<S>, payload: unknown, ref: Ref | undefined): Maybe<void>;
  /** The stream is gone: the client left or its socket closed. */
  leave?(ctx: StreamContext<S>, reason: LeaveReason): Maybe<void>;
  /** Protocol 1.1: groups whose messages are stored before delivery and resumable. */
  durable?: DurableGroups;
  /**
   * Protocol 1.1: the `joined` payload of a join accepted with `confirm`,
   * built once its groups are live. Any replica may run it: use ctx.state.
   */
  snapshot?(ctx: StreamContext<S>, payload: unknown): Maybe<SnapshotDecision>;
  /**
   * Protocol 1.1 §4.9: when a gateway's MUX_CONNECT_SERVICE names this
   * service, the streams to open for each new connection (this service's
   * own), before the client's first frame is answered. A handler that throws
   * opens none; the connection goes on.
   */
  connect?(ctx: ConnectContext): Maybe<OpenStream<S>[]>;
}

export type SnapshotDecision =
  { accept: true; payload?: unknown } | { accept: false; code: string; message: string };

export function defineService<S = unknown>(def: ServiceDefinition<S>): ServiceDefinition<S> {
  if (!SERVICE_RE.test(def.name))
    throw new Error(`service name must match ${SERVICE_RE}: ${def.name}`);
  return def;
}
