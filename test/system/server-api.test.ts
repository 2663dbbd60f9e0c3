// PROTOCOL.md §4.6, the server API, on a real nats-server with two gateways:
// over HTTP (bearer API key), through the SDK's Publisher and from the
// command line, a command sent to any gateway reaches the one holding the
// connection: disconnect one connection (4000), every connection of a JWT
// subject, or make one stream leave (`left` `kicked`, the service hears
// `kicked`); everything else stays.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { CloseCode } from '../../protocol/codes.ts';
import { Publisher } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { probeService } from '../helpers/probe.ts';
import { runMuxgate } from '../helpers/process.ts';
import { connectBus, startGateway, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const SECRET = 'server-api-test-secret-long-enough-for-hs256';
const KEY = 'server-api-key';

const token = (sub: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

describe('the server API', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let other: Gateway;
  let publisher: Publisher;
  const probe = probeService();
  const env = {
    MUX_ROUTES: 'probe',
    MUX_JWT_SECRET: SECRET,
    MUX_AUTH: 'optional',
    MUX_API_KEYS: KEY,
  };
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [probe.definition], env });
    other = await startGateway({ nats: nats.url }, sys.prefix, env);
    publisher = new Publisher(await connectBus({ nats: nats.url }), sys.prefix);
  });
  after(async () => {
    await other.drain();
    await sys.close();
    await publisher.bus.drain();
    await nats.close();
  });

  const otherUrl = () => `ws://127.0.0.1:${other.port}/ws`;
  const post = (path: string, key = KEY) =>
    fetch(`http://127.0.0.1:${other.port}${path}`, {
      method: 'POST',
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
  /** A client on the first gateway, joined to `probe:<topic>`. */
  const joined = async (topic: string, user?: string, url = sys.url): Promise<TestClient> => {
    const c = await sys.client({}, user ? `${url}?token=${await token(user)}` : url);
    await c.join(`probe:${topic}`);
    return c;
  };
  const stillThere = async (c: TestClient, stream: string) => {
    c.send({ type: 'msg', stream, ref: 'alive', payload: {} });
    assert.equal((await c.next((f) => f.ref === 'alive')).type, 'reply');
  };
  const leavesOf = (topic: string) =>
    probe.log.leaves.filter((l) => l.stream === `probe:${topic}`).map((l) => l.reason);

  it('disconnects one connection with 4000 through another gateway, and its service hears it', async () => {
    const target = await joined('one');
    const bystander = await joined('one');
    const res = await post(`/v1/connections/${target.welcome!.conn}/disconnect`);
    assert.equal(res.status, 202);
    assert.equal((await target.closed).code, CloseCode.Disconnected);
    await until(() => leavesOf('one').length === 1, 5000, 'the Leave');
    assert.deepEqual(leavesOf('one'), ['disconnect']);
    await stillThere(bystander, 'probe:one');
  });

  it('disconnects every connection of a user on every gateway, and no one else', async () => {
    const [a1, a2, bob] = [
      await joined('user', 'alice'),
      await joined('user', 'alice', otherUrl()),
      await joined('user', 'bob'),
    ];
    assert.equal((await post('/v1/users/alice/disconnect')).status, 202);
    assert.equal((await a1.closed).code, CloseCode.Disconnected);
    assert.equal((await a2.closed).code, CloseCode.Disconnected);
    await stillThere(bob, 'probe:user');
  });

  it('makes one stream leave with kicked; the connection and its other streams stay', async () => {
    const c = await joined('kick');
    await c.join('probe:other');
    const res = await post(`/v1/connections/${c.welcome!.conn}/streams/probe:kick/leave`);
    assert.equal(res.status, 202);
    const left = await c.next((f) => f.type === 'left' && f.stream === 'probe:kick');
    assert.equal(left.code, 'kicked');
    await until(() => leavesOf('kick').length === 1, 5000, 'the Leave');
    assert.deepEqual(leavesOf('kick'), ['kicked']);
    await stillThere(c, 'probe:other');
  });

  it('works from the SDK, by the address a service keeps', async () => {
    const c = await joined('sdk');
    const address = probe.log.joins.find((j) => j.stream === 'probe:sdk')!.address;
    publisher.kick(address, 'probe:sdk', 'enough');
    const left = await c.next((f) => f.type === 'left' && f.stream === 'probe:sdk');
    assert.deepEqual([left.code, left.reason], ['kicked', 'enough']);
    publisher.disconnect({ conn: address });
    assert.equal((await c.closed).code, CloseCode.Disconnected);
  });

  it('works from the command line', async () => {
    const c = await joined('cli');
    const env = { NATS_URL: nats.url, MUX_PREFIX: sys.prefix };
    const kick = await runMuxgate(['kick', c.welcome!.conn, 'probe:cli'], env);
    assert.equal(kick.code, 0, kick.stderr);
    assert.equal((await c.next((f) => f.type === 'left')).code, 'kicked');
    const bad = await runMuxgate(['disconnect', 'not an id'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a connection id/);
    const off = await runMuxgate(['disconnect', c.welcome!.conn], env);
    assert.equal(off.code, 0, off.stderr);
    assert.equal((await c.closed).code, CloseCode.Disconnected);
  });

  it('refuses without the API key, and names a bad connection, user or stream', async () => {
    assert.equal((await post('/v1/connections/abc/disconnect', '')).status, 401);
    assert.equal((await post('/v1/connections/abc/disconnect', 'wrong')).status, 401);
    const bad = await post('/v1/connections/a%20b/disconnect');
    assert.deepEqual(
      [bad.status, ((await bad.json()) as { error: string }).error],
      [400, 'bad_conn'],
    );
    const stream = await post('/v1/connections/abc/streams/Bad!/leave');
    assert.deepEqual(
      [stream.status, ((await stream.json()) as { error: string }).error],
      [400, 'bad_stream'],
    );
    const user = await post(`/v1/users/${'u'.repeat(300)}/disconnect`);
    assert.equal(user.status, 400);
  });
});
