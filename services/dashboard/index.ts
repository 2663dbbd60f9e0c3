// Wires the dashboard for the command line (services/registry.ts): the
// dashboard binding (binding.ts) on its bucket of the environment's storage
// (JetStream on NATS, memory shared by the process beside the in-memory bus),
// and the demo feeder.
import { z } from 'zod';
import {
  createBinding,
  type Binding,
  type RunnableService,
  type ServiceEnv,
} from '../sdk/index.ts';
import { dashboardBinding } from './binding.ts';
import { Feeder } from './feeder.ts';
import { BOARD_RE, DEFAULT_LIMITS, type DashboardLimits } from './model.ts';

export { BoardView } from './board-view.ts';
export { Relay } from './relay.ts';
export type * from './model.ts';

export interface DashboardOptions {
  /** The KV bucket; default `<prefix>_dashboard` ('.' in the prefix becomes '_'). */
  bucket?: string;
  /** Changes kept per key (1 to 64). */
  history?: number;
  /** The relay lease's time to live. */
  leaseMs?: number;
  limits?: Partial<DashboardLimits>;
  /** This replica's name in the lease; default host, pid and a random suffix. */
  holder?: string;
}

export interface FeederSettings {
  bucket?: string;
  board?: string;
  intervalMs?: number;
}

export type Dashboard = Binding;

export async function createDashboard(
  env: ServiceEnv,
  opts: DashboardOptions = {},
): Promise<Dashboard> {
  const bucket = opts.bucket ?? defaultBucket(env.prefix);
  return createBinding(env, {
    ...dashboardBinding({ ...DEFAULT_LIMITS, ...opts.limits }),
    bucket,
    history: opts.history ?? 64,
    leaseMs: opts.leaseMs,
    holder: opts.holder,
  });
}

/** The feeder as a runnable "service": it answers no streams, it only writes. */
export async function createFeeder(
  env: ServiceEnv,
  opts: FeederSettings = {},
): Promise<RunnableService & { feeder: Feeder; close(): Promise<void> }> {
  const store = await env.storage.keyValue(opts.bucket ?? defaultBucket(env.prefix), {
    history: 64,
  });
  const feeder = new Feeder({
    store,
    board: opts.board ?? 'ops',
    intervalMs: opts.intervalMs ?? 1000,
    log: env.log.child({ service: 'dashboard-feeder' }),
  });
  feeder.start();
  return {
    feeder,
    close: () => feeder.stop(),
  };
}

const ConfigSchema = z.object({
  MUX_DASHBOARD_BUCKET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-"')
    .optional(),
  MUX_DASHBOARD_HISTORY: z.coerce.number().int().min(1).max(64).default(64),
  MUX_DASHBOARD_LEASE_MS: z.coerce.number().int().min(300).default(3000),
  MUX_DASHBOARD_MAX_VALUE_BYTES: z.coerce
    .number()
    .int()
    .min(16)
    .default(DEFAULT_LIMITS.maxValueBytes),
  MUX_DASHBOARD_FEEDER_BOARD: z.string().regex(BOARD_RE, 'a board name').default('ops'),
  MUX_DASHBOARD_FEEDER_MS: z.coerce.number().int().min(50).default(1000),
});

/** Reads MUX_DASHBOARD_* settings; throws with every problem listed. */
export function dashboardSettings(vars: Record<string, string | undefined> = process.env): {
  dashboard: DashboardOptions;
  feeder: FeederSettings;
} {
  const res = ConfigSchema.safeParse(vars);
  if (!res.success)
    throw new Error(
      `invalid dashboard configuration: ${res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const c = res.data;
  return {
    dashboard: {
      bucket: c.MUX_DASHBOARD_BUCKET,
      history: c.MUX_DASHBOARD_HISTORY,
      leaseMs: c.MUX_DASHBOARD_LEASE_MS,
      limits: { maxValueBytes: c.MUX_DASHBOARD_MAX_VALUE_BYTES },
    },
    feeder: {
      bucket: c.MUX_DASHBOARD_BUCKET,
      board: c.MUX_DASHBOARD_FEEDER_BOARD,
      intervalMs: c.MUX_DASHBOARD_FEEDER_MS,
    },
  };
}

export function defaultBucket(prefix: string): string {
  return `${prefix.replaceAll('.', '_')}_dashboard`;
}
