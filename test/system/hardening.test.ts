// Issue 12, the connection and HTTP side: sockets that never finish the
// upgrade, the disconnect metric's labels, malformed paths, and error frames
// that must not echo a huge stream name. The in-memory bus: NATS adds nothing
// to any of these.
//
// Assumed configuration (not in gateway/config.ts yet):
//   MUX_HANDSHAKE_TIMEOUT_MS  time a TCP connection has to complete the WebSocket upgrade
// Assumed metric label: close codes outside PROTOCOL.md's list are counted as code="other".
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { RestartableGateway } from '../helpers/gateway.ts';
import { httpRaw, idleSocket, rawFrames, within } from '../helpers/hardening.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { TestSystem, uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

describe('item 3: connections that never finish the upgrade', () => {
  const HANDSHAKE_TIMEOUT_MS = 500;
  const BOUND_MS = 5000;
  let sys: TestSystem;
  before(
    async () =>
      (sys = await TestSystem.start({
        services: [echoService],
        env: { MUX_HANDSHAKE_TIMEOUT_MS: String(HANDSHAKE_TIMEOUT_MS) },
      })),
  );
  after(() => sys.close());

  it('closes a TCP connection that never sends a byte within the handshake timeout', async () => {
    const idle = await idleSocket(sys.gateway.port);
    const ms = await within(idle.closedAfter, BOUND_MS, 'open');
    idle.socket.destroy();
    assert.notEqual(ms, 'open', `a silent TCP connection is still open after ${BOUND_MS} ms`);
  });

  it('closes a connection that sent part of the upgrade request and stalled', async () => {
    const partial = await idleSocket(
      sys.gateway.port,
      'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n',
    );
    const ms = await within(partial.closedAfter, BOUND_MS, 'open');
    partial.socket.destroy();
    assert.notEqual(ms, 'open', `a stalled upgrade request is still open after ${BOUND_MS} ms`);
  });

  it('leaves an upgraded WebSocket alone past the handshake timeout', async () => {
    const c = await sys.client();
    await c.join('echo');
    await new Promise((r) => setTimeout(r, HANDSHAKE_TIMEOUT_MS * 3));
    c.send({ type: 'msg', stream: 'echo', ref: 'late', payload: 'still here' });
    assert.equal((await c.next((f) => f.ref === 'late')).payload, 'still here');
  });
});

describe('item 4: muxgate_disconnects_total keeps a bounded label set', () => {
  it('counts close codes outside the documented list under "other", and documented ones under their own', async () => {
    await using sys = await TestSystem.start();
    const odd = [4321, 3999, 3000, 4999, 4500, 3456];
    const documented = [1000, 1001];
    for (const code of [...odd, ...documented]) {
      const c = await sys.client();
      c.ws.close(code);
      await c.closed;
    }
    const total = async (): Promise<number> =>
      (await sys.gateway.metrics.disconnects.get()).values.reduce((n, v) => n + v.value, 0);
    await until(() => sys.gateway.connectionCount === 0);
    const deadline = Date.now() + 5000;
    while ((await total()) < odd.length + documented.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));

    const labels = (await sys.gateway.metrics.disconnects.get()).values.map((v) =>
      String(v.labels.code),
    );
    for (const code of odd)
      assert.ok(!labels.includes(String(code)), `close code ${code} got its own series`);
    const m = (code: string) => gatewayMetric(sys.gateway, 'muxgate_disconnects_total', { code });
    assert.equal(await m('other'), odd.length);
    for (const code of documented) assert.equal(await m(String(code)), 1, `code ${code}`);
  });
});

describe('item 7: malformed request paths', () => {
  // With the demo page served, as `muxgate gateway` does once the page is built.
  let gw: RestartableGateway;
  let webRoot: string;
  before(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'muxgate-web-'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>demo</title>');
    gw = await RestartableGateway.start({ memory: new MemoryBroker() }, uniquePrefix(), {
      webRoot,
      env: { MUX_API_KEYS: 'hardening-key' },
    });
  });
  after(async () => {
    await gw.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('answers malformed paths with 400 or 404, never 500', async () => {
    const requests: Array<[string, string]> = [];
    for (const path of [
      '/%E0%A4%A',
      '/%',
      '/%zz',
      '/%C0%AF',
      '/%ED%A0%80',
      '/%E0%A4%A/index.html',
      '/healthz/%E0%A4%A',
      '/metrics%E0',
      '/ws%E0%A4%A',
      '/%00',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ])
      requests.push(['GET', path], ['HEAD', path]);
    for (const group of ['%E0%A4%A', '%', '%zz', '%00', 'a%2Fb'])
      requests.push(['POST', `/v1/groups/${group}/messages`]);
    const wrong: string[] = [];
    for (const [method, path] of requests) {
      const res = await httpRaw(gw.port, method, path, {
        body: method === 'POST' ? '{"payload":1}' : undefined,
        headers: { Authorization: 'Bearer hardening-key', 'Content-Type': 'application/json' },
      });
      if (res.status !== 400 && res.status !== 404) wrong.push(`${method} ${path} → ${res.status}`);
      assert.doesNotMatch(res.body, /root:|at .*\(/, `${method} ${path} leaks a file or a stack`);
    }
    assert.deepEqual(wrong, [], 'every malformed path gets 400 or 404');
    assert.equal((await httpRaw(gw.port, 'GET', '/healthz')).status, 200);
  });
});

describe('item 9: error frames do not echo huge stream names', () => {
  // The longest valid name: a 32-character service, ':' and a 128-character topic.
  const MAX_STREAM_ECHO = 161;
  const MAX_ERROR_FRAME_BYTES = 1024;
  let sys: TestSystem;
  before(async () => (sys = await TestSystem.start({ services: [echoService] })));
  after(() => sys.close());

  async function answerTo(frame: object): Promise<{ text: string; code: unknown }> {
    const c = await sys.client();
    const texts = rawFrames(c);
    c.send(frame);
    const e = await c.next((f) => f.ref === 'long');
    const text = texts.find((t) => t.includes('"long"'))!;
    assert.equal(e.type, 'error');
    assert.ok(
      e.stream === undefined ||
        (typeof e.stream === 'string' && e.stream.length <= MAX_STREAM_ECHO),
      `error frame echoes a stream of ${String(e.stream).length} characters`,
    );
    assert.ok(
      Buffer.byteLength(text) <= MAX_ERROR_FRAME_BYTES,
      `error frame is ${Buffer.byteLength(text)} bytes`,
    );
    // The connection stays usable.
    c.send({ type: 'ping', ref: 'after' });
    await c.next((f) => f.type === 'pong' && f.ref === 'after');
    return { text, code: e.code };
  }

  for (const [what, name] of [
    ['a 60,000-character name', 'a'.repeat(60_000)],
    ['a valid service with a 59,995-character topic', `echo:${'x'.repeat(59_995)}`],
  ] as const) {
    it(`answers a join of ${what} with a small bad_stream`, async () => {
      const { code } = await answerTo({ type: 'join', stream: name, ref: 'long' });
      assert.equal(code, ErrorCode.BadStream);
    });
  }

  it('answers msg and leave of a 60,000-character name with a small error frame', async () => {
    const name = 'echo:'.padEnd(60_000, 'z');
    for (const frame of [
      { type: 'msg', stream: name, ref: 'long', payload: 1 },
      { type: 'leave', stream: name, ref: 'long' },
    ]) {
      const { code } = await answerTo(frame);
      assert.ok([ErrorCode.BadStream, ErrorCode.NotJoined].includes(code as never), String(code));
    }
  });
});
