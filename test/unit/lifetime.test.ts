// The session's token state, driven frame by frame with a fake transport:
// the token in force decides `=auth` routes, a frame that arrives after `exp`
// (before the timer ran) is answered by the expiry, and a refresh re-arms
// the timer.
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { TokenRejected, type Identity } from '../../gateway/auth.ts';
import { TokenLifetime } from '../../gateway/lifetime.ts';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { makeSession } from '../helpers/session.ts';

const nowS = () => Date.now() / 1000;
const identity = (exp: number | undefined, user = 'ann'): Identity => ({
  user,
  claims: { sub: user, ...(exp !== undefined && { exp }) },
  exp,
});

function session(id: Identity, verify?: (token: string) => Promise<Identity>) {
  const made = makeSession({ env: { MUX_ROUTES: 'echo,secure=auth' }, identity: id, verify });
  const { bus, subjects, transport, session: s } = made;
  const joins: string[] = [];
  bus.subscribe(subjects.join('secure'), () => joins.push('secure'));
  return { s, transport, joins, bus };
}

describe('a session and its token', () => {
  it('answers a frame that arrives after exp with the expiry, before its timer has run', async () => {
    const { s, transport, joins, bus } = session(identity(nowS() - 0.001));
    s.start();
    s.receive(JSON.stringify({ type: 'join', stream: 'secure', ref: 1 }));
    assert.deepEqual(transport.conversation, [
      {
        type: 'error',
        code: ErrorCode.TokenExpired,
        message: 'the token expired; connect again with a new one',
      },
    ]);
    assert.deepEqual(transport.closedBy, {
      how: 'close',
      code: CloseCode.TokenExpired,
      reason: 'token expired',
    });
    await bus.flush();
    assert.deepEqual(joins, [], 'the service never heard of the join');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(transport.ofType('error').length, 1, 'the timer adds nothing');
  });

  it('sends exp in welcome, and the timer closes the connection at exp', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000_000_000 });
    try {
      const { s, transport } = session(identity(1_000_000_060));
      s.start();
      assert.equal(transport.ofType('welcome')[0]?.exp, 1_000_000_060);
      mock.timers.tick(59_999);
      assert.equal(transport.closedBy, undefined);
      mock.timers.tick(1);
      assert.equal(
        (transport.closedBy as { code?: number } | undefined)?.code,
        CloseCode.TokenExpired,
      );
      assert.equal(transport.ofType('error')[0]?.code, ErrorCode.TokenExpired);
    } finally {
      mock.timers.reset();
    }
  });

  it('re-arms the timer on refresh, and keeps the old token when a refresh fails', async () => {
    const exp = nowS() + 0.3;
    const later = identity(nowS() + 3600);
    const { s, transport } = session(identity(exp), async (t) => {
      if (t === 'good') return later;
      throw new TokenRejected('token_invalid', 'x');
    });
    s.start();
    s.receive(JSON.stringify({ type: 'refresh', token: 'bad', ref: 1 }));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(transport.ofType('error')[0]?.code, ErrorCode.Unauthorized);
    s.receive(JSON.stringify({ type: 'refresh', token: 'good', ref: 2 }));
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(transport.ofType('refreshed'), [
      { type: 'refreshed', ref: 2, exp: later.exp },
    ]);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(transport.closedBy, undefined, 'past the first exp, still open');
    s.shutdown(1000, 'bye');
  });
});

describe('TokenLifetime', () => {
  it('re-arms a wait longer than setTimeout allows', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    try {
      let fired = 0;
      const days = 40;
      const t = new TokenLifetime(identity(days * 86_400), undefined, () => fired++);
      t.start();
      mock.timers.tick(2 ** 31 - 1);
      assert.equal(fired, 0);
      assert.equal(t.user, 'ann');
      mock.timers.tick(days * 86_400_000 - (2 ** 31 - 1));
      assert.equal(fired, 1);
      assert.equal(t.user, '', 'an expired token names nobody');
    } finally {
      mock.timers.reset();
    }
  });

  it('never expires an anonymous connection or a token without exp', () => {
    const t = new TokenLifetime({ user: '', claims: undefined, exp: undefined }, undefined, () =>
      assert.fail('expired'),
    );
    t.start();
    assert.equal(t.expired, false);
    t.stop();
  });
});
