// Why an upgrade failed. A browser learns nothing from a refused WebSocket:
// no status, no body, just a close with 1006, the same as for a gateway that
// is down. So after an attempt that never opened, the client asks the
// gateway the same question over plain HTTP: `GET /ws` with the same token
// (and, in Node, the same headers) answers the upgrade's verdict as JSON
// (docs/PROTOCOL.md §4.10), which any page may read.
import { RefusalCode, UPGRADE_REQUIRED } from '../protocol/codes.ts';
import { socketUrl } from './transport.ts';

/** A refused upgrade, as the gateway explained it. */
export interface Refusal {
  /** The HTTP status: 401, 403, 400, 404 or 503. */
  status: number;
  /** Why: one of RefusalCode (`unauthorized`, `origin_not_allowed`, …). */
  code: RefusalCode;
  message: string;
}

const CODES: ReadonlySet<string> = new Set(Object.values(RefusalCode));

type FetchLike = (
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/**
 * The gateway's verdict on an upgrade with this token and these headers:
 * the refusal, or undefined when it would be admitted, cannot be asked
 * (no fetch, the gateway unreachable, too slow) or answers something that is
 * not a verdict (an older gateway, a proxy's error page).
 */
export async function askWhyRefused(
  url: string,
  token: string | undefined,
  headers: Record<string, string> | undefined,
  timeoutMs: number,
): Promise<Refusal | undefined> {
  const verdict = await askVerdict(url, token, headers, timeoutMs);
  return verdict === ADMITTED ? undefined : verdict;
}

/** The gateway would admit the upgrade: something between (a proxy) broke the WebSocket. */
export const ADMITTED = 'admitted';

/** As askWhyRefused, but tells an admitted upgrade (ADMITTED) from one that could not be asked. */
export async function askVerdict(
  url: string,
  token: string | undefined,
  headers: Record<string, string> | undefined,
  timeoutMs: number,
): Promise<Refusal | typeof ADMITTED | undefined> {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof f !== 'function') return undefined;
  const u = new URL(socketUrl(url, token));
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  try {
    const signal =
      typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined;
    const res = await f(u.toString(), { ...(headers && { headers }), ...(signal && { signal }) });
    const body = (await res.json()) as { error?: unknown; message?: unknown } | null;
    const code = body?.error;
    if (code === UPGRADE_REQUIRED && res.status === 426) return ADMITTED;
    if (typeof code !== 'string' || !CODES.has(code)) return undefined;
    return {
      status: res.status,
      code: code as RefusalCode,
      message: typeof body?.message === 'string' ? body.message : code,
    };
  } catch {
    return undefined;
  }
}
