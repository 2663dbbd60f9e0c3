// A bound group of 100,000 keys on a real nats-server (issue 16 item 3): the
// snapshot comes in pages, each frame under the gateway's frame limit, and
// the pages together hold every key once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Bus } from '../../bus/bus.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { byPrefix, createBinding, type Binding } from '../../services/sdk/index.ts';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import { serviceEnv, TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const KEYS = 100_000;
/** The gateway's default MUX_MAX_FRAME_BYTES, which the welcome frame announces. */
const FRAME_LIMIT = 65_536;

describe('binding: a 100,000-key group', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let bus: Bus;
  let binding: Binding;
  let conn: NatsConnection;

  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    const source = { nats: nats.url };
    sys = await TestSystem.start({
      bus: source,
      // The gateway's default join timeout (MUX_JOIN_TIMEOUT_MS, 5 s): a join
      // reads the group's key list and one page of values, not every value.
      env: { MUX_ROUTES: 'big' },
    });
    const env = await serviceEnv(source, 'big', sys.prefix);
    bus = env.bus;
    binding = await createBinding(env, {
      name: 'big',
      bucket: `${sys.prefix}_big`,
      groups: byPrefix(1),
      history: 1,
    });
    await sys.addService(binding.definition);
    conn = await connect({ servers: nats.url, name: 'loader' });
    const writer = await JetStreamKvStore.open(conn, { bucket: `${sys.prefix}_big`, history: 1 });
    for (let i = 0; i < KEYS; i += 1000)
      await Promise.all(
        Array.from({ length: 1000 }, (_, j) =>
          writer.update(`all.item-${String(i + j).padStart(6, '0')}`, { n: i + j }),
        ),
      );
    await until(() => binding.relay.active, 10_000, 'the relay');
    // The relay has read the loading's 100,000 changes: the join is measured
    // alone, not beside the relay's catching up.
    const last = await writer.lastRevision();
    await until(() => binding.relay.position >= last, 60_000, 'the relay to catch up');
  });
  after(async () => {
    await sys.close();
    await binding.close();
    await bus.drain().catch(() => undefined);
    await conn.close();
    await nats.close();
  });

  it('pages the snapshot, every frame under the frame limit, every key once', async (t) => {
    const c = await sys.client();
    assert.equal(c.welcome?.limits.max_frame_bytes, FRAME_LIMIT);
    const started = performance.now();
    c.send({ type: 'join', stream: 'big:all', ref: 'join' });
    const joined = await c.next((x) => x.ref === 'join', 60_000);
    assert.equal(joined.type, 'joined', JSON.stringify(joined).slice(0, 200));
    const readMs = Math.round(performance.now() - started);
    const size = (f: object) => Buffer.byteLength(JSON.stringify(f));
    assert.ok(size(joined) < FRAME_LIMIT, `joined is ${size(joined)} bytes`);
    type PagePayload = { entries: { key: string }[]; next?: string; revision: number };
    let p = joined.payload as PagePayload;
    const keys = p.entries.map((e) => e.key);
    let frames = 1;
    for (let n = 0; p.next !== undefined; n++) {
      const ref = `page-${n}`;
      c.send({ type: 'msg', stream: 'big:all', ref, payload: { action: 'page', after: p.next } });
      // Any answer to the ref: an error (a gateway `timeout`) fails here, by name.
      const f = await c.next((x) => x.ref === ref, 30_000);
      assert.equal(f.type, 'reply', `page ${n}: ${JSON.stringify(f).slice(0, 200)}`);
      assert.ok(size(f) < FRAME_LIMIT, `page ${n} is ${size(f)} bytes`);
      p = f.payload as PagePayload;
      keys.push(...p.entries.map((e) => e.key));
      frames++;
    }
    const allMs = Math.round(performance.now() - started);
    assert.ok(frames > 1, 'several frames');
    assert.equal(keys.length, KEYS);
    assert.equal(new Set(keys).size, KEYS, 'no key twice');
    assert.deepEqual(keys, keys.toSorted(), 'in key order');
    t.diagnostic(
      `binding: 100,000 keys in ${frames} frames; the join took ${readMs} ms, all pages ${allMs} ms`,
    );
  });
});
