// lib/pretty.ts: pino's JSON lines as `muxgate dev` shows them on a terminal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prettyLine } from '../../lib/pretty.ts';

const at = new Date(2026, 0, 2, 3, 4, 5, 67).getTime();
const line = (rec: object): string => `${JSON.stringify({ pid: 1, hostname: 'h', ...rec })}\n`;

describe('pretty log lines', () => {
  it('time, level, message, then the other fields as key=value', () => {
    const out = prettyLine(
      line({ level: 30, time: at, name: 'muxgate', msg: 'service running', service: 'echo', n: 3 }),
    );
    assert.equal(out, '03:04:05.067 INFO  service running service=echo n=3\n');
  });

  it('quotes strings with spaces and writes objects as JSON', () => {
    const out = prettyLine(line({ level: 40, time: at, msg: 'm', why: 'two words', o: { a: 1 } }));
    assert.equal(out, '03:04:05.067 WARN  m why="two words" o={"a":1}\n');
  });

  it("an error's message among the fields and its stack below", () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (y.js:1:1)' };
    const out = prettyLine(line({ level: 50, time: at, msg: 'drain failed', err }));
    assert.equal(
      out,
      '03:04:05.067 ERROR drain failed err=boom\n    Error: boom\n        at x (y.js:1:1)\n',
    );
  });

  it('colours the level on a terminal, and passes anything but JSON through', () => {
    const coloured = prettyLine(line({ level: 30, time: at, msg: 'x' }), true);
    assert.ok(coloured.includes('\u001b[32mINFO \u001b[0m'), JSON.stringify(coloured));
    assert.equal(prettyLine('not json'), 'not json\n');
  });
});
