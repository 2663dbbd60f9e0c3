// Where a room lives on the bus: its durable group, which keeps its messages
// (PROTOCOL.md §4.1), and the plain group of its join and leave notices. A room is a stream topic ([A-Za-z0-9_.~@:=+-]{1,128}), client text
// that may hold characters a group name or a subject token cannot; such rooms
// are named by a hash, so client text never becomes part of a subject.
import { createHash } from 'node:crypto';

const PLAIN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One subject-safe key per room. Plain rooms ("lobby") keep their name, for
 * readable groups and metrics; others become "x.<hash>". The two forms cannot
 * collide: a plain key is one token, a hashed key two.
 */
export function roomKey(room: string): string {
  if (PLAIN.test(room)) return room;
  // 128 bits of SHA-256: collisions between room names are not a practical concern.
  return `x.${createHash('sha256').update(room, 'utf8').digest('base64url').slice(0, 22)}`;
}

/**
 * The room's durable group, "chat.lobby": every member's stream belongs to
 * it, and it keeps the room's messages (the chat service declares "chat.>").
 */
export function roomGroup(room: string): string {
  return `chat.${roomKey(room)}`;
}

/**
 * The room's notices, "chat-notice.lobby": a plain group beside the durable
 * one, so joins and leaves reach members without filling the kept messages.
 */
export function noticeGroup(room: string): string {
  return `chat-notice.${roomKey(room)}`;
}
