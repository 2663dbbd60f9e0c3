// Gateway configuration, read from the environment once and validated by zod,
// so a typo in a deployment fails at start with a clear message. Every limit
// has a default here and is documented in docs/configuration.md.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SERVICE_RE } from '../protocol/names.ts';
import { MAX_JSON_DEPTH } from '../protocol/raw-json.ts';
import type { Limits } from '../protocol/server-frames.ts';
import { DEFAULT_PREFIX, isSubjectPrefix } from '../bus/subjects.ts';

const int = (def: number, min = 1) => z.coerce.number().int().min(min).default(def);
const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** A route is a service name, optionally marked `=auth` (only authenticated connections may join). */
export interface Route {
  readonly service: string;
  readonly requireAuth: boolean;
}

// No default services: which services exist is the command line's knowledge
// (services/registry.ts), and it passes them as the default (cli/settings.ts).
const routes = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const out = new Map<string, Route>();
    for (const item of s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [service = '', flag] = item.split('=');
      if (!SERVICE_RE.test(service) || (flag !== undefined && flag !== 'auth')) {
        ctx.addIssue({ code: 'custom', message: `bad route "${item}": want name or name=auth` });
        return z.NEVER;
      }
      out.set(service, { service, requireAuth: flag === 'auth' });
    }
    return out;
  });

export const GatewayConfigSchema = z.object({
  PORT: int(8080, 0),
  HOST: z.string().default('0.0.0.0'),
  MUX_PREFIX: z
    .string()
    .refine(isSubjectPrefix, 'a NATS subject prefix without wildcards')
    .default(DEFAULT_PREFIX),
  MUX_GATEWAY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-"')
    .default(() => `gw-${randomBytes(5).toString('hex')}`),
  MUX_ROUTES: routes,
  MUX_MAX_FRAME_BYTES: int(64 * 1024, 64),
  MUX_MAX_STREAMS: int(128),
  // Generous on purpose: it stops a runaway client, never a real app or a
  // closed-loop benchmark client (several thousand round trips a second).
  MUX_RATE_PER_SECOND: int(10_000),
  MUX_RATE_BURST: int(20_000),
  // Bytes of client frames a connection may send: what one connection can
  // make the gateway forward (and its services answer) per second.
  MUX_RATE_BYTES_PER_SECOND: int(256 * 1024, 1024),
  MUX_RATE_BYTES_BURST: int(1024 * 1024, 1024),
  MUX_JOIN_TIMEOUT_MS: int(5000),
  // Below the client library's own 10 s, so the gateway's verdict comes first.
  MUX_MSG_TIMEOUT_MS: int(8000, 10),
  MUX_HEARTBEAT_MS: int(30_000, 10),
  MUX_MAX_BUFFERED_BYTES: int(1024 * 1024, 1024),
  /** Bytes a client may send before the broker confirms what they made the gateway publish. */
  MUX_MAX_INFLIGHT_BYTES: int(256 * 1024, 1024),
  /** Frames a service may send to a stream before its `joined` went out. */
  MUX_MAX_PENDING_FRAMES: int(4096, 1),
  MUX_DRAIN_TIMEOUT_MS: int(10_000, 0),
  /** Time without the bus after which client sockets close with 1012 (0: never). */
  MUX_BUS_LOSS_CLOSE_MS: int(10_000, 0),
  /** Time a TCP connection has to send its first request (the WebSocket upgrade). */
  MUX_HANDSHAKE_TIMEOUT_MS: int(10_000, 10),
  /** TCP connections that may wait for their first request at once. */
  MUX_MAX_PENDING_HANDSHAKES: int(1024, 1),
  MUX_MAX_JSON_DEPTH: int(MAX_JSON_DEPTH, 2),
  /** §4.5: how long a long poll waits for a frame before it is answered `[]`. */
  MUX_POLL_TIMEOUT_MS: int(25_000, 10),
  /** §4.5: the largest body of a `POST /v1/send` (a JSON array of frames). */
  MUX_HTTP_MAX_BODY_BYTES: int(1024 * 1024, 64),
  /** §4.5: sends of one connection that may wait to be read at once; more are 429. */
  MUX_HTTP_MAX_PENDING_SENDS: int(16, 1),
  /** Allowed Origin headers; empty allows any origin (development). */
  MUX_ALLOWED_ORIGINS: list,
  /** HS256 shared secret; enables JWT verification. */
  MUX_JWT_SECRET: z.string().optional(),
  /** PEM public key (RSA or EC); enables JWT verification. */
  MUX_JWT_PUBLIC_KEY: z.string().optional(),
  MUX_JWT_ISSUER: z.string().optional(),
  MUX_JWT_AUDIENCE: z.string().optional(),
  /** Refuse tokens without `exp`; on by default whenever tokens are verified (`dev` turns it off). */
  MUX_JWT_REQUIRE_EXP: z.stringbool().optional(),
  /** How far ahead of ours an issuer's clock may be: `iat` and `nbf` may lie this far in the future. */
  MUX_JWT_CLOCK_SKEW_MS: int(30_000, 0),
  /** required: no token, no socket. optional: anonymous allowed, a bad token still refused. */
  MUX_AUTH: z.enum(['off', 'optional', 'required']).optional(),
  /** Bearer keys for the HTTP publish API; empty disables the API. */
  MUX_API_KEYS: list,
  /** Development only: GET /dev/token signs a JWT for any subject with MUX_JWT_SECRET. */
  MUX_DEV_TOKENS: z.stringbool().default(false),
  /** A client frame's `traceparent` parents the gateway's span; off, every frame starts a trace. */
  MUX_CLIENT_TRACEPARENT: z.stringbool().default(true),
  /** Presence (§4.3): one `presence_diff` per group per this at most; the protocol's 100 ms is the floor. */
  MUX_PRESENCE_FLUSH_MS: int(100, 100),
  /** One bus diff per group per this at most, from each gateway (gateway to gateway: below 100 ms keeps diffs quick). */
  MUX_PRESENCE_ANNOUNCE_MS: int(25, 1),
  /** Members listed in a `presence` answer; `count` stays exact beyond. */
  MUX_PRESENCE_MAX_MEMBERS: int(1000, 1),
  /** How often each gateway announces its whole presence membership again. */
  MUX_PRESENCE_SYNC_MS: int(30_000, 100),
  /** §4.9: the service asked at connect for server-opened streams; unset, none are. */
  MUX_CONNECT_SERVICE: z
    .string()
    .regex(SERVICE_RE, 'a service name')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How long a new connection waits for the connect service before it goes on without. */
  MUX_CONNECT_TIMEOUT_MS: int(2000, 10),
  /** permessage-deflate (RFC 7692) with clients that offer it; off by default (memory per connection). */
  MUX_DEFLATE: z.stringbool().default(false),
  /** Frames smaller than this many bytes go uncompressed. */
  MUX_DEFLATE_THRESHOLD: int(1024, 0),
  /** LZ77 window, both ways: 2^bits bytes. A client that cannot be held to it gets no compression. */
  MUX_DEFLATE_WINDOW_BITS: int(12, 9).pipe(z.number().max(15)),
  /** zlib's memLevel for compressing (1 to 9): 2^(level + 9) bytes of state. */
  MUX_DEFLATE_MEM_LEVEL: int(5, 1).pipe(z.number().max(9)),
  /** Compressions and decompressions the gateway runs at once, across every connection. */
  MUX_DEFLATE_CONCURRENCY: int(10, 1),
});

export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;
type Parsed = z.output<typeof GatewayConfigSchema>;

export interface GatewayConfig {
  port: number;
  host: string;
  prefix: string;
  gatewayId: string;
  routes: ReadonlyMap<string, Route>;
  maxFrameBytes: number;
  maxStreams: number;
  ratePerSecond: number;
  rateBurst: number;
  /** Bytes of client frames per second, sustained… */
  rateBytesPerSecond: number;
  /** …and at once; never below maxFrameBytes, so a frame at the size limit can pass. */
  rateBytesBurst: number;
  joinTimeoutMs: number;
  /** A `msg` with `ref` not answered within this gets `timeout`. */
  msgTimeoutMs: number;
  heartbeatMs: number;
  maxBufferedBytes: number;
  /** Bytes read from a client that the broker has not confirmed yet (a flush), at most; never over maxBufferedBytes / 2. */
  maxInflightBytes: number;
  maxPendingFrames: number;
  drainTimeoutMs: number;
  busLossCloseMs: number;
  handshakeTimeoutMs: number;
  maxPendingHandshakes: number;
  /** Nesting a frame (or a publish API body) may have, the outer object included. */
  maxJsonDepth: number;
  /** §4.5: a long poll's wait for a frame. */
  pollTimeoutMs: number;
  /** §4.5: a send's body at most; never below maxFrameBytes. */
  httpMaxBodyBytes: number;
  /** §4.5: sends of one connection waiting to be read, at most. */
  httpMaxPendingSends: number;
  allowedOrigins: readonly string[];
  auth: {
    mode: 'off' | 'optional' | 'required';
    secret: string | undefined;
    publicKey: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Tokens without `exp` are refused (at the upgrade and in `refresh`). */
    requireExp: boolean;
    /** Milliseconds `iat` and `nbf` may lie in the future; `exp` gets none. */
    clockSkewMs: number;
  };
  apiKeys: readonly string[];
  devTokens: boolean;
  /** Whether a client's `traceparent` (1.1, muxgate's addition) is taken as the parent of its frame's span. */
  clientTraceparent: boolean;
  /** Presence (§4.3): diff pace, the answer's cut, the full resync's period. */
  presence: { flushMs: number; announceMs: number; maxMembers: number; syncMs: number };
  /** §4.9: the connect service, when there is one. */
  connectService: string | undefined;
  /** How long a connection's frames wait for the connect service's answer, at most. */
  connectTimeoutMs: number;
  /** permessage-deflate; undefined when off. */
  deflate:
    { threshold: number; windowBits: number; memLevel: number; concurrency: number } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the config from environment-style variables; throws ConfigError with every problem listed. */
export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const res = GatewayConfigSchema.safeParse(env);
  if (!res.success) {
    const problems = res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid gateway configuration: ${problems}`);
  }
  return fromParsed(res.data);
}

function fromParsed(c: Parsed): GatewayConfig {
  const keyed = Boolean(c.MUX_JWT_SECRET || c.MUX_JWT_PUBLIC_KEY);
  const mode = c.MUX_AUTH ?? (keyed ? 'required' : 'off');
  if (mode !== 'off' && !keyed)
    throw new ConfigError(`MUX_AUTH=${mode} needs MUX_JWT_SECRET or MUX_JWT_PUBLIC_KEY`);
  if (c.MUX_DEV_TOKENS && !c.MUX_JWT_SECRET)
    throw new ConfigError('MUX_DEV_TOKENS needs MUX_JWT_SECRET');
  if (c.MUX_RATE_BYTES_BURST < c.MUX_MAX_FRAME_BYTES)
    throw new ConfigError(
      `MUX_RATE_BYTES_BURST (${c.MUX_RATE_BYTES_BURST}) must be at least MUX_MAX_FRAME_BYTES (${c.MUX_MAX_FRAME_BYTES}): a frame at the size limit could never pass`,
    );
  return {
    port: c.PORT,
    host: c.HOST,
    prefix: c.MUX_PREFIX,
    gatewayId: c.MUX_GATEWAY_ID,
    routes: c.MUX_ROUTES,
    maxFrameBytes: c.MUX_MAX_FRAME_BYTES,
    maxStreams: c.MUX_MAX_STREAMS,
    ratePerSecond: c.MUX_RATE_PER_SECOND,
    rateBurst: c.MUX_RATE_BURST,
    rateBytesPerSecond: c.MUX_RATE_BYTES_PER_SECOND,
    rateBytesBurst: c.MUX_RATE_BYTES_BURST,
    joinTimeoutMs: c.MUX_JOIN_TIMEOUT_MS,
    msgTimeoutMs: c.MUX_MSG_TIMEOUT_MS,
    heartbeatMs: c.MUX_HEARTBEAT_MS,
    maxBufferedBytes: c.MUX_MAX_BUFFERED_BYTES,
    // Half the outbound limit at most: the answers to what is in flight
    // when reading stops must fit under it (docs/configuration.md).
    maxInflightBytes: Math.min(c.MUX_MAX_INFLIGHT_BYTES, Math.floor(c.MUX_MAX_BUFFERED_BYTES / 2)),
    maxPendingFrames: c.MUX_MAX_PENDING_FRAMES,
    drainTimeoutMs: c.MUX_DRAIN_TIMEOUT_MS,
    busLossCloseMs: c.MUX_BUS_LOSS_CLOSE_MS,
    handshakeTimeoutMs: c.MUX_HANDSHAKE_TIMEOUT_MS,
    maxPendingHandshakes: c.MUX_MAX_PENDING_HANDSHAKES,
    maxJsonDepth: c.MUX_MAX_JSON_DEPTH,
    pollTimeoutMs: c.MUX_POLL_TIMEOUT_MS,
    // A body holds at least one frame at the size limit (and the array's brackets).
    httpMaxPendingSends: c.MUX_HTTP_MAX_PENDING_SENDS,
    httpMaxBodyBytes: Math.max(c.MUX_HTTP_MAX_BODY_BYTES, c.MUX_MAX_FRAME_BYTES + 2),
    allowedOrigins: c.MUX_ALLOWED_ORIGINS,
    auth: {
      mode,
      secret: c.MUX_JWT_SECRET,
      publicKey: c.MUX_JWT_PUBLIC_KEY,
      issuer: c.MUX_JWT_ISSUER,
      audience: c.MUX_JWT_AUDIENCE,
      requireExp: c.MUX_JWT_REQUIRE_EXP ?? true,
      clockSkewMs: c.MUX_JWT_CLOCK_SKEW_MS,
    },
    apiKeys: c.MUX_API_KEYS,
    devTokens: c.MUX_DEV_TOKENS,
    clientTraceparent: c.MUX_CLIENT_TRACEPARENT,
    presence: {
      flushMs: c.MUX_PRESENCE_FLUSH_MS,
      announceMs: c.MUX_PRESENCE_ANNOUNCE_MS,
      maxMembers: c.MUX_PRESENCE_MAX_MEMBERS,
      syncMs: c.MUX_PRESENCE_SYNC_MS,
    },
    connectService: c.MUX_CONNECT_SERVICE,
    connectTimeoutMs: c.MUX_CONNECT_TIMEOUT_MS,
    deflate: c.MUX_DEFLATE
      ? {
          threshold: c.MUX_DEFLATE_THRESHOLD,
          windowBits: c.MUX_DEFLATE_WINDOW_BITS,
          memLevel: c.MUX_DEFLATE_MEM_LEVEL,
          concurrency: c.MUX_DEFLATE_CONCURRENCY,
        }
      : undefined,
  };
}

/** What `welcome.limits` tells each client of this configuration. */
export function limitsOf(config: GatewayConfig): Limits {
  return {
    max_frame_bytes: config.maxFrameBytes,
    max_streams: config.maxStreams,
    rate_per_second: config.ratePerSecond,
    rate_burst: config.rateBurst,
    msg_timeout_ms: config.msgTimeoutMs,
  };
}
