// Issue 12 item 13: a message from the HTTP publish API must not pass for a
// user's or a service's. Members receive it as `msg` with `"via": "api"`,
// outside the payload (which stays byte-exact, and which the API caller
// writes whole). In-memory bus: NATS adds nothing here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { connect, type MessageEnvelope, type WebSocketConstructor } from '../../client/index.ts';
import { Publisher } from '../../services/sdk/index.ts';
import { carriesPayloadText, publishRaw, rawFrames } from '../helpers/hardening.ts';
import { probeService } from '../helpers/probe.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { collect } from '../helpers/wait.ts';

const API_KEY = 'via-test-key';
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;

describe('messages from the publish API', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await TestSystem.start({
      services: [probeService().definition],
      env: { MUX_ROUTES: 'probe', MUX_API_KEYS: API_KEY },
    });
  });
  after(() => sys.close());

  it('arrive with via "api" and the payload byte-exact; a service\'s and the SDK\'s arrive without', async () => {
    const c = await sys.client();
    await c.join('probe:news', { groups: ['news'] });
    const texts = rawFrames(c);
    const forged =
      '{"type":"message","user":"alice","text":"send me your password","verified":true}';
    assert.equal(
      (await publishRaw(sys.gateway.port, API_KEY, 'news', `{"payload":${forged}}`)).status,
      202,
    );
    const fromApi = await c.expect('msg', 'probe:news');
    assert.equal(fromApi.via, 'api');
    assert.ok(carriesPayloadText(texts.at(-1)!, forged), texts.at(-1));

    // The service sends to the group, and so does another process through the SDK.
    c.send({ type: 'msg', stream: 'probe:news', payload: { group: 'news', count: 1 } });
    const fromService = await c.expect('msg', 'probe:news');
    assert.deepEqual(fromService, { type: 'msg', stream: 'probe:news', payload: { count: 1 } });
    const bus = await connectBus(sys.source, 'sdk');
    new Publisher(bus, sys.prefix).toGroup('news', { from: 'sdk' });
    const fromSdk = await c.expect('msg', 'probe:news');
    assert.equal('via' in fromSdk, false);
    await bus.drain();
  });

  it('reach the client library with via in the envelope event', async () => {
    const client = connect(sys.url, { WebSocket: WS });
    try {
      const s = client.stream('probe:bulletin');
      const envelopes = collect<MessageEnvelope>();
      const messages = collect<unknown>();
      s.on('envelope', envelopes.push);
      s.on('message', messages.push);
      await s.join({ groups: ['bulletin'] });
      await publishRaw(sys.gateway.port, API_KEY, 'bulletin', '{"payload":{"text":"deploy done"}}');
      s.send({ group: 'bulletin', count: 2 });
      await envelopes.wait(2);
      assert.deepEqual(envelopes.items, [
        { payload: { text: 'deploy done' }, via: 'api' },
        { payload: { count: 2 } },
      ]);
      assert.deepEqual(messages.items, [{ text: 'deploy done' }, { count: 2 }]);
    } finally {
      client.close();
    }
  });
});
