// The HTTP transports' pure parts: a send's body split into frames as
// written, and a frame as one SSE event (PROTOCOL.md §4.5).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitJsonArray } from '../../gateway/http-body.ts';
import { sseEvent } from '../../gateway/http-transport.ts';

describe('splitJsonArray', () => {
  const cases: Array<[string, string[] | undefined]> = [
    ['[]', []],
    [' [ ] ', []],
    ['[{"type":"ping"}]', ['{"type":"ping"}']],
    ['[ {"a" : [1,2]} , {"b":"],}\\"["} ]', ['{"a" : [1,2]}', '{"b":"],}\\"["}']],
    ['[1,"x",null,[{}]]', ['1', '"x"', 'null', '[{}]']],
    ['["\\\\",2]', ['"\\\\"', '2']],
    ['{"type":"ping"}', undefined],
    ['[1,', undefined],
    ['', undefined],
    ['"[]"', undefined],
  ];
  for (const [text, want] of cases)
    it(JSON.stringify(text), () => assert.deepEqual(splitJsonArray(text), want));
});

describe('sseEvent', () => {
  it('is one data line for a frame without line breaks', () => {
    assert.equal(sseEvent('{"type":"pong"}'), 'data: {"type":"pong"}\n\n');
    assert.equal(sseEvent(Buffer.from('{"a":1}')), 'data: {"a":1}\n\n');
  });
  it('splits a frame with line breaks into data lines that EventSource joins with \\n', () => {
    assert.equal(
      sseEvent('{"a":\r\n1,\r"b":\n2}'),
      'data: {"a":\ndata: 1,\ndata: "b":\ndata: 2}\n\n',
    );
  });
});
