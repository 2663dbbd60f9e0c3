// Helpers for the hardening tests (issue 12): raw frame text as the gateway
// wrote it, payloads nested to any depth, HTTP requests with paths sent
// verbatim, TCP connections that never speak, and waiting for refs.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { TestClient } from './client.ts';

/** Text frames exactly as received, from the moment this is called (JSON.parse would round numbers). */
export function rawFrames(c: TestClient): string[] {
  const texts: string[] = [];
  c.ws.on('message', (data, isBinary) => {
    if (!isBinary) texts.push(data.toString());
  });
  return texts;
}

/** JSON text of an array nested `depth` levels deep: 0 is `0`, 1 is `[0]`, 2 is `[[0]]`. */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}0${']'.repeat(depth)}`;
}

/**
 * True when `frame` holds `"payload":<payload>` as a whole value: the exact
 * bytes, followed by the end of the object or the next field.
 */
export function carriesPayloadText(frame: string, payload: string): boolean {
  const needle = `"payload":${payload}`;
  for (let i = frame.indexOf(needle); i >= 0; i = frame.indexOf(needle, i + 1)) {
    const after = frame[i + needle.length];
    if (after === '}' || after === ',') return true;
  }
  return false;
}

export interface RawResponse {
  status: number;
  body: string;
}

/** An HTTP request whose path goes on the wire as given (no URL parsing or normalising on this side). */
export function httpRaw(
  port: number,
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A TCP connection to the gateway; `closedAfter` resolves with the ms until the gateway closed it. */
export interface IdleSocket {
  socket: Socket;
  closedAfter: Promise<number>;
}

/** Opens a TCP connection and writes `bytes` (nothing by default), then stays silent. */
export async function idleSocket(port: number, bytes = ''): Promise<IdleSocket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  // Read (and drop) whatever comes back, so an answer cannot stall the close.
  socket.on('data', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const opened = Date.now();
  const closedAfter = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(Date.now() - opened)),
  );
  if (bytes) socket.write(bytes);
  return { socket, closedAfter };
}

/** Resolves with the value, or with `fallback` after `ms`. */
export function within<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
  ]);
}

type Frame = TestClient['frames'][number];

/**
 * Waits until every ref in `refs` has been answered and returns the frames
 * that carry each ref, in arrival order. The frames stay in the client's
 * queue. On timeout, the error says how many refs went unanswered.
 */
export async function answersTo(
  c: TestClient,
  refs: readonly (string | number)[],
  timeoutMs = 10_000,
): Promise<Map<string | number, Frame[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byRef = new Map<string | number, Frame[]>(refs.map((r) => [r, []]));
    for (const f of c.frames)
      if (typeof f.ref === 'string' || typeof f.ref === 'number') byRef.get(f.ref)?.push(f);
    const missing = refs.filter((r) => byRef.get(r)!.length === 0);
    if (missing.length === 0) return byRef;
    if (Date.now() > deadline)
      throw new Error(
        `${missing.length} of ${refs.length} refs unanswered after ${timeoutMs} ms ` +
          `(first: ${missing.slice(0, 5).map(String).join(', ')})`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** POST /v1/groups/{group}/messages with a raw body and a bearer API key. */
export function publishRaw(
  port: number,
  apiKey: string,
  group: string,
  body: string,
): Promise<RawResponse> {
  return httpRaw(port, 'POST', `/v1/groups/${group}/messages`, {
    body,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
  });
}
