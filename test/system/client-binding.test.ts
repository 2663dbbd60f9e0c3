// The client library's binding view (client/binding.ts) on a real
// nats-server: a writer outside muxgate changes the bucket while the view's
// socket is cut off through a TCP proxy; after the reconnect the view equals
// the bucket, and what crossed the wire is counted frame by frame. Also a
// group of many pages, and a resume past what the service sends as changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect as natsConnect, type NatsConnection } from '@nats-io/transport-node';
import WebSocket from 'ws';
import {
  bindView,
  connect,
  type BindingView,
  type MuxClient,
  type WebSocketConstructor,
  type WebSocketLike,
} from '../../client/index.ts';
import type { Bus } from '../../bus/bus.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import {
  byPrefix,
  createBinding,
  type Binding,
  type BindingDeclaration,
} from '../../services/sdk/index.ts';
import { JetStreamKvStore } from '../../services/sdk/storage/kv-jetstream.ts';
import { TcpProxy } from '../helpers/proxy.ts';
import { serviceEnv, TestSystem } from '../helpers/system.ts';
import { collect, until } from '../helpers/wait.ts';

/** Every frame the client sent and received, parsed, in order. */
interface Wire {
  frames: { dir: 'in' | 'out'; bytes: number; frame: Record<string, unknown> }[];
}

/** A `ws` WebSocket that logs each text frame both ways. */
function wiretap(wire: Wire): WebSocketConstructor {
  const log = (dir: 'in' | 'out', data: unknown): void => {
    if (typeof data === 'string')
      wire.frames.push({ dir, bytes: Buffer.byteLength(data), frame: JSON.parse(data) });
  };
  return class implements WebSocketLike {
    readonly #ws: WebSocket;
    constructor(url: string, protocols?: string | string[], opts?: object) {
      this.#ws = new WebSocket(url, protocols, opts);
    }
    get readyState() {
      return this.#ws.readyState;
    }
    get protocol() {
      return this.#ws.protocol;
    }
    get binaryType() {
      return this.#ws.binaryType;
    }
    set binaryType(t: string) {
      this.#ws.binaryType = t as 'arraybuffer';
    }
    send(data: string | Uint8Array) {
      log('out', data);
      this.#ws.send(data);
    }
    close(code?: number, reason?: string) {
      this.#ws.close(code, reason);
    }
    set onopen(h: ((ev: unknown) => void) | null) {
      this.#ws.onopen = h;
    }
    set onclose(h: ((ev: { code: number; reason: string }) => void) | null) {
      this.#ws.onclose = h;
    }
    set onerror(h: ((ev: unknown) => void) | null) {
      this.#ws.onerror = h;
    }
    set onmessage(h: ((ev: { data: unknown }) => void) | null) {
      this.#ws.onmessage = h && ((ev) => (log('in', ev.data), h(ev)));
    }
    get onopen() {
      return null;
    }
    get onclose() {
      return null;
    }
    get onerror() {
      return null;
    }
    get onmessage() {
      return null;
    }
  };
}

const PAGE_BYTES = 1024;

function declarations(prefix: string): BindingDeclaration[] {
  return [
    // Pages of 1 KiB: a few hundred keys make many.
    {
      name: 'inv',
      bucket: `${prefix}_inv`,
      groups: byPrefix(1),
      limits: { maxPageBytes: PAGE_BYTES },
    },
    // One change kept per key, and at most 5 changes in a resume.
    {
      name: 'tiny',
      bucket: `${prefix}_tiny`,
      history: 1,
      groups: byPrefix(1),
      limits: { maxSyncChanges: 5 },
    },
  ];
}

describe('client library binding view', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let proxy: TcpProxy;
  let bindings: Binding[];
  let writerConn: NatsConnection;
  let inv: JetStreamKvStore;
  let tiny: JetStreamKvStore;
  const clients: MuxClient[] = [];
  const buses: Bus[] = [];

  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    const source = { nats: nats.url };
    sys = await TestSystem.start({ bus: source, env: { MUX_ROUTES: 'inv,tiny' } });
    bindings = [];
    for (const decl of declarations(sys.prefix)) {
      const env = await serviceEnv(source, decl.name, sys.prefix);
      buses.push(env.bus);
      const b = await createBinding(env, decl);
      await sys.addService(b.definition);
      bindings.push(b);
    }
    await until(() => bindings.every((b) => b.relay.active), 10_000, 'relays');
    proxy = await TcpProxy.start(sys.gateway.port);
    writerConn = await natsConnect({ servers: nats.url, name: 'outside writer' });
    inv = await JetStreamKvStore.open(writerConn, { bucket: `${sys.prefix}_inv` });
    tiny = await JetStreamKvStore.open(writerConn, { bucket: `${sys.prefix}_tiny`, history: 1 });
  });
  after(async () => {
    for (const c of clients) c.close();
    await proxy.close().catch(() => undefined);
    await sys.close();
    for (const b of bindings) await b.close();
    // The bindings' own bus connections, or the file's process never ends.
    for (const bus of buses) await bus.drain().catch(() => undefined);
    await writerConn.close();
    await nats.close();
  });

  function client(wire: Wire): MuxClient {
    const c = connect(`ws://127.0.0.1:${proxy.port}/ws`, {
      WebSocket: wiretap(wire),
      backoff: { steps: [100] },
    });
    clients.push(c);
    return c;
  }

  /** The bucket's keys of `group`, named as the view names them, with value and revision. */
  async function bucket(store: JetStreamKvStore, group: string) {
    const snap = await store.list(group);
    return new Map(snap.entries.map((e) => [e.key.slice(group.length + 1), [e.value, e.revision]]));
  }
  const held = (view: BindingView) =>
    new Map([...view.items].map(([k, e]) => [k, [e.value, e.revision]]));

  /** Frames of `stream` from index `from` on. */
  const framesOf = (wire: Wire, stream: string, from = 0) =>
    wire.frames.slice(from).filter((f) => f.frame.stream === stream);

  it('resumes after a 5 s cut with only the missed changes on the wire, and equals the bucket', async (t) => {
    for (let i = 0; i < 20; i++) await inv.update(`r.k${i}`, i);
    const wire: Wire = { frames: [] };
    const c = client(wire);
    const view = bindView(c.stream('inv:r'));
    const recovered = collect<{ count: number }>();
    view.on('recovered', recovered.push);
    await view.join();
    assert.deepEqual(held(view), await bucket(inv, 'r'));
    const loadBytes = framesOf(wire, 'inv:r')
      .filter((f) => f.dir === 'in')
      .reduce((n, f) => n + f.bytes, 0);
    const at = view.revision!;

    await proxy.cut();
    const mark = wire.frames.length;
    const missed: number[] = [];
    for (let i = 0; i < 10; i++) {
      missed.push(await inv.update(`r.k${i % 4}`, 1000 + i));
      if (i === 5) missed.push(await inv.delete('r.k19'));
      await inv.update(`other.k${i}`, i); // another group: never this view's
      await sleep(500);
    }
    await proxy.restore();
    const [done] = await recovered.wait(1, 15_000);

    assert.equal(view.recovered, true);
    assert.equal(done!.count, missed.length);
    assert.deepEqual(held(view), await bucket(inv, 'r'));
    const after = framesOf(wire, 'inv:r', mark);
    assert.deepEqual(
      after.filter((f) => f.dir === 'out').map((f) => [f.frame.type, f.frame.payload]),
      [['join', { since: String(at) }]],
      'the rejoin asks for what came after the view, and nothing more',
    );
    const joined = after.filter((f) => f.dir === 'in');
    assert.equal(joined.length, 1);
    const payload = joined[0]!.frame.payload as { changes: { revision: number }[] };
    assert.deepEqual(
      payload.changes.map((ch) => ch.revision),
      missed,
      'exactly the missed changes of this group',
    );
    assert.ok(!('entries' in payload), 'no snapshot');
    t.diagnostic(
      `load ${loadBytes} B; resume after ${missed.length} missed changes ${joined[0]!.bytes} B`,
    );

    const live = await inv.update('r.k1', 7);
    await until(() => view.items.get('k1')?.revision === live, 10_000, 'a live change after');
  });

  it('loads a group of many pages, and writes made meanwhile', async (t) => {
    for (let i = 0; i < 300; i++) await inv.update(`p.k${String(i).padStart(3, '0')}`, i);
    const wire: Wire = { frames: [] };
    const c = client(wire);
    const stream = c.stream('inv:p');
    const view = bindView(stream);
    const writes: Promise<number>[] = [];
    stream.once('joined', () => {
      writes.push(inv.update('p.k000', -1), inv.delete('p.k299'), inv.create('p.new', 1));
    });
    await view.join();
    const last = Math.max(...(await Promise.all(writes)));
    await until(() => (view.revision ?? 0) >= last, 10_000, 'the writes');
    assert.deepEqual(held(view), await bucket(inv, 'p'));
    assert.equal(view.items.size, 300);
    const pages = framesOf(wire, 'inv:p').filter(
      (f) => f.dir === 'out' && (f.frame.payload as { action?: string })?.action === 'page',
    );
    const largest = Math.max(...framesOf(wire, 'inv:p').map((f) => f.bytes));
    assert.ok(pages.length >= 5, `${pages.length} pages`);
    assert.ok(largest <= PAGE_BYTES + 256, `frames of at most a page: ${largest} B`);
    t.diagnostic(`300 keys in ${pages.length + 1} pages, largest frame ${largest} B`);
  });

  it('on a bucket keeping one change per key, resumes with the last change of each', async () => {
    for (const k of ['a', 'b', 'c']) await tiny.update(`h.${k}`, 0);
    const wire: Wire = { frames: [] };
    const view = bindView(client(wire).stream('tiny:h'));
    const recovered = collect<{ count: number }>();
    view.on('recovered', recovered.push);
    await view.join();
    await proxy.cut();
    for (let i = 1; i <= 4; i++) for (const k of ['a', 'b', 'c']) await tiny.update(`h.${k}`, i);
    await proxy.restore();
    const [done] = await recovered.wait(1, 15_000);
    // 12 changes were made; the bucket kept 3, and those are all a view needs.
    assert.equal(done!.count, 3);
    assert.equal(view.recovered, true);
    assert.deepEqual(held(view), await bucket(tiny, 'h'));
  });

  it('replaces the view when more was missed than a resume sends', async () => {
    for (const k of ['gone', 'kept']) await tiny.update(`z.${k}`, 0);
    const wire: Wire = { frames: [] };
    const view = bindView(client(wire).stream('tiny:z'));
    const resets = collect<{ size: number; reload: boolean }>();
    view.on('reset', resets.push);
    await view.join();
    await proxy.cut();
    await tiny.delete('z.gone');
    for (let i = 0; i < 8; i++) await tiny.update(`z.n${i}`, i);
    await proxy.restore();
    const [, reload] = await resets.wait(2, 15_000);
    assert.deepEqual(reload, { size: 9, reload: true });
    assert.equal(view.recovered, false);
    assert.equal(view.items.has('gone'), false);
    assert.deepEqual(held(view), await bucket(tiny, 'z'));
  });
});
