// PROTOCOL.md §4.5: SSE and long polling, beyond the conformance suite that
// runs protocol.test.ts over them: the HTTP answers (400, 404, 410, 413),
// the poll timeout, auth and origin at the opening request, the idle limit,
// the outgoing bound, and no sticky sessions (two gateways, requests
// alternating between them).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signDevToken } from '../../gateway/auth.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import type { HttpOpenError } from '../helpers/http-client.ts';
import { HttpTestClient } from '../helpers/http-client.ts';
import { probeService } from '../helpers/probe.ts';
import { startGateway, TestSystem, uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';
import type { Gateway } from '../../gateway/gateway.ts';

const MODES = ['sse', 'poll'] as const;

describe('HTTP transports (§4.5)', () => {
  let sys: TestSystem;
  const probe = probeService();
  const open = async (
    mode: 'sse' | 'poll',
    extra: Partial<Parameters<typeof HttpTestClient.open>[1]> = {},
  ) => {
    const c = await HttpTestClient.open(sys.url, { mode, ...extra });
    sys.clients.push(c);
    return c;
  };

  before(async () => {
    sys = await TestSystem.start({
      services: [echoService, probe.definition],
      env: {
        MUX_ROUTES: 'echo,probe',
        MUX_POLL_TIMEOUT_MS: '300',
        MUX_MAX_FRAME_BYTES: '1024',
        MUX_HTTP_MAX_BODY_BYTES: '4096',
        MUX_RATE_BYTES_BURST: '4096',
      },
    });
  });
  after(() => sys.close());

  it('SSE: an event stream whose first event is welcome with a session secret', async () => {
    const res = await fetch(`${sys.http}/v1/sse`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    const text = new TextDecoder().decode(value);
    assert.match(text, /^data: \{"type":"welcome"/);
    const welcome = JSON.parse(text.slice('data: '.length)) as Record<string, unknown>;
    assert.match(
      String(welcome.session),
      new RegExp(`^${sys.gateway.config.gatewayId}\\.[A-Za-z0-9_-]{24}$`),
    );
    await reader.cancel();
  });

  it('poll without session opens a connection and answers [welcome]', async () => {
    const res = await fetch(`${sys.http}/v1/poll`);
    assert.equal(res.status, 200);
    const frames = (await res.json()) as Array<Record<string, unknown>>;
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.type, 'welcome');
    assert.equal(typeof frames[0]!.session, 'string');
    await fetch(`${sys.http}/v1/close?session=${String(frames[0]!.session)}`, { method: 'POST' });
  });

  it('poll answers [] after the poll timeout, and frames as soon as there are some', async () => {
    const c = await HttpTestClient.open(sys.url, { mode: 'poll' });
    const url = `${sys.http}/v1/poll?session=${c.session}`;
    c.vanish(); // its own loop stops; this test polls by hand
    const started = Date.now();
    const empty = await fetch(url);
    assert.equal(empty.status, 200);
    assert.deepEqual(await empty.json(), []);
    assert.ok(Date.now() - started >= 250, 'answered before the poll timeout');
    const pending = fetch(url);
    await fetch(`${sys.http}/v1/send?session=${c.session}`, {
      method: 'POST',
      body: '[{"type":"ping","ref":1},{"type":"ping","ref":2}]',
    });
    assert.deepEqual(await (await pending).json(), [
      { type: 'pong', ref: 1 },
      { type: 'pong', ref: 2 },
    ]);
    await fetch(`${sys.http}/v1/close?session=${c.session}`, { method: 'POST' });
  });

  for (const mode of MODES) {
    describe(`over ${mode}`, () => {
      it('send: 204, 400 for a body that is not a JSON array, 404 for an unknown session', async () => {
        const c = await open(mode);
        assert.equal((await c.post('[{"type":"ping","ref":"a"}]')).status, 204);
        assert.deepEqual(await c.expect('pong'), { type: 'pong', ref: 'a' });
        for (const body of ['not json', '{"type":"ping"}', '', '[1,'])
          assert.equal((await c.post(body)).status, 400, body);
        const bad = await fetch(`${sys.http}/v1/send?session=${c.session}x`, {
          method: 'POST',
          body: '[]',
        });
        assert.equal(bad.status, 404);
        const none = await fetch(`${sys.http}/v1/send`, { method: 'POST', body: '[]' });
        assert.equal(none.status, 404);
        const forged = await fetch(`${sys.http}/v1/poll?session=gw-nobody.abc`);
        assert.equal(forged.status, 404);
      });

      it('a bad element is a bad_frame error, and the connection stays open', async () => {
        const c = await open(mode);
        assert.equal(
          (await c.post('[42,{"type":"nope","ref":7},{"type":"ping","ref":8}]')).status,
          204,
        );
        const e1 = await c.expect('error');
        assert.equal(e1.code, ErrorCode.BadFrame);
        const e2 = await c.expect('error');
        assert.deepEqual([e2.code, e2.ref], [ErrorCode.BadFrame, 7]);
        assert.equal((await c.expect('pong')).ref, 8);
      });

      it('keeps payloads byte-exact, and frames in order across sends', async () => {
        const c = await open(mode);
        await c.join('echo');
        for (let i = 0; i < 20; i++)
          c.sendRaw(`{"type":"msg","stream":"echo","ref":${i},"payload":{"i" : ${i},"s":"a\\nb"}}`);
        for (let i = 0; i < 20; i++) {
          const r = await c.expect('reply');
          assert.equal(r.ref, i);
          assert.deepEqual(r.payload, { i, s: 'a\nb' });
        }
      });

      it('a frame over max_frame_bytes closes the connection with 1009 (413)', async () => {
        const c = await open(mode);
        await c.join('probe:big');
        const big = JSON.stringify({ type: 'msg', stream: 'probe:big', payload: 'x'.repeat(2000) });
        const r = await c.post(`[${big}]`);
        assert.equal(r.status, 413);
        assert.equal((await c.closed).code, CloseCode.TooLarge);
        await until(() => probe.log.leaves.some((l) => l.stream === 'probe:big'));
      });

      it('a body over MUX_HTTP_MAX_BODY_BYTES is 413 and closes with 1009', async () => {
        const c = await open(mode);
        const frame = JSON.stringify({ type: 'ping', ref: 'x'.repeat(60) });
        const r = await c.post(`[${Array(80).fill(frame).join(',')}]`);
        assert.equal(r.status, 413);
        assert.equal((await c.closed).code, CloseCode.TooLarge);
      });

      it('a closed connection answers 410 with its close code', async () => {
        const c = await open(mode);
        const session = c.session;
        await c.close();
        const r = await fetch(`${sys.http}/v1/send?session=${session}`, {
          method: 'POST',
          body: '[]',
        });
        assert.ok(r.status === 410 || r.status === 404, String(r.status));
      });
    });
  }
});

describe('HTTP transports: auth, origin, idle limit, outgoing bound', () => {
  let sys: TestSystem;
  const probe = probeService();
  const SECRET = 'http-transport-test-secret-0123456789';
  before(async () => {
    sys = await TestSystem.start({
      services: [echoService, probe.definition],
      env: {
        MUX_ROUTES: 'echo,probe',
        MUX_JWT_SECRET: SECRET,
        MUX_AUTH: 'required',
        MUX_ALLOWED_ORIGINS: 'http://good.example',
        MUX_HEARTBEAT_MS: '300',
        MUX_POLL_TIMEOUT_MS: '200',
        MUX_MAX_BUFFERED_BYTES: '4096',
        MUX_API_KEYS: 'k1',
      },
    });
  });
  after(() => sys.close());
  const token = (): Promise<string> => signDevToken(SECRET, 'alice', '');
  const good = { Origin: 'http://good.example' };

  for (const mode of MODES) {
    it(`${mode}: 401 without a token, 403 from a foreign origin; the token's user reaches the service`, async () => {
      await assert.rejects(
        HttpTestClient.open(sys.url, { mode, headers: good }),
        (e: HttpOpenError) => e.status === 401,
      );
      await assert.rejects(
        HttpTestClient.open(sys.url, {
          mode,
          headers: { Origin: 'http://evil.example' },
          query: { token: await token() },
        }),
        (e: HttpOpenError) => e.status === 403,
      );
      const c = await HttpTestClient.open(sys.url, {
        mode,
        headers: good,
        query: { token: await token() },
      });
      sys.clients.push(c);
      assert.equal(typeof c.welcome?.exp, 'number');
      await c.join(`probe:auth-${mode}`);
      assert.equal(probe.log.joins.find((j) => j.stream === `probe:auth-${mode}`)?.user, 'alice');
      // The secret does not let a foreign page in either.
      const evil = await fetch(`${sys.http}/v1/send?session=${c.session}`, {
        method: 'POST',
        body: '[]',
        headers: { Origin: 'http://evil.example' },
      });
      assert.equal(evil.status, 403);
    });

    it(`${mode}: a connection with no open response or poll for 2 × heartbeat is closed, its streams leave`, async () => {
      const c = await HttpTestClient.open(sys.url, {
        mode,
        headers: good,
        query: { token: await token() },
      });
      await c.join(`probe:idle-${mode}`);
      const before = sys.gateway.connectionCount;
      c.vanish();
      await until(() => probe.log.leaves.some((l) => l.stream === `probe:idle-${mode}`), 10_000);
      assert.equal(
        probe.log.leaves.find((l) => l.stream === `probe:idle-${mode}`)?.reason,
        'disconnect',
      );
      assert.ok(sys.gateway.connectionCount < before);
    });
  }

  it('a poll client that stops polling is cut once MUX_MAX_BUFFERED_BYTES wait for it (1013)', async () => {
    const c = await HttpTestClient.open(sys.url, {
      mode: 'poll',
      headers: good,
      query: { token: await token() },
    });
    await c.join('probe:slow', { groups: ['slowg'] });
    const session = c.session;
    c.vanish();
    // Its own sends would only stop being read (an eighth of the bound):
    // what the gateway pushes, ~1 KiB a message, passes the 4 KiB bound.
    for (let i = 0; i < 8; i++)
      await fetch(`${sys.http}/v1/groups/slowg/messages`, {
        method: 'POST',
        headers: { Authorization: 'Bearer k1' },
        body: JSON.stringify({ payload: 'y'.repeat(1000) }),
      });
    await until(() => probe.log.leaves.some((l) => l.stream === 'probe:slow'));
    const r = await fetch(`${sys.http}/v1/poll?session=${session}`, { headers: good });
    assert.equal(r.status, 410);
    assert.equal(((await r.json()) as { code: number }).code, CloseCode.Overloaded);
  });
});

describe('HTTP transports: sends wait while the client is backed up', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await TestSystem.start({
      services: [probeService().definition],
      env: {
        MUX_ROUTES: 'probe',
        MUX_MAX_BUFFERED_BYTES: '4096',
        MUX_HTTP_MAX_PENDING_SENDS: '1',
        MUX_API_KEYS: 'k1',
      },
    });
  });
  after(() => sys.close());

  it('a send is not read while an eighth of MUX_MAX_BUFFERED_BYTES waits; one more is 429', async () => {
    const opened = (await (await fetch(`${sys.http}/v1/poll`)).json()) as { session: string }[];
    const session = opened[0]!.session;
    const poll = async (): Promise<{ type: string }[]> =>
      (await (await fetch(`${sys.http}/v1/poll?session=${session}`)).json()) as { type: string }[];
    await fetch(`${sys.http}/v1/send?session=${session}`, {
      method: 'POST',
      body: JSON.stringify([
        { type: 'join', stream: 'probe:backed', payload: { groups: ['backedg'] } },
      ]),
    });
    assert.equal((await poll())[0]!.type, 'joined');
    const published = await fetch(`${sys.http}/v1/groups/backedg/messages`, {
      method: 'POST',
      headers: { Authorization: 'Bearer k1' },
      body: JSON.stringify({ payload: 'z'.repeat(1000) }),
    });
    assert.equal(published.status, 202);
    const conns = sys.gateway.httpConnections;
    await until(() => (conns.bufferedAmount(session) ?? 0) > 4096 / 8);
    const send = (): Promise<Response> =>
      fetch(`${sys.http}/v1/send?session=${session}`, {
        method: 'POST',
        body: '[{"type":"ping","ref":"w"}]',
      });
    let waited = false;
    const first = send().then((r) => ((waited = true), r));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(waited, false, 'read while backed up');
    assert.equal((await send()).status, 429);
    // A poll takes what waited: the send is read, and its pong follows.
    assert.equal((await poll())[0]!.type, 'msg');
    assert.equal((await first).status, 204);
    assert.deepEqual(await poll(), [{ type: 'pong', ref: 'w' }]);
    await fetch(`${sys.http}/v1/close?session=${session}`, { method: 'POST' });
  });
});

describe('HTTP transports: no sticky sessions (two gateways on NATS)', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let second: Gateway;
  const probe = probeService();

  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    const prefix = uniquePrefix();
    const env = { MUX_ROUTES: 'echo,probe', MUX_POLL_TIMEOUT_MS: '500' };
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      prefix,
      services: [echoService, probe.definition],
      env,
    });
    second = await startGateway({ nats: nats.url }, prefix, env);
  });
  after(async () => {
    await sys.close();
    await second.drain();
    await nats.close();
  });

  for (const mode of MODES) {
    it(`${mode}: polls and sends alternate between the gateways; every frame arrives, in order`, async () => {
      const bases = [`http://127.0.0.1:${second.port}`, sys.http];
      const c = await HttpTestClient.open(sys.url, { mode, bases });
      sys.clients.push(c);
      await c.join('echo');
      for (let i = 0; i < 30; i++) {
        c.send({ type: 'msg', stream: 'echo', ref: i, payload: { i } });
        assert.deepEqual((await c.expect('reply')).payload, { i });
      }
      assert.ok(c.sendStatuses.every((s) => s === 204));
      assert.equal(second.connectionCount, 0, 'the connection lives on its first gateway only');
      // A close through the other gateway: the streams leave at once.
      await c.join(`probe:sticky-${mode}`);
      const r = await fetch(`http://127.0.0.1:${second.port}/v1/close?session=${c.session}`, {
        method: 'POST',
      });
      assert.equal(r.status, 204);
      await until(() => probe.log.leaves.some((l) => l.stream === `probe:sticky-${mode}`));
    });
  }

  it('a secret naming a gateway that is not there is 404 on any gateway', async () => {
    const r = await fetch(
      `http://127.0.0.1:${second.port}/v1/poll?session=gw-gone.AAAAAAAAAAAAAAAAAAAAAAAA`,
    );
    assert.equal(r.status, 404);
    const s = await fetch(`http://127.0.0.1:${second.port}/v1/send?session=..`, {
      method: 'POST',
      body: '[]',
    });
    assert.equal(s.status, 404);
  });
});
