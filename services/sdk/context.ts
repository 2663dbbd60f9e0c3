// What a service handler holds for one stream of one connection: who is on
// the other end, and how to talk back. The counterpart of a Django Channels
// consumer's `self` (send, group_add, group_discard, group_send, close).
import type { Ref } from '../../protocol/frames.ts';
import type { ScopeProps } from '../../proto/index.ts';
import { encodeJson, type RawJson } from '../../protocol/json.ts';
import {
  assertGroup,
  assertServiceCode,
  type DurableSnapshot,
  type Publisher,
} from './publisher.ts';
import type { Clock } from './deadline.ts';

export interface Scope {
  /** JWT subject; '' for an anonymous connection. */
  readonly user: string;
  /** Verified JWT claims; undefined for an anonymous connection. */
  readonly claims: Readonly<Record<string, unknown>> | undefined;
  readonly remoteAddr: string;
  readonly origin: string;
  readonly userAgent: string;
  readonly gateway: string;
}

/** The scope a gateway sent, with its claims parsed. */
export function parseScope(raw: ScopeProps | null | undefined): Scope {
  const s = raw ?? {};
  return {
    user: s.user ?? '',
    claims: s.claims ? (JSON.parse(s.claims) as Record<string, unknown>) : undefined,
    remoteAddr: s.remoteAddr ?? '',
    origin: s.origin ?? '',
    userAgent: s.userAgent ?? '',
    gateway: s.gateway ?? '',
  };
}

export class StreamContext<S = unknown> {
  #scope: Scope | undefined;
  /**
   * The payload of the message being handled, exactly as the client wrote it.
   * Sent back (ctx.reply(ref, ctx.rawPayload)) it arrives byte-exact, where
   * the parsed value would lose what JavaScript numbers cannot hold.
   */
  rawPayload: RawJson | undefined;
  /**
   * In a join handler (protocol 1.1): the `pos` the client resumes after.
   * The gateway replays what it missed when it can; a service may then send
   * a smaller `joined` payload (the client learns from `joined.recovered`).
   */
  since: string | undefined;
  /**
   * In `receive` (protocol 1.1): the client's id for this msg; a client that
   * retries after `timeout` sends the same one. Apply the msg once per id:
   * groupSendStored(group, payload, { msgId: ctx.msgId }) does it for a
   * stored message.
   */
  msgId: string | undefined;
  /**
   * Protocol 1.1: when the gateway stops waiting for this join or msg's
   * answer, in Unix ms on the gateway's clock; undefined when nobody waits
   * (a msg without ref, a leave). The SDK does not start a handler past it.
   */
  deadline: number | undefined;

  constructor(
    /** Opaque; keep it to publish to this connection later (Publisher.toConnection). */
    readonly address: string,
    readonly stream: string,
    /** The part of the stream name after the first ':'; '' when none. */
    readonly topic: string,
    readonly state: S | undefined,
    private readonly rawScope: ScopeProps | null | undefined,
    private readonly publisher: Publisher,
    private readonly clock?: Clock,
  ) {}

  /**
   * True once the deadline has passed (allowing for clock skew): the client
   * has been told `timeout` and may retry. A handler that awaited something
   * slow checks it before a side effect (storing, writing) and returns
   * without it; an answer sent now would be dropped by the gateway anyway.
   */
  get expired(): boolean {
    return this.deadline !== undefined && this.clock?.passed(this.deadline) === true;
  }

  /** Parsed on first use: most messages never look at the claims. */
  get scope(): Scope {
    return (this.#scope ??= parseScope(this.rawScope));
  }

  /** Protocol 1.1: the last `n` messages of a durable group and the position they reflect (Publisher.recent). */
  recent(group: string, n: number): Promise<DurableSnapshot> {
    return this.publisher.recent(group, n);
  }

  /** Protocol 1.1: a `msg` to every member of a durable group, resolved with its `pos` once stored. */
  groupSendStored(group: string, payload: unknown, opts: { msgId?: string } = {}): Promise<string> {
    return this.publisher.toGroupStored(group, payload, opts);
  }

  /** Sends a `msg` on this stream. */
  send(payload: unknown): void {
    this.publisher.outbound(this.address, {
      stream: this.stream,
      msg: { payload: encodeJson(payload) },
    });
  }

  /** Answers the client's msg that carried `ref`, as a `reply`. */
  reply(ref: Ref, payload: unknown): void {
    this.publisher.outbound(this.address, {
      stream: this.stream,
      reply: { ref: JSON.stringify(ref), payload: encodeJson(payload) },
    });
  }

  /** Closes this stream: the client gets `left` with the code and reason. */
  close(code?: string, reason?: string): void {
    if (code !== undefined) assertServiceCode(code);
    this.publisher.outbound(this.address, {
      stream: this.stream,
      close: { code: code ?? '', reason: reason ?? '' },
    });
  }

  groupAdd(...groups: string[]): void {
    groups.forEach(assertGroup);
    this.publisher.outbound(this.address, { stream: this.stream, groupAdd: { groups } });
  }

  groupDiscard(...groups: string[]): void {
    groups.forEach(assertGroup);
    this.publisher.outbound(this.address, { stream: this.stream, groupDiscard: { groups } });
  }

  /** Sends a `msg` to every member of a group, on every gateway. */
  groupSend(group: string, payload: unknown): void {
    this.publisher.toGroup(group, payload);
  }
}
