// One connection, many streams: each answered on its own stream, in order,
// over every transport.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { echoService } from '../../services/echo/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestSystem } from '../helpers/system.ts';
import { TRANSPORTS } from '../helpers/transports.ts';

describe('multiplexing over real NATS', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [echoService] });
  });
  after(async () => {
    await sys.close();
    await nats.close();
  });

  for (const transport of TRANSPORTS)
    describe(`over ${transport.name}`, () => {
      it('answers 50 streams on one socket, each on its own stream', async () => {
        const c = await sys.clientOver(transport);
        const names = Array.from({ length: 50 }, (_, i) => `echo:s${i}`);
        for (const stream of names) c.send({ type: 'join', stream });
        const joined = await Promise.all(names.map((s) => c.expect('joined', s)));
        assert.equal(joined.length, 50);
        for (const stream of names) {
          c.send({ type: 'msg', stream, payload: { from: stream } });
          c.send({ type: 'msg', stream, ref: stream, payload: { asked: stream } });
        }
        for (const stream of names) {
          assert.deepEqual((await c.expect('msg', stream)).payload, { from: stream });
          const reply = await c.expect('reply', stream);
          assert.deepEqual([reply.ref, reply.payload], [stream, { asked: stream }]);
        }
        assert.equal(c.frames.length, 0, 'no frame went to the wrong stream or twice');
      });

      it('delivers 1,000 messages on one stream in order', async () => {
        const c = await sys.clientOver(transport);
        await c.join('echo:ordered');
        for (let i = 0; i < 1000; i++) c.send({ type: 'msg', stream: 'echo:ordered', payload: i });
        const frames = await c.waitFrames(1000);
        assert.deepEqual(
          frames.map((f) => f.payload),
          Array.from({ length: 1000 }, (_, i) => i),
        );
      });
    });
});
