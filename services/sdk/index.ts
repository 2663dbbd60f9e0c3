// The services SDK: everything a muxgate service imports.
export { accept, defineService, refuse, ServiceRunner } from './service.ts';
export type { JoinDecision, RunOptions, ServiceDefinition } from './service.ts';
export { StreamContext, type Scope } from './context.ts';
export { InvalidNameError, Publisher } from './publisher.ts';
export type { Ref } from '../../protocol/frames.ts';
export { LeaveReason } from '../../protocol/codes.ts';
