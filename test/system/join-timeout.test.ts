// A join the service accepts after the gateway's join timeout (the gateway
// answered its client `unavailable` and forgot the stream) still gets its
// Leave: without it the service keeps a member nobody will ever remove, and
// chat shows a ghost that joined and never left.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsServer } from '../../harness/nats-server.ts';
import { ErrorCode, LeaveReason } from '../../protocol/codes.ts';
import { chatService, type ChatState } from '../../services/chat/index.ts';
import { accept, defineService, type ServiceDefinition } from '../../services/sdk/index.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const JOIN_TIMEOUT_MS = 100;
/** Long past the gateway's join timeout. */
const SLOW_JOIN_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a join accepted after the join timeout', () => {
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start();
  });
  after(async () => {
    await nats.close();
  });

  async function system(services: ServiceDefinition<never>[]): Promise<TestSystem> {
    return TestSystem.start({
      bus: { nats: nats.url },
      env: { MUX_JOIN_TIMEOUT_MS: String(JOIN_TIMEOUT_MS), MUX_ROUTES: 'slow,chat' },
      services,
    });
  }

  it('gets a Leave, handled after the join, with the state the service accepted', async () => {
    const joins: string[] = [];
    const leaves: { stream: string; reason: string; state: unknown }[] = [];
    const slow = defineService<{ n: number }>({
      name: 'slow',
      async join(ctx) {
        await sleep(SLOW_JOIN_MS);
        joins.push(ctx.stream);
        return accept({ state: { n: 7 } });
      },
      leave(ctx, reason) {
        leaves.push({ stream: ctx.stream, reason, state: ctx.state });
      },
    });
    const sys = await system([slow as ServiceDefinition<never>]);
    try {
      const c = await sys.client();
      c.send({ type: 'join', stream: 'slow:late', ref: 'j' });
      const e = await c.next((f) => f.ref === 'j');
      assert.deepEqual([e.type, e.code], ['error', ErrorCode.Unavailable], JSON.stringify(e));
      await until(() => joins.length === 1, 5000, 'the service to accept late');
      await until(() => leaves.length === 1, 5000, 'the Leave of the join given up on');
      assert.deepEqual(leaves, [
        { stream: 'slow:late', reason: LeaveReason.Leave, state: { n: 7 } },
      ]);
    } finally {
      await sys.close();
    }
  });

  it('leaves no ghost in a chat room: members see the late joiner leave', async () => {
    const chat = chatService();
    // The room's history read is slow for "slowpoke" only: everyone else joins in time.
    const slowChat: ServiceDefinition<ChatState> = {
      ...chat,
      async join(ctx, payload) {
        if ((payload as { name?: string } | undefined)?.name === 'slowpoke')
          await sleep(SLOW_JOIN_MS);
        return chat.join!(ctx, payload);
      },
    };
    const sys = await system([slowChat as ServiceDefinition<never>]);
    try {
      const member = await sys.client();
      await member.join('chat:ghosts', { name: 'alice' });
      const late = await sys.client();
      late.send({ type: 'join', stream: 'chat:ghosts', ref: 'j', payload: { name: 'slowpoke' } });
      const e = await late.next((f) => f.ref === 'j');
      assert.equal(e.code, ErrorCode.Unavailable, JSON.stringify(e));
      const notice = (type: string) => (f: { type: string; payload?: unknown }) =>
        f.type === 'msg' &&
        (f.payload as { type?: string; user?: string }).type === type &&
        (f.payload as { user?: string }).user === 'slowpoke';
      await member.next(notice('join'), 5000);
      await member.next(notice('leave'), 5000);
    } finally {
      await sys.close();
    }
  });
});
