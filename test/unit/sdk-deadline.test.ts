// The SDK drops a join, a two-step join's second step or a msg whose deadline
// (PROTOCOL.md §4.12) passed before its handler could start: the gateway had
// answered the client already. On the in-memory bus, with a clock the test moves.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { RequestTimeoutError, type Bus } from '../../bus/bus.ts';
import { MemoryBroker } from '../../bus/memory.ts';
import { Subjects } from '../../bus/subjects.ts';
import {
  Inbound,
  JoinConfirm,
  JoinConfirmReply,
  JoinReply,
  JoinRequest,
  type InboundProps,
} from '../../proto/index.ts';
import {
  accept,
  defineService,
  ServiceRunner,
  type RunOptions,
  type ServiceDefinition,
} from '../../services/sdk/index.ts';
import { captureLog, type LogLine } from '../helpers/logs.ts';
import { sampleOf } from '../helpers/metrics.ts';
import { until } from '../helpers/wait.ts';

const T0 = 1_800_000_000_000;
const enc = new TextEncoder();
const subjects = new Subjects();

interface Harness {
  bus: Bus;
  runner: ServiceRunner;
  clock: { now: number };
  expired(kind: string): Promise<number>;
}

const running: ServiceRunner[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.drain()));
});

async function start(def: ServiceDefinition, opts: RunOptions = {}): Promise<Harness> {
  const broker = new MemoryBroker();
  const clock = { now: T0 };
  const runner = await ServiceRunner.start(broker.connect(), def, {
    deadlineSkewMs: 0,
    now: () => clock.now,
    ...opts,
  });
  running.push(runner);
  const expired = async (kind: string): Promise<number> =>
    sampleOf(await runner.metrics.registry.metrics(), 'muxgate_service_expired_total', {
      service: def.name,
      kind,
    }) ?? 0;
  return { bus: broker.connect(), runner, clock, expired };
}

/** Waits until the counter of `kind` reaches `n`. */
async function counted(h: Harness, kind: string, n: number): Promise<void> {
  const deadline = Date.now() + 2000;
  while ((await h.expired(kind)) < n) {
    if (Date.now() > deadline) throw new Error(`${kind} drops did not reach ${n}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function join(h: Harness, stream: string, deadlineMs: number): Promise<unknown> {
  const body = JoinRequest.encode({ address: 'mux.conn.g.c', stream, deadlineMs }).finish();
  return h.bus
    .request(subjects.join(stream.split(':')[0]!), body, { timeoutMs: 200 })
    .then((m) => JoinReply.decode(m.data).result);
}

function inbound(h: Harness, props: InboundProps): void {
  const body = Inbound.encode({ address: 'mux.conn.g.c', ref: '"r"', ...props }).finish();
  h.bus.publish(subjects.msg(props.stream!.split(':')[0]!), body);
}

describe('SDK deadlines: joins', () => {
  it('drops a join whose deadline passed, unanswered, and counts it', async () => {
    const joins: string[] = [];
    const h = await start(
      defineService({ name: 'late', join: (ctx) => (joins.push(ctx.stream), accept()) }),
    );
    await assert.rejects(join(h, 'late:a', T0 - 1), RequestTimeoutError, 'no JoinReply');
    assert.deepEqual(joins, [], 'the handler never ran');
    assert.equal(await h.expired('join'), 1);

    assert.equal(await join(h, 'late:b', T0 + 1000), 'accept', 'a deadline ahead');
    assert.equal(await join(h, 'late:c', 0), 'accept', 'no deadline (a 1.0 gateway)');
    assert.deepEqual(joins, ['late:b', 'late:c']);
    assert.equal(await h.expired('join'), 1);
  });

  it('drops the second step of a two-step join past its deadline', async () => {
    const snapshots: string[] = [];
    const h = await start(
      defineService({
        name: 'tally',
        join: () => accept({ confirm: true }),
        snapshot: (ctx) => (snapshots.push(ctx.stream), { accept: true, payload: 1 }),
      }),
    );
    const confirm = (stream: string, deadlineMs: number) =>
      h.bus
        .request(
          subjects.joined('tally'),
          JoinConfirm.encode({ address: 'mux.conn.g.c', stream, deadlineMs }).finish(),
          { timeoutMs: 200 },
        )
        .then((m) => JoinConfirmReply.decode(m.data).result);
    await assert.rejects(confirm('tally:a', T0 - 1), RequestTimeoutError);
    assert.equal(await confirm('tally:b', T0 + 1), 'accept');
    assert.deepEqual(snapshots, ['tally:b']);
    assert.equal(await h.expired('joined'), 1);
  });
});

describe('SDK deadlines: msgs', () => {
  /** A service whose msg `{block: true}` waits for `open()`; it records what it ran. */
  function gated() {
    const ran: unknown[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const def = defineService({
      name: 'gated',
      async receive(_ctx, payload) {
        ran.push(payload);
        if ((payload as { block?: boolean }).block) await gate;
      },
    });
    return { def, ran, open };
  }

  it('drops a msg whose deadline passed while it waited behind its stream, not other work', async () => {
    const g = gated();
    const h = await start(g.def);
    const deadlineMs = T0 + 100;
    inbound(h, { stream: 'gated:a', payload: enc.encode('{"block":true}'), deadlineMs });
    inbound(h, { stream: 'gated:a', payload: enc.encode('{"n":1}'), deadlineMs });
    inbound(h, { stream: 'gated:a', payload: enc.encode('{"n":2}'), ref: '' });
    await until(() => g.ran.length === 1, 2000, 'the first msg to start');
    h.clock.now = deadlineMs + 1;
    g.open();
    // The msg without ref has no deadline: it runs, however late.
    await until(() => g.ran.length === 2, 2000, 'the msg without ref');
    assert.deepEqual(g.ran, [{ block: true }, { n: 2 }], 'the msg past its deadline never ran');
    assert.equal(await h.expired('msg'), 1);
  });

  it('allows the configured clock skew past the deadline, and no more', async () => {
    for (const [skew, runs] of [
      [1000, true],
      [0, false],
    ] as const) {
      const ran: unknown[] = [];
      const h = await start(
        defineService({ name: 'skewed', receive: (_c, p) => void ran.push(p) }),
        { deadlineSkewMs: skew },
      );
      // Half a second late on this clock: within a 1 s skew, not within none.
      inbound(h, { stream: 'skewed:a', payload: enc.encode('1'), deadlineMs: T0 - 500 });
      inbound(h, { stream: 'skewed:a', payload: enc.encode('2'), deadlineMs: T0 + 500 });
      await until(() => ran.includes(2), 2000, 'the msg within its deadline');
      assert.deepEqual(ran, runs ? [1, 2] : [2], `skew ${skew}`);
      assert.equal(await h.expired('msg'), runs ? 0 : 1);
    }
  });

  it('tells a running handler its deadline, and when it has passed (ctx.expired)', async () => {
    const seen = new Map<string, [number | undefined, boolean, boolean]>();
    const h: Harness = await start(
      defineService({
        name: 'aware',
        receive(ctx) {
          const before = ctx.expired;
          h.clock.now = T0 + 1001;
          seen.set(ctx.stream, [ctx.deadline, before, ctx.expired]);
        },
      }),
      { deadlineSkewMs: 1000 },
    );
    inbound(h, { stream: 'aware:a', payload: enc.encode('1'), deadlineMs: T0 });
    inbound(h, { stream: 'aware:b', payload: enc.encode('1'), ref: '' });
    await until(() => seen.size === 2, 2000, 'both msgs');
    assert.deepEqual(seen.get('aware:a'), [T0, false, true]);
    assert.deepEqual(seen.get('aware:b'), [undefined, false, false], 'no ref, no deadline');
  });

  it('logs drops at most every 10 s, saying how many, and shares a registry', async () => {
    const { log, lines: all } = captureLog();
    const lines = (): LogLine[] => all.filter((l) => l.msg.includes('deadline'));
    const registry = new Registry();
    const h = await start(defineService({ name: 'noisy', receive: () => {} }), {
      log,
      registry,
    });
    const other = await start(defineService({ name: 'other', receive: () => {} }), { registry });
    const late = (n: number): void =>
      inbound(h, { stream: 'noisy:a', payload: enc.encode(String(n)), deadlineMs: T0 - n });
    for (const n of [1, 2, 3]) late(n);
    await counted(h, 'msg', 3);
    assert.equal(lines().length, 1, 'one line for three drops');
    h.clock.now = T0 + 10_000;
    late(4);
    await until(() => lines().length === 2, 2000, 'the second line');
    assert.deepEqual(
      lines().map((l) => [l.dropped, l.kind, l.stream]),
      [
        [1, 'msg', 'noisy:a'],
        [3, 'msg', 'noisy:a'],
      ],
    );
    assert.equal(lines()[1]!.lateMs, 10_004);
    inbound(other, { stream: 'other:a', payload: enc.encode('1'), deadlineMs: T0 - 1 });
    await counted(other, 'msg', 1);
    const text = await registry.metrics();
    const of = (service: string) =>
      sampleOf(text, 'muxgate_service_expired_total', { service, kind: 'msg' });
    assert.deepEqual([of('noisy'), of('other')], [4, 1], 'two services, one registry');
  });
});
