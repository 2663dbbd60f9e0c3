// Nothing lost silently across a nats-server restart (docs/protocol-decisions.md,
// "The gateway's NATS connection comes back"): members of a plain group on a
// gateway while a publisher sends numbered messages; the server restarts;
// every member either received every number after its snapshot or was told
// (`left` `unavailable`), the client library's member is rejoined with a
// fresh snapshot and gets every number after it. A stream of a durable group
// only is ended too (its service may have sent it frames directly, which
// nothing numbers) and the library rejoins it from its position: recovered,
// nothing replayed twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, type MuxClient } from '../../client/index.ts';
import { ErrorCode } from '../../protocol/codes.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { accept, defineService, Publisher } from '../../services/sdk/index.ts';
import type { TestClient } from '../helpers/client.ts';
import { WS } from '../helpers/client-lib.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { connectBus, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** The last number the publisher counted, sent or not. */
let last = 0;

// `feed`: the plain group "feed", joined in two steps so the snapshot (the
// last number) is read once the member's subscription is live: every later
// number is owed to it.
const feedService = defineService({
  name: 'feed',
  join: () => accept({ groups: ['feed'], confirm: true }),
  snapshot: () => ({ accept: true, payload: { last } }),
});

// `store`: a durable group only; its messages come back by `since`.
const storeService = defineService({
  name: 'store',
  durable: { groups: 'store.>' },
  join: (ctx) => accept({ durable: `store.${ctx.topic}` }),
});

/** The numbers a member got after its snapshot, and whether each follows the one before. */
function gapsAfter(snapshot: number, numbers: number[]): number[] {
  const owed = numbers.filter((n) => n > snapshot);
  const gaps = [];
  for (let i = 0, want = snapshot + 1; i < owed.length; i++, want++)
    if (owed[i] !== want) {
      gaps.push(want);
      want = owed[i]!;
    }
  return gaps;
}

describe('a nats-server restart under plain group traffic', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let publisher: Publisher;
  let pumping = true;
  let pump: Promise<void>;
  before(async () => {
    nats = await NatsServer.start();
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [feedService, storeService],
      env: { MUX_ROUTES: 'feed,store' },
    });
    publisher = new Publisher(await connectBus(sys.source, 'publisher'), sys.prefix);
    // While the gateway is away, a number is counted even when the
    // publisher's own connection is away too, as one a publisher on another
    // node of a cluster would send: the gateway misses it for sure. With the
    // gateway back and the publisher not yet, no number is counted.
    pump = (async () => {
      while (pumping) {
        if (publisher.bus.status === 'connected') publisher.toGroup('feed', { n: ++last });
        else if (sys.gateway.bus.status !== 'connected') last++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
  });
  after(async () => {
    pumping = false;
    await pump;
    await sys.close();
    await publisher.bus.drain().catch(() => undefined);
    await nats.close();
  });

  it('tells every member that may have missed a number, and rejoins the client library, a durable stream from its position', async (t) => {
    const raw: TestClient[] = [];
    const snapshots = new Map<TestClient, number>();
    for (let i = 0; i < 3; i++) {
      const c = await sys.client();
      const joined = await c.join('feed');
      snapshots.set(c, (joined.payload as { last: number }).last);
      raw.push(c);
    }
    const lib: MuxClient = connect(sys.url, { WebSocket: WS });
    const store = lib.stream('store:x');
    const stored: unknown[] = [];
    const storeJoins: { rejoin: boolean; recovered: boolean | undefined }[] = [];
    store.on('message', (m) => stored.push(m));
    store.on('joined', (j) => storeJoins.push({ rejoin: j.rejoin, recovered: j.recovered }));
    store.on('error', () => undefined);
    await store.join();
    await publisher.toGroupStored('store.x', { before: 'restart' });
    await until(() => stored.length === 1, 5000, 'the stored message before the restart');

    const feed = lib.stream('feed');
    const lives: { snapshot: number; numbers: number[]; rejoin: boolean }[] = [];
    const errors: string[] = [];
    let libLeft = false;
    feed.on('joined', (j) =>
      lives.push({ snapshot: (j.payload as { last: number }).last, numbers: [], rejoin: j.rejoin }),
    );
    feed.on('message', (m) => lives.at(-1)!.numbers.push((m as { n: number }).n));
    feed.on('error', (e) => errors.push(e.code));
    feed.on('left', () => (libLeft = true));
    await feed.join();

    try {
      await new Promise((r) => setTimeout(r, 300));
      await nats.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await nats.restart();
      const restarted = last;

      const leftOf = (c: TestClient) =>
        c.frames.find((f) => f.type === 'left' && f.stream === 'feed');
      const goesOn = (c: TestClient) =>
        c.frames.some(
          (f) =>
            f.type === 'msg' &&
            f.stream === 'feed' &&
            (f.payload as { n: number }).n > restarted + 20,
        );
      // Each member is told, or gets numbers well after the restart: then it must have them all.
      await until(
        () => raw.every((c) => leftOf(c) || goesOn(c)),
        15_000,
        'every member told or served',
      );
      let told = 0;
      let silentGaps = 0;
      let toldGaps = 0;
      for (const c of raw) {
        const left = leftOf(c);
        const upTo = left ? c.frames.indexOf(left) : c.frames.length;
        const numbers = c.frames
          .slice(0, upTo)
          .filter((f) => f.type === 'msg' && f.stream === 'feed')
          .map((f) => (f.payload as { n: number }).n);
        const gaps = gapsAfter(snapshots.get(c)!, numbers);
        if (left) {
          told++;
          assert.equal(left.code, ErrorCode.Unavailable);
          assert.match(String(left.reason), /reconnected to NATS/);
          // What it missed before its `left`, had it been left to go on.
          toldGaps += gaps.length;
        } else silentGaps += gaps.length;
      }
      t.diagnostic(
        `${last} numbers counted; ${told} of ${raw.length} raw members told ` +
          `(${toldGaps} gaps before their left), ${silentGaps} silent gaps`,
      );
      assert.equal(silentGaps, 0, 'no member missed a number without being told');
      assert.equal(told, raw.length, 'the gateway ends every plain member on a reconnect');

      await until(() => lives.length >= 2, 15_000, 'the client library rejoined');
      const sinceRejoin = last;
      await until(
        () => lives[1]!.numbers.includes(sinceRejoin + 20),
        15_000,
        'numbers after the rejoin',
      );
      const [before, rejoined] = lives;
      const libGaps = gapsAfter(rejoined!.snapshot, rejoined!.numbers);
      t.diagnostic(
        `library: ${before!.numbers.length} numbers, then rejoined at ${rejoined!.snapshot}, ` +
          `${rejoined!.numbers.length} numbers after it, ${libGaps.length} gaps`,
      );

      assert.equal(rejoined!.rejoin, true);
      assert.deepEqual(libGaps, [], 'after its rejoin the library member has every number');
      // Told, as for a refused rejoin (the rejoin itself may be refused while the service's bus comes back).
      assert.ok(
        errors.length >= 1 && errors.every((c) => c === ErrorCode.Unavailable),
        `${errors}`,
      );
      assert.equal(libLeft, false, 'a stream the gateway ended for a passing reason is not left');
      assert.equal(feed.state, 'joined');

      // The durable stream was ended too, and rejoined from its position.
      await until(() => storeJoins.length >= 2, 15_000, 'the durable stream rejoined');
      assert.deepEqual(storeJoins[1], { rejoin: true, recovered: true });
      await publisher.toGroupStored('store.x', { after: 'restart' });
      await until(() => stored.length === 2, 10_000, 'the stored message after the restart');
      assert.deepEqual(stored, [{ before: 'restart' }, { after: 'restart' }], 'none twice');

      assert.equal(
        await gatewayMetric(sys.gateway, 'muxgate_bus_gap_streams_total', { phase: 'joined' }),
        raw.length + 2,
        'three raw members and the library two',
      );
      // A raw member that joins again gets every number after its new snapshot.
      const again = raw[1]!;
      // Its old stream ended: every `feed` frame from here on is the new one's.
      const from = again.frames.length;
      const snapshot = ((await again.join('feed')).payload as { last: number }).last;
      await until(
        () =>
          again.frames
            .slice(from)
            .some((f) => f.type === 'msg' && (f.payload as { n: number }).n >= snapshot + 20),
        10_000,
        'numbers after the new join',
      );
      const numbers = again.frames
        .slice(from)
        .filter((f) => f.type === 'msg' && f.stream === 'feed')
        .map((f) => (f.payload as { n: number }).n);
      assert.deepEqual(gapsAfter(snapshot, numbers), []);
    } finally {
      lib.close();
    }
  });
});
