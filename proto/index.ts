// The bus messages of PROTOCOL.md §2, generated from proto/muxgate.proto by
// scripts/gen-proto.sh. Import them from here, never from gen/ directly.
import { muxgate } from './gen/muxgate.js';

export const {
  Scope,
  JoinRequest,
  JoinReply,
  JoinAccept,
  JoinRefuse,
  JoinConfirm,
  JoinConfirmReply,
  Inbound,
  Leave,
  Outbound,
  GroupMessage,
  GatewayBeat,
  Control,
  PresenceMember,
  PresenceUpdate,
  ConnectRequest,
  ConnectReply,
  HttpForward,
  HttpForwardReply,
  HttpOp,
} = muxgate.v1;

export type ScopeProps = muxgate.v1.Scope.$Properties;
export type JoinRequestProps = muxgate.v1.JoinRequest.$Properties;
export type JoinReplyProps = muxgate.v1.JoinReply.$Properties;
export type JoinAcceptProps = muxgate.v1.JoinAccept.$Properties;
export type InboundProps = muxgate.v1.Inbound.$Properties;
export type LeaveProps = muxgate.v1.Leave.$Properties;
export type OutboundProps = muxgate.v1.Outbound.$Properties;
/** A decoded Outbound, with its `kind` oneof discriminant. */
export type OutboundFrame = ReturnType<typeof muxgate.v1.Outbound.decode>;
export type GroupMessageProps = muxgate.v1.GroupMessage.$Properties;
export type PresenceMemberProps = muxgate.v1.PresenceMember.$Properties;
export type PresenceUpdateProps = muxgate.v1.PresenceUpdate.$Properties;
export type ConnectStreamProps = muxgate.v1.ConnectStream.$Properties;
