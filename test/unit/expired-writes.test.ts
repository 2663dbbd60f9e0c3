// A handler that waited (behind other writes, on a slow store) checks
// ctx.expired before its side effect: the chat stores no message, the
// dashboard applies no write, once the client has been told `timeout`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../../lib/log.ts';
import { chatService, type ChatState } from '../../services/chat/index.ts';
import { Actions } from '../../services/dashboard/actions.ts';
import { DEFAULT_LIMITS } from '../../services/dashboard/model.ts';
import { StreamContext, type KvStore, type Publisher } from '../../services/sdk/index.ts';
import { MemoryKvStore } from '../../services/sdk/storage/kv-memory.ts';

const T0 = 1_800_000_000_000;

/** A context whose deadline has passed once `late.now` is set. */
function context<S>(
  stream: string,
  state: S | undefined,
  publisher: unknown,
  claims?: object,
): { ctx: StreamContext<S>; late: { now: boolean } } {
  const late = { now: false };
  const scope = claims ? { user: 'u', claims: JSON.stringify(claims) } : {};
  const topic = stream.slice(stream.indexOf(':') + 1);
  const clock = { passed: (d: number) => d === T0 && late.now };
  const ctx = new StreamContext<S>(
    'mux.conn.g.c',
    stream,
    topic,
    state,
    scope,
    publisher as Publisher,
    clock,
  );
  ctx.deadline = T0;
  return { ctx, late };
}

describe('chat and ctx.expired', () => {
  it('stores and answers a message in time, and neither past its deadline', async () => {
    const stored: unknown[] = [];
    const replies: unknown[] = [];
    const publisher = {
      toGroupStored: (_g: string, payload: unknown) => (
        stored.push(payload),
        Promise.resolve('1:1')
      ),
      outbound: (_a: string, frame: unknown) => void replies.push(frame),
    };
    const chat = chatService({ now: () => T0 });
    const state: ChatState = { user: 'ann', verified: false };
    const { ctx, late } = context('chat:lobby', state, publisher);
    await chat.receive!(ctx, { text: 'in time' }, 'r1');
    late.now = true;
    await chat.receive!(ctx, { text: 'too late' }, 'r2');
    assert.deepEqual(
      stored.map((m) => (m as { text: string }).text),
      ['in time'],
    );
    assert.equal(replies.length, 1, 'only the stored message is answered');
  });
});

describe('dashboard and ctx.expired', () => {
  it('applies no write whose deadline passed while it waited behind another on its key', async () => {
    const store = new MemoryKvStore();
    await store.create('b.n', 0);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let first = true;
    // The first write to reach the store waits for the gate: the others queue behind it.
    const slow = new Proxy(store, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== 'function') return v;
        const f = (v as (...a: unknown[]) => Promise<unknown>).bind(target);
        if (prop !== 'update') return f;
        return async (...args: unknown[]) => {
          if (first) {
            first = false;
            await gate;
          }
          return f(...args);
        };
      },
    }) as KvStore;
    const actions = new Actions({ store: slow, limits: DEFAULT_LIMITS, log: silentLogger });
    const writer = { scope: 'dashboard:write' };
    const inc = (by: number) => {
      const c = context('dashboard:b', undefined, undefined, writer);
      return { ...c, reply: actions.handle(c.ctx, 'b', { action: 'increment', key: 'n', by }) };
    };
    const [a, b, c] = [inc(1), inc(10), inc(100)];
    b.late.now = true;
    open();
    const replies = await Promise.all([a.reply, b.reply, c.reply]);
    assert.deepEqual(
      replies.map((r) => r && (r as { value?: number }).value),
      [1, undefined, 101],
      'the late one is not answered',
    );
    assert.equal((await store.get('b.n'))?.value, 101, 'and not applied');
  });
});
