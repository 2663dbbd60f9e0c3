// HttpTransport (PROTOCOL.md §4.5) with no server: what a poll is answered,
// the close, the idle limit and the outgoing bound, as a Session sees them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ABNORMAL, HttpTransport } from '../../gateway/http-transport.ts';
import { until } from '../helpers/wait.ts';

function transport(limits: Partial<HttpTransport['limits']> = {}) {
  const events = { closed: [] as number[], forgotten: 0, overloaded: 0, received: [] as string[] };
  const t = new HttpTransport(
    'gw.secret',
    { maxBufferedBytes: 1024, idleMs: 60_000, pollTimeoutMs: 50, ...limits },
    { closed: (code) => events.closed.push(code), forget: () => events.forgotten++ },
  );
  t.listen({
    receive: (text) => events.received.push(text),
    receiveBinary: () => {},
    overloaded: () => events.overloaded++,
  });
  return { t, events };
}

describe('HttpTransport', () => {
  it('answers a waiting poll with the frames of one task together', async () => {
    const { t } = transport();
    const answer = t.poll();
    t.send('{"n":1}');
    t.send(Buffer.from('{"n":2}'));
    const a = await answer;
    assert.equal(a.kind, 'frames');
    assert.deepEqual(a.kind === 'frames' && a.frames.map(String), ['{"n":1}', '{"n":2}']);
    t.terminate();
  });

  it('answers [] after the poll timeout, and a newer poll answers the older one []', async () => {
    const { t } = transport();
    assert.deepEqual(await t.poll(), { kind: 'frames', frames: [] });
    const older = t.poll();
    const newer = t.poll();
    assert.deepEqual(await older, { kind: 'frames', frames: [] });
    t.send('{"x":1}');
    assert.deepEqual(await newer, { kind: 'frames', frames: ['{"x":1}'] });
    t.terminate();
  });

  it('after the close, a poll takes what was queued, then the close code, then the secret is forgotten', async () => {
    const { t, events } = transport();
    t.send('{"last":true}');
    t.close(4000, 'disconnected');
    assert.deepEqual(await t.poll(), { kind: 'frames', frames: ['{"last":true}'] });
    assert.deepEqual(await t.poll(), { kind: 'closed', code: 4000, reason: 'disconnected' });
    assert.equal(events.forgotten, 1);
    await until(() => events.closed.length === 1);
    assert.deepEqual(events.closed, [4000]);
    t.send('{"after":true}');
    assert.equal(t.bufferedAmount, 0, 'nothing is queued after the close');
  });

  it('drops a connection with no poll attached for the idle limit', async () => {
    const { t, events } = transport({ idleMs: 40 });
    await until(() => events.closed.length === 1, 2000);
    assert.deepEqual(events.closed, [ABNORMAL]);
    assert.equal(t.isClosed, true);
  });

  it('is not idle while a poll waits', async () => {
    const { t, events } = transport({ idleMs: 30, pollTimeoutMs: 200 });
    await t.poll();
    assert.deepEqual(events.closed, []);
    t.terminate();
  });

  it('says overloaded once more than maxBufferedBytes wait at the end of a task', async () => {
    const { t, events } = transport();
    for (let i = 0; i < 5; i++) t.send('x'.repeat(300));
    await until(() => events.overloaded === 1);
    t.send('x');
    await new Promise((r) => setImmediate(r));
    assert.equal(events.overloaded, 1);
    t.abort(1013, 'client too slow');
    assert.deepEqual(await t.poll(), { kind: 'closed', code: 1013, reason: 'client too slow' });
  });

  it('does not read sends while an eighth of the bound waits, until a sixteenth is left', async () => {
    const { t } = transport();
    t.send('y'.repeat(200));
    let read = false;
    const readable = t.readable().then(() => (read = true));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(read, false);
    await t.poll();
    await readable;
    assert.equal(read, true);
    t.terminate();
  });
});
