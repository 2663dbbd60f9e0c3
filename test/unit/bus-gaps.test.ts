// A bus that came back (BusGaps.busBack, what the gateway calls on a
// reconnect) ends the streams their service had accepted, whose groups or
// direct frames may have missed messages, fails the joins that were about to
// open with such a gap, and lets a join its service had not answered go on.
// One session on the in-memory bus, a scripted service.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Bus, BusMessage, BusStatus } from '../../bus/bus.ts';
import { BusWatch } from '../../gateway/bus-watch.ts';
import { GatewayMetrics } from '../../gateway/metrics.ts';
import { silentLogger } from '../../lib/log.ts';
import { JoinReply, Outbound } from '../../proto/index.ts';
import { makeSession, scriptedService } from '../helpers/session.ts';
import { sampleOf } from '../helpers/metrics.ts';
import { until } from '../helpers/wait.ts';

async function harness() {
  const made = makeSession({ env: { MUX_ROUTES: 'echo' } });
  const { bus, transport, session } = made;
  session.start();
  const { joins, leaves } = scriptedService(made);
  const send = (frame: object) => session.receive(JSON.stringify(frame));
  const accept = (req: BusMessage, groups: string[] = []) =>
    bus.respond(req, JoinReply.encode({ accept: { groups } }).finish());
  const nextJoin = async (): Promise<BusMessage> => {
    await until(() => joins.length > 0, 2000, 'a JoinRequest');
    return joins.shift()!;
  };
  /** Joins `stream` with `groups` and waits for `joined`. */
  const joined = async (stream: string, groups: string[]) => {
    send({ type: 'join', stream, ref: stream });
    accept(await nextJoin(), groups);
    await until(() => transport.ofType('joined').some((f) => f.stream === stream));
  };
  const gapMetric = async (phase: string) =>
    sampleOf(await made.metrics.registry.metrics(), 'muxgate_bus_gap_streams_total', { phase }) ??
    0;
  return { ...made, leaves, send, accept, nextJoin, joined, gapMetric };
}

describe('a bus that came back', () => {
  it('ends every joined stream with left unavailable, grouped or not, and its service hears a Leave', async () => {
    const h = await harness();
    await h.joined('echo:grouped', ['room']);
    // No group: what it misses in a gap is what its service sends it directly.
    await h.joined('echo:alone', []);
    await h.joined('echo:gone', []);
    h.send({ type: 'leave', stream: 'echo:gone', ref: 'bye' });
    assert.equal(h.transport.ofType('left').at(-1)?.ref, 'bye');
    h.send({ type: 'msg', stream: 'echo:grouped', ref: 'pending', payload: 1 });
    assert.equal(h.busGaps.size, 2, 'the streams still joined are exposed, the one left is not');

    assert.deepEqual(h.busGaps.busBack(), { ended: 2, joinsFailed: 0 });

    const left = h.transport.ofType('left').filter((f) => f.ref === undefined);
    assert.deepEqual(
      left.map((f) => [f.stream, f.code]),
      [
        ['echo:grouped', 'unavailable'],
        ['echo:alone', 'unavailable'],
      ],
    );
    assert.match(String(left[0]!.reason), /reconnected to NATS; join again/);
    const answered = h.transport.conversation.find((f) => f.ref === 'pending');
    assert.deepEqual(
      [answered?.type, answered?.code],
      ['error', 'unavailable'],
      'the msg still waiting got its one answer, one a client may retry',
    );
    assert.ok(
      h.transport.conversation.indexOf(answered!) < h.transport.conversation.indexOf(left[0]!),
      'before left',
    );
    await until(() => h.leaves.length === 3);
    assert.deepEqual(
      h.leaves
        .filter((l) => l.stream !== 'echo:gone')
        .sort((a, b) => a.stream.localeCompare(b.stream)),
      [
        { stream: 'echo:alone', reason: 'leave' },
        { stream: 'echo:grouped', reason: 'leave' },
      ],
    );
    assert.equal(h.hub.hasGroup('room'), false, 'the membership went with the stream');
    assert.equal(h.busGaps.size, 0);
    assert.equal(await h.gapMetric('joined'), 2);
    assert.deepEqual(h.busGaps.busBack(), { ended: 0, joinsFailed: 0 }, 'nobody left to end');
  });

  it('keeps a stream exposed after it discarded its groups, since the discard may postdate the gap', async () => {
    const h = await harness();
    await h.joined('echo:x', ['a']);
    h.bus.publish(
      h.connSubject,
      Outbound.encode({ stream: 'echo:x', groupDiscard: { groups: ['a'] } }).finish(),
    );
    await until(() => !h.hub.hasGroup('a'), 2000, 'the discard');
    assert.deepEqual(h.busGaps.busBack(), { ended: 1, joinsFailed: 0 });
    assert.equal(h.transport.ofType('left')[0]?.code, 'unavailable');
  });

  it('fails a join that was in its group when the bus came back, with unavailable, at joined', async () => {
    const h = await harness();
    let open!: () => void;
    h.holdFlushes(new Promise<void>((r) => (open = r)));
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.accept(await h.nextJoin(), ['room']);
    await until(() => h.hub.hasGroup('room'), 2000, 'the group subscription');

    assert.deepEqual(h.busGaps.busBack(), { ended: 0, joinsFailed: 1 });
    assert.equal(h.transport.conversation.length, 0, 'nothing until the join would open');
    open();
    await until(() => h.transport.conversation.length === 1);
    const [refusal] = h.transport.conversation;
    assert.deepEqual(
      [refusal!.type, refusal!.code, refusal!.ref, refusal!.stream],
      ['error', 'unavailable', 'j', 'echo'],
    );
    assert.match(String(refusal!.message), /reconnected to NATS; join again/);
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'leave' }], 'the service let it go');
    assert.equal(h.hub.hasGroup('room'), false);
    assert.equal(await h.gapMetric('joining'), 1);
  });

  it('lets a join whose reply had not come open normally: its subscription starts after the gap', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    const req = await h.nextJoin();
    assert.deepEqual(h.busGaps.busBack(), { ended: 0, joinsFailed: 0 });
    h.accept(req, ['room']);
    await until(() => h.transport.conversation.length === 1);
    assert.deepEqual(
      [h.transport.conversation[0]!.type, h.transport.conversation[0]!.ref],
      ['joined', 'j'],
    );
    assert.equal(h.busGaps.size, 1, 'exposed to the next gap');
  });
});

describe('BusWatch and a bus that comes back', () => {
  it('asks BusGaps once per return from reconnecting, never at start or for a drain', () => {
    let listener: (s: BusStatus) => void = () => undefined;
    const bus = {
      status: 'connected',
      server: 'nats:4222',
      onStatus: (l: (s: BusStatus) => void) => ((listener = l), () => undefined),
    } as unknown as Bus;
    let backs = 0;
    const watch = new BusWatch(bus, {
      lossCloseMs: 0,
      onLost: () => undefined,
      onBack: () => (backs++, { ended: 0, joinsFailed: 0 }),
      metrics: new GatewayMetrics({ processMetrics: false }),
      log: silentLogger,
    });
    assert.equal(backs, 0, 'a bus connected from the start lost nothing');
    for (const s of ['reconnecting', 'reconnecting', 'connected', 'connected'] as const)
      listener(s);
    assert.equal(backs, 1);
    listener('reconnecting');
    listener('connected');
    assert.equal(backs, 2);
    listener('draining');
    listener('closed');
    assert.equal(backs, 2);
    watch.stop();
  });
});
