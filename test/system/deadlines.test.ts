// Work the client gave up on is not done (PROTOCOL.md §4.12, issue 11 item 3):
// on a real nats-server, a service slowed down (a backed-up stream, a stopped
// process) does not run the msgs and joins whose deadline passed while they
// waited, says so in its metric, and sends no reply after the client's `timeout`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService, ServiceRunner } from '../../services/sdk/index.ts';
import { gatewayMetric, sampleOf } from '../helpers/metrics.ts';
import { spawnMuxgate, type MuxgateProcess } from '../helpers/process.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

// Short, yet long enough that work done in time is not timed out on a loaded machine.
const TIMEOUTS = { MUX_MSG_TIMEOUT_MS: '1000', MUX_JOIN_TIMEOUT_MS: '1000' };

/** `slow:<topic>` streams: a msg `{block: true}` holds its stream until release(topic). */
function slowService() {
  const ran: { topic: string; n: number }[] = [];
  const joins: string[] = [];
  const gates = new Map<string, { wait: Promise<void>; open: () => void }>();
  const gate = (topic: string) => {
    let g = gates.get(topic);
    if (!g) {
      let open!: () => void;
      g = { wait: new Promise<void>((r) => (open = r)), open: () => open() };
      gates.set(topic, g);
    }
    return g;
  };
  const def = defineService({
    name: 'slow',
    join: (ctx) => (joins.push(ctx.topic), accept()),
    async receive(ctx, payload, ref) {
      const p = payload as { n: number; block?: boolean };
      ran.push({ topic: ctx.topic, n: p.n });
      if (p.block) await gate(ctx.topic).wait;
      if (ref !== undefined) ctx.reply(ref, { n: p.n });
    },
  });
  return { def, ran, joins, release: (topic: string) => gate(topic).open() };
}

describe('deadlines over a real nats-server', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let runner: ServiceRunner;
  const slow = slowService();
  const expired = async (kind: string) =>
    sampleOf(await runner.metrics.registry.metrics(), 'muxgate_service_expired_total', {
      service: 'slow',
      kind,
    }) ?? 0;

  before(async () => {
    nats = await NatsServer.start();
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      env: { ...TIMEOUTS, MUX_ROUTES: 'slow,echo' },
    });
    // One clock on this machine: no skew to allow for.
    const bus = await connectBus(sys.source, 'slow');
    runner = await ServiceRunner.start(bus, slow.def, { prefix: sys.prefix, deadlineSkewMs: 0 });
    sys.runners.push(runner);
  });
  after(async () => {
    await sys.close();
    await nats.close();
  });

  it('does not run msgs that timed out waiting behind their stream', async () => {
    const c = await sys.client();
    await c.join('slow:a');
    c.send({ type: 'msg', stream: 'slow:a', ref: 'm0', payload: { n: 0, block: true } });
    for (let n = 1; n <= 5; n++)
      c.send({ type: 'msg', stream: 'slow:a', ref: `m${n}`, payload: { n } });
    // Nobody waits for a msg without ref: it has no deadline, and runs late.
    c.send({ type: 'msg', stream: 'slow:a', payload: { n: 6 } });
    for (let n = 0; n <= 5; n++) {
      const e = await c.next((f) => f.type === 'error' && f.ref === `m${n}`);
      assert.equal(e.code, 'timeout');
    }
    slow.release('a');
    c.send({ type: 'msg', stream: 'slow:a', ref: 'm7', payload: { n: 7 } });
    assert.deepEqual((await c.expect('reply', 'slow:a')).payload, { n: 7 });
    assert.deepEqual(
      slow.ran.filter((r) => r.topic === 'a').map((r) => r.n),
      [0, 6, 7],
      'msgs 1-5 never reached the handler',
    );
    assert.equal(await expired('msg'), 5);
    assert.equal(c.frames.filter((f) => f.type === 'reply').length, 0, 'no reply after timeout');
  });

  it('does not run a join that timed out waiting behind its stream', async () => {
    const c = await sys.client();
    await c.join('slow:b');
    c.send({ type: 'msg', stream: 'slow:b', payload: { n: 0, block: true } });
    await until(() => slow.ran.some((r) => r.topic === 'b'), 5000, 'the blocking msg');
    c.send({ type: 'leave', stream: 'slow:b', ref: 'l1' });
    await c.expect('left', 'slow:b');
    // The rejoin's JoinRequest waits behind the blocked msg and the Leave.
    await assert.rejects(c.join('slow:b'), /unavailable/);
    slow.release('b');
    await c.join('slow:b');
    assert.deepEqual(
      slow.joins.filter((t) => t === 'b'),
      ['b', 'b'],
      'the first join and the last; the one in between was dropped',
    );
    assert.equal(await expired('join'), 1);
  });

  describe('a service process stopped (SIGSTOP) while msgs wait for it', () => {
    let echo: MuxgateProcess;
    before(async () => {
      echo = await spawnMuxgate(
        ['service', 'echo'],
        {
          NATS_URL: nats.url,
          MUX_PREFIX: sys.prefix,
          MUX_DEADLINE_SKEW_MS: '0',
          LOG_LEVEL: 'info',
          LOG_FORMAT: 'json',
        },
        { ready: /service running/ },
      );
    });
    after(async () => {
      echo.proc.kill('SIGCONT');
      await echo.stop();
    });

    it('sends none of their replies once it runs again', async () => {
      const c = await sys.client();
      await c.join('echo');
      const late = () =>
        gatewayMetric(sys.gateway, 'muxgate_bus_dropped_total', { reason: 'late' });
      const lateBefore = (await late()) ?? 0;
      echo.proc.kill('SIGSTOP');
      const N = 20;
      for (let i = 0; i < N; i++) c.send({ type: 'msg', stream: 'echo', ref: i, payload: i });
      for (let i = 0; i < N; i++) {
        const e = await c.next((f) => f.type === 'error' && f.ref === i);
        assert.equal(e.code, 'timeout');
      }
      echo.proc.kill('SIGCONT');
      // Answered after every msg before it, on the same subscription.
      c.send({ type: 'msg', stream: 'echo', ref: 'probe', payload: 'probe' });
      const probe = await c.expect('reply', 'echo');
      assert.equal(probe.ref, 'probe');
      assert.equal((await late()) ?? 0, lateBefore, 'no reply came after its timeout');
      const drops = () =>
        echo.output
          .split('\n')
          .filter((l) => l.includes('deadline passed'))
          .map((l) => JSON.parse(l) as { kind: string; dropped: number });
      await until(() => drops().length > 0, 5000, 'the log line');
      assert.deepEqual(
        drops().map((l) => [l.kind, l.dropped]),
        [['msg', 1]],
        'one log line for the first drop (the next one waits 10 s)',
      );
    });
  });
});
