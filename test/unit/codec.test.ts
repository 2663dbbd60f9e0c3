// The frame codec, fed tables of hostile input: each case names the error
// code a client relies on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeClientFrame, msgFrame, replyFrame } from '../../gateway/codec.ts';
import { parseStream, groupNameProblem } from '../../protocol/names.ts';

describe('decodeClientFrame', () => {
  const bad: Array<[string, string, Record<string, unknown>?]> = [
    ['not JSON', '{"type":'],
    ['empty text', ''],
    ['a JSON string', '"join"'],
    ['a JSON array', '[{"type":"ping"}]'],
    ['null', 'null'],
    ['a number', '42'],
    ['no type', '{"stream":"echo"}'],
    ['a numeric type', '{"type":7}'],
    [
      'an unknown type',
      '{"type":"subscribe","stream":"echo","ref":"a"}',
      { ref: 'a', stream: 'echo' },
    ],
    ['join without stream', '{"type":"join","ref":3}', { ref: 3 }],
    ['join with a numeric stream', '{"type":"join","stream":5}'],
    [
      'msg without payload',
      '{"type":"msg","stream":"echo","ref":"x"}',
      { ref: 'x', stream: 'echo' },
    ],
    ['msg without stream', '{"type":"msg","payload":1}'],
    ['leave with an object stream', '{"type":"leave","stream":{}}'],
    ['a ref of 65 characters', JSON.stringify({ type: 'ping', ref: 'x'.repeat(65) })],
    ['a fractional ref', '{"type":"ping","ref":1.5}'],
    ['a boolean ref', '{"type":"ping","ref":true}'],
    ['an object ref', '{"type":"join","stream":"echo","ref":{}}', { stream: 'echo' }],
  ];
  for (const [name, text, echoed] of bad) {
    it(`answers bad_frame for ${name}`, () => {
      const d = decodeClientFrame(text);
      assert.equal(d.ok, false);
      if (d.ok) return;
      assert.equal(d.error.code, 'bad_frame');
      assert.ok(d.error.message.length > 0);
      for (const [k, v] of Object.entries(echoed ?? {}))
        assert.equal((d.error as unknown as Record<string, unknown>)[k], v);
    });
  }

  it('accepts every client frame type, ignoring unknown fields', () => {
    const cases = [
      { type: 'join', stream: 'chat:lobby', ref: 'a', payload: { name: 'ann' }, extra: true },
      { type: 'join', stream: 'echo' },
      { type: 'msg', stream: 'echo', payload: null, ref: 1 },
      { type: 'msg', stream: 'echo', payload: 0 },
      { type: 'leave', stream: 'echo', ref: 'x'.repeat(64) },
      { type: 'ping' },
      { type: 'ping', ref: -7 },
    ];
    for (const c of cases) {
      const d = decodeClientFrame(JSON.stringify(c));
      assert.ok(d.ok, JSON.stringify(c));
      assert.equal(d.frame.type, c.type);
      assert.equal('extra' in d.frame, false);
    }
  });

  it('keeps a valid W3C traceparent on join, msg and leave, and drops an invalid one', () => {
    const tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    for (const frame of [
      { type: 'join', stream: 'echo' },
      { type: 'msg', stream: 'echo', payload: 1 },
      { type: 'leave', stream: 'echo' },
    ]) {
      const kept = decodeClientFrame(JSON.stringify({ ...frame, traceparent: tp }));
      assert.ok(kept.ok);
      assert.equal((kept.frame as { traceparent?: string }).traceparent, tp);
      for (const invalid of [
        tp.toUpperCase(),
        tp.replace(/^00/, '01'),
        `${tp}-00`,
        tp.replace(/-4bf9[0-9a-f]+-/, `-${'0'.repeat(32)}-`),
        tp.replace(/-00f0[0-9a-f]+-/, `-${'0'.repeat(16)}-`),
        ` ${tp}`,
        7,
        null,
      ]) {
        const dropped = decodeClientFrame(JSON.stringify({ ...frame, traceparent: invalid }));
        assert.ok(dropped.ok, `${JSON.stringify(invalid)} does not cost the frame`);
        assert.equal((dropped.frame as { traceparent?: string }).traceparent, undefined);
      }
    }
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ type: 'msg', stream: 'echo', payload: v })),
        ),
        (text) => {
          const d = decodeClientFrame(text);
          assert.equal(typeof d.ok, 'boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('stream names', () => {
  it('accepts the grammar', () => {
    for (const name of [
      'echo',
      'chat:lobby',
      'a',
      'x-1:Top_ic.~@:=+-',
      `${'s'.repeat(32)}:${'t'.repeat(128)}`,
    ])
      assert.ok(parseStream(name), name);
    assert.deepEqual(parseStream('chat:room:1'), { service: 'chat', topic: 'room:1' });
  });
  it('refuses dots, wildcards, spaces, upper case, non-ASCII and lengths past the limits', () => {
    for (const name of [
      'ec.ho',
      'echo.*',
      '*',
      '>',
      'echo >',
      'ec ho',
      'Echo',
      'échо',
      'chat:lob by',
      'chat:é',
      'chat:',
      ':lobby',
      '',
      '1echo',
      `${'s'.repeat(33)}`,
      `chat:${'t'.repeat(129)}`,
    ])
      assert.equal(parseStream(name), null, name);
  });
});

describe('group names', () => {
  it('accepts tokens joined by dots, up to 100 characters', () => {
    for (const g of ['room', 'chat.lobby', 'a-b_c.D9', 'x'.repeat(100)])
      assert.equal(groupNameProblem(g), null, g);
  });
  it('refuses wildcards, empty tokens, and names past 100 characters', () => {
    for (const g of ['', 'a.*', '>', 'a..b', '.a', 'a.', 'a b', 'ä', 'x'.repeat(101)])
      assert.notEqual(groupNameProblem(g), null, g);
  });
});

describe('encoders', () => {
  it('splice JSON payloads into valid frames', () => {
    assert.deepEqual(JSON.parse(msgFrame(JSON.stringify('chat:a"b'), '{"x":[1,2]}')), {
      type: 'msg',
      stream: 'chat:a"b',
      payload: { x: [1, 2] },
    });
    assert.deepEqual(JSON.parse(replyFrame('"echo"', '"r"', 'null')), {
      type: 'reply',
      stream: 'echo',
      ref: 'r',
      payload: null,
    });
  });
});

describe('payloads as written', () => {
  const exact = [
    '[1e400,12345678901234567890,0.1000000000000000055511151231257827]',
    '{"a" : [ 1.0 , -0 ] , "b":"\\u00e9\\"}"}',
    '"}\\\\"',
    'null',
    '-1.5E+3',
  ];
  for (const payload of exact) {
    it(`passes ${payload} through byte-exact`, () => {
      const d = decodeClientFrame(`{"type":"msg","stream":"echo","payload": ${payload} ,"ref":1}`);
      assert.equal(d.ok, true);
      if (d.ok) assert.equal(d.payloadJson, payload);
    });
  }

  it('keeps the last payload key, as JSON.parse does, escaped or not', () => {
    const d = decodeClientFrame('{"type":"msg","stream":"e","payload":1,"pay\\u006coad":[2]}');
    assert.equal(d.ok && d.payloadJson, '[2]');
  });

  it('has no payload text for a frame without one', () => {
    const d = decodeClientFrame('{"type":"join","stream":"echo","x":{"payload":3}}');
    assert.equal(d.ok, true);
    if (d.ok) assert.equal(d.payloadJson, undefined);
  });

  it('refuses a frame nested past the limit with bad_frame, keeping its ref and stream', () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const ok = decodeClientFrame(`{"type":"msg","stream":"echo","payload":${nested(127)}}`);
    assert.equal(ok.ok, true, 'the frame object plus 127 levels is within 128');
    const d = decodeClientFrame(
      `{"type":"msg","stream":"echo","ref":"r","payload":${nested(128)}}`,
    );
    assert.equal(d.ok, false);
    if (d.ok) return;
    assert.deepEqual([d.error.code, d.error.ref, d.error.stream], ['bad_frame', 'r', 'echo']);
  });

  it('finds the payload of any well-formed frame, whatever its layout', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (payload, other) => {
        const text = JSON.stringify(
          { other, type: 'msg', payload, stream: 'echo', z: other },
          null,
          1,
        );
        const d = decodeClientFrame(text, 1000);
        assert.equal(d.ok, true);
        if (d.ok) assert.deepEqual(JSON.parse(d.payloadJson!), JSON.parse(JSON.stringify(payload)));
      }),
    );
  });
});
