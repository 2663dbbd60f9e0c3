// PROTOCOL.md §4.2, nothing lost silently: a `msg` that reaches no service is
// answered `unavailable`, a `ref` the service leaves unanswered is answered
// `timeout`, and with nats-server killed and restarted under traffic every
// ref still gets exactly one answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { createChat } from '../../services/chat/index.ts';
import { defineService, Publisher, ServiceRunner } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { connectBus, serviceEnv, TestSystem, type BusSource } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const MSG_TIMEOUT_MS = 400;

/** Accepts every join and answers refs only when asked to, after `lateMs`. */
const sloth = defineService<undefined>({
  name: 'sloth',
  receive(ctx, payload, ref) {
    const { lateMs } = (payload ?? {}) as { lateMs?: number };
    if (ref !== undefined && lateMs !== undefined) setTimeout(() => ctx.reply(ref, 'late'), lateMs);
  },
});

for (const kind of ['nats', 'memory'] as const) {
  describe(`nothing lost silently, over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let sys: TestSystem;
    before(async () => {
      let bus: BusSource = { memory: new MemoryBroker() };
      if (kind === 'nats') bus = { nats: (nats = await NatsServer.start()).url };
      sys = await TestSystem.start({
        bus,
        services: [echoService, sloth],
        env: { MUX_MSG_TIMEOUT_MS: String(MSG_TIMEOUT_MS), MUX_ROUTES: 'echo,sloth' },
      });
    });
    after(async () => {
      await sys.close();
      await nats?.close();
    });

    it('answers a msg whose service stopped with unavailable, at once, with and without ref', async () => {
      const local = await TestSystem.start({
        bus: sys.source,
        services: [echoService],
        env: { MUX_ROUTES: 'echo' },
      });
      try {
        const c = await local.client();
        await c.join('echo');
        await local.runners[0]!.drain();
        const started = Date.now();
        c.send({ type: 'msg', stream: 'echo', ref: 'gone', payload: 1 });
        const e = await c.next((f) => f.ref === 'gone');
        assert.deepEqual([e.type, e.code, e.stream], ['error', ErrorCode.Unavailable, 'echo']);
        assert.ok(Date.now() - started < MSG_TIMEOUT_MS, 'before any timeout could fire');
        c.send({ type: 'msg', stream: 'echo', payload: 2 });
        const e2 = await c.next((f) => f.type === 'error' && f.ref === undefined);
        assert.deepEqual([e2.code, e2.stream], [ErrorCode.Unavailable, 'echo']);
      } finally {
        await local.close();
      }
    });

    it('answers a ref the service leaves unanswered with timeout, and drops the late reply', async () => {
      const c = await sys.client();
      await c.join('sloth');
      c.send({ type: 'msg', stream: 'sloth', ref: 'never', payload: {} });
      c.send({
        type: 'msg',
        stream: 'sloth',
        ref: 'late',
        payload: { lateMs: MSG_TIMEOUT_MS * 2 },
      });
      const never = await c.next((f) => f.ref === 'never');
      const late = await c.next((f) => f.ref === 'late');
      assert.deepEqual([never.type, never.code], ['error', ErrorCode.Timeout]);
      assert.deepEqual([late.type, late.code], ['error', ErrorCode.Timeout]);
      const lateDrops = () =>
        gatewayMetric(sys.gateway, 'muxgate_bus_dropped_total', { reason: 'late' });
      const deadline = Date.now() + 5000;
      while (((await lateDrops()) ?? 0) < 1 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(await lateDrops(), 1, 'the late reply reached the gateway and was dropped');
      // next() consumed the first answer: nothing else may carry the ref.
      assert.equal(
        c.frames.filter((f) => f.ref === 'late').length,
        0,
        'one answer per ref: the late reply is not forwarded',
      );
    });

    it('answers a ref the service does answer in time with its reply only', async () => {
      const c = await sys.client();
      await c.join('sloth');
      c.send({ type: 'msg', stream: 'sloth', ref: 'quick', payload: { lateMs: 1 } });
      assert.equal((await c.next((f) => f.ref === 'quick')).type, 'reply');
      await new Promise((r) => setTimeout(r, MSG_TIMEOUT_MS * 1.5));
      assert.equal(
        c.frames.filter((f) => f.ref === 'quick').length,
        0,
        'no timeout after the reply',
      );
    });
  });
}

describe('nats-server killed and restarted under echo and chat traffic', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let chat: { stop(): Promise<void> };
  before(async () => {
    nats = await NatsServer.start();
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [echoService],
      env: { MUX_MSG_TIMEOUT_MS: '1500', MUX_ROUTES: 'echo,chat' },
    });
    const env = await serviceEnv(sys.source, 'chat', sys.prefix);
    const svc = await createChat(env);
    const runner = await ServiceRunner.start(env.bus, svc.definition!, { prefix: sys.prefix });
    chat = { stop: async () => (await svc.close?.(), await runner.drain()) };
  });
  after(async () => {
    await sys.close();
    await chat.stop();
    await nats.close();
  });

  it('answers every msg with a ref: replied or errored, none silent, and keeps every acked chat message', async (t) => {
    const clients: TestClient[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await sys.client();
      await c.join('echo');
      await c.join('chat:outage', { name: `u${i}` });
      clients.push(c);
    }
    let sent = 0;
    const streamOf = new Map<number, string>();
    let stop = false;
    const pump = (async () => {
      while (!stop) {
        for (const c of clients) {
          const ref = ++sent;
          const onChat = ref % 4 === 0;
          streamOf.set(ref, onChat ? 'chat' : 'echo');
          c.send(
            onChat
              ? { type: 'msg', stream: 'chat:outage', ref, payload: { text: `m${ref}` } }
              : { type: 'msg', stream: 'echo', ref, payload: ref },
          );
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    await nats.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await nats.restart();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await pump;
    const answers = new Map<number, string[]>();
    const acked = new Set<string>();
    const collectAnswers = (): boolean => {
      answers.clear();
      acked.clear();
      for (const c of clients)
        for (const f of c.frames) {
          if ((f.type !== 'reply' && f.type !== 'error') || typeof f.ref !== 'number') continue;
          const p = f.payload as { id?: string; error?: unknown } | undefined;
          const kind = f.type === 'error' ? String(f.code) : p?.error ? 'refused' : 'reply';
          answers.set(f.ref, [...(answers.get(f.ref) ?? []), kind]);
          if (streamOf.get(f.ref) === 'chat' && kind === 'reply') acked.add(`m${f.ref}`);
        }
      return answers.size >= sent;
    };
    await until(collectAnswers, 15_000, 'an answer to every ref').catch(() => undefined);
    collectAnswers();
    const silent = [];
    for (let ref = 1; ref <= sent; ref++) if (!answers.has(ref)) silent.push(ref);
    const twice = [...answers].filter(([, a]) => a.length > 1);
    const count = (stream: string, kind: string) =>
      [...answers].filter(([ref, a]) => streamOf.get(ref) === stream && a[0] === kind).length;
    for (const stream of ['echo', 'chat'])
      t.diagnostic(
        `${stream}: ${[...streamOf.values()].filter((s) => s === stream).length} msgs, ` +
          `${count(stream, 'reply')} replies, ${count(stream, 'refused')} refused by the service, ` +
          `${count(stream, ErrorCode.Unavailable)} unavailable, ${count(stream, ErrorCode.Timeout)} timeout`,
      );
    t.diagnostic(`${silent.length} silent, ${twice.length} answered twice`);
    assert.equal(silent.length, 0, `silent refs: ${silent.slice(0, 10).join(', ')}`);
    assert.equal(twice.length, 0, `refs answered twice: ${JSON.stringify(twice.slice(0, 3))}`);
    assert.ok(
      count('echo', ErrorCode.Unavailable) + count('echo', ErrorCode.Timeout) > 0,
      'the outage was noticed',
    );
    // Nothing acknowledged is lost: every chat message acked with an id is kept.
    const reader = new Publisher(await connectBus(sys.source, 'reader'), sys.prefix);
    const kept = new Set(
      (await reader.recent('chat.outage', 5000)).messages.map(
        (m) => (m.payload as { text: string }).text,
      ),
    );
    await reader.bus.drain();
    const lost = [...acked].filter((text) => !kept.has(text));
    assert.deepEqual(lost, [], 'acked chat messages missing from the room');
  });
});
