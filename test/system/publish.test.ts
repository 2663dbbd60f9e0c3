// Service-to-service publishing through its three doors (the SDK Publisher,
// POST /v1/groups/{group}/messages, `muxgate publish`), and the group name
// grammar of PROTOCOL.md §2 enforced at each of them with a clear error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { startGateway } from '../helpers/system.ts';
import { groupNameProblem, isGroupName } from '../../protocol/names.ts';
import {
  accept,
  defineService,
  InvalidNameError,
  Publisher,
  type Ref,
} from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { runMuxgate } from '../helpers/process.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** Bad group names, each with what the error must say about it. */
const BAD_GROUPS: Array<[string, RegExp]> = [
  ['', /empty/],
  ['a..b', /no empty tokens/],
  ['.a', /no empty tokens/],
  ['a.', /no empty tokens/],
  ['a.*', /no wildcards/],
  ['a.>', /no wildcards/],
  ['>', /no wildcards/],
  ['a b', /tokens of \[A-Za-z0-9_-\]/],
  ['é', /tokens of \[A-Za-z0-9_-\]/],
  ['x'.repeat(101), /longer than 100/],
];
const GOOD_GROUPS = ['a', 'chat.lobby', 'A-b_9.c', 'x'.repeat(100)];

/**
 * A service whose streams join the groups in their join payload `{groups}`.
 * It keeps each stream's address, and a `msg {groupAdd}` asks it to add one
 * more group, so a test can see the SDK's answer to a bad name.
 */
const addresses = new Map<string, string>();
const inboxService = defineService({
  name: 'inbox',
  join(ctx, payload) {
    addresses.set((payload as { id: string }).id, ctx.address);
    return accept({ groups: (payload as { groups?: string[] }).groups ?? [] });
  },
  receive(ctx, payload, ref: Ref | undefined) {
    try {
      ctx.groupAdd((payload as { groupAdd: string }).groupAdd);
      if (ref !== undefined) ctx.reply(ref, { ok: true });
    } catch (err) {
      if (ref !== undefined)
        ctx.reply(ref, { error: (err as Error).message, name: (err as Error).name });
    }
  },
});

const API_KEYS = ['key-one', 'key-two'];

describe('publishing to groups and connections', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let bus: Bus;
  let publisher: Publisher;
  let seq = 0;

  /** A client with one `inbox:<n>` stream in `groups`; resolves with the client and its stream. */
  async function member(
    ...groups: string[]
  ): Promise<{ c: TestClient; stream: string; id: string }> {
    const c = await sys.client();
    const id = `s${++seq}`;
    const stream = `inbox:${id}`;
    await c.join(stream, { id, groups });
    return { c, stream, id };
  }
  const payloads = (c: TestClient, stream: string): unknown[] =>
    c.frames.filter((f) => f.type === 'msg' && f.stream === stream).map((f) => f.payload);

  before(async () => {
    nats = await NatsServer.start();
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [inboxService],
      env: { MUX_ROUTES: 'inbox', MUX_API_KEYS: API_KEYS.join(',') },
    });
    bus = await connectBus(sys.source, 'publisher');
    publisher = new Publisher(bus, sys.prefix);
  });
  after(async () => {
    await bus.drain();
    await sys.close();
    await nats.close();
  });

  describe('SDK Publisher', () => {
    it('toGroup reaches every member of the group, and no one else', async () => {
      const a = await member('alerts');
      const b = await member('alerts', 'other');
      const outsider = await member('other');
      publisher.toGroup('alerts', { level: 'high' });
      publisher.toGroup('other', 'marker');
      await until(() => payloads(outsider.c, outsider.stream).length === 1);
      await until(
        () => payloads(a.c, a.stream).length === 1 && payloads(b.c, b.stream).length === 2,
      );
      assert.deepEqual(payloads(a.c, a.stream), [{ level: 'high' }]);
      assert.deepEqual(payloads(b.c, b.stream), [{ level: 'high' }, 'marker']);
      assert.deepEqual(payloads(outsider.c, outsider.stream), ['marker']);
    });

    it('toConnection reaches one stream of one connection, by the address from its join', async () => {
      const a = await member();
      const b = await member();
      publisher.toConnection(addresses.get(a.id)!, a.stream, { just: 'a' });
      publisher.toConnection(addresses.get(b.id)!, b.stream, { just: 'b' });
      await until(
        () => payloads(a.c, a.stream).length === 1 && payloads(b.c, b.stream).length === 1,
      );
      assert.deepEqual(payloads(a.c, a.stream), [{ just: 'a' }]);
      assert.deepEqual(payloads(b.c, b.stream), [{ just: 'b' }]);
    });

    it('refuses a malformed connection address', () => {
      for (const address of [
        '',
        'nope',
        `${sys.prefix}.conn.gw`,
        `${sys.prefix}.conn.gw.*`,
        'mux.conn.a.b',
      ])
        assert.throws(
          () => publisher.toConnection(address, 'inbox:x', 1),
          InvalidNameError,
          address,
        );
    });

    it('refuses bad group names with InvalidNameError naming the problem', () => {
      for (const [group, reason] of BAD_GROUPS)
        assert.throws(
          () => publisher.toGroup(group, 'x'),
          (err: unknown) => err instanceof InvalidNameError && reason.test(err.message),
          JSON.stringify(group),
        );
      for (const group of GOOD_GROUPS) publisher.toGroup(group, 'x');
    });
  });

  describe('HTTP API', () => {
    const post = (group: string, body: string, key?: string): Promise<Response> =>
      fetch(`${sys.http}/v1/groups/${encodeURIComponent(group)}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key && { authorization: key }) },
        body,
      });

    it('answers 202 and the message reaches a member', async () => {
      const a = await member('ops.deploys');
      const res = await post(
        'ops.deploys',
        JSON.stringify({ payload: { v: 42 } }),
        'Bearer key-two',
      );
      assert.equal(res.status, 202);
      assert.deepEqual(await res.json(), { status: 'published', group: 'ops.deploys' });
      await until(() => payloads(a.c, a.stream).length === 1);
      assert.deepEqual(payloads(a.c, a.stream), [{ v: 42 }]);
    });

    it('answers 401 without a valid API key, and publishes nothing', async () => {
      const a = await member('guarded');
      for (const key of [
        undefined,
        'Bearer wrong',
        'Bearer key-on',
        'Bearer key-one2',
        'key-one',
        'Basic key-one',
      ]) {
        const res = await post('guarded', '{"payload":1}', key);
        assert.equal(res.status, 401, String(key));
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        assert.equal(((await res.json()) as { error: string }).error, 'unauthorized');
      }
      // Checked before the group: a bad name without a key learns nothing.
      assert.equal((await post('a..b', '{"payload":1}')).status, 401);
      assert.equal((await post('guarded', '{"payload":"marker"}', 'Bearer key-one')).status, 202);
      await until(() => payloads(a.c, a.stream).length === 1);
      assert.deepEqual(payloads(a.c, a.stream), ['marker']);
    });

    it('answers 401 to every key when the gateway has no API keys', async () => {
      const gw = await startGateway(sys.source, sys.prefix, { MUX_ROUTES: 'inbox' });
      try {
        const res = await fetch(`http://127.0.0.1:${gw.port}/v1/groups/a/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer key-one' },
          body: '{"payload":1}',
        });
        assert.equal(res.status, 401);
      } finally {
        await gw.drain();
      }
    });

    it('answers 400 bad_group with the grammar problem', async () => {
      for (const [group, reason] of BAD_GROUPS) {
        const res = await post(group, '{"payload":1}', 'Bearer key-one');
        assert.equal(res.status, 400, JSON.stringify(group));
        const body = (await res.json()) as { error: string; message: string };
        assert.equal(body.error, 'bad_group');
        assert.match(body.message, reason);
      }
    });

    it('answers 400 bad_body to a body that is not {"payload": …}, and 413 to one too large', async () => {
      for (const body of ['not json', '[]', '{}', 'null', '"x"', '{"payload":1', '']) {
        const res = await post('fine', body, 'Bearer key-one');
        assert.equal(res.status, 400, body);
        assert.equal(((await res.json()) as { error: string }).error, 'bad_body');
      }
      const huge = JSON.stringify({ payload: 'x'.repeat(sys.gateway.config.maxFrameBytes) });
      assert.equal((await post('fine', huge, 'Bearer key-one')).status, 413);
      const ok = await post('fine', '{"payload":null}', 'Bearer key-one');
      assert.equal(ok.status, 202, 'a null payload is a payload');
    });
  });

  describe('command line: muxgate publish', () => {
    const env = (): Record<string, string> => ({ NATS_URL: nats.url, MUX_PREFIX: sys.prefix });

    it('publishes a JSON message that reaches a member, and exits 0', async () => {
      const a = await member('cli.news');
      const run = await runMuxgate(['publish', 'cli.news', '{"headline":"from the shell"}'], env());
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /published to cli\.news/);
      await until(() => payloads(a.c, a.stream).length === 1);
      assert.deepEqual(payloads(a.c, a.stream), [{ headline: 'from the shell' }]);
    });

    it('exits 2 with a clear message for a bad group, bad JSON or missing arguments', async () => {
      // NATS down must not hide a usage error behind a connection error.
      const unreachable = { ...env(), NATS_URL: 'nats://127.0.0.1:1' };
      const cases: Array<[string[], Record<string, string>, RegExp]> = [
        [['publish', 'a..b', '{}'], env(), /no empty tokens\): "a\.\.b"/],
        [['publish', 'a.*', '{}'], unreachable, /no wildcards/],
        [['publish', 'x'.repeat(101), '{}'], unreachable, /longer than 100/],
        [['publish', 'news', '{not json'], env(), /not valid JSON/],
        [['publish', 'news'], env(), /usage: muxgate publish <group> <json>/],
      ];
      const runs = await Promise.all(cases.map(([args, e]) => runMuxgate(args, e)));
      for (const [i, run] of runs.entries()) {
        assert.equal(run.code, 2, `${cases[i]![0].join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, cases[i]![2]);
      }
    });

    it('exits 1 and says so when NATS cannot be reached', async () => {
      const run = await runMuxgate(['publish', 'news', '{}'], {
        ...env(),
        NATS_URL: 'nats://127.0.0.1:1',
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /cannot connect to NATS at nats:\/\/127\.0\.0\.1:1/);
    });
  });

  describe('group names everywhere', () => {
    it('one grammar: groupNameProblem and isGroupName agree on every name', () => {
      for (const [group] of BAD_GROUPS) {
        assert.equal(isGroupName(group), false, group);
        assert.notEqual(groupNameProblem(group), null, group);
      }
      for (const group of GOOD_GROUPS) {
        assert.equal(isGroupName(group), true, group);
        assert.equal(groupNameProblem(group), null, group);
      }
    });

    it('the SDK refuses a bad name in ctx.groupAdd with the reason', async () => {
      const a = await member();
      for (const [group, reason] of BAD_GROUPS) {
        const ref = `r${++seq}`;
        a.c.send({ type: 'msg', stream: a.stream, ref, payload: { groupAdd: group } });
        const reply = (await a.c.next((f) => f.type === 'reply' && f.ref === ref)).payload as {
          error: string;
          name: string;
        };
        assert.equal(reply.name, 'InvalidNameError');
        assert.match(reply.error, reason);
      }
    });

    it('a join accepted with a bad group fails as internal, and the stream joins nothing', async () => {
      const c = await sys.client();
      c.send({
        type: 'join',
        stream: 'inbox:bad',
        ref: 1,
        payload: { id: 'bad', groups: ['ok', 'a..b'] },
      });
      const f = await c.next((x) => x.ref === 1);
      assert.equal(f.type, 'error');
      assert.equal(f.code, 'internal');
      assert.equal(sys.gateway.hub.groupNames().includes('ok'), false);
    });

    it('the gateway ignores a bad name in a raw Outbound group add, and keeps the good ones', async () => {
      const a = await member();
      const dropped =
        (await gatewayMetric(sys.gateway, 'muxgate_bus_dropped_total', { reason: 'invalid' })) ?? 0;
      publisher.outbound(addresses.get(a.id)!, {
        stream: a.stream,
        groupAdd: { groups: ['raw.good', 'raw..bad'] },
      });
      await until(() => sys.gateway.hub.groupNames().includes('raw.good'));
      assert.equal(sys.gateway.hub.groupNames().includes('raw..bad'), false);
      assert.equal(
        await gatewayMetric(sys.gateway, 'muxgate_bus_dropped_total', { reason: 'invalid' }),
        dropped + 1,
      );
      publisher.toGroup('raw.good', 'via raw add');
      await until(() => payloads(a.c, a.stream).length === 1);
    });
  });
});
