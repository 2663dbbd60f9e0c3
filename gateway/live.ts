// Durable groups as the gateway receives them (protocol 1.1): one
// subscription per durable group with a local member, on the subject the
// store republishes each message to once it is stored. Each copy carries its
// sequence and its group's previous one; members use them to drop what they
// already have and to notice what they missed.
import type { Bus, BusMessage, Headers, Subscription } from '../bus/bus.ts';
import { VIA_API, VIA_HEADER } from '../bus/groups.ts';
import { liveCopyOf, type LiveCopy, type Position } from '../bus/durable.ts';
import type { Subjects } from '../bus/subjects.ts';
import type { Logger } from '../lib/log.ts';
import { GroupMessage } from '../proto/index.ts';
import { jsonPayloadText } from '../protocol/json.ts';
import type { FrameTarget } from './encoding.ts';
import type { GatewayMetrics } from './metrics.ts';

/** A stored message of a durable group, as one or more members receive it. */
export class LiveMessage implements LiveCopy {
  #name: string | undefined;
  #encoding: FrameTarget['encoding'] | undefined;
  #epoch: string | undefined;
  #frame: Buffer | undefined;
  #others: Map<string, Buffer> | undefined;

  constructor(
    readonly seq: number,
    readonly prev: number,
    /** The payload as JSON text. */
    readonly payload: string,
    /** "api" when it came through the gateway's HTTP publish API. */
    readonly via?: typeof VIA_API,
  ) {}

  /**
   * The `msg` frame for one stream name and encoding, encoded once and shared
   * as bytes by every member on that name: members of one group nearly always
   * share it.
   */
  frame(to: FrameTarget, epoch: string): Buffer {
    const { name, encoding } = to;
    if (name === this.#name && encoding === this.#encoding && epoch === this.#epoch)
      return this.#frame!;
    const key = `${encoding.name}\n${epoch}\n${name}`;
    let frame = this.#others?.get(key);
    if (!frame) {
      frame = encoding.msg(to, this.payload, { pos: `${epoch}:${this.seq}`, via: this.via });
      if (this.#frame === undefined) {
        this.#name = name;
        this.#encoding = encoding;
        this.#epoch = epoch;
        this.#frame = frame;
      } else (this.#others ??= new Map()).set(key, frame);
    }
    return frame;
  }
}

/** What a durable group's messages are delivered to: one stream of one connection. */
export interface LiveMember {
  deliverLive(msg: LiveMessage): void;
}

interface Feed {
  readonly sub: Subscription;
  readonly members: Set<LiveMember>;
  /**
   * The group's position as this subscription knows it: set by the first
   * member's store lookup, then moved by each message. Copies arrive in store
   * order, so every message at or before it has been seen here, and every one
   * after it will be: a later member can start from it without asking the store.
   */
  position: Position | undefined;
}

export class LiveFeeds {
  readonly #feeds = new Map<string, Feed>();

  constructor(
    private readonly bus: Bus,
    private readonly subjects: Subjects,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {}

  /** Adds a member; returns true when that made a new subscription (the broker must confirm it). */
  add(group: string, member: LiveMember): boolean {
    let feed = this.#feeds.get(group);
    const fresh = !feed;
    if (!feed) {
      feed = {
        sub: this.bus.subscribe(this.subjects.live(group), this.#onLive),
        members: new Set(),
        position: undefined,
      };
      this.#feeds.set(group, feed);
      this.metrics.groupSubscribed();
    }
    if (!feed.members.has(member)) {
      feed.members.add(member);
      this.metrics.memberAdded();
    }
    return fresh;
  }

  /** The group's position known to this gateway's subscription, if any. */
  position(group: string): Position | undefined {
    return this.#feeds.get(group)?.position;
  }

  /** A store lookup's answer for the group, which seeds the subscription's position. */
  located(group: string, at: Position): void {
    const feed = this.#feeds.get(group);
    if (feed && (!feed.position || feed.position.epoch !== at.epoch || feed.position.seq < at.seq))
      feed.position = at;
  }

  remove(group: string, member: LiveMember): void {
    const feed = this.#feeds.get(group);
    if (!feed || !feed.members.delete(member)) return;
    this.metrics.memberRemoved();
    if (feed.members.size > 0) return;
    feed.sub.unsubscribe();
    this.#feeds.delete(group);
    this.metrics.groupUnsubscribed();
  }

  names(): string[] {
    return [...this.#feeds.keys()];
  }

  stop(): void {
    for (const feed of this.#feeds.values()) feed.sub.unsubscribe();
    this.#feeds.clear();
  }

  #onLive = (msg: BusMessage): void => {
    this.metrics.groupMessage();
    const feed = this.#feeds.get(this.subjects.liveGroupOf(msg.subject));
    if (!feed) return;
    const copy = liveCopyOf(msg);
    let payload: string | undefined;
    try {
      payload = jsonPayloadText(GroupMessage.decode(msg.data).payload);
    } catch {
      payload = undefined;
    }
    if (!copy || payload === undefined) {
      this.metrics.dropped('undecodable');
      return this.log.warn({ subject: msg.subject }, 'undecodable stored group message');
    }
    const via = viaOf(msg.headers);
    const live = new LiveMessage(copy.seq, copy.prev, payload, via);
    // Only moved past a message whose predecessor was seen here too: after a
    // gap the position would claim what this gateway never received.
    if (feed.position && copy.prev <= feed.position.seq && copy.seq > feed.position.seq)
      feed.position = { epoch: feed.position.epoch, seq: copy.seq };
    for (const m of feed.members) m.deliverLive(live);
  };
}

/** A stored message read back from the store, as a live one: replay and live share one path. */
export function storedMessage(
  seq: number,
  data: Uint8Array,
  headers: Headers | undefined,
): LiveMessage | undefined {
  try {
    const payload = jsonPayloadText(GroupMessage.decode(data).payload);
    return payload === undefined ? undefined : new LiveMessage(seq, 0, payload, viaOf(headers));
  } catch {
    return undefined;
  }
}

/** Stored messages keep their headers: one the HTTP API published says so. */
function viaOf(headers: Headers | undefined): typeof VIA_API | undefined {
  return headers?.[VIA_HEADER] === VIA_API ? VIA_API : undefined;
}
