// A room's recent messages. The chat service stores every message before it
// broadcasts it, and hands the last HISTORY_LIMIT to each joining stream.
// Two stores: JetStreamHistory (history-jetstream.ts) on NATS, shared by every
// chat replica and kept across restarts; MemoryHistory in one process.
import { randomBytes } from 'node:crypto';
import { HISTORY_LIMIT, type ChatMessage } from './messages.ts';

export type NewMessage = Omit<ChatMessage, 'id'>;

/**
 * Contract (test/chat-history.test.ts runs it against both stores):
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

export interface MemoryHistoryOptions {
  /** Rooms kept; the least recently written room is forgotten beyond this. */
  maxRooms?: number;
}

/** History in this process's memory: for `dev` on the in-memory bus and for tests. */
export class MemoryHistory implements History {
  // A Map iterates in insertion order: re-inserting a room on every write
  // keeps the least recently written room first, ready to be evicted.
  readonly #rooms = new Map<string, ChatMessage[]>();
  readonly #maxRooms: number;

  constructor(opts: MemoryHistoryOptions = {}) {
    this.#maxRooms = opts.maxRooms ?? 10_000;
  }

  async append(room: string, msg: NewMessage): Promise<ChatMessage> {
    // Random rather than a counter, so replicas with their own stores never reuse an id.
    const stored: ChatMessage = { id: randomBytes(9).toString('base64url'), ...msg };
    const messages = this.#rooms.get(room) ?? [];
    this.#rooms.delete(room);
    messages.push(stored);
    if (messages.length > HISTORY_LIMIT) messages.splice(0, messages.length - HISTORY_LIMIT);
    this.#rooms.set(room, messages);
    if (this.#rooms.size > this.#maxRooms)
      this.#rooms.delete(this.#rooms.keys().next().value as string);
    return { ...stored };
  }

  async recent(room: string): Promise<ChatMessage[]> {
    return (this.#rooms.get(room) ?? []).map((m) => ({ ...m }));
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }
}
