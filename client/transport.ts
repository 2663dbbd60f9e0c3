// The slice of the WebSocket API the client uses: the browser's WebSocket,
// Node 22+'s global one, and the `ws` package all fit it, so Node 20 users
// pass `ws` in the options.

export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  /** 'arraybuffer' for the binary encoding (browsers default to Blob, ws to Buffer). */
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
}

/**
 * A handler of the event type each implementation declares (the DOM's Event
 * and MessageEvent, ws's own), of which the client reads only these fields.
 * Declared as a method, its parameter is checked both ways, so the browser's
 * WebSocket and `ws` fit `WebSocketConstructor` with no cast.
 */
type Handler<E> = { bivariant(ev: E): void }['bivariant'];

/**
 * Browsers' and Node's WebSocket take (url, protocols); the `ws` package also
 * takes options, with the upgrade's `headers` (see openWebSocket).
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

export const OPEN = 1;

type InitConstructor = new (
  url: string,
  init: { protocols: string[]; headers: Record<string, string> },
) => WebSocketLike;

/**
 * Opens a socket offering `protocol`, with upgrade headers when there are
 * some. The `ws` package takes them as a third argument; Node's built-in
 * WebSocket (undici, also Bun's) takes an init object in place of the
 * protocols; browsers take none (the option is documented as Node only).
 */
export function openWebSocket(
  ctor: WebSocketConstructor,
  url: string,
  protocol: string,
  headers: Record<string, string> | undefined,
): WebSocketLike {
  if (!headers) return new ctor(url, protocol);
  if (isServerBuiltIn(ctor))
    return new (ctor as unknown as InitConstructor)(url, { protocols: [protocol], headers });
  return new ctor(url, protocol, { headers });
}

function isServerBuiltIn(ctor: WebSocketConstructor): boolean {
  const g = globalThis as { WebSocket?: unknown; process?: { versions?: { node?: string } } };
  return ctor === g.WebSocket && typeof g.process?.versions?.node === 'string';
}

/** The runtime's WebSocket, if it has one (browsers, Node 22+). */
export function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

export function defaultWebSocket(): WebSocketConstructor {
  const ctor = globalWebSocket();
  if (!ctor)
    throw new TypeError(
      'no global WebSocket (Node < 22): pass one in the options, e.g. connect(url, { WebSocket }) with `import WebSocket from "ws"`',
    );
  return ctor;
}

/**
 * Resolves a relative URL against the page (so '/ws' works in a browser) and
 * turns http(s) into ws(s).
 */
export function socketUrl(url: string, token: string | undefined): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const u = new URL(url, base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  if (token) u.searchParams.set('token', token);
  return u.toString();
}
