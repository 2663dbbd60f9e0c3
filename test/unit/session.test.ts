// The session and stream state machines, driven frame by frame with a fake
// transport and a scripted service on the in-memory bus: no socket, no server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusMessage } from '../../bus/bus.ts';
import { Subjects } from '../../bus/subjects.ts';
import { GroupMessage, JoinReply, Outbound } from '../../proto/index.ts';
import { makeSession, scriptedService } from '../helpers/session.ts';
import { sampleOf } from '../helpers/metrics.ts';
import { until } from '../helpers/wait.ts';

const enc = new TextEncoder();

/** A promise a test resolves when it chooses: the broker's answer to a flush. */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function harness(env: Record<string, string> = {}) {
  const made = makeSession({ env: { MUX_ROUTES: 'echo', ...env } });
  const { bus, metrics, hub, transport, session, connSubject } = made;
  session.start();

  // The echo service, scripted: joins wait until the test answers them.
  const { joins, leaves } = scriptedService(made);

  const send = (frame: object) => session.receive(JSON.stringify(frame));
  return {
    bus,
    session,
    transport,
    metrics,
    hub,
    joins,
    leaves,
    send,
    /** Makes the next flushes wait for the test. */
    holdFlushes(g: { promise: Promise<void> }) {
      made.holdFlushes(g.promise);
    },
    async nextJoin(): Promise<BusMessage> {
      await until(() => joins.length > 0, 2000, 'a JoinRequest');
      return joins.shift()!;
    },
    accept(req: BusMessage, accept: { groups?: string[]; payload?: string } = {}) {
      const body = JoinReply.encode({
        accept: {
          groups: accept.groups ?? [],
          payload: accept.payload === undefined ? new Uint8Array(0) : enc.encode(accept.payload),
        },
      }).finish();
      bus.respond(req, body);
    },
    refuse(req: BusMessage, code: string, message: string) {
      bus.respond(req, JoinReply.encode({ refuse: { code, message } }).finish());
    },
    /** A msg from the service to the stream, through the connection's subject. */
    serviceMsg(stream: string, payload: unknown) {
      bus.publish(
        connSubject,
        Outbound.encode({ stream, msg: { payload: enc.encode(JSON.stringify(payload)) } }).finish(),
      );
    },
    async streamsGauge(): Promise<number> {
      return sampleOf(await metrics.registry.metrics(), 'muxgate_streams') ?? NaN;
    },
  };
}

/** Lets the in-memory bus deliver what was published (it dispatches on setImmediate). */
async function busTurns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

const types = (frames: Record<string, unknown>[]) =>
  frames.map((f) => `${String(f.type)}${f.ref === undefined ? '' : `:${String(f.ref)}`}`);

describe('session and stream state machine (no socket, no server)', () => {
  it('answers a leave sent during the join after joined, and tells the service', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l' });
    const req = await h.nextJoin();
    assert.deepEqual(h.transport.conversation, [], 'nothing is answered before the join settles');
    h.accept(req);
    await until(() => h.transport.ofType('left').length === 1);
    assert.deepEqual(types(h.transport.conversation), ['joined:j', 'left:l']);
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'leave' }]);
    assert.equal(await h.streamsGauge(), 0);
  });

  it('answers a msg whose reply had not come when its stream ended, before left', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.accept(await h.nextJoin());
    await until(() => h.transport.ofType('joined').length === 1);
    // The scripted service never replies to msgs.
    h.send({ type: 'msg', stream: 'echo', ref: 'm1', payload: 1 });
    h.send({ type: 'msg', stream: 'echo', ref: 2, payload: 2 });
    h.send({ type: 'leave', stream: 'echo', ref: 'l' });
    assert.deepEqual(types(h.transport.conversation), [
      'joined:j',
      'error:m1',
      'error:2',
      'left:l',
    ]);
    const [, e1, e2] = h.transport.conversation;
    assert.deepEqual([e1!.code, e2!.code, e1!.stream], ['not_joined', 'not_joined', 'echo']);
  });

  it('answers every leave sent during a join: the first with left, the next with not_joined', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l1' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l2' });
    h.accept(await h.nextJoin());
    await until(() => h.transport.conversation.length === 3);
    assert.deepEqual(types(h.transport.conversation), ['joined:j', 'left:l1', 'error:l2']);
    assert.equal(h.transport.conversation[2]!.code, 'not_joined');
  });

  it('answers leaves that waited for a refused join with not_joined, after the refusal', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l1' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l2' });
    h.refuse(await h.nextJoin(), 'no_room', 'room is full');
    await until(() => h.transport.conversation.length === 3);
    const [refused, l1, l2] = h.transport.conversation;
    assert.deepEqual(
      [refused!.code, refused!.ref, l1!.code, l1!.ref, l2!.code, l2!.ref],
      ['no_room', 'j', 'not_joined', 'l1', 'not_joined', 'l2'],
    );
    assert.equal(h.leaves.length, 0, 'a refused stream was never joined: no Leave');
    assert.equal(await h.streamsGauge(), 0);
  });

  it('writes nothing when the socket closes during the subscription flush, and the service gets its Leave', async () => {
    const h = await harness();
    const flush = gate();
    h.holdFlushes(flush);
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.accept(await h.nextJoin(), { groups: ['room'] });
    await until(() => h.hub.hasGroup('room'), 2000, 'the group subscription');
    h.session.socketClosed(1000);
    flush.open();
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'disconnect' }]);
    assert.deepEqual(h.transport.conversation, []);
    assert.equal(h.hub.hasGroup('room'), false, 'the membership went with the stream');
    assert.equal(await h.streamsGauge(), 0);
  });

  it('holds what arrives before joined, in order, up to the pending limit', async () => {
    const h = await harness({ MUX_MAX_PENDING_FRAMES: '2' });
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    const req = await h.nextJoin();
    for (const n of [1, 2]) h.serviceMsg('echo', n);
    await busTurns();
    assert.equal(h.transport.conversation.length, 0, 'held until joined');
    h.accept(req);
    await until(() => h.transport.conversation.length >= 3);
    await busTurns();
    assert.deepEqual(
      h.transport.conversation.map((f) => (f.type === 'msg' ? f.payload : f.type)),
      ['joined', 1, 2],
    );
  });

  it('fails a join whose held frames overflowed with unavailable, rather than open it with a gap', async () => {
    const h = await harness({ MUX_MAX_PENDING_FRAMES: '2' });
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.send({ type: 'leave', stream: 'echo', ref: 'l' });
    const req = await h.nextJoin();
    for (const n of [1, 2, 3]) h.serviceMsg('echo', n);
    await busTurns();
    h.accept(req);
    await until(() => h.transport.conversation.length >= 2);
    await busTurns();
    const [refusal, leave] = h.transport.conversation;
    assert.deepEqual(
      [refusal?.type, refusal?.code, refusal?.ref, refusal?.stream],
      ['error', 'unavailable', 'j', 'echo'],
    );
    assert.match(String(refusal?.message), /more than 2 frames/);
    assert.deepEqual([leave?.type, leave?.code, leave?.ref], ['error', 'not_joined', 'l']);
    assert.equal(h.transport.ofType('msg').length, 0, 'no frame of a stream that never opened');
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'leave' }], 'the service let it go');
    assert.equal(await h.streamsGauge(), 0);
    const dropped = sampleOf(await h.metrics.registry.metrics(), 'muxgate_bus_dropped_total', {
      reason: 'pending_full',
    });
    assert.equal(dropped, 1);
    h.send({ type: 'join', stream: 'echo', ref: 'again' });
    h.accept(await h.nextJoin());
    await until(() => h.transport.ofType('joined').length === 1, 2000, 'the second join');
  });

  it('closes a replaying stream with left unavailable when frames overflow the hold meanwhile', async () => {
    const h = await harness({ MUX_MAX_PENDING_FRAMES: '2' });
    const subjects = new Subjects('mux');
    await h.bus.durable!.declare({
      name: 'rooms',
      subjects: subjects.group('room.>'),
      live: 'mux.dlive.room.>',
      maxPerGroup: 100,
      maxAgeMs: 0,
      replicas: 1,
    });
    const stored = [];
    for (const n of [1, 2, 3])
      stored.push(
        await h.bus.durable!.publish(
          subjects.group('room.a'),
          GroupMessage.encode({ group: 'room.a', payload: enc.encode(String(n)) }).finish(),
        ),
      );
    h.send({
      type: 'join',
      stream: 'echo',
      ref: 'j',
      since: `${stored[0]!.epoch}:${stored[0]!.seq}`,
    });
    const req = await h.nextJoin();
    // A client that reads nothing: the replay waits after its first batch.
    h.transport.bufferedAmount = 1 << 30;
    h.bus.respond(
      req,
      JoinReply.encode({
        accept: { groups: ['room.a', 'plain'], durableGroup: 'room.a', payload: new Uint8Array(0) },
      }).finish(),
    );
    await until(() => h.transport.ofType('msg').length === 2, 2000, 'the replay');
    for (const n of [1, 2, 3])
      h.bus.publish(
        subjects.group('plain'),
        GroupMessage.encode({ group: 'plain', payload: enc.encode(String(n)) }).finish(),
      );
    await until(() => h.transport.ofType('left').length === 1, 2000, 'left');
    assert.deepEqual(
      h.transport.conversation.map((f) => (f.type === 'msg' ? f.payload : `${f.type}`)),
      ['joined', 2, 3, 'left'],
    );
    const left = h.transport.ofType('left')[0]!;
    assert.equal(left.code, 'unavailable');
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'leave' }]);
    assert.equal(h.hub.hasGroup('plain'), false, 'the memberships went with the stream');
  });

  it('cuts a client the transport finds overloaded with 1013, and its services hear it left', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'echo', ref: 'j' });
    h.accept(await h.nextJoin());
    await until(() => h.transport.ofType('joined').length === 1);
    h.transport.bufferedAmount = 5000;
    h.session.overloaded();
    assert.deepEqual(h.transport.closedBy, { how: 'abort', code: 1013, reason: 'client too slow' });
    assert.equal(h.session.isClosed, true);
    h.send({ type: 'ping', ref: 'after' });
    assert.equal(h.transport.ofType('pong').length, 0, 'a cut client is not answered again');
    h.session.overloaded();
    await until(() => h.leaves.length === 1);
    assert.deepEqual(h.leaves, [{ stream: 'echo', reason: 'disconnect' }]);
    h.session.socketClosed(1006);
    const cut = sampleOf(await h.metrics.registry.metrics(), 'muxgate_disconnects_total', {
      code: '1013',
    });
    assert.equal(cut, 1, 'counted under the code the gateway chose, not the one the socket saw');
  });

  it('answers frames past the byte burst with rate_limited, and stops reading until a socket read fits again', async () => {
    const h = await harness({
      MUX_MAX_FRAME_BYTES: '1024',
      MUX_RATE_BYTES_PER_SECOND: '1024',
      MUX_RATE_BYTES_BURST: '2048',
    });
    const ping = (ref: number) => JSON.stringify({ type: 'ping', ref, pad: 'p'.repeat(480) });
    assert.equal(ping(1).length, 512, 'frames of 512 bytes');
    for (let ref = 1; ref <= 6; ref++) h.session.receive(ping(ref));
    const answers = h.transport.conversation.map((f) => [f.type, f.ref, f.code]);
    assert.deepEqual(answers.slice(0, 4), [
      ['pong', 1, undefined],
      ['pong', 2, undefined],
      ['pong', 3, undefined],
      ['pong', 4, undefined],
    ]);
    for (const [type, , code] of answers.slice(4))
      assert.deepEqual([type, code], ['error', 'rate_limited']);
    assert.equal(answers.length, 6, 'every frame answered once');
    // From the first frame on, the budget held less than a socket read (64 KiB,
    // capped by the burst): reading stopped until it refills, about 2 s here.
    assert.ok(h.transport.throttles.length > 0);
    for (const ms of h.transport.throttles) assert.ok(ms > 0 && ms <= 2000, `${ms} ms`);
  });

  it('counts binary frames against the rates: bad_frame, then rate_limited past the burst', async () => {
    const h = await harness({ MUX_RATE_PER_SECOND: '1', MUX_RATE_BURST: '2' });
    for (let i = 0; i < 3; i++) h.session.receiveBinary(Buffer.alloc(100));
    assert.deepEqual(
      h.transport.conversation.map((f) => f.code),
      ['bad_frame', 'bad_frame', 'rate_limited'],
    );
  });

  it('stops reading once the bytes in flight pass the limit, until the broker confirms them', async () => {
    const h = await harness({ MUX_MAX_INFLIGHT_BYTES: '1024' });
    const g = gate();
    h.holdFlushes(g);
    const ping = (ref: number) => JSON.stringify({ type: 'ping', ref, pad: 'p'.repeat(500) });
    h.session.receive(ping(1));
    assert.equal(h.transport.holds, 0, 'under the limit');
    h.session.receive(ping(2));
    assert.equal(h.transport.holds, 1, 'past it: a flush, and reading waits for it');
    h.session.receive(ping(3));
    assert.equal(h.transport.holds, 1, 'one flush at a time');
    assert.equal(h.transport.ofType('pong').length, 3, 'frames already read are still answered');
    g.open();
    await busTurns();
    // The flush confirmed frames 1 and 2; frame 3 came after it began and still counts.
    h.session.receive(ping(4));
    assert.equal(h.transport.holds, 2);
  });

  it('refuses a join nested past the depth limit as bad_frame and leaves no stream behind', async () => {
    const h = await harness();
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    h.session.receive(`{"type":"join","stream":"echo","ref":"deep","payload":${deep}}`);
    const [answer] = h.transport.conversation;
    assert.equal(answer?.type, 'error');
    assert.equal(answer?.code, 'bad_frame');
    assert.equal(answer?.ref, 'deep');
    assert.equal(await h.streamsGauge(), 0);
    h.send({ type: 'leave', stream: 'echo', ref: 'l' });
    assert.equal(h.transport.conversation[1]?.code, 'not_joined');
    h.send({ type: 'join', stream: 'echo', ref: 'again' });
    h.accept(await h.nextJoin());
    await until(() => h.transport.ofType('joined').length === 1, 2000, 'the second join');
  });

  it('cuts a long stream name out of its error frame', async () => {
    const h = await harness();
    h.send({ type: 'join', stream: 'x'.repeat(60_000), ref: 'long' });
    h.send({ type: 'msg', stream: 'y'.repeat(60_000), ref: 'long-msg', payload: 1 });
    const [bad, notJoined] = h.transport.conversation;
    assert.deepEqual([bad?.code, notJoined?.code], ['bad_stream', 'not_joined']);
    for (const f of [bad, notJoined]) {
      assert.equal(f?.stream, undefined);
      assert.ok(JSON.stringify(f).length < 512, `${JSON.stringify(f).length} bytes`);
    }
  });
});
