// One stream of one connection: what the gateway remembers between frames,
// and the stream's group memberships. It is the Member the hub delivers
// group messages to.
import { SERVICE_CODE_RE } from '../protocol/codes.ts';
import type { Ref } from '../protocol/frames.ts';
import { groupNameProblem } from '../protocol/names.ts';
import type { OutboundFrame } from '../proto/index.ts';
import { msgFrame, replyFrame, servicePayload, serviceRef } from './codec.ts';
import type { Hub, Member } from './hub.ts';
import type { StreamAddress } from './router.ts';

const EMPTY = new Uint8Array(0);

/** What the session must do after apply(): close the stream, or log a service's mistake. */
export type ApplyOutcome =
  | { close: { code?: string; reason?: string }; invalid?: never }
  | { invalid: string; close?: never }
  | undefined;

/** What waits for `joined`: the service's frames, and group frames for the stream, in arrival order. */
export type Held = { out: OutboundFrame } | { frame: string | Buffer; type: string };

export class Stream implements Member {
  readonly streamJson: string;
  phase: 'joining' | 'joined' = 'joining';
  /** The service's per-stream state from its JoinAccept, sent back with each Inbound and Leave. */
  state: Uint8Array = EMPTY;
  readonly groups = new Set<string>();
  /** What arrived before `joined` went out. */
  readonly pending: Held[] = [];
  /** A leave the client sent while the join was in flight. */
  leave: { ref: Ref | undefined } | undefined;

  constructor(
    readonly to: StreamAddress,
    private readonly write: (frame: string | Buffer, type: string) => void,
    private readonly hub: Hub,
    private readonly maxPending: number,
    private readonly onDrop: (stream: Stream) => void,
  ) {
    this.streamJson = JSON.stringify(to.stream);
  }

  /** A group frame for this member: written once joined, held until then. */
  sendFrame(frame: string | Buffer, type: string): void {
    if (this.phase === 'joined') this.write(frame, type);
    else this.hold({ frame, type });
  }

  /** Keeps something for after `joined`; past maxPending it is dropped and reported. */
  hold(item: Held): void {
    if (this.pending.length < this.maxPending) this.pending.push(item);
    else this.onDrop(this);
  }

  get stream(): string {
    return this.to.stream;
  }

  joinGroup(group: string): void {
    if (this.groups.has(group)) return;
    this.groups.add(group);
    this.hub.addMember(group, this);
  }

  leaveGroup(group: string): void {
    if (this.groups.delete(group)) this.hub.removeMember(group, this);
  }

  leaveAllGroups(): void {
    for (const g of this.groups) this.hub.removeMember(g, this);
    this.groups.clear();
  }

  /**
   * Applies a frame the stream's service sent: writes msg and reply frames,
   * changes memberships. Closing is left to the session, which owns the
   * stream table.
   */
  apply(out: OutboundFrame): ApplyOutcome {
    switch (out.kind) {
      case 'msg': {
        const payload = servicePayload(out.msg.payload);
        if (payload === undefined) return { invalid: 'msg payload is not JSON' };
        this.write(msgFrame(this.streamJson, payload), 'msg');
        return undefined;
      }
      case 'reply': {
        const payload = servicePayload(out.reply.payload);
        const ref = serviceRef(out.reply.ref);
        if (payload === undefined || ref === undefined)
          return { invalid: 'reply has a bad payload or ref' };
        this.write(replyFrame(this.streamJson, JSON.stringify(ref), payload), 'reply');
        return undefined;
      }
      case 'close': {
        const code =
          out.close.code && SERVICE_CODE_RE.test(out.close.code) ? out.close.code : undefined;
        return { close: { code, reason: out.close.reason || undefined } };
      }
      case 'groupAdd': {
        const bad = (out.groupAdd.groups ?? []).filter((g) => groupNameProblem(g) !== null);
        for (const g of out.groupAdd.groups ?? []) if (!bad.includes(g)) this.joinGroup(g);
        return bad.length ? { invalid: `bad group names ${JSON.stringify(bad)}` } : undefined;
      }
      case 'groupDiscard':
        for (const g of out.groupDiscard.groups ?? []) this.leaveGroup(g);
        return undefined;
      default:
        return { invalid: 'Outbound frame without a kind' };
    }
  }
}
