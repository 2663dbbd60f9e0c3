// Hedged direct gets (bus/direct-read.ts): a get sent to a hung replica is
// lost, so an unanswered one is sent again, to a random replica, every
// hedge interval up to a number of copies; the first answer wins.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { hedged } from '../../bus/direct-read.ts';

/** A request whose copies the test settles one by one. */
function requests() {
  const copies: Array<{ resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  const request = () => new Promise<string>((resolve, reject) => copies.push({ resolve, reject }));
  return { copies, request };
}

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('hedged', () => {
  it('sends a copy every interval while none answers, up to the limit, and takes the first answer', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { copies, request } = requests();
    const answer = hedged(100, request, 3);
    assert.equal(copies.length, 1);
    t.mock.timers.tick(99);
    assert.equal(copies.length, 1, 'no copy before the interval');
    t.mock.timers.tick(1);
    assert.equal(copies.length, 2);
    t.mock.timers.tick(100);
    assert.equal(copies.length, 3);
    t.mock.timers.tick(1000);
    assert.equal(copies.length, 3, 'never more than the limit');
    copies[2]!.resolve('third');
    copies[0]!.resolve('first, too late');
    assert.equal(await answer, 'third');
  });

  it('sends no more copies once one has answered', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { copies, request } = requests();
    const answer = hedged(100, request, 3);
    t.mock.timers.tick(100);
    copies[1]!.resolve('second');
    assert.equal(await answer, 'second');
    t.mock.timers.tick(1000);
    assert.equal(copies.length, 2);
  });

  it('fails only when every copy it will send has failed, with the last error', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { copies, request } = requests();
    let outcome: string | undefined;
    hedged(100, request, 3).then(
      (v) => (outcome = `answered ${v}`),
      (e: Error) => (outcome = `failed ${e.message}`),
    );
    copies[0]!.reject(new Error('timeout 1'));
    await flush();
    assert.equal(outcome, undefined, 'more copies are to come');
    t.mock.timers.tick(100);
    t.mock.timers.tick(100);
    assert.equal(copies.length, 3);
    copies[2]!.reject(new Error('timeout 3'));
    await flush();
    assert.equal(outcome, undefined, 'the second copy may still answer');
    copies[1]!.reject(new Error('timeout 2'));
    await flush();
    assert.equal(outcome, 'failed timeout 2');
  });

  it('answers with a later copy after an earlier one failed', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { copies, request } = requests();
    const answer = hedged(100, request, 2);
    copies[0]!.reject(new Error('no responders'));
    await flush();
    t.mock.timers.tick(100);
    copies[1]!.resolve('second');
    assert.equal(await answer, 'second');
  });

  it('with one copy is the request alone', async () => {
    const calls = mock.fn(() => Promise.reject(new Error('no responders')));
    await assert.rejects(hedged(100, calls, 1), /no responders/);
    assert.equal(calls.mock.callCount(), 1);
  });
});
