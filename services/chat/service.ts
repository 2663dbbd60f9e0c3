// The chat service: `chat:<room>` streams. Each room is a durable group
// (protocol 1.1): a message is stored in it and then delivered to every
// member on every gateway with its `pos`, and a member that comes back with
// `since` gets exactly what it missed. A join names the member and hands it
// the room's last messages; joins and leaves are announced on a plain group
// beside it. Replicas keep nothing: the member's name travels in ctx.state,
// the messages in the broker.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../lib/log.ts';
import { silentLogger } from '../../lib/log.ts';
import {
  accept,
  defineService,
  refuse,
  type Ref,
  type ServiceDefinition,
  type StreamContext,
} from '../sdk/index.ts';
import {
  ChatError,
  DisplayName,
  historyEntry,
  HISTORY_LIMIT,
  JoinPayload,
  KEPT_FOR_MS,
  KEPT_PER_ROOM,
  problemOf,
  SendPayload,
  type ErrorEvent,
  type Joined,
  type Notice,
  type SendReply,
  type StoredMessage,
} from './messages.ts';
import { noticeGroup, roomGroup } from './rooms.ts';

/** What a chat stream carries from its join to every later message and its leave. */
export interface ChatState {
  user: string;
  /** The name is the connection's JWT subject (absent in states from before it was kept: false). */
  verified?: boolean;
}

export interface ChatOptions {
  log?: Logger;
  /** The service's clock, in ms since the epoch. */
  now?: () => number;
}

type Ctx = StreamContext<ChatState>;

export function chatService(opts: ChatOptions = {}): ServiceDefinition<ChatState> {
  const log = (opts.log ?? silentLogger).child({ service: 'chat' });
  const now = opts.now ?? Date.now;

  const announce = (ctx: Ctx, type: 'join' | 'leave', user: string, verified: boolean): void =>
    ctx.groupSend(noticeGroup(ctx.topic), { type, user, ts: now(), verified } satisfies Notice);

  const fail = (ctx: Ctx, ref: Ref | undefined, code: ChatError, message: string): void => {
    if (ref !== undefined) ctx.reply(ref, { error: { code, message } } satisfies SendReply);
    else ctx.send({ type: 'error', code, message } satisfies ErrorEvent);
  };

  return defineService<ChatState>({
    name: 'chat',
    // Every room's group; what a room keeps bounds how long a member can be
    // away and still resume exactly (docs/services.md, "Storage").
    durable: { groups: 'chat.>', maxPerGroup: KEPT_PER_ROOM, maxAgeMs: KEPT_FOR_MS },

    async join(ctx, payload) {
      if (!ctx.topic) return refuse(ChatError.BadRoom, 'join a room: chat:<room>, e.g. chat:lobby');
      const parsed = JoinPayload.safeParse(payload);
      if (!parsed.success) return refuse(ChatError.BadName, problemOf(parsed.error));
      const named = chooseName(ctx.scope.user, parsed.data.name);
      if ('refused' in named) return refuse(ChatError.BadName, named.refused);
      const room = roomGroup(ctx.topic);
      let recent;
      try {
        recent = await ctx.recent(room, HISTORY_LIMIT);
      } catch (err) {
        log.error({ err, room: ctx.topic }, 'cannot read chat history');
        return refuse(ChatError.Unavailable, 'chat history is unavailable; try again');
      }
      // Published before the JoinReply, on the same connection: the joining
      // stream's gateway handles it before it adds the new member, so a
      // member never receives its own join notice; everyone else does.
      announce(ctx, 'join', named.user, named.verified);
      // The same history on every join, resuming (`since`) or not: whether a
      // resume works is the gateway's to say, after this answer (`recovered`).
      const history = recent.messages.map((m) => historyEntry(m.pos, m.payload, m.via));
      return accept<ChatState>({
        durable: room,
        payload: { you: named.user, history } satisfies Joined,
        // Every message after the history follows `joined`: none falls between.
        snapshotPos: recent.pos,
        groups: [noticeGroup(ctx.topic)],
        state: { user: named.user, verified: named.verified },
        // Who is in the room (§4.3), on every gateway; the name is the one chat shows.
        presence: { group: room, info: { name: named.user, verified: named.verified } },
      });
    },

    async receive(ctx, payload, ref) {
      const user = ctx.state?.user;
      // Only a stream joined through this service carries a state.
      if (!user) return ctx.close('bad_state', 'rejoin the room');
      const parsed = SendPayload.safeParse(payload);
      if (!parsed.success) return fail(ctx, ref, ChatError.BadMessage, problemOf(parsed.error));
      const message: StoredMessage = {
        type: 'message',
        user,
        text: parsed.data.text,
        ts: now(),
        verified: ctx.state.verified === true,
      };
      // The sender was told `timeout` (and may have retried): a message
      // stored now would reach the room after its sender gave up on it.
      if (ctx.expired) return log.debug({ room: ctx.topic }, 'message past its deadline: not sent');
      let pos;
      try {
        // Stored, then delivered to every member by the broker, with its pos.
        // A client retrying after `timeout` sends the same msg id: the room
        // keeps the message once and the retry is acked with its first pos.
        pos = await ctx.groupSendStored(roomGroup(ctx.topic), message, { msgId: ctx.msgId });
      } catch (err) {
        // Not stored, not sent: the sender learns it, nobody sees a message
        // that later joiners would miss from the history.
        log.error({ err, room: ctx.topic }, 'cannot store chat message');
        return fail(ctx, ref, ChatError.Unavailable, 'the message was not sent; try again');
      }
      if (ref !== undefined) ctx.reply(ref, { id: pos, ts: message.ts } satisfies SendReply);
    },

    leave(ctx) {
      // The gateway drops the membership before it publishes the Leave, so
      // the member that left never receives this notice.
      if (ctx.state?.user) announce(ctx, 'leave', ctx.state.user, ctx.state.verified === true);
    },
  });
}

/**
 * An authenticated connection chats as its JWT subject, so a deployment that
 * routes chat with `=auth` gets names nobody can forge, and its messages are
 * `verified`; an anonymous one chooses a name, or is given a guest name, and
 * its messages are not.
 */
function chooseName(
  subject: string,
  name: string | undefined,
): { user: string; verified: boolean } | { refused: string } {
  if (subject) {
    const checked = DisplayName.safeParse(subject);
    if (!checked.success)
      return { refused: `your account name cannot be a chat name: ${problemOf(checked.error)}` };
    if (name !== undefined && name !== checked.data)
      return { refused: 'an authenticated connection chats as its account name; leave out "name"' };
    return { user: checked.data, verified: true };
  }
  return { user: name ?? `guest-${randomBytes(3).toString('hex')}`, verified: false };
}
