// The services the command line can run, by name. Each factory gets its
// environment (bus, storage, logger, prefix) from cli/main.ts, which chose
// the infrastructure; no service asks which bus or storage it got.
import { createChat } from './chat/index.ts';
import { createDashboard, createFeeder, dashboardSettings } from './dashboard/index.ts';
import { createEcho } from './echo/index.ts';
import { createInventory } from './inventory/index.ts';
import { createNotifications } from './notifications/index.ts';
import type { ServiceFactory } from './sdk/index.ts';

/** Registered for `dev` and demos, and not deployed to production (deploy/ leaves them out). */
export const DEV_ONLY_SERVICES: ReadonlySet<string> = new Set(['dashboard-feeder']);

/** Workers answer no streams (the feeder only writes data), so no route leads to them. */
export const WORKERS: ReadonlySet<string> = new Set(['dashboard-feeder']);

export const SERVICES: Readonly<Record<string, ServiceFactory>> = {
  echo: createEcho,
  chat: createChat,
  dashboard: (env) => createDashboard(env, dashboardSettings().dashboard),
  // Demo data for the `ops` board; `dev` runs it, production does not need it.
  'dashboard-feeder': (env) => createFeeder(env, dashboardSettings().feeder),
  // The connect service of §4.9: a gateway opens its stream when MUX_CONNECT_SERVICE=notifications.
  notifications: createNotifications,
  // A binding of a bucket written from outside (`muxgate kv put`), for the demo page.
  inventory: createInventory,
};

/** The services clients can join: the gateway's routes unless MUX_ROUTES says otherwise. */
export const ROUTED_SERVICES: readonly string[] = Object.keys(SERVICES).filter(
  (name) => !WORKERS.has(name),
);
