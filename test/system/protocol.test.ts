// PROTOCOL.md §1, frame by frame and code by code, on both buses (the
// in-memory bus must behave as the real nats-server does) and over every
// transport (WebSocket JSON and binary, SSE, long poll: §4.5 and §4.8 carry
// the same frames).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { echoService } from '../../services/echo/index.ts';
import { ErrorCode } from '../../protocol/codes.ts';
import { JoinReply } from '../../proto/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import type { OpenOptions, TestClient } from '../helpers/client.ts';
import { probeService, type ProbeLog } from '../helpers/probe.ts';
import { TRANSPORTS, WEBSOCKET, type FrameClient } from '../helpers/transports.ts';
import { connectBus, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

for (const kind of ['nats', 'memory'] as const) {
  describe(`protocol §1 over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let sys: TestSystem;
    let log: ProbeLog;
    let raw: Bus;

    before(async () => {
      let source: BusSource;
      if (kind === 'nats') {
        nats = await NatsServer.start({ jetstream: false });
        source = { nats: nats.url };
      } else source = { memory: new MemoryBroker() };
      const probe = probeService();
      log = probe.log;
      sys = await TestSystem.start({
        bus: source,
        services: [echoService, probe.definition],
        env: {
          MUX_ROUTES: 'echo,probe,broken,badcode,silent,absent,secure=auth',
          MUX_JOIN_TIMEOUT_MS: '300',
        },
      });
      // Two misbehaving "services" straight on the bus.
      raw = await connectBus(source);
      raw.subscribe(`${sys.prefix}.svc.broken.join`, (m) =>
        raw.respond(m, new Uint8Array([0xff, 0xff, 0xff])),
      );
      raw.subscribe(`${sys.prefix}.svc.silent.join`, () => {});
      raw.subscribe(`${sys.prefix}.svc.badcode.join`, (m) =>
        raw.respond(
          m,
          JoinReply.encode({ refuse: { code: 'Not A Code!', message: 'no' } }).finish(),
        ),
      );
      await raw.flush();
    });
    after(async () => {
      await sys.close();
      await raw.drain();
      await nats?.close();
    });

    for (const transport of TRANSPORTS)
      describe(`over ${transport.name}`, () => {
        const open = (opts?: OpenOptions): Promise<FrameClient> => sys.clientOver(transport, opts);

        it('sends welcome first, with the protocol version, connection id, heartbeat and limits', async () => {
          const c = await open({ raw: true });
          const [first] = await c.waitFrames(1);
          assert.equal(first!.type, 'welcome');
          assert.equal(first!.protocol, '1.1');
          assert.match(String(first!.conn), /^[A-Za-z0-9_-]{8,}$/);
          assert.equal(first!.heartbeat_ms, 30_000);
          assert.deepEqual(first!.limits, {
            max_frame_bytes: 65_536,
            max_streams: 128,
            rate_per_second: 10_000,
            rate_burst: 20_000,
            msg_timeout_ms: 8_000,
          });
        });

        it(
          'offers JSON to a client that names no subprotocol',
          { skip: !transport.websocket },
          async () => {
            const c = await sys.clientOver(WEBSOCKET, { protocols: [] });
            assert.equal((c as TestClient).ws.protocol, '');
            assert.equal(c.welcome?.type, 'welcome');
            const c2 = await open();
            assert.equal((c2 as TestClient).ws.protocol, transport.subprotocol);
          },
        );

        it('joins through the service: joined carries the ref and the service payload', async () => {
          const c = await open();
          c.send({
            type: 'join',
            stream: 'probe:room-1',
            ref: 42,
            payload: { payload: { hello: 'there' } },
          });
          assert.deepEqual(await c.expect('joined'), {
            type: 'joined',
            stream: 'probe:room-1',
            ref: 42,
            payload: { hello: 'there' },
          });
          const seen = log.joins.find((j) => j.stream === 'probe:room-1');
          assert.equal(seen?.topic, 'room-1');
          assert.equal(seen?.address.startsWith(`${sys.prefix}.conn.`), true);
          c.send({ type: 'join', stream: 'probe:room-2' });
          assert.deepEqual(await c.expect('joined', 'probe:room-2'), {
            type: 'joined',
            stream: 'probe:room-2',
          });
        });

        it('holds frames the service sends before joined, then delivers them in order', async () => {
          const c = await open();
          c.send({ type: 'join', stream: 'probe:early', payload: { early: 5, delayMs: 20 } });
          const frames = await c.waitFrames(6);
          assert.equal(frames[0]!.type, 'joined');
          assert.deepEqual(
            frames.slice(1, 6).map((f) => f.payload),
            [0, 1, 2, 3, 4].map((i) => ({ early: i })),
          );
        });

        it('answers msg with ref by reply, and msg without ref by msg', async () => {
          const c = await open();
          await c.join('echo');
          c.send({ type: 'msg', stream: 'echo', ref: 'r-1', payload: { a: [1, 'two', null] } });
          assert.deepEqual(await c.expect('reply'), {
            type: 'reply',
            stream: 'echo',
            ref: 'r-1',
            payload: { a: [1, 'two', null] },
          });
          c.send({ type: 'msg', stream: 'echo', ref: 9, payload: 'x' });
          assert.deepEqual(await c.expect('reply'), {
            type: 'reply',
            stream: 'echo',
            ref: 9,
            payload: 'x',
          });
          c.send({ type: 'msg', stream: 'echo', payload: false });
          assert.deepEqual(await c.expect('msg'), { type: 'msg', stream: 'echo', payload: false });
        });

        it('acknowledges leave with left, and tells the service with its state', async () => {
          const c = await open();
          await c.join('probe:leaving');
          c.send({ type: 'leave', stream: 'probe:leaving', ref: 'bye' });
          assert.deepEqual(await c.expect('left'), {
            type: 'left',
            stream: 'probe:leaving',
            ref: 'bye',
          });
          await until(() => log.leaves.some((l) => l.stream === 'probe:leaving'));
          assert.deepEqual(
            log.leaves.find((l) => l.stream === 'probe:leaving'),
            { stream: 'probe:leaving', reason: 'leave', state: { n: 7 } },
          );
          c.send({ type: 'msg', stream: 'probe:leaving', payload: 1, ref: 'after' });
          assert.equal((await c.expect('error')).code, ErrorCode.NotJoined);
        });

        it('sends left with code and reason when the service closes the stream', async () => {
          const c = await open();
          await c.join('probe:kick');
          c.send({
            type: 'msg',
            stream: 'probe:kick',
            payload: { close: { code: 'kicked', reason: 'bye now' } },
          });
          assert.deepEqual(await c.expect('left'), {
            type: 'left',
            stream: 'probe:kick',
            code: 'kicked',
            reason: 'bye now',
          });
          c.send({ type: 'msg', stream: 'probe:kick', payload: 1 });
          assert.equal((await c.expect('error')).code, ErrorCode.NotJoined);
        });

        it('answers ping with pong, echoing the ref', async () => {
          const c = await open();
          c.send({ type: 'ping', ref: 'p1' });
          assert.deepEqual(await c.expect('pong'), { type: 'pong', ref: 'p1' });
          c.send({ type: 'ping' });
          assert.deepEqual(await c.expect('pong'), { type: 'pong' });
        });

        it('sends every joined stream a Leave when the socket closes', async () => {
          const c = await open();
          // Each transport's own names: the probe's log is the suite's.
          const gone = `probe:gone-${transport.name.replace(/\W/g, '')}-`;
          await c.join(`${gone}1`);
          await c.join(`${gone}2`);
          await c.close();
          await until(() => log.leaves.filter((l) => l.stream.startsWith(gone)).length === 2);
          assert.deepEqual(
            log.leaves.filter((l) => l.stream.startsWith(gone)).map((l) => l.reason),
            ['disconnect', 'disconnect'],
          );
        });

        it('passes the scope to the service and keeps the stream state', async () => {
          const c = await open({
            headers: { 'User-Agent': 'protocol-test/1', Origin: 'http://app.example' },
          });
          await c.join('probe:scope');
          c.send({ type: 'msg', stream: 'probe:scope', ref: 's', payload: { scope: true } });
          const r = await c.expect('reply');
          const scope = r.payload as Record<string, unknown>;
          assert.equal(scope.user, '');
          assert.equal(scope.userAgent, 'protocol-test/1');
          assert.equal(scope.origin, 'http://app.example');
          assert.equal(scope.remoteAddr, '127.0.0.1');
          assert.equal(scope.gateway, sys.gateway.config.gatewayId);
          assert.deepEqual(scope.state, { n: 7 });
        });

        describe('error codes', () => {
          const cases: Array<{ name: string; frame: object; code: string; message?: RegExp }> = [
            {
              name: 'bad_stream for a name outside the grammar',
              frame: { type: 'join', stream: 'Echo', ref: 1 },
              code: ErrorCode.BadStream,
            },
            {
              name: 'unknown_stream for a service without a route',
              frame: { type: 'join', stream: 'nosuch:x', ref: 1 },
              code: ErrorCode.UnknownStream,
            },
            {
              name: 'not_joined for msg before join',
              frame: { type: 'msg', stream: 'echo', payload: 1, ref: 1 },
              code: ErrorCode.NotJoined,
            },
            {
              name: 'not_joined for leave of a stream never joined',
              frame: { type: 'leave', stream: 'echo', ref: 1 },
              code: ErrorCode.NotJoined,
            },
            {
              name: 'forbidden for an auth route on an anonymous connection',
              frame: { type: 'join', stream: 'secure', ref: 1 },
              code: ErrorCode.Forbidden,
            },
            {
              name: 'forbidden when the service refuses with an invalid code',
              frame: { type: 'join', stream: 'badcode', ref: 1 },
              code: ErrorCode.Forbidden,
            },
            {
              name: "the service's own code and message when it refuses",
              frame: {
                type: 'join',
                stream: 'probe:full',
                ref: 1,
                payload: { refuse: { code: 'room_full', message: 'the room is full' } },
              },
              code: 'room_full',
              message: /^the room is full$/,
            },
            {
              name: 'unavailable at once when no service runs',
              frame: { type: 'join', stream: 'absent', ref: 1 },
              code: ErrorCode.Unavailable,
              message: /no absent service/,
            },
            {
              name: 'unavailable at the join timeout when the service never answers',
              frame: { type: 'join', stream: 'silent', ref: 1 },
              code: ErrorCode.Unavailable,
              message: /300 ms/,
            },
            {
              name: 'internal when the service answers garbage',
              frame: { type: 'join', stream: 'broken', ref: 1 },
              code: ErrorCode.Internal,
              message: /^internal error$/,
            },
            {
              name: 'bad_frame for an unknown type',
              frame: { type: 'subscribe', stream: 'echo', ref: 1 },
              code: ErrorCode.BadFrame,
            },
          ];
          for (const c of cases) {
            it(c.name, async () => {
              const client = await open();
              client.send(c.frame);
              const e = await client.expect('error');
              assert.equal(e.code, c.code);
              assert.equal(e.ref, 1);
              if ('stream' in c.frame) assert.equal(e.stream, c.frame.stream);
              if (c.message) assert.match(String(e.message), c.message);
              // The connection stays open and usable.
              client.send({ type: 'ping', ref: 'still-here' });
              assert.equal((await client.expect('pong')).ref, 'still-here');
            });
          }

          it('already_joined for a second join of the same stream, joined or still joining', async () => {
            const c = await open();
            c.send({ type: 'join', stream: 'probe:twice', ref: 'a', payload: { delayMs: 50 } });
            c.send({ type: 'join', stream: 'probe:twice', ref: 'b' });
            const e = await c.expect('error');
            assert.deepEqual(
              [e.code, e.ref, e.stream],
              [ErrorCode.AlreadyJoined, 'b', 'probe:twice'],
            );
            await c.expect('joined');
            c.send({ type: 'join', stream: 'probe:twice', ref: 'c' });
            assert.equal((await c.expect('error')).code, ErrorCode.AlreadyJoined);
          });

          it('answers a leave sent while the join is in flight after the join settles', async () => {
            const c = await open();
            c.send({ type: 'join', stream: 'probe:quick', ref: 'j', payload: { delayMs: 50 } });
            c.send({ type: 'leave', stream: 'probe:quick', ref: 'l' });
            const frames = await c.waitFrames(2);
            assert.deepEqual(
              frames.map((f) => [f.type, f.ref]),
              [
                ['joined', 'j'],
                ['left', 'l'],
              ],
            );
          });
        });
      });
  });
}
