// The dashboard service: the dashboard binding (binding.ts) on an open store.
// Joining `dashboard:<board>` answers with a snapshot of the board and puts
// the stream in the board's group, where the relay publishes every change.
import type { Logger } from '../../lib/log.ts';
import { bindingService, type KvStore, type ServiceDefinition } from '../sdk/index.ts';
import { dashboardBinding } from './binding.ts';
import type { DashboardLimits } from './model.ts';

export interface DashboardServiceDeps {
  store: KvStore;
  limits: DashboardLimits;
  log: Logger;
}

export function dashboardService(d: DashboardServiceDeps): ServiceDefinition {
  return bindingService({ ...dashboardBinding(d.limits), bucket: '' }, d.store, d.log);
}
