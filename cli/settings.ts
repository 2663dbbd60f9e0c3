// The command line's settings, read from the environment by one loader and
// validated by zod as the gateway's are (gateway/config.ts), so every command
// agrees on the NATS servers and the subject prefix, and a typo fails at
// start with a clear message.
import { z } from 'zod';
import { DEFAULT_PREFIX, isSubjectPrefix } from '../bus/subjects.ts';
import { loadGatewayConfig, type GatewayConfig } from '../gateway/config.ts';
import { ROUTED_SERVICES } from '../services/registry.ts';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export const CliSettingsSchema = z.object({
  /** One URL or several, comma-separated; unset (or empty), `dev` runs on the in-memory bus. */
  NATS_URL: z
    .string()
    .trim()
    .optional()
    .transform((s) => s || undefined),
  MUX_PREFIX: z
    .string()
    .refine(isSubjectPrefix, 'a NATS subject prefix without wildcards')
    .default(DEFAULT_PREFIX),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface CliSettings {
  /** NATS_URL as given; undefined when unset. */
  natsUrl: string | undefined;
  /** The servers a command that needs NATS connects to: NATS_URL, or the local default. */
  natsServers: string;
  prefix: string;
  logLevel: string;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads the settings every command shares; throws SettingsError with every problem listed. */
export function loadCliSettings(
  env: Record<string, string | undefined> = process.env,
): CliSettings {
  const res = CliSettingsSchema.safeParse(env);
  if (!res.success) {
    const problems = res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SettingsError(`invalid configuration: ${problems}`);
  }
  const c = res.data;
  return {
    natsUrl: c.NATS_URL,
    natsServers: c.NATS_URL ?? DEFAULT_NATS_URL,
    prefix: c.MUX_PREFIX,
    logLevel: c.LOG_LEVEL,
  };
}

/**
 * The gateway's configuration as the command line runs it. Routes default to
 * every registered service that answers streams, so the registry is the one
 * list of service names; MUX_ROUTES still overrides it (e.g. `chat=auth`).
 * `dev` also signs in the demo page's users with a built-in secret.
 */
export function cliGatewayConfig(
  env: Record<string, string | undefined> = process.env,
  opts: { dev?: boolean } = {},
): GatewayConfig {
  return loadGatewayConfig({
    MUX_ROUTES: ROUTED_SERVICES.join(','),
    ...(opts.dev && DEV_GATEWAY),
    ...env,
  });
}

// The demo page signs in as a named user through /dev/token, so chat names
// and dashboard writes work out of the box. Never set these in production.
const DEV_GATEWAY = {
  MUX_JWT_SECRET: 'muxgate-dev-only-secret',
  MUX_AUTH: 'optional',
  MUX_DEV_TOKENS: 'true',
  // Tokens a developer brings from elsewhere often have no `exp`; /dev/token's have one.
  MUX_JWT_REQUIRE_EXP: 'false',
};
