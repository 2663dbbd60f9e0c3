// PROTOCOL.md §4.9, server-opened streams, on a real nats-server with two
// gateways configured with the notifications service as their connect
// service: each connection gets `joined` (no ref) for `notifications` before
// any of its own frames is answered; the stream receives publishes to
// `type.<user_type>` and `user.<sub>` from the SDK's Publisher and the HTTP
// API, on either gateway; a `leave` closes it and the service hears it, as
// it hears a closed socket and a gateway killed without draining; a connect
// service that is down or silent costs the connection its server-opened
// streams, not its socket; and the client library hands the stream over in
// a `serverStream` event and keeps it across a reconnect.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { connect, type MuxError, type WebSocketConstructor } from '../../client/index.ts';
import type { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { echoService } from '../../services/echo/index.ts';
import { notificationsService } from '../../services/notifications/index.ts';
import { defineService, LeaveReason, Publisher } from '../../services/sdk/index.ts';
import type { Bus } from '../../bus/bus.ts';
import { Subjects } from '../../bus/subjects.ts';
import type { TestClient } from '../helpers/client.ts';
import { RestartableGateway } from '../helpers/gateway.ts';
import { spawnMuxgate } from '../helpers/process.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { connectBus, startGateway, TestSystem } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;

const SECRET = 'server-streams-test-secret-long-enough-for-hs256';
const KEY = 'server-streams-key';

const token = (sub: string, claims: Record<string, unknown> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

describe('server-opened streams (§4.9)', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let other: Gateway;
  let publisher: Publisher;
  /** How long the connect handler takes, so the client's first frames surely wait for it. */
  let connectDelayMs = 0;
  const leaves: { stream: string; reason: LeaveReason; user: string }[] = [];
  const connects: string[] = [];
  // The shipped notifications service, timed and with its leaves recorded.
  const notifications = defineService({
    ...notificationsService,
    async connect(ctx) {
      connects.push(ctx.scope.user);
      if (connectDelayMs) await new Promise((r) => setTimeout(r, connectDelayMs));
      return notificationsService.connect!(ctx);
    },
    leave(ctx, reason) {
      leaves.push({ stream: ctx.stream, reason, user: ctx.scope.user });
    },
  });
  const env = {
    MUX_ROUTES: 'notifications,echo',
    MUX_CONNECT_SERVICE: 'notifications',
    MUX_JWT_SECRET: SECRET,
    MUX_AUTH: 'optional',
    MUX_API_KEYS: KEY,
  };

  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [notifications, echoService],
      env,
    });
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
  const as = async (
    user: string | undefined,
    claims?: Record<string, unknown>,
    url = sys.url,
  ): Promise<TestClient> =>
    sys.client({}, user === undefined ? url : `${url}?token=${await token(user, claims)}`);
  /** A client whose notifications stream is open. */
  const opened = async (user: string | undefined, claims?: object, url?: string) => {
    const c = await as(user, claims as Record<string, unknown>, url);
    const joined = await c.expect('joined', 'notifications');
    return { c, joined };
  };
  const msgOn = (c: TestClient, marker: string) =>
    c.next(
      (f) =>
        f.type === 'msg' &&
        f.stream === 'notifications' &&
        (f.payload as { m?: string } | undefined)?.m === marker,
    );

  it('opens the stream, without ref, before any client frame is answered', async () => {
    connectDelayMs = 300;
    try {
      const c = await sys.client(
        { raw: true },
        `${sys.url}?token=${await token('ann', { user_type: 'staff' })}`,
      );
      // Sent at once: the gateway must answer them only after `joined`.
      c.send({ type: 'ping', ref: 'p1' });
      c.send({ type: 'join', stream: 'echo', ref: 'j1' });
      c.send({ type: 'msg', stream: 'notifications', ref: 'm1', payload: {} });
      await c.waitFrames(4);
      const [welcome, joined, pong, echo] = c.frames;
      assert.equal(welcome!.type, 'welcome');
      assert.deepEqual(joined, {
        type: 'joined',
        stream: 'notifications',
        payload: { user: 'ann', type: 'staff', groups: ['user.ann', 'type.staff'] },
      });
      assert.deepEqual(pong, { type: 'pong', ref: 'p1' });
      assert.equal(echo!.type, 'joined');
      assert.equal(echo!.ref, 'j1');
    } finally {
      connectDelayMs = 0;
    }
  });

  it('delivers publishes to type.<user_type> and user.<sub> on both gateways', async () => {
    const alice = (await opened('alice', { user_type: 'staff' })).c;
    const bob = (await opened('bob', { user_type: 'staff' }, otherUrl())).c;
    const carol = (await opened('carol', { user_type: 'customer' })).c;
    const guest = await opened(undefined, undefined, otherUrl());
    assert.deepEqual(guest.joined.payload, {
      user: '',
      type: 'anonymous',
      groups: ['type.anonymous'],
    });
    // From one publisher connection NATS keeps the order, so carol's own
    // message arriving proves the staff one, sent before it, skipped her.
    publisher.toGroup('type.staff', { m: 'staff-1' });
    publisher.toGroup('user.carol', { m: 'carol-1' });
    publisher.toGroup('type.anonymous', { m: 'guests-1' });
    await msgOn(alice, 'staff-1');
    await msgOn(bob, 'staff-1');
    await msgOn(carol, 'carol-1');
    await msgOn(guest.c, 'guests-1');
    assert.ok(!carol.frames.some((f) => f.type === 'msg'), 'carol is not staff');
    // The HTTP publish API of one gateway reaches a user on the other.
    const res = await fetch(`http://127.0.0.1:${other.port}/v1/groups/user.alice/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { m: 'alice-1' } }),
    });
    assert.equal(res.status, 202);
    await msgOn(alice, 'alice-1');
  });

  it('closes on leave like a joined stream, and the service hears the Leave', async () => {
    const { c } = await opened('dave', { user_type: 'staff' }, otherUrl());
    c.send({ type: 'leave', stream: 'notifications', ref: 'l1' });
    assert.deepEqual(await c.expect('left', 'notifications'), {
      type: 'left',
      stream: 'notifications',
      ref: 'l1',
    });
    await until(
      () => leaves.some((l) => l.user === 'dave' && l.reason === LeaveReason.Leave),
      5000,
      'the Leave',
    );
    assert.equal(leaves.find((l) => l.user === 'dave')!.stream, 'notifications');
    c.send({ type: 'msg', stream: 'notifications', ref: 'after', payload: {} });
    assert.equal((await c.next((f) => f.ref === 'after')).code, 'not_joined');
    // Joined again by the client, it is a stream like any other.
    const again = await c.join('notifications');
    assert.deepEqual((again.payload as { groups: string[] }).groups, ['user.dave', 'type.staff']);
  });

  it('tells the service the stream left when the socket closes, even during the connect', async () => {
    const { c } = await opened('erin', { user_type: 'staff' });
    await c.close();
    await until(
      () => leaves.some((l) => l.user === 'erin' && l.reason === LeaveReason.Disconnect),
      5000,
      'the disconnect Leave',
    );
    connectDelayMs = 300;
    try {
      const early = await as('fred', { user_type: 'staff' });
      await until(() => connects.includes('fred'), 5000, 'the connect request');
      await early.close();
      await until(
        () => leaves.some((l) => l.user === 'fred' && l.reason === LeaveReason.Disconnect),
        5000,
        'the Leave of a stream opened after the socket closed',
      );
    } finally {
      connectDelayMs = 0;
    }
  });

  it('sends gateway_lost for a server-opened stream when its gateway dies without draining', async () => {
    const heartbeatMs = 300;
    const gw = await spawnMuxgate(['gateway'], {
      NATS_URL: nats.url,
      MUX_PREFIX: sys.prefix,
      ...env,
      MUX_HEARTBEAT_MS: String(heartbeatMs),
      LOG_LEVEL: 'warn',
    });
    try {
      const c = await sys.client({}, `${gw.url}?token=${await token('hal')}`);
      await c.expect('joined', 'notifications');
      await gw.stop('SIGKILL');
      await until(
        () => leaves.some((l) => l.user === 'hal' && l.reason === LeaveReason.GatewayLost),
        10 * heartbeatMs + 5000,
        'the gateway_lost Leave',
      );
    } finally {
      await gw.stop('SIGKILL');
    }
  });

  describe('when the connect service fails', () => {
    let silentBus: Bus;
    before(async () => {
      // Subscribed, never answering: a hung connect service.
      silentBus = await connectBus({ nats: nats.url });
      silentBus.subscribe(new Subjects(sys.prefix).connect('silent'), () => {});
      await silentBus.flush();
    });
    after(() => silentBus.drain());

    it('goes on without server-opened streams when no replica runs', async () => {
      const gw = await startGateway({ nats: nats.url }, sys.prefix, {
        ...env,
        MUX_CONNECT_SERVICE: 'nobody',
      });
      try {
        const c = await sys.client({}, `ws://127.0.0.1:${gw.port}/ws`);
        c.send({ type: 'ping', ref: 'p' });
        await c.expect('pong');
        // The client can still join the stream itself.
        await c.join('notifications');
        assert.equal(
          await gatewayMetric(gw, 'muxgate_connect_total', { result: 'unavailable' }),
          1,
        );
        assert.ok(!c.frames.some((f) => f.type === 'error'));
        await c.close();
      } finally {
        await gw.drain();
      }
    });

    it('answers the client after MUX_CONNECT_TIMEOUT_MS when the service does not answer', async () => {
      const gw = await startGateway({ nats: nats.url }, sys.prefix, {
        ...env,
        MUX_CONNECT_SERVICE: 'silent',
        MUX_CONNECT_TIMEOUT_MS: '300',
      });
      try {
        const c = await sys.client({ raw: true }, `ws://127.0.0.1:${gw.port}/ws`);
        c.send({ type: 'ping', ref: 'p' });
        await c.expect('pong', undefined, 10_000);
        assert.equal(await gatewayMetric(gw, 'muxgate_connect_total', { result: 'timeout' }), 1);
        assert.deepEqual(
          c.frames.map((f) => f.type),
          ['welcome'],
          'nothing but welcome before the pong',
        );
        await c.close();
      } finally {
        await gw.drain();
      }
    });
  });

  describe('in the client library', () => {
    let gw: RestartableGateway;
    before(async () => {
      gw = await RestartableGateway.start({ nats: nats.url }, sys.prefix, { env });
    });
    after(() => gw.close());

    it('surfaces the stream in a serverStream event, and keeps it across a reconnect', async () => {
      const client = connect(gw.url, {
        WebSocket: WS,
        token: await token('gina', { user_type: 'staff' }),
        backoff: { steps: [50, 100, 200] },
      });
      try {
        const opened = collect<{ name: string; payload: unknown }>();
        const errors = collect<MuxError>();
        client.on('serverStream', ({ stream, payload }) =>
          opened.push({ name: stream.name, payload }),
        );
        client.on('error', (e) => errors.push(e));
        const [first] = await opened.wait(1);
        assert.deepEqual(first, {
          name: 'notifications',
          payload: { user: 'gina', type: 'staff', groups: ['user.gina', 'type.staff'] },
        });
        const stream = client.stream('notifications');
        assert.equal(stream.state, 'joined');
        const messages = collect<unknown>();
        stream.on('message', (m) => messages.push(m));
        const rejoins = collect<boolean>();
        stream.on('joined', (e) => rejoins.push(e.rejoin));
        stream.on('error', (e) => errors.push(e));
        publisher.toGroup('user.gina', { m: 'one' });
        await messages.wait(1);

        // A new connection gets the stream from the gateway again: the same
        // object, `joined` with rejoin, and no second serverStream.
        await gw.restart();
        await rejoins.wait(1, 15_000);
        assert.deepEqual(rejoins.items, [true]);
        assert.equal(stream.state, 'joined');
        publisher.toGroup('type.staff', { m: 'two' });
        await messages.wait(2);
        assert.deepEqual(messages.items, [{ m: 'one' }, { m: 'two' }]);
        assert.equal(opened.items.length, 1);
        assert.deepEqual(errors.items, [], 'the rejoin the server open overtook is no error');

        await stream.leave();
        assert.equal(stream.state, 'left');
        await until(
          () => leaves.some((l) => l.user === 'gina' && l.reason === LeaveReason.Leave),
          5000,
          'the Leave',
        );
      } finally {
        client.close();
      }
    });
  });
});
