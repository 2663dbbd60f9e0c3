// The chat service's public surface.
export { chatService, type ChatOptions, type ChatState } from './chat.ts';
export { MemoryHistory, type History, type NewMessage } from './history.ts';
export { chatStreamName, JetStreamHistory } from './history-jetstream.ts';
export * from './messages.ts';
export { roomGroup, roomKey } from './rooms.ts';
