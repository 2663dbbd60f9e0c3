// A join handler's decision as the gateway reads it: the JoinReply (and, for
// the second step of a two-step join, the JoinConfirmReply) the runner sends.
import type { JoinAcceptProps } from '../../proto/index.ts';
import { encodeJson } from '../../protocol/json.ts';
import type { Acceptance, JoinDecision, SnapshotDecision } from './definition.ts';

type Refusal = { refuse: { code: string; message: string }; accept?: undefined };

/** JoinReply's fields (proto/muxgate.proto); an acceptance always has its state, maybe empty. */
export type JoinReplyFields =
  { accept: JoinAcceptProps & { state: Uint8Array }; refuse?: undefined } | Refusal;

/** JoinConfirmReply's fields. */
export type ConfirmReplyFields = { accept: { payload: Uint8Array }; refuse?: undefined } | Refusal;

const EMPTY = new Uint8Array(0);
const jsonOrEmpty = (v: unknown): Uint8Array => (v === undefined ? EMPTY : encodeJson(v));

export function joinReply(decision: JoinDecision<unknown>): JoinReplyFields {
  if (!decision.accept) return { refuse: { code: decision.code, message: decision.message } };
  return {
    accept: {
      payload: jsonOrEmpty(decision.payload),
      // The durable group is listed with the others, so a 1.0 gateway still delivers it.
      groups: withDurable(decision.groups ?? [], decision.durable),
      state: jsonOrEmpty(decision.state),
      durableGroup: decision.durable ?? '',
      snapshotPos: decision.snapshotPos ?? '',
      confirm: decision.confirm === true,
      ...presenceOf(decision.presence),
    },
  };
}

export function confirmReply(decision: SnapshotDecision): ConfirmReplyFields {
  return decision.accept
    ? { accept: { payload: jsonOrEmpty(decision.payload) } }
    : { refuse: { code: decision.code, message: decision.message } };
}

function presenceOf(p: Acceptance<unknown>['presence']): {
  presenceGroup?: string;
  presenceInfo?: Uint8Array;
} {
  if (!p) return {};
  return { presenceGroup: p.group, presenceInfo: jsonOrEmpty(p.info) };
}

function withDurable(groups: string[], durable: string | undefined): string[] {
  return durable === undefined || groups.includes(durable) ? groups : [...groups, durable];
}
