// §4.9, the pure parts of server-opened streams: what a gateway opens of a
// ConnectReply (planConnect), what the SDK builds from a connect handler's
// answer (connectReply), and the notifications service's groups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planConnect } from '../../gateway/connect.ts';
import { ConnectReply } from '../../proto/index.ts';
import { notificationsOf } from '../../services/notifications/index.ts';
import { connectReply } from '../../services/sdk/connect.ts';
import { InvalidNameError, type Scope } from '../../services/sdk/index.ts';

const enc = new TextEncoder();
type Wire = { stream: string; groups?: string[]; payload?: string; state?: string };
const reply = (...streams: Wire[]) =>
  ConnectReply.decode(
    ConnectReply.encode({
      streams: streams.map((s) => ({
        stream: s.stream,
        groups: s.groups ?? [],
        payload: enc.encode(s.payload ?? ''),
        state: enc.encode(s.state ?? ''),
      })),
    }).finish(),
  );

describe('planConnect', () => {
  it('opens the connect service’s streams with their groups, payload and state', () => {
    const plan = planConnect(
      reply(
        { stream: 'notes', groups: ['user.a', 'type.staff'], payload: '{"n":1}', state: '7' },
        { stream: 'notes:x' },
      ),
      'notes',
      10,
    );
    assert.deepEqual(plan.rejected, []);
    assert.deepEqual(
      plan.streams.map((s) => [s.stream, s.topic, s.groups, s.payload, s.state.length]),
      [
        ['notes', '', ['user.a', 'type.staff'], '{"n":1}', 1],
        ['notes:x', 'x', [], undefined, 0],
      ],
    );
  });

  const refused: [string, Wire, RegExp][] = [
    ['another service’s stream', { stream: 'chat:lobby' }, /not a stream of notes/],
    ['a bad stream name', { stream: 'Notes!' }, /not a stream name/],
    ['a bad group', { stream: 'notes', groups: ['a.*'] }, /bad group/],
    ['an empty group', { stream: 'notes', groups: [''] }, /bad group/],
    ['a payload that is not JSON', { stream: 'notes', payload: '{' }, /not JSON/],
  ];
  for (const [what, wire, problem] of refused)
    it(`leaves out ${what}, and opens the rest`, () => {
      const plan = planConnect(reply(wire, { stream: 'notes:ok' }), 'notes', 10);
      assert.deepEqual(
        plan.streams.map((s) => s.stream),
        ['notes:ok'],
      );
      assert.equal(plan.rejected.length, 1);
      assert.match(plan.rejected[0]!.problem, problem);
    });

  it('keeps a copy of each state, not a view into the reply’s buffer', () => {
    const wire = ConnectReply.encode({
      streams: [{ stream: 'notes', state: enc.encode('{"n":1}') }],
    }).finish();
    const [s] = planConnect(ConnectReply.decode(wire), 'notes', 1).streams;
    assert.notEqual(s!.state.buffer, wire.buffer);
    assert.equal(s!.state.byteLength, s!.state.buffer.byteLength);
  });

  it('opens a name once, and no more streams than the connection has room for', () => {
    const plan = planConnect(
      reply(
        { stream: 'notes:a' },
        { stream: 'notes:a' },
        { stream: 'notes:b' },
        { stream: 'notes:c' },
      ),
      'notes',
      2,
    );
    assert.deepEqual(
      plan.streams.map((s) => s.stream),
      ['notes:a', 'notes:b'],
    );
    assert.deepEqual(
      plan.rejected.map((r) => r.stream),
      ['notes:a', 'notes:c'],
    );
  });
});

describe('connectReply (SDK)', () => {
  it('encodes what the handler returned, and lists the streams for the gateway watch', () => {
    const { reply: bytes, opened } = connectReply('notes', 'mux.conn.g.c', { gateway: 'g' }, [
      { stream: 'notes', groups: ['user.a'], payload: { hi: 1 }, state: { n: 2 } },
    ]);
    const decoded = ConnectReply.decode(bytes);
    assert.equal(decoded.streams[0]!.stream, 'notes');
    assert.deepEqual(decoded.streams[0]!.groups, ['user.a']);
    assert.equal(new TextDecoder().decode(decoded.streams[0]!.payload!), '{"hi":1}');
    assert.deepEqual(
      opened.map((o) => [o.address, o.stream, o.topic]),
      [['mux.conn.g.c', 'notes', '']],
    );
  });

  for (const [what, stream, groups] of [
    ['another service’s stream', 'chat', []],
    ['a bad group', 'notes', ['a b']],
  ] as const)
    it(`throws on ${what}`, () => {
      assert.throws(
        () => connectReply('notes', 'a', undefined, [{ stream, groups: [...groups] }]),
        InvalidNameError,
      );
    });

  it('throws on a stream named twice', () => {
    assert.throws(
      () => connectReply('notes', 'a', undefined, [{ stream: 'notes' }, { stream: 'notes' }]),
      InvalidNameError,
    );
  });
});

describe('the notifications service’s groups', () => {
  const scope = (user: string, claims?: Record<string, unknown>): Scope => ({
    user,
    claims,
    remoteAddr: '',
    origin: '',
    userAgent: '',
    gateway: 'g',
  });
  it('puts a user in user.<sub> and type.<user_type>', () => {
    assert.deepEqual(notificationsOf(scope('alice', { user_type: 'staff' })), {
      user: 'alice',
      type: 'staff',
      groups: ['user.alice', 'type.staff'],
    });
  });
  it('counts a token without user_type as type user', () => {
    assert.deepEqual(notificationsOf(scope('bob', {})).groups, ['user.bob', 'type.user']);
    assert.deepEqual(notificationsOf(scope('bob', { user_type: 7 })).groups, [
      'user.bob',
      'type.user',
    ]);
  });
  it('puts an anonymous connection in type.anonymous only', () => {
    assert.deepEqual(notificationsOf(scope('')), {
      user: '',
      type: 'anonymous',
      groups: ['type.anonymous'],
    });
  });
  it('gives no group to a subject or type that is not one group token', () => {
    assert.deepEqual(notificationsOf(scope('a.b@example.com', { user_type: 'staff' })).groups, [
      'type.staff',
    ]);
    assert.deepEqual(notificationsOf(scope('carol', { user_type: 'a.>' })).groups, ['user.carol']);
  });
});
