// The chat service's wire: what a client sends on a `chat:<room>` stream and
// what it gets back (docs/services.md, section "chat"). Payloads are checked
// here with zod, so the handlers see only well-formed values.
import { z } from 'zod';

/** A join hands over the room's last this many messages (`joined.history`). */
export const HISTORY_LIMIT = 50;
/**
 * Messages a room's durable group keeps (docs/services.md, "Storage"): a
 * member cut off resumes exactly while fewer than this many were sent
 * meanwhile. A join reads only the last HISTORY_LIMIT, backwards with direct
 * gets, so this does not bound what a join costs.
 */
export const KEPT_PER_ROOM = 2000;
/** And for at most this long: a room nobody writes to empties after a week. */
export const KEPT_FOR_MS = 7 * 24 * 60 * 60 * 1000;
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
  /** The room's store did not answer; try again. */
  Unavailable: 'unavailable',
} as const;
export type ChatError = (typeof ChatError)[keyof typeof ChatError];

/**
 * What the chat service stores in a room's durable group for a member's
 * message, and what members receive as the `msg` payload (its `pos` on the
 * frame is the message's id).
 */
export interface StoredMessage {
  type: 'message';
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

/** A member's message in `joined.history`: what was stored, and its `pos` as `id`. */
export interface ChatMessage {
  /** The message's `pos` in the room: opaque, unique, increasing in store order. */
  id: string;
  user: string;
  text: string;
  ts: number;
  verified: boolean;
}

/**
 * Anything else the room's group holds: a message published to it from
 * outside the chat service (the HTTP publish API, `muxgate publish`, the SDK's
 * Publisher), e.g. `{"text": "deploy finished"}`. Its payload is whatever its
 * sender wrote: a client shows it as such, never as a member's.
 */
export interface ExternalMessage {
  id: string;
  external: true;
  /** "api" when it came through the gateway's HTTP publish API (PROTOCOL.md §4.11). */
  via?: 'api';
  payload: unknown;
}

export type HistoryEntry = ChatMessage | ExternalMessage;

/** The `joined` payload. */
export interface Joined {
  /** The name this stream chats as. */
  you: string;
  /** The room's last messages (at most HISTORY_LIMIT), oldest first. */
  history: HistoryEntry[];
}

/** A join or leave notice, sent to the room's notice group, never stored. */
export interface Notice {
  type: 'join' | 'leave';
  user: string;
  ts: number;
  verified: boolean;
}

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

const StoredShape = z.object({
  type: z.literal('message'),
  user: z.string(),
  text: z.string(),
  ts: z.number(),
  verified: z.boolean(),
});

/**
 * A stored message of the room as a history entry. The chat service's own
 * messages become ChatMessage; anything that came through the HTTP API, or
 * is not in the chat's form, is an ExternalMessage. (A process on the bus
 * that publishes the chat's own form is trusted as the chat service is: it
 * could as well be one.) Clients apply the same rule to live messages.
 */
export function historyEntry(pos: string, payload: unknown, via?: 'api'): HistoryEntry {
  const own = via === undefined ? StoredShape.safeParse(payload) : undefined;
  if (own?.success) {
    const { user, text, ts, verified } = own.data;
    return { id: pos, user, text, ts, verified };
  }
  return { id: pos, external: true, ...(via && { via }), payload };
}

/** The first problem zod found, as one short sentence for the client. */
export function problemOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid payload';
}
