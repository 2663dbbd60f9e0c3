// The services the command line can run, by name. A factory may open its own
// storage (JetStream on NATS, memory otherwise) before the service starts.
import type { Bus } from '../bus/bus.ts';
import { NatsBus } from '../bus/nats.ts';
import type { Logger } from '../lib/log.ts';
import { chatService, JetStreamHistory, MemoryHistory } from './chat/index.ts';
import { createDashboard, createFeeder, dashboardSettings } from './dashboard/index.ts';
import { echoService } from './echo/echo.ts';
import type { ServiceDefinition } from './sdk/index.ts';

export interface ServiceEnv {
  bus: Bus;
  log: Logger;
  prefix: string;
}

export interface RunnableService {
  /** The streams it serves; absent for a worker that only writes data (the dashboard feeder). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each service has its own state type
  definition?: ServiceDefinition<any>;
  /** Extra work a service does beside its handlers (watchers, feeders); stopped on drain. */
  close?(): Promise<void>;
}

/** Registered for `dev` and demos, and not deployed to production (deploy/ leaves them out). */
export const DEV_ONLY_SERVICES: ReadonlySet<string> = new Set(['dashboard-feeder']);

export const SERVICES: Record<string, (env: ServiceEnv) => Promise<RunnableService>> = {
  echo: async () => ({ definition: echoService }),
  // On NATS every chat replica shares one JetStream history that outlives
  // restarts; on the in-memory bus the history lives and dies with the process.
  chat: async ({ bus, log, prefix }) => {
    const history =
      bus instanceof NatsBus
        ? await JetStreamHistory.open(bus.connection, { prefix })
        : new MemoryHistory();
    return { definition: chatService({ history, log }), close: () => history.close() };
  },
  dashboard: (env) => createDashboard(env, dashboardSettings().dashboard),
  // Demo data for the `ops` board; `dev` runs it, production does not need it.
  'dashboard-feeder': (env) => createFeeder(env, dashboardSettings().feeder),
};
