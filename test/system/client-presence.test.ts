// The client library's presence (protocol 1.1 §4.3, docs/client.md):
// stream.presence.request() answers with the list, `change` follows every
// diff, `members` and `count` stay current, join({ presence: true }) asks
// again after a rejoin, and a stream without presence is refused with
// `forbidden`. One gateway on the in-memory bus: what crosses gateways is
// presence.test.ts's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import {
  connect,
  ErrorCode,
  isMuxError,
  type MuxClient,
  type PresenceView,
  type WebSocketConstructor,
} from '../../client/index.ts';
import { accept, defineService } from '../../services/sdk/index.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;

const room = defineService({
  name: 'room',
  join: (ctx, payload) =>
    ctx.topic === 'quiet'
      ? accept()
      : accept({ presence: { group: `room.${ctx.topic}`, info: payload } }),
});

const names = (v: { members: { info?: unknown }[] }): string[] =>
  v.members.map((m) => (m.info as { name: string }).name).sort();

describe('the client library’s presence', () => {
  let sys: TestSystem;
  const clients: MuxClient[] = [];
  const client = (): MuxClient => {
    const c = connect(sys.url, { WebSocket: WS });
    clients.push(c);
    return c;
  };

  before(async () => {
    sys = await TestSystem.start({
      services: [room],
      env: { MUX_ROUTES: 'room', MUX_HEARTBEAT_MS: '1000' },
    });
  });
  after(async () => {
    for (const c of clients) c.close();
    await sys.close();
  });

  it('answers with the list, then keeps it from the diffs', async () => {
    const ann = client().stream('room:a');
    await ann.join({ name: 'ann' });
    const first = await ann.presence.request();
    assert.deepEqual(names(first), ['ann']);
    assert.equal(first.count, 1);
    const views: PresenceView[] = [];
    ann.presence.on('change', (v) => views.push(v));
    const bob = client().stream('room:a');
    await bob.join({ name: 'bob' });
    await until(() => names(ann.presence).length === 2, 5000, 'bob listed');
    assert.deepEqual(names(ann.presence), ['ann', 'bob']);
    assert.equal(ann.presence.count, 2);
    const joined = views.find((v) => v.joins.length > 0)!;
    assert.deepEqual(names({ members: joined.joins }), ['bob']);
    await bob.leave();
    await until(() => ann.presence.count === 1, 5000, 'bob gone');
    assert.deepEqual(names(ann.presence), ['ann']);
    assert.deepEqual(names({ members: views.at(-1)!.leaves }), ['bob']);
  });

  it('asks again after every joined with join({ presence: true })', async () => {
    const c = client();
    const s = c.stream('room:b');
    await s.join({ name: 'cy' }, { presence: true });
    await until(() => s.presence.count === 1, 5000, 'the first answer');
    // A new socket is a new connection: the rejoin's answer lists it, not the old one.
    const before = s.presence.members[0]!.conn;
    // The socket dies under it (no close frame): the client reconnects and rejoins.
    sys.gateway.hub.connection(before)!.terminate();
    await until(
      () => s.presence.members.length === 1 && s.presence.members[0]!.conn !== before,
      10_000,
      'the list after the rejoin',
    );
    assert.equal(s.presence.count, 1);
  });

  it('rejects presence.request() with forbidden on a stream without presence', async () => {
    const s = client().stream('room:quiet');
    await s.join();
    await assert.rejects(s.presence.request(), (err) => isMuxError(err, ErrorCode.Forbidden));
  });
});
