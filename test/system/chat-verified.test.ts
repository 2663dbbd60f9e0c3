// Issue 12 item 13: with `optional` auth an anonymous member may pick any
// name, an authenticated member's included (homoglyphs too). Chat marks what
// it says about a name: `verified` when the name is the sender's JWT subject,
// on messages, in the history and on join and leave notices. In-memory bus.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { SERVICES } from '../../services/registry.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { serviceEnv, TestSystem } from '../helpers/system.ts';

const SECRET = 'chat-verified-secret-long-enough-for-hs256';
const token = (sub: string): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

type Payload = Record<string, unknown>;
const payloadOf = (f: object): Payload => (f as { payload?: unknown }).payload as Payload;

async function event(c: TestClient, stream: string, type: string, user?: string): Promise<Payload> {
  const f = await c.next(
    (x) =>
      x.type === 'msg' &&
      x.stream === stream &&
      payloadOf(x).type === type &&
      (user === undefined || payloadOf(x).user === user),
  );
  return payloadOf(f);
}

describe('chat marks verified names', () => {
  let sys: TestSystem;
  let stop: () => Promise<void>;
  before(async () => {
    sys = await TestSystem.start({
      env: { MUX_JWT_SECRET: SECRET, MUX_AUTH: 'optional', MUX_ROUTES: 'chat' },
    });
    const env = await serviceEnv(sys.source, 'chat', sys.prefix);
    const svc = await SERVICES.chat!(env);
    const runner = await ServiceRunner.start(env.bus, svc.definition!, { prefix: sys.prefix });
    stop = async () => {
      await svc.close?.();
      await runner.drain();
    };
  });
  after(async () => {
    await sys.close();
    await stop();
  });

  it('tells the real alice from an anonymous "alice" and a homoglyph one', async () => {
    const room = 'chat:verified';
    const watcher = await sys.client();
    await watcher.join(room, { name: 'watcher' });
    const real = await sys.client({ headers: { Authorization: `Bearer ${await token('alice')}` } });
    await real.join(room);
    const fake = await sys.client();
    await fake.join(room, { name: 'alice' });
    const homoglyph = await sys.client();
    await homoglyph.join(room, { name: 'аlice' }); // Cyrillic а
    const joins = [
      await event(watcher, room, 'join', 'alice'),
      await event(watcher, room, 'join', 'alice'),
      await event(watcher, room, 'join', 'аlice'),
    ];
    assert.deepEqual(
      joins.map((j) => j.verified),
      [true, false, false],
    );

    for (const c of [real, fake, homoglyph])
      c.send({ type: 'msg', stream: room, payload: { text: 'hi' } });
    const said = [];
    for (let i = 0; i < 3; i++) said.push(await event(watcher, room, 'message'));
    assert.deepEqual(
      said.map((m) => [m.user, m.verified]).sort(),
      [
        ['alice', false],
        ['alice', true],
        ['аlice', false],
      ].sort(),
    );

    // The history keeps the mark.
    const late = await sys.client();
    const { history } = payloadOf(await late.join(room)) as { history: Payload[] };
    assert.deepEqual(
      history.map((m) => [m.user, m.verified]).sort(),
      [
        ['alice', false],
        ['alice', true],
        ['аlice', false],
      ].sort(),
    );

    await real.close();
    assert.equal((await event(watcher, room, 'leave', 'alice')).verified, true);
    await fake.close();
    assert.equal((await event(watcher, room, 'leave', 'alice')).verified, false);
  });
});
