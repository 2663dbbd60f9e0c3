// Issue 12, every bad frame answered: payloads nested far too deep (item 5),
// and leaves sent while a join is in flight (item 6).
//
// The limit is MUX_MAX_JSON_DEPTH (default MAX_JSON_DEPTH), the nesting of
// arrays and objects in a whole frame or publish API body, the outer object
// included: a payload may nest one level less (a scalar is 0, `[]` is 1).
// Past it: `bad_frame`, or HTTP 400 from the publish API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryBroker } from '../../bus/memory.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { ErrorCode } from '../../protocol/codes.ts';
import { MAX_JSON_DEPTH } from '../../protocol/raw-json.ts';
import { echoService } from '../../services/echo/index.ts';
import { answersTo, nestedJson, publishRaw } from '../helpers/hardening.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { probeService } from '../helpers/probe.ts';
import { TestSystem, type BusSource } from '../helpers/system.ts';

const MAX_PAYLOAD_DEPTH = MAX_JSON_DEPTH - 1;
const DEEP = 10_000;
const API_KEY = 'hardening-key';

/** Waits for the muxgate_streams gauge to read `n`; returns what it read last. */
async function streamsGauge(sys: TestSystem, n: number, timeoutMs = 2000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = (await gatewayMetric(sys.gateway, 'muxgate_streams')) ?? NaN;
    if (v === n || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const publish = (sys: TestSystem, group: string, body: string) =>
  publishRaw(sys.gateway.port, API_KEY, group, body);

describe('item 5: payloads nested 10,000 deep', () => {
  const env = { MUX_MAX_STREAMS: '2', MUX_API_KEYS: API_KEY };
  const deepJoin = (stream: string, ref: string) =>
    `{"type":"join","stream":"${stream}","ref":"${ref}","payload":${nestedJson(DEEP)}}`;

  it('answers such a join with bad_frame and its ref', async () => {
    await using sys = await TestSystem.start({ services: [echoService], env });
    const c = await sys.client();
    c.sendRaw(deepJoin('echo:deep', 'deep'));
    const e = await c.next((f) => f.ref === 'deep');
    assert.deepEqual([e.type, e.code], ['error', ErrorCode.BadFrame]);
    if (e.stream !== undefined) assert.equal(e.stream, 'echo:deep');
  });

  it('leaves no half-joined stream: leave gets not_joined, the gauge is 0, the limit is intact', async () => {
    await using sys = await TestSystem.start({ services: [echoService], env });
    const c = await sys.client();
    c.sendRaw(deepJoin('echo:deep', 'deep'));
    await c.next((f) => f.ref === 'deep');
    c.send({ type: 'leave', stream: 'echo:deep', ref: 'bye' });
    const e = await c.next((f) => f.ref === 'bye', 3000);
    assert.deepEqual([e.type, e.code], ['error', ErrorCode.NotJoined]);
    assert.equal(await streamsGauge(sys, 0), 0, 'muxgate_streams after the failed join');
    // max_streams is 2: both still fit, the failed name among them.
    await c.join('echo:deep');
    await c.join('echo:a');
    assert.equal(await streamsGauge(sys, 2), 2);
  });

  it('answers such a msg with bad_frame and keeps the stream', async () => {
    await using sys = await TestSystem.start({ services: [echoService], env });
    const c = await sys.client();
    await c.join('echo');
    c.sendRaw(`{"type":"msg","stream":"echo","ref":"deep","payload":${nestedJson(DEEP)}}`);
    const e = await c.next((f) => f.ref === 'deep');
    assert.deepEqual([e.type, e.code], ['error', ErrorCode.BadFrame]);
    if (e.stream !== undefined) assert.equal(e.stream, 'echo');
    c.send({ type: 'msg', stream: 'echo', ref: 'fine', payload: 'fine' });
    assert.equal((await c.next((f) => f.ref === 'fine')).payload, 'fine');
  });

  it('answers the publish API with such a body with 400', async () => {
    await using sys = await TestSystem.start({ services: [echoService], env });
    const res = await publish(sys, 'deep', `{"payload":${nestedJson(DEEP)}}`);
    assert.equal(res.status, 400, res.body);
    assert.equal((await publish(sys, 'deep', '{"payload":[[1]]}')).status, 202);
  });

  it(`accepts a payload nested ${MAX_PAYLOAD_DEPTH} deep and refuses one level more`, async () => {
    await using sys = await TestSystem.start({ services: [echoService], env });
    const c = await sys.client();
    await c.join('echo');
    const msg = (ref: string, depth: number) =>
      `{"type":"msg","stream":"echo","ref":"${ref}","payload":${nestedJson(depth)}}`;
    c.sendRaw(msg('at', MAX_PAYLOAD_DEPTH));
    assert.equal((await c.next((f) => f.ref === 'at')).type, 'reply');
    c.sendRaw(msg('over', MAX_PAYLOAD_DEPTH + 1));
    const e = await c.next((f) => f.ref === 'over');
    assert.deepEqual([e.type, e.code], ['error', ErrorCode.BadFrame]);
    c.sendRaw(
      `{"type":"join","stream":"echo:x","ref":"j","payload":${nestedJson(MAX_PAYLOAD_DEPTH + 1)}}`,
    );
    assert.equal((await c.next((f) => f.ref === 'j')).code, ErrorCode.BadFrame);
    assert.equal(
      (await publish(sys, 'deep', `{"payload":${nestedJson(MAX_PAYLOAD_DEPTH + 1)}}`)).status,
      400,
    );
  });
});

for (const kind of ['nats', 'memory'] as const) {
  describe(`item 6: leaves while a join is in flight, over the ${kind} bus`, () => {
    let nats: NatsServer | undefined;
    let sys: TestSystem;
    before(async () => {
      let bus: BusSource = { memory: new MemoryBroker() };
      if (kind === 'nats') {
        nats = await NatsServer.start({ jetstream: false });
        bus = { nats: nats.url };
      }
      sys = await TestSystem.start({
        bus,
        services: [echoService, probeService().definition],
        env: { MUX_ROUTES: 'echo,probe' },
      });
    });
    after(async () => {
      await sys.close();
      await nats?.close();
    });

    it('answers two leaves: the first with left after joined, the second with not_joined', async () => {
      const c = await sys.client();
      c.send({ type: 'join', stream: 'probe:two', ref: 'j', payload: { delayMs: 50 } });
      c.send({ type: 'leave', stream: 'probe:two', ref: 'l1' });
      c.send({ type: 'leave', stream: 'probe:two', ref: 'l2' });
      const got = await answersTo(c, ['j', 'l1', 'l2'], 3000);
      const [j, l1, l2] = (['j', 'l1', 'l2'] as const).map((r) => got.get(r)!);
      assert.deepEqual(
        j!.map((f) => f.type),
        ['joined'],
      );
      assert.deepEqual(
        l1!.map((f) => f.type),
        ['left'],
      );
      assert.deepEqual(
        l2!.map((f) => [f.type, f.code]),
        [['error', ErrorCode.NotJoined]],
      );
      const onStream = c.frames.filter((f) => f.stream === 'probe:two' && f.type !== 'error');
      assert.deepEqual(
        onStream.map((f) => [f.type, f.ref]),
        [
          ['joined', 'j'],
          ['left', 'l1'],
        ],
      );
    });

    it('answers a leave sent while a refused join is in flight with not_joined', async () => {
      const c = await sys.client();
      const refuse = { code: 'room_full', message: 'full' };
      c.send({ type: 'join', stream: 'probe:no', ref: 'j', payload: { delayMs: 50, refuse } });
      c.send({ type: 'leave', stream: 'probe:no', ref: 'l' });
      const got = await answersTo(c, ['j', 'l'], 3000);
      assert.deepEqual(
        got.get('j')!.map((f) => [f.type, f.code]),
        [['error', 'room_full']],
      );
      assert.deepEqual(
        got.get('l')!.map((f) => [f.type, f.code]),
        [['error', ErrorCode.NotJoined]],
      );
    });

    it('answers every ref of 500 pipelined join/leave pairs exactly once', async () => {
      const c = await sys.client();
      const n = 500;
      const joins = Array.from({ length: n }, (_, i) => `j${i}`);
      const leaves = Array.from({ length: n }, (_, i) => `l${i}`);
      for (let i = 0; i < n; i++) {
        c.send({ type: 'join', stream: 'echo', ref: joins[i] });
        c.send({ type: 'leave', stream: 'echo', ref: leaves[i] });
      }
      const got = await answersTo(c, [...joins, ...leaves], 10_000);
      const kinds = (refs: string[]) =>
        new Set(
          refs.flatMap((r) => got.get(r)!.map((f) => `${f.type}${f.code ? ` ${f.code}` : ''}`)),
        );
      for (const r of [...joins, ...leaves]) assert.equal(got.get(r)!.length, 1, `ref ${r}`);
      for (const k of kinds(joins)) assert.ok(['joined', 'error already_joined'].includes(k), k);
      for (const k of kinds(leaves)) assert.ok(['left', 'error not_joined'].includes(k), k);
      // On the stream itself: joined, left, joined, left, …, ending left.
      const seq = c.frames
        .filter((f) => f.stream === 'echo' && (f.type === 'joined' || f.type === 'left'))
        .map((f) => f.type);
      assert.ok(seq.length >= 2);
      seq.forEach((t, i) => assert.equal(t, i % 2 === 0 ? 'joined' : 'left', `frame ${i}`));
      assert.equal(seq.length % 2, 0, 'the stream ends left');
    });
  });
}
