// What a service gets from whoever runs it (the command line, a test): the
// seam between a service's code and the infrastructure chosen at the root.
import type { Bus } from '../../bus/bus.ts';
import type { Logger } from '../../lib/log.ts';
import type { ServiceDefinition } from './definition.ts';
import type { Storage } from './storage/storage.ts';

export interface ServiceEnv {
  /** The service's own connection to the bus; the runner drains it. */
  bus: Bus;
  /** Where the service keeps state: JetStream beside a NatsBus, memory beside the in-memory bus. */
  storage: Storage;
  log: Logger;
  /** The deployment's subject prefix (MUX_PREFIX). */
  prefix: string;
}

export interface RunnableService {
  /** The streams it serves; absent for a worker that only writes data (the dashboard feeder). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service has its own state type
  definition?: ServiceDefinition<any>;
  /** Extra work a service does beside its handlers (watchers, feeders); stopped on drain. */
  close?(): Promise<void>;
}

/** Builds a service in its environment: opens its storage, starts its background work. */
export type ServiceFactory = (env: ServiceEnv) => Promise<RunnableService>;
