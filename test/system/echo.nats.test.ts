import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { echoService } from '../../services/echo/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestSystem } from '../helpers/system.ts';

describe('echo over a real nats-server', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  before(async () => {
    nats = await NatsServer.start();
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [echoService] });
  });
  after(async () => {
    await sys.close();
    await nats.close();
  });

  it('joins echo and gets a reply for a msg with ref, a msg for one without', async () => {
    const c = await sys.client();
    await c.join('echo');
    c.send({ type: 'msg', stream: 'echo', ref: 'r1', payload: { hello: 'world' } });
    assert.deepEqual(await c.expect('reply', 'echo'), {
      type: 'reply',
      stream: 'echo',
      ref: 'r1',
      payload: { hello: 'world' },
    });
    c.send({ type: 'msg', stream: 'echo', payload: [1, 2, 3] });
    assert.deepEqual(await c.expect('msg', 'echo'), {
      type: 'msg',
      stream: 'echo',
      payload: [1, 2, 3],
    });
  });
});
