// Data binding: a KV bucket bound to a stream name (docs/services.md "Bindings").
export {
  bindingActions,
  bindingService,
  busGroupOf,
  createBinding,
  type Binding,
  type BindingDeclaration,
  type CustomAction,
} from './binding.ts';
export {
  ActionError,
  BindingActions,
  type BindingOp,
  type Permission,
  type Permissions,
} from './actions.ts';
export {
  byPrefix,
  eachKey,
  groupKeys,
  groupValues,
  underPrefix,
  wholeBucket,
  type KeyGroups,
} from './keys.ts';
export { Lease, type LeaseOptions } from './lease.ts';
export {
  BindingError,
  bindingActionSchema,
  DEFAULT_BINDING_LIMITS,
  type ActionReply,
  type BindingAction,
  type BindingEvent,
  type BindingLimits,
  type SyncChange,
  type SyncResult,
} from './model.ts';
export { BindingRelay, toBindingEvent, unseen, type Seen } from './relay.ts';
