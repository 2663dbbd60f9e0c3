// The binary encoding (PROTOCOL.md §4.8): the hand-written codec against the
// code protobufjs generates from proto/client.proto, the gateway's answers to
// binary frames against its answers to the same frames in JSON, and tables of
// hostile bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeProtoFrame, PROTO_CODEC } from '../../client/codec.ts';
import { decodeClientFrame, type Decoded } from '../../gateway/codec.ts';
import { decodeBinaryClientFrame, PROTO_ENCODING } from '../../gateway/codec-proto.ts';
import { JSON_ENCODING, type Encoded } from '../../gateway/encoding.ts';
import { muxgate } from '../../proto/gen/muxgate.js';
import { readFrame, SERVER_FIELDS, writeFrame } from '../../protocol/proto-frames.ts';
import { MAX_JSON_DEPTH } from '../../protocol/raw-json.ts';

const { ClientFrame, ServerFrame } = muxgate.v1;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bin = (frame: object): Uint8Array => writeFrame(frame, 'client');
const decodeBin = (bytes: Uint8Array | number[], depth = MAX_JSON_DEPTH): Decoded =>
  decodeBinaryClientFrame(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes), depth);

/** What a client relies on in an answer: the frame, or the error's code, message, ref and stream. */
function answer(d: Decoded): unknown {
  if (!d.ok) return d.error;
  const { payload: _payload, ...frame } = d.frame as Record<string, unknown>;
  return { frame, payloadJson: d.payloadJson };
}

describe('binary client frames answer as their JSON twins', () => {
  const frames: object[] = [
    { type: 'join', stream: 'chat:lobby', ref: 'a', payload: { name: 'ann' }, extra: true },
    { type: 'join', stream: 'echo', since: 'k7:12', traceparent: 'nonsense' },
    {
      type: 'join',
      stream: 'echo',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
    { type: 'msg', stream: 'echo', payload: null, ref: 1, id: 'm-1' },
    { type: 'msg', stream: 'echo', payload: 0, ref: -7 },
    { type: 'msg', stream: 'echo', payload: 'é ✓ 😀', ref: '' },
    { type: 'leave', stream: 'echo', ref: 'x'.repeat(64) },
    { type: 'ping' },
    { type: 'refresh', token: 'a.b.c', ref: 9 },
    // Refused, each for the same reason in both encodings.
    { type: 'subscribe', stream: 'echo', ref: 'a' },
    { type: 'join', ref: 3 },
    { type: 'join', stream: 5 },
    { type: 'msg', stream: 'echo', ref: 'x' },
    { type: 'msg', payload: 1 },
    { type: 'leave', stream: {} },
    { type: 'ping', ref: 'x'.repeat(65) },
    { type: 'ping', ref: 1.5 },
    { type: 'ping', ref: true },
    { type: 'join', stream: 'echo', ref: {} },
    { type: 7 },
    { stream: 'echo' },
    { type: 'refresh', token: '', ref: 1 },
    { type: 'refresh', token: 'a.b.c' },
    { type: 'join', stream: 'echo', since: 'p'.repeat(65) },
    { type: 'msg', stream: 'echo', payload: 1, id: 'not an id!' },
  ];
  for (const frame of frames)
    it(JSON.stringify(frame).slice(0, 90), () => {
      assert.deepEqual(
        answer(decodeBin(bin(frame))),
        answer(decodeClientFrame(JSON.stringify(frame))),
      );
    });

  it('measures nesting as JSON does: the frame is one level', () => {
    for (const depth of [2, 4, 8])
      for (let n = 0; n <= depth; n++) {
        const frame = {
          type: 'msg',
          stream: 'echo',
          payload: JSON.parse('['.repeat(n) + ']'.repeat(n) || '0'),
        };
        assert.deepEqual(
          answer(decodeBin(bin(frame), depth)),
          answer(decodeClientFrame(JSON.stringify(frame), depth)),
          `${n} levels under a limit of ${depth}`,
        );
      }
  });

  it('keeps a payload byte-exact from the gateway too, whatever the ref', () => {
    const to = { name: 'echo', nameJson: '"echo"' };
    for (const ref of [1, -1, 2 ** 40, -(2 ** 53 - 1), 'r'])
      for (const frame of [
        PROTO_ENCODING.reply(to, ref, JSON.stringify(ref), '[1e400]'),
        PROTO_ENCODING.joined(to, ref, '[1e400]', { pos: 'e:1', recovered: true }),
      ]) {
        const m = ServerFrame.decode(frame as Buffer);
        assert.equal(new TextDecoder().decode(m.payload!), '[1e400]');
        assert.equal((decodeProtoFrame(frame) as { ref?: unknown }).ref, ref);
      }
  });

  it('keeps a payload byte-exact', () => {
    const text = '[1e400, 12345678901234567890, "\\u00e9"]';
    const bytes = ClientFrame.encode({ type: 'msg', stream: 'echo', payload: utf8(text) }).finish();
    const d = decodeBin(bytes);
    assert.ok(d.ok);
    assert.equal(d.payloadJson, text);
  });
});

describe('the codec agrees with protobufjs', () => {
  it('writes ClientFrames protobufjs reads', () => {
    const m = ClientFrame.decode(
      bin({
        type: 'msg',
        stream: 'chat:x',
        ref: -42,
        payload: { a: 1 },
        id: 'i',
        traceparent: 't',
      }),
    );
    assert.equal(m.type, 'msg');
    assert.equal(m.stream, 'chat:x');
    assert.equal(m.ref, 'refInt');
    assert.equal(Number(m.refInt), -42);
    assert.equal(new TextDecoder().decode(m.payload!), '{"a":1}');
    assert.deepEqual([m.id, m.traceparent], ['i', 't']);
    const r = ClientFrame.decode(bin({ type: 'refresh', token: 'tok', ref: 'r' }));
    assert.deepEqual([r.ref, r.refText, r.token], ['refText', 'r', 'tok']);
  });

  it('reads ClientFrames protobufjs writes, unknown fields skipped', () => {
    const bytes = ClientFrame.encode({
      type: 'join',
      stream: 'echo',
      refInt: 123456789012,
      since: 'e:1',
    }).finish();
    const withUnknown = Uint8Array.from([
      ...bytes,
      0xa1,
      0x01,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      0xf8,
      0x07,
      5,
    ]);
    const d = decodeBin(withUnknown);
    assert.ok(d.ok);
    assert.deepEqual(d.frame, { type: 'join', stream: 'echo', ref: 123456789012, since: 'e:1' });
  });

  it('writes every ServerFrame protobufjs reads', () => {
    const to = { name: 'chat:lobby', nameJson: '"chat:lobby"' };
    const m = ServerFrame.decode(
      PROTO_ENCODING.joined(to, 7, '{"n":1}', { pos: 'e:5', recovered: false }) as Buffer,
    );
    assert.deepEqual(
      [m.type, m.stream, m.ref, Number(m.refInt), m.pos, m.recovered],
      ['joined', 'chat:lobby', 'refInt', 7, 'e:5', false],
    );
    assert.equal(new TextDecoder().decode(m.payload!), '{"n":1}');
    const w = ServerFrame.decode(
      PROTO_ENCODING.frame({
        type: 'welcome',
        protocol: '1.1',
        conn: 'c1',
        heartbeat_ms: 30_000,
        limits: {
          max_frame_bytes: 65536,
          max_streams: 128,
          rate_per_second: 10,
          rate_burst: 20,
          msg_timeout_ms: 8000,
        },
        exp: 1767225600,
      }) as Buffer,
    );
    assert.deepEqual(
      [
        w.conn,
        Number(w.heartbeatMs),
        Number(w.limits?.maxFrameBytes),
        Number(w.limits?.msgTimeoutMs),
        Number(w.exp),
        w.protocol,
      ],
      ['c1', 30_000, 65536, 8000, 1767225600, '1.1'],
    );
  });
});

describe('every server frame reads back as its JSON form', () => {
  const parse = (e: Encoded): unknown => JSON.parse(e.toString());
  const ref = fc.oneof(
    fc.string({ maxLength: 64 }),
    fc.maxSafeInteger(),
    fc.maxSafeNat().map((n) => -n),
  );
  const name = fc
    .string({ minLength: 1, maxLength: 40 })
    .map((s) => ({ name: s, nameJson: JSON.stringify(s) }));
  const payload = fc.jsonValue().map((v) => JSON.stringify(v));
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

  it('msg, reply, joined, left', () => {
    fc.assert(
      fc.property(
        name,
        ref,
        payload,
        opt(fc.string()),
        opt(fc.boolean()),
        opt(fc.string()),
        (to, r, p, pos, recovered, code) => {
          const pairs: [Encoded, Encoded][] = [
            [
              PROTO_ENCODING.msg(to, p, { pos, via: 'api' }),
              JSON_ENCODING.msg(to, p, { pos, via: 'api' }),
            ],
            [PROTO_ENCODING.msg(to, p), JSON_ENCODING.msg(to, p)],
            [
              PROTO_ENCODING.reply(to, r, JSON.stringify(r), p),
              JSON_ENCODING.reply(to, r, JSON.stringify(r), p),
            ],
            [
              PROTO_ENCODING.joined(to, r, p, pos === undefined ? undefined : { pos, recovered }),
              JSON_ENCODING.joined(to, r, p, pos === undefined ? undefined : { pos, recovered }),
            ],
            [
              PROTO_ENCODING.joined(to, undefined, undefined),
              JSON_ENCODING.joined(to, undefined, undefined),
            ],
            [
              PROTO_ENCODING.left(to, { ref: r, code, reason: pos }),
              JSON_ENCODING.left(to, { ref: r, code, reason: pos }),
            ],
          ];
          // `pos` is muxgate's own text, which JSON splices unescaped: compare only what JSON can carry.
          for (const [proto, json] of pairs)
            if (pos === undefined || /^[a-z0-9:]*$/.test(pos))
              assert.deepEqual(decodeProtoFrame(proto), parse(json));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('welcome, error, pong, refreshed, and fields this .proto has no number for', () => {
    const frames = [
      {
        type: 'welcome',
        conn: 'c',
        heartbeat_ms: 1,
        limits: { max_frame_bytes: 1, max_streams: 2, rate_per_second: 3, rate_burst: 4 },
      },
      {
        type: 'welcome',
        protocol: '1.1',
        conn: 'c',
        heartbeat_ms: 1,
        limits: {
          max_frame_bytes: 1,
          max_streams: 2,
          rate_per_second: 3,
          rate_burst: 4,
          msg_timeout_ms: 5,
          future: 6,
        },
        exp: 1,
      },
      { type: 'error', code: 'bad_frame', message: 'm', ref: 'r', stream: 's' },
      { type: 'pong' },
      { type: 'pong', ref: 0 },
      { type: 'refreshed', ref: 'x', exp: 1767225600 },
    ];
    for (const f of frames)
      assert.deepEqual(
        decodeProtoFrame(PROTO_ENCODING.frame(f as never)),
        parse(JSON_ENCODING.frame(f as never)),
      );
    // A frame type newer than the .proto: its fields travel in `extra`.
    const presence = { type: 'presence', stream: 's', ref: 1, count: 2, members: [{ conn: 'c' }] };
    const read = readFrame(PROTO_ENCODING.frame(presence as never) as Buffer, SERVER_FIELDS);
    assert.deepEqual(read.fields, presence);
    const e = { code: 'bad_stream', message: 'x'.repeat(300), ref: 3, stream: 'Echo' };
    assert.deepEqual(decodeProtoFrame(PROTO_ENCODING.error(e)), parse(JSON_ENCODING.error(e)));
  });

  it('the client writes what the gateway reads', () => {
    const frame = { type: 'msg' as const, stream: 'echo', ref: 3, payload: { a: [1, 'b'] } };
    const d = decodeBin(PROTO_CODEC.encode(frame) as Uint8Array);
    assert.ok(d.ok);
    assert.equal(d.payloadJson, '{"a":[1,"b"]}');
  });
});

describe('hostile binary frames', () => {
  const bad: Array<[string, number[] | Uint8Array, Record<string, unknown>?]> = [
    ['no bytes (no type)', []],
    ['a truncated varint', [0xff]],
    ['a varint over ten bytes', [0x08, ...Array<number>(11).fill(0xff), 0x01]],
    ['a length past the end', [0x0a, 0x05, 0x6d]],
    ['a length of 2^40', [0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]],
    ['a group (wire type 3)', [0x0b]],
    ['wire type 7', [0x0f]],
    ['field number 0', [0x02, 0x00]],
    ['a type that is not UTF-8', [0x0a, 0x02, 0xc3, 0x28]],
    ['a type sent as a varint', [0x08, 0x01]],
    ['a stream sent as a varint', [...bin({ type: 'join', ref: 1 }), 0x10, 0x01], { ref: 1 }],
    ['an extra that is not JSON', [...bin({ type: 'ping' }), 0x82, 0x01, 0x01, 0x7b]],
    ['an extra that is an array', [...bin({ type: 'ping' }), 0x82, 0x01, 0x02, 0x5b, 0x5d]],
    [
      'a ref_int past 2^53',
      [...bin({ type: 'ping' }), 0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    ],
    ['a ref_text sent as a varint', [...bin({ type: 'ping' }), 0x18, 0x01]],
    [
      'a payload sent as a varint',
      [...bin({ type: 'msg', stream: 'echo', ref: 'p' }), 0x28, 0x01],
      { ref: 'p', stream: 'echo' },
    ],
    [
      'a payload that is not UTF-8',
      [...bin({ type: 'msg', stream: 'echo', ref: 'p' }), 0x2a, 0x02, 0xc3, 0x28],
      { ref: 'p', stream: 'echo' },
    ],
    [
      'a payload that is not JSON',
      [...bin({ type: 'msg', stream: 'echo', ref: 'p' }), 0x2a, 0x01, 0x7b],
      { ref: 'p', stream: 'echo' },
    ],
    [
      'an empty payload',
      [...bin({ type: 'msg', stream: 'echo', ref: 'p' }), 0x2a, 0x00],
      { ref: 'p', stream: 'echo' },
    ],
    [
      'two JSON values as payload',
      [...bin({ type: 'msg', stream: 'echo', ref: 'p' }), 0x2a, 0x03, 0x31, 0x20, 0x32],
      { ref: 'p', stream: 'echo' },
    ],
    [
      'a payload nested 10,000 deep',
      ClientFrame.encode({
        type: 'msg',
        stream: 'echo',
        refInt: 4,
        payload: utf8('['.repeat(10_000) + ']'.repeat(10_000)),
      }).finish(),
      { ref: 4, stream: 'echo' },
    ],
  ];
  for (const [name, bytes, echoed] of bad)
    it(`answers bad_frame for ${name}`, () => {
      const d = decodeBin(bytes);
      assert.equal(d.ok, false, JSON.stringify(d));
      if (d.ok) return;
      assert.equal(d.error.code, 'bad_frame');
      assert.ok(d.error.message.length > 0 && d.error.message.length < 300);
      for (const [k, v] of Object.entries(echoed ?? {}))
        assert.equal((d.error as unknown as Record<string, unknown>)[k], v, k);
    });

  it('answers a text frame on the binary subprotocol with bad_frame', () => {
    const d = PROTO_ENCODING.decode('{"type":"ping"}', MAX_JSON_DEPTH);
    assert.ok(!d.ok && d.error.code === 'bad_frame' && /text frames/.test(d.error.message));
    const j = JSON_ENCODING.decode(Buffer.from('{"type":"ping"}'), MAX_JSON_DEPTH);
    assert.ok(!j.ok && j.error.code === 'bad_frame' && /binary frames/.test(j.error.message));
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const d = decodeBin(bytes);
        assert.ok(d.ok || d.error.code === 'bad_frame');
        assert.equal(
          decodeProtoFrame(bytes) === null || typeof decodeProtoFrame(bytes) === 'object',
          true,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
