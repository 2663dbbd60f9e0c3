// The HTTP side of the gateway: health, readiness, metrics, the publish API
// and the demo page. Thin by design; the WebSocket upgrade is handled beside
// it on the same server (gateway.ts).
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import type { Bus } from '../bus/bus.ts';
import { publishControl, type ControlCommand } from '../bus/control.ts';
import { publishToGroup, VIA_API } from '../bus/groups.ts';
import type { Subjects } from '../bus/subjects.ts';
import { UPGRADE_REQUIRED } from '../protocol/codes.ts';
import { RawJson } from '../protocol/json.ts';
import { CONN_ID_RE, groupNameProblem, MAX_USER_LENGTH, parseStream } from '../protocol/names.ts';
import { scanJsonObject } from '../protocol/raw-json.ts';
import type { Logger } from '../lib/log.ts';
import { checkOrigin, UpgradeRefused } from './auth.ts';
import type { HttpAnswer, HttpConnections } from './http-fallback.ts';
import type { HttpTransport } from './http-transport.ts';
import type { GatewayMetrics } from './metrics.ts';

export interface HttpDeps {
  bus: Bus;
  subjects: Subjects;
  metrics: GatewayMetrics;
  log: Logger;
  /** Nesting a publish API body may have (MUX_MAX_JSON_DEPTH). */
  maxJsonDepth: number;
  apiKeys: readonly string[];
  maxBodyBytes: number;
  /** Directory of the built demo page; undefined serves no page. */
  webRoot: string | undefined;
  isReady(): { ready: boolean; bus: string; draining: boolean };
  /** Runs the upgrade's checks on a plain request (see `GET /ws`); throws UpgradeRefused. */
  probeUpgrade(req: IncomingMessage, url: URL): Promise<unknown>;
  /** The HTTP fallback transports (PROTOCOL.md §4.5). */
  fallback: {
    connections: HttpConnections;
    allowedOrigins: readonly string[];
    /** Opens a connection after the upgrade's checks; throws UpgradeRefused. */
    open(req: IncomingMessage, url: URL): Promise<HttpTransport>;
  };
  /** Development only: signs a token for a subject (see MUX_DEV_TOKENS). */
  devToken: ((sub: string, scope: string) => Promise<string>) | undefined;
}

export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa();
  const router = new Router();

  // Errors are translated once, here: clients see a status and a short
  // message, never a stack trace.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      deps.log.error({ err, path: ctx.path }, 'http handler failed');
      ctx.status = 500;
      ctx.body = { error: 'internal' };
    }
  });

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', (ctx) => {
    const r = deps.isReady();
    ctx.status = r.ready ? 200 : 503;
    ctx.body = { status: r.ready ? 'ready' : 'not ready', bus: r.bus, draining: r.draining };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });

  // `GET /ws` without an upgrade: the verdict the upgrade would get, as
  // JSON a browser can read (it cannot read a refused upgrade's status).
  // 426 means it would be admitted. Any page may read it: it tells nothing
  // the request's own token and Origin do not already decide.
  router.get('/ws', async (ctx) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-store');
    try {
      await deps.probeUpgrade(ctx.req, new URL(ctx.url, 'http://gateway'));
      ctx.status = 426;
      ctx.set('Upgrade', 'websocket');
      ctx.body = { error: UPGRADE_REQUIRED, message: 'admitted: open a WebSocket here' };
    } catch (err) {
      if (!(err instanceof UpgradeRefused)) throw err;
      ctx.status = err.status;
      ctx.body = { error: err.code, message: err.message };
    }
  });

  // The HTTP fallbacks (§4.5): the same connection as a WebSocket's, its
  // frames as SSE events or long-poll answers, the client's by POST.
  const { fallback } = deps;
  const refuse = (ctx: Koa.Context, err: unknown): void => {
    if (!(err instanceof UpgradeRefused)) throw err;
    ctx.status = err.status;
    ctx.body = { error: err.code, message: err.message };
  };
  const answer = (ctx: Koa.Context, a: HttpAnswer): void => {
    ctx.status = a.status;
    if (a.body === undefined) return;
    ctx.type = 'application/json';
    ctx.body = a.body;
  };
  // The secret is the credential of a poll or send; a page of a foreign
  // origin is refused all the same, as at the upgrade.
  const withSession = (ctx: Koa.Context): string | undefined => {
    const session = ctx.query.session;
    checkOrigin(fallback.allowedOrigins, ctx.get('origin') || undefined);
    return typeof session === 'string' ? session : undefined;
  };

  router.get('/v1/sse', async (ctx) => {
    httpTransportHeaders(ctx);
    let transport: HttpTransport;
    try {
      transport = await fallback.open(ctx.req, new URL(ctx.url, 'http://gateway'));
    } catch (err) {
      return refuse(ctx, err);
    }
    ctx.respond = false;
    ctx.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // Proxies that buffer responses (nginx) would hold the events back.
      'X-Accel-Buffering': 'no',
    });
    transport.attachSse(ctx.res);
  });

  router.get('/v1/poll', async (ctx) => {
    httpTransportHeaders(ctx);
    try {
      const session = withSession(ctx);
      if (session === undefined) {
        const t = await fallback.open(ctx.req, new URL(ctx.url, 'http://gateway'));
        return answer(ctx, await fallback.connections.poll(t.secret));
      }
      const gone = new AbortController();
      ctx.res.once('close', () => {
        if (!ctx.res.writableFinished) gone.abort();
      });
      answer(ctx, await fallback.connections.poll(session, gone.signal));
    } catch (err) {
      refuse(ctx, err);
    }
  });

  router.post('/v1/send', async (ctx) => {
    httpTransportHeaders(ctx);
    try {
      const session = withSession(ctx);
      if (session === undefined)
        return answer(ctx, {
          status: 404,
          body: '{"error":"unknown_session","message":"no session"}',
        });
      const body = await readUpTo(ctx.req, fallback.connections.deps.maxBodyBytes + 1);
      answer(ctx, await fallback.connections.send(session, body));
    } catch (err) {
      refuse(ctx, err);
    }
  });

  // muxgate's addition: what a WebSocket's close frame says, so the
  // connection's streams leave now rather than after the idle limit.
  router.post('/v1/close', async (ctx) => {
    httpTransportHeaders(ctx);
    try {
      const session = withSession(ctx);
      answer(ctx, session === undefined ? NO_SESSION : await fallback.connections.close(session));
    } catch (err) {
      refuse(ctx, err);
    }
  });

  const requireKey: Koa.Middleware = async (ctx, next) => {
    if (validKey(deps.apiKeys, ctx.get('authorization'))) return next();
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer');
    ctx.body = { error: 'unauthorized', message: 'a valid API key is required' };
  };

  // An empty group name leaves no path segment for :group to match.
  router.post('/v1/groups//messages', requireKey, (ctx) => {
    ctx.status = 400;
    ctx.body = { error: 'bad_group', message: groupNameProblem('') };
  });

  router.post('/v1/groups/:group/messages', requireKey, async (ctx) => {
    const group = ctx.params.group ?? '';
    const problem = groupNameProblem(group);
    if (problem) {
      ctx.status = 400;
      ctx.body = { error: 'bad_group', message: problem };
      return;
    }
    const body = await readPayload(ctx.req, deps.maxBodyBytes, deps.maxJsonDepth);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { error: 'bad_body', message: body.message };
      return;
    }
    publishToGroup(deps.bus, deps.subjects, group, body.payload, { via: VIA_API });
    ctx.status = 202;
    ctx.body = { status: 'published', group };
  });

  // The server API (protocol 1.1 §4.6): one command on the bus, which every
  // gateway applies to the connections it holds. 202: sent, not confirmed.
  const control = (ctx: Koa.Context, cmd: ControlCommand): void => {
    publishControl(deps.bus, deps.subjects, cmd);
    ctx.status = 202;
    ctx.body = { status: 'published' };
  };
  const badName = (ctx: Koa.Context, error: string, message: string): void => {
    ctx.status = 400;
    ctx.body = { error, message };
  };

  router.post('/v1/connections/:conn/disconnect', requireKey, (ctx) => {
    const conn = ctx.params.conn ?? '';
    if (!CONN_ID_RE.test(conn)) return badName(ctx, 'bad_conn', 'not a connection id');
    control(ctx, { conn });
  });

  router.post('/v1/users/:user/disconnect', requireKey, (ctx) => {
    const user = ctx.params.user ?? '';
    if (!user || user.length > MAX_USER_LENGTH)
      return badName(ctx, 'bad_user', `a user is 1 to ${MAX_USER_LENGTH} characters`);
    control(ctx, { user });
  });

  router.post('/v1/connections/:conn/streams/:stream/leave', requireKey, (ctx) => {
    const { conn = '', stream = '' } = ctx.params;
    if (!CONN_ID_RE.test(conn)) return badName(ctx, 'bad_conn', 'not a connection id');
    if (!parseStream(stream)) return badName(ctx, 'bad_stream', 'not a stream name');
    control(ctx, { conn, stream });
  });

  const devToken = deps.devToken;
  if (devToken) {
    router.get('/dev/token', async (ctx) => {
      const sub = ctx.query.sub;
      const scope = ctx.query.scope ?? '';
      if (
        typeof sub !== 'string' ||
        !/^[A-Za-z0-9_.@-]{1,64}$/.test(sub) ||
        typeof scope !== 'string'
      ) {
        ctx.status = 400;
        ctx.body = {
          error: 'bad_request',
          message: 'want ?sub=<name>[&scope=<space-separated scopes>]',
        };
        return;
      }
      ctx.body = { token: await devToken(sub, scope) };
    });
  }

  app.use(router.routes());
  app.use(router.allowedMethods());
  if (deps.webRoot) app.use(serveStatic(deps.webRoot));
  return app;
}

const NO_SESSION: HttpAnswer = {
  status: 404,
  body: '{"error":"unknown_session","message":"no session"}',
};

/** No cache may keep an answer; any origin the checks let through may read it. */
function httpTransportHeaders(ctx: Koa.Context): void {
  ctx.set('Cache-Control', 'no-store');
  const origin = ctx.get('origin');
  if (origin) {
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.vary('Origin');
  }
}

/** The body, or its first `limit` bytes (the caller refuses a body that long). */
async function readUpTo(req: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

function validKey(keys: readonly string[], header: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m || keys.length === 0) return false;
  const given = Buffer.from(m[1]!);
  // Constant-time comparison, so response timing does not leak key prefixes.
  return keys.some((k) => {
    const want = Buffer.from(k);
    return want.length === given.length && timingSafeEqual(want, given);
  });
}

type PayloadBody =
  { ok: true; payload: RawJson } | { ok: false; status: 400 | 413; message: string };

/** A `{"payload": …}` body; the payload as written, so it reaches clients byte-exact. */
async function readPayload(
  req: NodeJS.ReadableStream,
  limit: number,
  maxDepth: number,
): Promise<PayloadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      return { ok: false, status: 413, message: `body is larger than ${limit} bytes` };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, message: 'body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('payload' in value))
    return { ok: false, status: 400, message: 'body must be an object {"payload": …}' };
  const scan = scanJsonObject(text, 'payload', maxDepth);
  if (!scan.ok || scan.member === undefined)
    return { ok: false, status: 400, message: `body nests deeper than ${maxDepth} levels` };
  return { ok: true, payload: new RawJson(scan.member) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

function serveStatic(root: string): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      ctx.status = 400;
      ctx.body = { error: 'bad_path', message: 'the path is not valid percent-encoded UTF-8' };
      return;
    }
    const rel = normalize(path).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(root)) return next();
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return next();
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.body = await readFile(file);
  };
}
