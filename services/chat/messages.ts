// The chat service's wire: what a client sends on a `chat:<room>` stream and
// what it gets back (docs/services.md, section "chat"). Payloads are checked
// here with zod, so the handlers see only well-formed values.
import { z } from 'zod';

/** A room keeps this many recent messages; a join reply carries all of them. */
export const HISTORY_LIMIT = 50;
/** Display names are counted in Unicode code points, not UTF-16 units. */
export const MAX_NAME_CHARS = 32;
/** Message text is counted in UTF-8 bytes: the size the wire and the store pay for. */
export const MAX_TEXT_BYTES = 4096;

/** Codes of the chat service's errors ([a-z_]{1,32}, PROTOCOL.md §1). */
export const ChatError = {
  /** The stream has no room: `chat` instead of `chat:<room>`. */
  BadRoom: 'bad_room',
  /** The join payload or the display name is invalid. */
  BadName: 'bad_name',
  /** A client message is not `{text}` with 1 to 4096 bytes of non-blank text. */
  BadMessage: 'bad_message',
  /** The history store did not answer; try again. */
  Unavailable: 'unavailable',
} as const;
export type ChatError = (typeof ChatError)[keyof typeof ChatError];

/** A stored and broadcast chat message. `id` is opaque and unique in the room's store. */
export interface ChatMessage {
  id: string;
  user: string;
  text: string;
  /** Milliseconds since the Unix epoch, from the service's clock. */
  ts: number;
  /**
   * True when the sender's connection was authenticated: `user` is its JWT
   * subject. False for a name an anonymous connection chose, which anyone
   * can choose again (homoglyphs included), so clients must show the two apart.
   */
  verified: boolean;
}

/** The `joined` payload. */
export interface Joined {
  /** The name this stream chats as. */
  you: string;
  /** The room's last messages (at most HISTORY_LIMIT), oldest first. */
  history: ChatMessage[];
}

/** What members of a room receive as `msg` payloads. */
export type RoomEvent =
  | ({ type: 'message' } & ChatMessage)
  | { type: 'join' | 'leave'; user: string; ts: number; verified: boolean };

/** A `msg` payload the service sends to one stream when a message without `ref` is refused. */
export interface ErrorEvent {
  type: 'error';
  code: ChatError;
  message: string;
}

/** The `reply` payload to a client message that carried `ref`. */
export type SendReply =
  { id: string; ts: number } | { error: { code: ChatError; message: string } };

const codePoints = (s: string): number => [...s].length;
// Control, format (zero-width, bidi overrides), unassigned and private-use
// characters, and line breaks would let a name hide or impersonate another.
const INVISIBLE = /[\p{C}\p{Zl}\p{Zp}]/u;

export const DisplayName = z
  .string({ error: 'name must be a string' })
  .normalize('NFC')
  .trim()
  .min(1, 'name is empty')
  .refine(
    (s) => codePoints(s) <= MAX_NAME_CHARS,
    `name is longer than ${MAX_NAME_CHARS} characters`,
  )
  .refine((s) => !INVISIBLE.test(s), 'name contains control or invisible characters');

/** The join payload: absent, null, or `{name?}`; unknown fields are ignored. */
export const JoinPayload = z
  .object({ name: DisplayName.optional() }, { error: 'join payload must be {"name"?: string}' })
  .nullish()
  .transform((p) => p ?? {});

/** A client `msg` payload. */
export const SendPayload = z.object(
  {
    text: z
      .string({ error: 'text must be a string' })
      .refine((s) => s.trim().length > 0, 'text is empty')
      .refine(
        (s) => Buffer.byteLength(s, 'utf8') <= MAX_TEXT_BYTES,
        `text is longer than ${MAX_TEXT_BYTES} bytes (UTF-8)`,
      ),
  },
  { error: 'a message is {"text": string}' },
);

/** The first problem zod found, as one short sentence for the client. */
export function problemOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid payload';
}
