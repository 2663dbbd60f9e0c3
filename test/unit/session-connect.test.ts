// §4.9 in the session, with a fake transport and a scripted connect service
// on the in-memory bus: the client's frames wait for the server-opened
// streams, a service frame sent after the ConnectReply waits for its stream's
// `joined`, `joined` waits for its new groups to be confirmed, and a silent
// connect service lets the connection go on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BusMessage } from '../../bus/bus.ts';
import { ConnectHook } from '../../gateway/connect.ts';
import { silentLogger } from '../../lib/log.ts';
import { ConnectReply, ConnectRequest, GroupMessage, Outbound } from '../../proto/index.ts';
import { makeSession } from '../helpers/session.ts';
import { sampleOf } from '../helpers/metrics.ts';
import { until } from '../helpers/wait.ts';

const enc = new TextEncoder();

function harness(env: Record<string, string> = {}) {
  const requests: BusMessage[] = [];
  const made = makeSession({
    env: { MUX_ROUTES: 'notes', MUX_CONNECT_SERVICE: 'notes', ...env },
    user: 'ann',
    connect: ({ bus, subjects, config, metrics }) => {
      bus.subscribe(subjects.connect('notes'), (m) => requests.push(m));
      return new ConnectHook({
        bus,
        subjects,
        service: 'notes',
        timeoutMs: config.connectTimeoutMs,
        metrics,
        log: silentLogger,
      });
    },
  });
  const { bus, transport, metrics, session, subjects, connSubject } = made;
  session.start();
  return {
    bus,
    transport,
    metrics,
    send: (frame: object) => session.receive(JSON.stringify(frame)),
    async request(): Promise<BusMessage> {
      await until(() => requests.length > 0, 2000, 'a ConnectRequest');
      return requests.shift()!;
    },
    answer(req: BusMessage, streams: { stream: string; groups?: string[]; payload?: string }[]) {
      const body = ConnectReply.encode({
        streams: streams.map((s) => ({
          stream: s.stream,
          groups: s.groups ?? [],
          payload: enc.encode(s.payload ?? ''),
        })),
      }).finish();
      bus.respond(req, body);
    },
    /** The next flushes wait for the test. */
    holdFlushes(until: Promise<void>) {
      made.holdFlushes(until);
    },
    serviceMsg(stream: string, payload: unknown) {
      bus.publish(
        connSubject,
        Outbound.encode({ stream, msg: { payload: enc.encode(JSON.stringify(payload)) } }).finish(),
      );
    },
    groupMsg(group: string, payload: unknown) {
      bus.publish(
        subjects.group(group),
        GroupMessage.encode({ group, payload: enc.encode(JSON.stringify(payload)) }).finish(),
      );
    },
    streams: async () => sampleOf(await metrics.registry.metrics(), 'muxgate_streams'),
    connects: async (result: string) =>
      sampleOf(await metrics.registry.metrics(), 'muxgate_connect_total', { result }),
  };
}

const types = (frames: Record<string, unknown>[]) =>
  frames.map(
    (f) =>
      `${String(f.type)}${f.stream === undefined ? '' : ` ${String(f.stream)}`}${f.ref === undefined ? '' : `:${String(f.ref)}`}`,
  );

describe('server-opened streams in the session (§4.9)', () => {
  it('asks with the connection’s address and scope, and holds the socket meanwhile', async () => {
    const h = harness();
    const req = ConnectRequest.decode((await h.request()).data);
    assert.equal(req.address, 'mux.conn.gw.c1');
    assert.equal(req.scope?.user, 'ann');
    assert.ok(Number(req.deadlineMs) > Date.now());
    assert.equal(h.transport.holds, 1);
  });

  it('answers the client’s frames only after every joined, in the order the frames came', async () => {
    const h = harness();
    const req = await h.request();
    h.send({ type: 'ping', ref: 'p' });
    h.send({ type: 'msg', stream: 'notes', ref: 'm', payload: 1 });
    h.send({ type: 'leave', stream: 'notes:b', ref: 'l' });
    assert.deepEqual(types(h.transport.conversation), [], 'nothing answered yet');
    h.answer(req, [
      { stream: 'notes', groups: ['user.ann'], payload: '{"hi":1}' },
      { stream: 'notes:b' },
    ]);
    // The msg reached a joined stream: no service runs here, so `unavailable`, not `not_joined`.
    await until(() => h.transport.ofType('error').length === 1);
    const said = types(h.transport.conversation);
    // `notes:b` has no group to wait for: it may open first.
    assert.deepEqual(said.slice(0, 2).sort(), ['joined notes', 'joined notes:b']);
    assert.deepEqual(said.slice(2), ['pong:p', 'left notes:b:l', 'error notes:m']);
    assert.equal(h.transport.ofType('error')[0]!.code, 'unavailable');
    const notes = h.transport.ofType('joined').find((f) => f.stream === 'notes');
    assert.deepEqual(notes!.payload, { hi: 1 });
    assert.equal(await h.connects('ok'), 1);
  });

  it('writes joined once its new groups are confirmed, and what the service sent after it', async () => {
    const h = harness();
    const req = await h.request();
    let confirm!: () => void;
    h.holdFlushes(new Promise<void>((r) => (confirm = r)));
    h.answer(req, [{ stream: 'notes', groups: ['type.staff'] }]);
    await until(async () => (await h.streams()) === 1, 2000, 'the reply applied');
    // The reply is applied before these, in the bus's order: both wait for `joined`.
    h.serviceMsg('notes', 'first');
    h.groupMsg('type.staff', 'second');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(types(h.transport.conversation), [], 'joined waits for the flush');
    confirm();
    await until(() => h.transport.ofType('msg').length === 2);
    assert.deepEqual(types(h.transport.conversation), ['joined notes', 'msg notes', 'msg notes']);
    assert.deepEqual(
      h.transport.ofType('msg').map((f) => f.payload),
      ['first', 'second'],
    );
  });

  it('opens what it can of an answer, and goes on when the service is silent', async () => {
    const h = harness();
    h.answer(await h.request(), [{ stream: 'chat:x' }, { stream: 'notes' }]);
    await until(() => h.transport.ofType('joined').length === 1);
    assert.equal(h.transport.ofType('joined')[0]!.stream, 'notes');
    assert.equal(await h.connects('invalid'), 1);

    const silent = harness({ MUX_CONNECT_TIMEOUT_MS: '50' });
    await silent.request();
    silent.send({ type: 'ping', ref: 'p' });
    await until(() => silent.transport.ofType('pong').length === 1, 5000);
    assert.deepEqual(types(silent.transport.conversation), ['pong:p']);
    assert.equal(await silent.connects('timeout'), 1);
  });
});
