// The chat service's public surface and its factory for the command line.
import type { ServiceFactory } from '../sdk/index.ts';
import { chatService } from './service.ts';

export { chatService, type ChatOptions, type ChatState } from './service.ts';
export * from './messages.ts';
export { noticeGroup, roomGroup, roomKey } from './rooms.ts';

/**
 * Chat keeps its rooms in durable groups, which the broker stores (JetStream
 * on NATS, shared by every replica and kept across restarts; memory beside
 * the in-memory bus): its factory only hands over the definition.
 */
export const createChat: ServiceFactory = async (env) => ({
  definition: chatService({ log: env.log }),
});
