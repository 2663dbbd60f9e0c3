// Payloads and refs on the bus (protocol/json.ts), fed tables of what a
// service or a gateway might put there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeJson, isJsonText, jsonPayloadText, refFromJson } from '../../protocol/json.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('bus payloads', () => {
  it('encodes every value as JSON text, and what has no JSON form as null', () => {
    const cases: Array<[unknown, string]> = [
      [{ a: [1, 'x'] }, '{"a":[1,"x"]}'],
      ['text', '"text"'],
      [0, '0'],
      [null, 'null'],
      [undefined, 'null'],
      [() => 1, 'null'],
      [Symbol('s'), 'null'],
    ];
    for (const [value, text] of cases) assert.equal(dec.decode(encodeJson(value)), text);
  });

  it('reads a payload as its JSON text, empty as null, anything else as not JSON', () => {
    const cases: Array<[Uint8Array | null | undefined, string | undefined]> = [
      [undefined, 'null'],
      [null, 'null'],
      [new Uint8Array(0), 'null'],
      [enc.encode('{"a":1}'), '{"a":1}'],
      [enc.encode(' 42 '), ' 42 '],
      [enc.encode('{"a":'), undefined],
      [enc.encode('undefined'), undefined],
      [enc.encode('1 2'), undefined],
      [new Uint8Array([0xff, 0xfe]), undefined],
    ];
    for (const [bytes, text] of cases) assert.equal(jsonPayloadText(bytes), text, String(bytes));
  });

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonPayloadText(encodeJson(value));
        assert.ok(text !== undefined && isJsonText(text));
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('refs on the bus', () => {
  it('reads a ref from its JSON text, and anything that is not a ref as none', () => {
    const cases: Array<[string | null | undefined, string | number | undefined]> = [
      ['"a"', 'a'],
      ['7', 7],
      [JSON.stringify('x'.repeat(64)), 'x'.repeat(64)],
      [undefined, undefined],
      [null, undefined],
      ['', undefined],
      ['"a', undefined],
      ['1.5', undefined],
      ['{"ref":1}', undefined],
      [JSON.stringify('x'.repeat(65)), undefined],
      [String(Number.MAX_SAFE_INTEGER + 2), undefined],
    ];
    for (const [text, ref] of cases) assert.equal(refFromJson(text), ref, String(text));
  });
});
