// The services SDK: everything a muxgate service imports.
export { ServiceRunner, type RunOptions } from './service.ts';
export { accept, defineService, refuse } from './definition.ts';
export type {
  Acceptance,
  DurableGroups,
  JoinDecision,
  ServiceDefinition,
  SnapshotDecision,
} from './definition.ts';
export type { RunnableService, ServiceEnv, ServiceFactory } from './env.ts';
export { StreamContext, type Scope } from './context.ts';
export { ConnectContext, type OpenStream } from './connect.ts';
export { DEFAULT_DEADLINE_SKEW_MS } from './deadline.ts';
export { ServiceMetrics, type WorkKind } from './metrics.ts';
export { RawJson } from '../../protocol/json.ts';
export {
  InvalidNameError,
  Publisher,
  type DurableMessage,
  type DurableSnapshot,
} from './publisher.ts';
export type { KvOptions, Storage } from './storage/storage.ts';
export { JetStreamStorage, type JetStreamStorageOptions } from './storage/jetstream.ts';
export { HealthServer, type HealthOptions, type Readiness } from './health.ts';
export { MemoryStorage } from './storage/memory.ts';
export {
  ConflictError,
  InvalidKeyError,
  type Change,
  type ChangeLog,
  type Entry,
  type Json,
  type KeyList,
  type KvStore,
  type Snapshot,
  type Watch,
  type WriteOptions,
  type WriteResult,
} from './storage/kv.ts';
export type { Ref } from '../../protocol/frames.ts';
export { LeaveReason } from '../../protocol/codes.ts';
export * from './binding/index.ts';
