// The services the command line can run, by name. A factory may open its own
// storage (JetStream on NATS, memory otherwise) before the service starts.
import type { Bus } from '../bus/bus.ts';
import type { Logger } from '../lib/log.ts';
import { createDashboard, createFeeder, dashboardSettings } from './dashboard/index.ts';
import { echoService } from './echo/echo.ts';
import type { ServiceDefinition } from './sdk/index.ts';

export interface ServiceEnv {
  bus: Bus;
  log: Logger;
  prefix: string;
}

export interface RunnableService {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service has its own state type
  definition: ServiceDefinition<any>;
  /** Extra work a service does beside its handlers (watchers, feeders); stopped on drain. */
  close?(): Promise<void>;
}

export const SERVICES: Record<string, (env: ServiceEnv) => Promise<RunnableService>> = {
  echo: async () => ({ definition: echoService }),
  dashboard: (env) => createDashboard(env, dashboardSettings().dashboard),
  // Demo data for the `ops` board; `dev` runs it, production does not need it.
  'dashboard-feeder': (env) => createFeeder(env, dashboardSettings().feeder),
};
