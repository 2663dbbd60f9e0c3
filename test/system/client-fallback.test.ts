// The client library's own fallback (PROTOCOL.md §4.5, issue 14): WebSocket,
// then SSE, then long polling, when an attempt fails although the gateway
// says it would admit it; it keeps the first transport that opens, says
// which, and does not fall back from a refusal (401) or an unreachable
// gateway. In Node, SSE is read over fetch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connect, type MuxClient, type WebSocketConstructor } from '../../client/index.ts';
import { signDevToken } from '../../gateway/auth.ts';
import { echoService } from '../../services/echo/index.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** A WebSocket that never opens, as behind a proxy that drops upgrades. */
class BrokenWebSocket {
  readyState = 0;
  protocol = '';
  onopen = null;
  onmessage = null;
  onerror: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  constructor() {
    setTimeout(() => {
      this.readyState = 3;
      this.onerror?.({});
      this.onclose?.({ code: 1006, reason: '' });
    }, 5);
  }
  send(): void {}
  close(): void {}
}

describe('client fallback WebSocket → SSE → long poll', () => {
  let sys: TestSystem;
  const clients: MuxClient[] = [];
  const SECRET = 'client-fallback-secret-0123456789abcdef';
  before(async () => {
    sys = await TestSystem.start({
      services: [echoService],
      env: { MUX_ROUTES: 'echo', MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional' },
    });
  });
  after(async () => {
    for (const c of clients) c.close();
    await sys.close();
  });
  const open = (opts: Parameters<typeof connect>[1]): MuxClient => {
    const c = connect(sys.url, { watchPage: false, backoff: { steps: [50] }, ...opts });
    clients.push(c);
    return c;
  };
  const echoes = async (c: MuxClient): Promise<void> => {
    const s = c.stream('echo');
    await s.join();
    assert.deepEqual(await s.request({ over: c.transport }), { over: c.transport });
  };

  it('uses WebSocket when it works, and says so', async () => {
    const c = open({ WebSocket: WebSocket as unknown as WebSocketConstructor });
    const seen: string[] = [];
    c.on('transport', (e) => seen.push(e.transport));
    await echoes(c);
    assert.equal(c.transport, 'websocket');
    assert.deepEqual(seen, ['websocket']);
  });

  it('falls back to SSE when every WebSocket attempt fails though the gateway would admit it', async () => {
    const c = open({ WebSocket: BrokenWebSocket as unknown as WebSocketConstructor });
    const seen: string[] = [];
    c.on('transport', (e) => seen.push(e.transport));
    await echoes(c);
    assert.equal(c.transport, 'sse');
    assert.deepEqual(seen, ['sse']);
  });

  it('falls back to long polling when SSE fails too', async () => {
    const c = open({
      WebSocket: BrokenWebSocket as unknown as WebSocketConstructor,
      // The SSE endpoint answers nothing useful behind this "proxy".
      transports: ['websocket', 'long-poll'],
    });
    await echoes(c);
    assert.equal(c.transport, 'long-poll');
  });

  it('keeps the transport that opened across a reconnect', async () => {
    const c = open({ transports: ['sse', 'long-poll'] });
    await echoes(c);
    const before = c.welcome!.conn;
    // The connection is closed from outside: the client reconnects, over SSE again.
    await fetch(`${sys.http}/v1/close?session=${c.welcome!.session}`, { method: 'POST' });
    await until(() => c.state === 'open' && c.welcome!.conn !== before, 10_000);
    assert.equal(c.transport, 'sse');
    // Rejoined on its own, over SSE.
    const s = c.stream('echo');
    assert.deepEqual(await s.request('again'), 'again');
  });

  it('sends the token on the opening request; a refused token does not fall back', async () => {
    const good = await signDevToken(SECRET, 'alice', '');
    const c = open({ token: good, transports: ['long-poll'] });
    await echoes(c);
    assert.equal(typeof c.exp, 'number');
    const bad = open({
      token: 'not-a-token',
      WebSocket: BrokenWebSocket as unknown as WebSocketConstructor,
    });
    const stopped = await new Promise<{ code: number }>((resolve) => bad.on('stopped', resolve));
    assert.equal(stopped.code, 401);
    assert.equal(bad.transport, 'websocket');
  });
});
