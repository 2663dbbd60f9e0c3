// Issue 12 item 8: payloads travel byte-exact from client to service and
// back, and from the publish API to group members. Numbers are the sharp
// edge: JSON.parse and JSON.stringify turn 1e400 into null and round
// 12345678901234567890. Over real NATS, since the bytes cross the bus.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from '../../bus/bus.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { Inbound, JoinReply, JoinRequest, Outbound } from '../../proto/index.ts';
import { echoService } from '../../services/echo/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { carriesPayloadText, publishRaw, rawFrames } from '../helpers/hardening.ts';
import { probeService } from '../helpers/probe.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';

const API_KEY = 'hardening-key';
const publish = (sys: TestSystem, group: string, body: string) =>
  publishRaw(sys.gateway.port, API_KEY, group, body);

describe('item 8: payloads travel byte-exact, over NATS', () => {
  const PAYLOADS = [
    '[1e400,12345678901234567890,0.1000000000000000055511151231257827]',
    '{"neg":-0,"one":1.0,"exp":1E2,"tiny":5e-324,"big":-123456789012345678901234567890}',
  ];
  let nats: NatsServer;
  let sys: TestSystem;
  let raw: Bus;
  const seen = { join: [] as string[], msg: [] as string[] };
  const dec = new TextDecoder();

  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    const probe = probeService();
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [echoService, probe.definition],
      env: { MUX_ROUTES: 'echo,probe,raw', MUX_API_KEYS: API_KEY },
    });
    // A service straight on the bus that records payload bytes and sends them back unchanged.
    raw = await connectBus({ nats: nats.url }, 'raw');
    raw.subscribe(`${sys.prefix}.svc.raw.join`, (m) => {
      const req = JoinRequest.decode(m.data);
      seen.join.push(dec.decode(req.payload));
      raw.respond(m, JoinReply.encode({ accept: { payload: req.payload } }).finish());
    });
    raw.subscribe(`${sys.prefix}.svc.raw.msg`, (m) => {
      const msg = Inbound.decode(m.data);
      seen.msg.push(dec.decode(msg.payload));
      const out = { stream: msg.stream, reply: { ref: msg.ref, payload: msg.payload } };
      raw.publish(msg.address, Outbound.encode(out).finish());
    });
    await raw.flush();
  });
  after(async () => {
    await sys.close();
    await raw.drain();
    await nats.close();
  });

  /** The raw text of the first frame matching `pred`, once the client has it. */
  async function textOf(
    c: TestClient,
    texts: string[],
    pred: (f: Record<string, unknown>) => boolean,
  ) {
    await c.next(pred);
    return texts.find((t) => pred(JSON.parse(t) as Record<string, unknown>))!;
  }

  it('echoes payload numbers byte-exact, in reply and in msg', async () => {
    const c = await sys.client();
    await c.join('echo');
    const texts = rawFrames(c);
    for (const [i, p] of PAYLOADS.entries()) {
      c.sendRaw(`{"type":"msg","stream":"echo","ref":${i},"payload":${p}}`);
      const reply = await textOf(c, texts, (f) => f.type === 'reply' && f.ref === i);
      assert.ok(carriesPayloadText(reply, p), `reply ${reply} does not carry ${p}`);
      c.sendRaw(`{"type":"msg","stream":"echo","payload":${p}}`);
      const msg = await textOf(c, texts, (f) => f.type === 'msg');
      texts.splice(texts.indexOf(msg), 1);
      assert.ok(carriesPayloadText(msg, p), `msg ${msg} does not carry ${p}`);
    }
  });

  it('hands join and msg payloads to the service byte-exact, and carries its answers back so', async () => {
    const c = await sys.client();
    const texts = rawFrames(c);
    const p = PAYLOADS[0]!;
    c.sendRaw(`{"type":"join","stream":"raw","ref":"j","payload":${p}}`);
    const joined = await textOf(c, texts, (f) => f.ref === 'j');
    assert.equal(seen.join.at(-1), p, 'JoinRequest.payload');
    assert.ok(carriesPayloadText(joined, p), `joined ${joined} does not carry ${p}`);
    c.sendRaw(`{"type":"msg","stream":"raw","ref":"m","payload":${p}}`);
    const reply = await textOf(c, texts, (f) => f.ref === 'm');
    assert.equal(seen.msg.at(-1), p, 'Inbound.payload');
    assert.ok(carriesPayloadText(reply, p), `reply ${reply} does not carry ${p}`);
  });

  it('delivers a payload from the publish API to group members byte-exact', async () => {
    const c = await sys.client();
    await c.join('probe:pub', { groups: ['hard-pub'] });
    const texts = rawFrames(c);
    for (const p of PAYLOADS) {
      assert.equal((await publish(sys, 'hard-pub', `{"payload":${p}}`)).status, 202);
      const msg = await textOf(c, texts, (f) => f.type === 'msg' && f.stream === 'probe:pub');
      texts.splice(texts.indexOf(msg), 1);
      assert.ok(carriesPayloadText(msg, p), `msg ${msg} does not carry ${p}`);
    }
  });
});
