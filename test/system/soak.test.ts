// The soak, short (the bench's `soak` section holds 10,000 connections for
// 10 minutes): a few hundred connections churn through a gateway on a real
// nats-server, joining echo and chat rooms, sending msgs, leaving streams,
// closing or dropping their sockets. Afterwards nothing may be left behind:
// the gauges read 0, each service has had a Leave for every stream it
// accepted, every join, msg and leave was answered, no connection's objects
// are still reachable, and the heap after a full GC comes back to where it
// was before the churn. The clients run in a process of their own (the
// bench's soak worker), so this process's heap holds the gateway and the
// services only.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getHeapSnapshot, getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChurnArgs, ChurnResult, ChurnStatus } from '../../bench/lib/churn-types.ts';
import { LOCAL_ADDRESSES } from '../../bench/lib/clients.ts';
import { counted, StreamLedger } from '../../bench/lib/ledger.ts';
import { Worker } from '../../bench/lib/rpc.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { chatService } from '../../services/chat/index.ts';
import { echoService } from '../../services/echo/index.ts';
import { gatewayMetric } from '../helpers/metrics.ts';
import { TestSystem } from '../helpers/system.ts';

const CONNECTIONS = 300;
/** Share of the connections replaced each second. */
const CHURN = 0.4;
/** Connections replaced in the warm-up round, and in the measured one. */
const WARMUP_REPLACED = 100;
const REPLACED = 600;
/** What one connection is made of on the gateway: none may outlive the churn. */
const PER_CONNECTION = ['Session', 'WsTransport', 'WebSocket', 'ServiceRequests', 'HoldQueue'];
/**
 * How much the heap after a full GC may keep of the measured round: 4 MiB,
 * or 4.5 KiB for each of its 900 connections. What the first msgs allocate
 * once (the warm-up sends none) comes to about 1.3 MiB; a connection whose
 * objects stay reachable keeps about 8 KiB (and fails the count below).
 */
const HEAP_SLACK_BYTES = 4 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The heap's data after a full GC: every space but compiled code, which the JIT grows as it pleases. */
async function heapAfterGc(): Promise<number> {
  // Several passes, with turns of the event loop between them: closed
  // sockets and finished handlers let go of their objects over a few ticks.
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(20);
  }
  return getHeapSpaceStatistics()
    .filter((s) => !s.space_name.startsWith('code_'))
    .reduce((a, s) => a + s.space_used_size, 0);
}

/** Reachable objects of each named class, counted in a heap snapshot (taken after a full GC). */
async function reachable(names: string[]): Promise<Record<string, number>> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  const object = snap.snapshot.meta.node_types[0].indexOf('object');
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (snap.nodes[i + type] !== object) continue;
    const n = snap.strings[snap.nodes[i + name]!]!;
    if (n in out) out[n]!++;
  }
  return out;
}

async function eventually(
  what: string,
  cond: () => Promise<boolean> | boolean,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('soak, short: connections churning on a real nats-server', () => {
  let nats: NatsServer;
  let sys: TestSystem;
  let clients: Worker;
  let logDir: string;
  const ledgers = { echo: new StreamLedger(), chat: new StreamLedger() };

  before(async () => {
    nats = await NatsServer.start({ jetstream: true });
    sys = await TestSystem.start({
      bus: { nats: nats.url },
      services: [counted(echoService, ledgers.echo), counted(chatService(), ledgers.chat)],
      env: { MUX_ROUTES: 'echo,chat' },
    });
    logDir = await mkdtemp(join(tmpdir(), 'muxgate-soak-'));
    clients = Worker.fork('soak-clients', 'workers/soak-client.ts', { logDir });
  });

  after(async () => {
    await clients?.stop();
    await sys?.close();
    await nats?.close();
    if (logDir) await rm(logDir, { recursive: true, force: true });
  });

  const metric = async (name: string, labels?: Record<string, string>) =>
    (await gatewayMetric(sys.gateway, name, labels)) ?? NaN;
  /**
   * Opens CONNECTIONS, churns until `replaced` more opened, closes them all,
   * waits until the gateway and services settle. With `msgs` false the
   * connections only join, leave and close.
   */
  async function round(replaced: number, msgs = true): Promise<ChurnResult> {
    await clients.call('start', {
      url: sys.url,
      localAddresses: LOCAL_ADDRESSES,
      connections: CONNECTIONS,
      churnPerSec: CHURN,
      rooms: 3,
      rampPerSec: 300,
      concurrency: 64,
      echoEveryMs: 2000,
      msgs,
    } satisfies ChurnArgs);
    const status = () => clients.call<ChurnStatus>('status');
    await eventually('every connection set up', async () => (await status()).live === CONNECTIONS);
    await clients.call('churn');
    await eventually(
      `${replaced} connections replaced`,
      async () => (await status()).counts.opened >= CONNECTIONS + replaced,
      120_000,
    );
    const result = await clients.call<ChurnResult>('stop');
    await eventually(
      'the gauges back to 0',
      async () =>
        (await metric('muxgate_connections')) === 0 && (await metric('muxgate_streams')) === 0,
    );
    await eventually('every Leave at its service', () =>
      Object.values(ledgers).every((l) => l.counts().open === 0),
    );
    return result;
  }

  it('leaves nothing behind: gauges at 0, a Leave for every accepted stream, every frame answered, no connection kept', async () => {
    // The warm-up sends no msg: a msg's "no responders" watch on the bus
    // keeps its stream's session for up to two 5 s sweeps after the socket
    // closed (bus/nats.ts), and the heap is measured right after this round.
    await round(WARMUP_REPLACED, false);
    const heapBefore = await heapAfterGc();
    // What exists before this round (Node 22+ has a WebSocket of its own, for
    // one): the round must leave the counts where they were.
    const before = await reachable(PER_CONNECTION);
    const acceptedBefore = ledgers.echo.accepted + ledgers.chat.accepted;

    const { counts: c } = await round(REPLACED);
    // The round churned: sockets closed both ways, joins cut off, streams left.
    assert.ok(c.opened >= CONNECTIONS + REPLACED);
    assert.ok(
      c.closed > 0 && c.destroyed > 0 && c.abortedInJoin > 0 && c.lefts > 0,
      JSON.stringify(c),
    );
    // Every join, msg and leave was answered before its connection ended,
    // and the gateway dropped nobody.
    assert.equal(c.openFailed, 0, c.firstError);
    assert.equal(c.serverClosed, 0, JSON.stringify(c.serverCloseCodes));
    assert.equal(c.unanswered, 0);
    assert.equal(c.unaskedLefts, 0);
    assert.equal(c.lefts, c.leaves);
    assert.equal(c.replies + c.msgErrors, c.msgs);
    // A msg still in flight when its stream is left is answered not_joined (PROTOCOL.md §4.2).
    assert.deepEqual(
      Object.keys(c.errorCodes).filter((code) => code !== 'not_joined'),
      [],
      JSON.stringify(c.errorCodes),
    );

    // Every stream a service accepted had its Leave, once; and each is one the
    // gateway took as accepted (none was accepted after the gateway gave up on it).
    for (const [name, l] of Object.entries(ledgers)) {
      const counts = l.counts();
      assert.equal(counts.open, 0, `${name}: accepted streams without a Leave`);
      assert.equal(counts.unmatched, 0, `${name}: Leaves without an accepted join`);
      assert.equal(counts.leaves, counts.accepted, name);
    }
    const accepted = ledgers.echo.accepted + ledgers.chat.accepted;
    assert.ok(accepted - acceptedBefore > REPLACED);
    assert.equal(
      await metric('muxgate_join_duration_seconds_count', { result: 'accept' }),
      accepted,
    );
    for (const gauge of ['muxgate_group_members', 'muxgate_group_subscriptions'])
      assert.equal(await metric(gauge), 0, gauge);

    // This round's sessions are let go once their msgs' watches are swept.
    let grown = NaN;
    await eventually('the heap back to where it was', async () => {
      grown = (await heapAfterGc()) - heapBefore;
      return grown <= HEAP_SLACK_BYTES;
    }).catch(() =>
      assert.fail(`the heap kept ${Math.round(grown / 1024)} KiB of ${c.opened} connections`),
    );
    let left: Record<string, number> = {};
    await eventually('every connection released', async () => {
      const now = await reachable(PER_CONNECTION);
      left = Object.fromEntries(PER_CONNECTION.map((n) => [n, now[n]! - before[n]!]));
      return Object.values(left).every((n) => n <= 0);
    }).catch(() => assert.fail(`still reachable: ${JSON.stringify(left)}`));
  });
});
