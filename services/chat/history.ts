// A room's recent messages. The chat service stores every message before it
// broadcasts it, and hands the last HISTORY_LIMIT to each joining stream.
// ChatHistory keeps them in the services' Storage history: a JetStream stream
// on NATS, shared by every chat replica and kept across restarts; process
// memory beside the in-memory bus.
import type { History as StoredHistory, Storage } from '../sdk/index.ts';
import { HISTORY_LIMIT, type ChatMessage } from './messages.ts';
import { roomKey } from './rooms.ts';

export type NewMessage = Omit<ChatMessage, 'id'>;

/**
 * Contract (test/system/chat-history.test.ts runs it on both storages):
 * - `append` resolves with the message and its id once it is stored; ids are
 *   unique across every replica that shares the store.
 * - `recent` resolves with the room's last HISTORY_LIMIT messages, oldest
 *   first, in the order they were stored.
 * - Rooms are any stream topic; one room's messages never appear in another's.
 * - Both reject when the store is unreachable; neither drops a message silently.
 */
export interface History {
  append(room: string, msg: NewMessage): Promise<ChatMessage>;
  recent(room: string): Promise<ChatMessage[]>;
  /** Releases what the store holds; the bus connection stays its owner's. */
  close(): Promise<void>;
}

/** `mux` -> `MUX_CHAT`; stream names cannot hold '.', which prefixes may. */
export function chatStreamName(prefix: string): string {
  return `${prefix.replaceAll('.', '_').toUpperCase()}_CHAT`;
}

export class ChatHistory implements History {
  private constructor(private readonly stored: StoredHistory) {}

  /**
   * Opens the deployment's chat history: on NATS the stream chatStreamName(prefix)
   * on subjects `<prefix>.chat.history.<room key>`, one subject per room.
   */
  static async open(storage: Storage, prefix: string): Promise<ChatHistory> {
    return new ChatHistory(
      await storage.history({
        name: chatStreamName(prefix),
        subject: `${prefix}.chat.history`,
        perKey: HISTORY_LIMIT,
      }),
    );
  }

  async append(room: string, msg: NewMessage): Promise<ChatMessage> {
    const stored = { user: msg.user, text: msg.text, ts: msg.ts, verified: msg.verified };
    return { id: await this.stored.append(roomKey(room), stored), ...stored };
  }

  async recent(room: string): Promise<ChatMessage[]> {
    return (await this.stored.recent(roomKey(room))).map(({ id, value }) => {
      const m = value as NewMessage;
      // Messages stored before `verified` existed were never verified.
      return { id, user: m.user, text: m.text, ts: m.ts, verified: m.verified === true };
    });
  }

  close(): Promise<void> {
    return this.stored.close();
  }
}
