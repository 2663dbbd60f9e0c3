// The command line's settings, read from the environment by one loader and
// validated by zod as the gateway's are (gateway/config.ts), so every command
// agrees on the NATS servers and the subject prefix, and a typo fails at
// start with a clear message. NATS credentials and TLS files are read here
// too, so the gateway, the services, `publish` and `dev` all connect the same
// way; no message ever quotes a password, token or seed.
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import {
  natsConnectionSetup,
  nkeySeedProblem,
  redactUrl,
  type NatsAuth,
  type NatsConnectionSetup,
} from '../bus/nats-auth.ts';
import { DIRECT_READ_DEFAULTS, type DirectReadOptions } from '../bus/direct-read.ts';
import { NATS_LIVENESS_DEFAULTS, type NatsLiveness } from '../bus/nats.ts';
import { DEFAULT_PREFIX, isSubjectPrefix } from '../bus/subjects.ts';
import { loadGatewayConfig, type GatewayConfig } from '../gateway/config.ts';
import { ROUTED_SERVICES } from '../services/registry.ts';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

// Spaces stay (a password may have them); a trailing newline, which
// `kubectl create secret --from-file` keeps from the file, goes.
const secret = z
  .string()
  .optional()
  .transform((s) => s?.replace(/\r?\n$/, '') || undefined);
const file = z
  .string()
  .trim()
  .optional()
  .transform((s) => s || undefined);

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
  // Secured NATS (docs/configuration.md). Empty counts as unset, as Kubernetes
  // writes optional keys.
  NATS_USER: secret,
  NATS_PASSWORD: secret,
  NATS_TOKEN: secret,
  NATS_NKEY_SEED: secret.refine(
    (s) => s === undefined || !nkeySeedProblem(s.trim()),
    'not a user NKey seed (SU…, as `nsc` or `nk -gen user` print it)',
  ),
  NATS_NKEY_FILE: file,
  NATS_CREDS: file,
  NATS_TLS_CA: file,
  NATS_TLS_CERT: file,
  NATS_TLS_KEY: file,
  /** Unset: `dev` pretty-prints on a terminal, everything else writes JSON lines. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  // How soon a dead or hung NATS server is noticed (bus/nats.ts NatsLiveness).
  NATS_PING_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(NATS_LIVENESS_DEFAULTS.pingIntervalMs),
  NATS_MAX_PINGS_OUT: z.coerce.number().int().min(1).default(NATS_LIVENESS_DEFAULTS.maxPingOut),
  NATS_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(NATS_LIVENESS_DEFAULTS.connectTimeoutMs),
  // How reads of JetStream by direct get wait and retry (bus/direct-read.ts):
  // each attempt, copies of an unanswered one, and one lookup in all.
  NATS_READ_ATTEMPT_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(DIRECT_READ_DEFAULTS.attemptTimeoutMs),
  NATS_READ_HEDGE_MS: z.coerce.number().int().min(1).default(DIRECT_READ_DEFAULTS.hedgeAfterMs),
  NATS_READ_COPIES: z.coerce.number().int().min(1).max(10).default(DIRECT_READ_DEFAULTS.copies),
  // Unset: 5000 ms, or a gateway's MUX_JOIN_TIMEOUT_MS when that is shorter (gatewayReads).
  NATS_READ_BUDGET_MS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(100).optional(),
  ),
  /**
   * Copies JetStream keeps of everything muxgate stores (durable groups' streams,
   * KV buckets) when it creates them: 1 in dev, 3 on a cluster.
   */
  MUX_JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** How far a service's clock may run ahead of the gateways' before it drops work as late. */
  MUX_DEADLINE_SKEW_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** `service`: the port of its /healthz and /readyz (Kubernetes probes); unset or empty, none. */
  MUX_HEALTH_PORT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(65535).optional(),
  ),
});

/** The variables that name files the CLI reads; checked for readability at start. */
const FILE_VARS = [
  'NATS_NKEY_FILE',
  'NATS_CREDS',
  'NATS_TLS_CA',
  'NATS_TLS_CERT',
  'NATS_TLS_KEY',
] as const;

export interface CliSettings {
  /** NATS_URL without the credentials it may carry (safe to log); undefined when unset. */
  natsUrl: string | undefined;
  /** The servers a command that needs NATS connects to: NATS_URL, or the local default; without credentials. */
  natsServers: string;
  /** Credentials (from NATS_URL or the NATS_* variables) and TLS files; pass with natsServers. */
  natsAuth: NatsAuth;
  prefix: string;
  logLevel: string;
  /** LOG_FORMAT as given; undefined lets the command choose. */
  logFormat: 'json' | 'pretty' | undefined;
  /** MUX_JETSTREAM_REPLICAS. */
  replicas: number;
  /** NATS_PING_INTERVAL_MS, NATS_MAX_PINGS_OUT, NATS_CONNECT_TIMEOUT_MS. */
  natsLiveness: NatsLiveness;
  /** NATS_READ_ATTEMPT_MS, NATS_READ_HEDGE_MS, NATS_READ_COPIES, NATS_READ_BUDGET_MS. */
  natsReads: Required<Pick<DirectReadOptions, 'attemptTimeoutMs' | 'hedgeAfterMs' | 'copies'>> &
    Pick<DirectReadOptions, 'budgetMs'>;
  /** MUX_DEADLINE_SKEW_MS. */
  deadlineSkewMs: number;
  /** MUX_HEALTH_PORT; undefined: a service opens no health port. */
  healthPort: number | undefined;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads the settings every command shares; throws SettingsError with every problem listed. */
export function loadCliSettings(
  env: Record<string, string | undefined> = process.env,
): CliSettings {
  const res = CliSettingsSchema.safeParse(env);
  const fail = (problems: string[]): never => {
    throw new SettingsError(`invalid configuration: ${problems.join('; ')}`);
  };
  if (!res.success) return fail(res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const c = res.data;
  const problems: string[] = [];
  for (const name of FILE_VARS) {
    const path = c[name];
    if (path === undefined) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch (err) {
      problems.push(`${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
    }
  }
  const pairs: [keyof typeof c, keyof typeof c][] = [
    ['NATS_USER', 'NATS_PASSWORD'],
    ['NATS_TLS_CERT', 'NATS_TLS_KEY'],
  ];
  for (const [a, b] of pairs)
    if ((c[a] === undefined) !== (c[b] === undefined)) problems.push(`${a} and ${b} go together`);
  if (c.NATS_NKEY_SEED && c.NATS_NKEY_FILE)
    problems.push('NATS_NKEY_SEED and NATS_NKEY_FILE: set one');
  const methods = [
    c.NATS_USER !== undefined && 'NATS_USER/NATS_PASSWORD',
    c.NATS_TOKEN !== undefined && 'NATS_TOKEN',
    (c.NATS_NKEY_SEED ?? c.NATS_NKEY_FILE) !== undefined && 'NATS_NKEY_SEED/NATS_NKEY_FILE',
    c.NATS_CREDS !== undefined && 'NATS_CREDS',
  ].filter((m): m is string => !!m);
  if (methods.length > 1)
    problems.push(`${methods.join(', ')}: one way to authenticate to NATS, set one`);
  if (c.NATS_READ_HEDGE_MS >= c.NATS_READ_ATTEMPT_MS)
    problems.push(
      'NATS_READ_HEDGE_MS must be under NATS_READ_ATTEMPT_MS (a hedge comes before a retry)',
    );
  if (c.NATS_READ_ATTEMPT_MS > (c.NATS_READ_BUDGET_MS ?? DIRECT_READ_DEFAULTS.budgetMs))
    problems.push('NATS_READ_ATTEMPT_MS must not exceed NATS_READ_BUDGET_MS');
  if (problems.length) fail(problems);

  const natsAuth: NatsAuth = {
    ...(c.NATS_USER !== undefined && { user: c.NATS_USER, pass: c.NATS_PASSWORD }),
    ...(c.NATS_TOKEN !== undefined && { token: c.NATS_TOKEN }),
    ...(c.NATS_NKEY_SEED !== undefined && { nkeySeed: c.NATS_NKEY_SEED.trim() }),
    ...(c.NATS_NKEY_FILE !== undefined && { nkeyFile: c.NATS_NKEY_FILE }),
    ...(c.NATS_CREDS !== undefined && { credsFile: c.NATS_CREDS }),
  };
  if (c.NATS_TLS_CA || c.NATS_TLS_CERT)
    natsAuth.tls = {
      ...(c.NATS_TLS_CA && { caFile: c.NATS_TLS_CA }),
      ...(c.NATS_TLS_CERT && { certFile: c.NATS_TLS_CERT, keyFile: c.NATS_TLS_KEY }),
    };
  // Credentials in NATS_URL move into natsAuth, so the URL left is safe to print.
  const servers = c.NATS_URL ?? DEFAULT_NATS_URL;
  let url: NatsConnectionSetup;
  try {
    url = natsConnectionSetup(servers, natsAuth);
  } catch (err) {
    return fail([redactUrl((err as Error).message)]);
  }
  const { user, pass, token } = url.options;
  if (pass !== undefined && natsAuth.pass === undefined) Object.assign(natsAuth, { user, pass });
  if (token !== undefined && natsAuth.token === undefined) natsAuth.token = token;
  return {
    natsUrl: c.NATS_URL === undefined ? undefined : url.display,
    natsServers: url.display,
    natsAuth,
    prefix: c.MUX_PREFIX,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    replicas: c.MUX_JETSTREAM_REPLICAS,
    natsLiveness: {
      pingIntervalMs: c.NATS_PING_INTERVAL_MS,
      maxPingOut: c.NATS_MAX_PINGS_OUT,
      connectTimeoutMs: c.NATS_CONNECT_TIMEOUT_MS,
    },
    natsReads: {
      attemptTimeoutMs: c.NATS_READ_ATTEMPT_MS,
      hedgeAfterMs: c.NATS_READ_HEDGE_MS,
      copies: c.NATS_READ_COPIES,
      ...(c.NATS_READ_BUDGET_MS !== undefined && { budgetMs: c.NATS_READ_BUDGET_MS }),
    },
    deadlineSkewMs: c.MUX_DEADLINE_SKEW_MS,
    healthPort: c.MUX_HEALTH_PORT,
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
  const merged = { MUX_ROUTES: ROUTED_SERVICES.join(','), ...(opts.dev && DEV_GATEWAY), ...env };
  // An empty HOST would listen on every interface: in dev it counts as unset.
  if (opts.dev && !env.HOST) merged.HOST = DEV_GATEWAY.HOST;
  return loadGatewayConfig(merged);
}

/**
 * The settings a gateway's process runs with: a durable join reads the store
 * before it opens, and a read allowed to take longer than the join would end
 * after the client was told `timeout`. Unset, the read budget is cut to the
 * join timeout; set above it, the configuration is refused.
 */
export function gatewayReads(settings: CliSettings, joinTimeoutMs: number): CliSettings {
  const budget = settings.natsReads.budgetMs;
  if (budget !== undefined && budget > joinTimeoutMs)
    throw new SettingsError(
      `invalid configuration: NATS_READ_BUDGET_MS (${budget}) must not exceed MUX_JOIN_TIMEOUT_MS (${joinTimeoutMs})`,
    );
  const budgetMs = budget ?? Math.min(DIRECT_READ_DEFAULTS.budgetMs, joinTimeoutMs);
  return { ...settings, natsReads: { ...settings.natsReads, budgetMs } };
}

// The demo page signs in as a named user through /dev/token, so chat names
// and dashboard writes work out of the box. Never set these in production.
// Since /dev/token hands write tokens to anyone who asks, dev listens on the
// loopback interface only unless HOST says otherwise.
const DEV_GATEWAY = {
  HOST: '127.0.0.1',
  MUX_JWT_SECRET: 'muxgate-dev-only-secret',
  MUX_AUTH: 'optional',
  MUX_DEV_TOKENS: 'true',
  // Tokens a developer brings from elsewhere often have no `exp`; /dev/token's have one.
  MUX_JWT_REQUIRE_EXP: 'false',
  // The demo page shows the notifications stream the gateway opens at connect (§4.9).
  MUX_CONNECT_SERVICE: 'notifications',
};
