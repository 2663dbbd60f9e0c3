// The chat service's public surface and its factory for the command line.
import type { RunnableService, ServiceEnv } from '../sdk/index.ts';
import { ChatHistory } from './history.ts';
import { chatService } from './service.ts';

export { chatService, type ChatOptions, type ChatState } from './service.ts';
export { ChatHistory, chatStreamName, type History, type NewMessage } from './history.ts';
export * from './messages.ts';
export { roomGroup, roomKey } from './rooms.ts';

/**
 * Chat with its history in the environment's storage: on NATS every replica
 * shares one JetStream history that outlives restarts; beside the in-memory
 * bus the history lives and dies with the process.
 */
export async function createChat(env: ServiceEnv): Promise<RunnableService> {
  const history = await ChatHistory.open(env.storage, env.prefix);
  return { definition: chatService({ history, log: env.log }), close: () => history.close() };
}
