// Issue 11 on a real 3-node NATS cluster, every muxgate part its own process
// (three gateways, two replicas each of chat, dashboard and echo, spread over
// the nodes), everything stored in 3 copies:
//
//  (a) the node leading the chat stream (and, moved there, the dashboard's
//      bucket) is killed, restarted, then frozen (SIGSTOP) and thawed, under
//      chat and dashboard traffic: every chat message acked to its sender is
//      stored and reached every member, every acked dashboard write is in
//      the bucket, and nothing was stored after its deadline. Join failures
//      are counted and reported, not asserted (joins during an outage are
//      issue 11 item 4).
//  (b) the node a gateway is attached to is frozen: the gateway notices
//      within its NATS pings and moves to a live node; its clients' echo
//      works again (a gateway that has no other node closes its clients with
//      1012: bus-liveness.test.ts).
//  (c) a service replica is frozen: nats-server's own pings (ping_interval,
//      ping_max) close its connection and its queue subscriptions, so echo
//      is answered by the live replica; thawed, it rejoins and takes work.
//
// Each phase prints what it cost (`# …` lines): docs/operations.md quotes them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsCluster } from '../../harness/nats-cluster.ts';
import { SERVER_PING } from '../../harness/nats-server.ts';
import { FaultCluster, writerToken } from '../helpers/fault-cluster.ts';
import {
  failureSpan,
  LoadClient,
  longestGapMs,
  Pacer,
  tally,
  type Outcome,
} from '../helpers/fault-load.ts';
import { until } from '../helpers/wait.ts';

/** The gateway's defaults: the figures are those of a default deployment. */
const MSG_TIMEOUT_MS = 8000;
const DEADLINE_SKEW_MS = 1000;
/** The NATS clients' liveness defaults (NATS_PING_INTERVAL_MS × (NATS_MAX_PINGS_OUT + 1)). */
const CLIENT_PING_BOUND_MS = 2000 * 3;
/** nats-server's, from its ping_interval and ping_max, plus one interval for the timer's phase. */
const SERVER_PING_BOUND_MS = SERVER_PING.intervalMs * (SERVER_PING.max + 2);
/** What a loaded 2-core machine may add to any bound. */
const SLACK_MS = 6000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The suite's timeout only stops a hang. The suite runs about 2 minutes
// here; 300 s left a slow CI machine less than 3 times that for the start,
// the cases and the teardown together, so 15 minutes.
describe('muxgate on a 3-node NATS cluster, under faults', { timeout: 900_000 }, () => {
  let cluster: NatsCluster;
  let sys: FaultCluster;
  before(async () => {
    cluster = await NatsCluster.start({ size: 3 });
    sys = new FaultCluster(cluster);
    // One of each first: they create the stream and buckets (in 3 copies).
    await Promise.all([
      sys.service('chat', 0),
      sys.service('dashboard', 1),
      sys.service('echo', 2),
    ]);
    await Promise.all([
      sys.service('chat', 1),
      sys.service('dashboard', 2),
      sys.service('echo', 0),
      sys.gateway(0),
      sys.gateway(1),
      sys.gateway(2),
    ]);
  });
  after(async () => {
    for (const n of cluster?.nodes ?? []) n.thaw();
    await sys?.close();
    await cluster?.close();
  });

  /** Echo clients on `urls`, one request every `everyMs` each. */
  async function echoLoad(urls: string[][], everyMs: number) {
    const clients = urls.map((u) => new LoadClient({ urls: u, stream: 'echo' }));
    await Promise.all(clients.map((c) => c.start()));
    const pacer = new Pacer(clients, everyMs, (i, n) => ({ id: `e${i}-${n}`, payload: n }));
    pacer.start();
    return { clients, pacer, outcomes: () => clients.flatMap((c) => c.outcomes) };
  }

  async function settle(clients: LoadClient[]): Promise<void> {
    await until(() => clients.every((c) => c.inFlight === 0), MSG_TIMEOUT_MS + SLACK_MS);
  }

  it('(a) the stream leaders’ node killed, then frozen: nothing acked is lost, nothing stored late', async (t) => {
    const chatReceived = new Map<number, Set<string>>();
    const chat = [0, 1, 2].map(
      (i) =>
        new LoadClient({
          urls: sys.urlsFrom(i),
          stream: 'chat:faults',
          onMsg: (p) => {
            if (p.type === 'message') chatReceived.get(i)!.add(String(p.text));
          },
          // A rejoin the gateway could not replay hands over the room's last 50 instead.
          onReload: (p) => {
            for (const m of (p.history ?? []) as Array<{ text?: unknown }>)
              chatReceived.get(i)!.add(String(m.text));
          },
        }),
    );
    chat.forEach((_, i) => chatReceived.set(i, new Set()));
    const boards = await Promise.all(
      [0, 1, 2].map(
        async (i) =>
          new LoadClient({
            urls: sys.urlsFrom(i),
            stream: 'dashboard:faults',
            headers: { authorization: `Bearer ${await writerToken(`w${i}`)}` },
          }),
      ),
    );
    // Users who come and go during the faults (a chat and a board each, every second): their joins are counted.
    const joiners: LoadClient[] = [];
    await Promise.all([...chat, ...boards].map((c) => c.start()));
    const chatPacer = new Pacer(chat, 250, (i, n) => ({
      id: `c${i}-${n}`,
      payload: { text: `c${i}-${n}` },
    }));
    const boardPacer = new Pacer(boards, 250, (i, n) => ({
      id: `w-${i}-${n}`,
      payload: { action: 'create', key: `w-${i}-${n}`, value: { n } },
    }));
    const loadFrom = Date.now();
    chatPacer.start();
    boardPacer.start();
    let churn = true;
    const churning = (async () => {
      for (let n = 0; churn; n++) {
        const stream = n % 2 ? 'chat:faults' : 'dashboard:faults';
        const j = new LoadClient({ urls: sys.urlsFrom(n % 3), stream, retryJoins: false });
        joiners.push(j);
        void j.start().catch(() => undefined);
        // Each stays long enough for its join to be answered (MUX_JOIN_TIMEOUT_MS, 5 s).
        const old = joiners[joiners.length - 8];
        if (old) void old.stop();
        await sleep(1000);
      }
    })();

    const all = () => ({
      chat: chat.flatMap((c) => c.outcomes),
      board: boards.flatMap((c) => c.outcomes),
    });
    const report = (what: string, from: number, to: number) => {
      const { chat: c, board: b } = all();
      const within = (o: Outcome) => o.sentAt >= from && o.sentAt < to;
      const joins = joiners.flatMap((j) => j.joins).filter((x) => x.at >= from && x.at < to);
      const failedJoins = tally(
        joins.filter((x) => !x.ok).map((x) => ({ id: '', sentAt: 0, result: x.code })),
      );
      t.diagnostic(
        `${what}: chat ${JSON.stringify(tally(c.filter(within)))}, failed ${failureSpan(c, from, to)}, longest gap ${longestGapMs(chat, from, to)} ms; ` +
          `dashboard ${JSON.stringify(tally(b.filter(within)))}, failed ${failureSpan(b, from, to)}, longest gap ${longestGapMs(boards, from, to)} ms; ` +
          `joins ${joins.filter((x) => x.ok).length} ok, failed ${JSON.stringify(failedJoins)}; ` +
          `streams the gateways ended for a bus gap (rejoined): ${[...chat, ...boards].flatMap((l) => l.lefts).filter((at) => at >= from && at < to).length}`,
      );
    };

    await sleep(3000);
    const leader = await sys.leaderOf(sys.chatStream);
    assert.ok(leader >= 0, 'the chat stream has a leader');
    const together = await sys.moveLeader(sys.boardStream, leader);
    t.diagnostic(
      `chat stream leader n${leader}; dashboard bucket leader ${together ? 'moved there' : `n${await sys.leaderOf(sys.boardStream)}`}`,
    );

    const killedAt = Date.now();
    await cluster.kill(leader);
    await sleep(15_000);
    await cluster.restart(leader);
    const restartedAt = Date.now();
    await sleep(3000);

    const frozenNode = await sys.leaderOf(sys.chatStream);
    await sys.moveLeader(sys.boardStream, frozenNode);
    const frozenAt = Date.now();
    cluster.freeze(frozenNode);
    await sleep(15_000);
    cluster.thaw(frozenNode);
    const thawedAt = Date.now();
    await cluster.ready(60_000);
    await sleep(3000);

    chatPacer.stop();
    boardPacer.stop();
    churn = false;
    await churning;
    await settle([...chat, ...boards]);
    // Includes the leader moves, which cost the dashboard a few writes.
    report('before the faults', loadFrom, killedAt);
    report(
      `node n${leader} killed, restarted after ${restartedAt - killedAt} ms`,
      killedAt,
      frozenAt,
    );
    report(
      `node n${frozenNode} frozen, thawed after ${thawedAt - frozenAt} ms`,
      frozenAt,
      thawedAt,
    );
    report('after the thaw', thawedAt, Infinity);

    // Nothing acked is lost: chat.
    const { chat: chatOut, board: boardOut } = all();
    const acked = chatOut.filter((o) => o.result === 'ack');
    assert.ok(acked.length > 100, `chat worked: ${JSON.stringify(tally(chatOut))}`);
    const stored = await sys.stored(sys.chatStream, `${sys.prefix}.group.chat.faults`);
    const storedAt = new Map(stored.map((s) => [String(s.payload.text), s.at]));
    const lost = acked.filter((o) => !storedAt.has(o.id)).map((o) => o.id);
    assert.deepEqual(lost, [], 'every acked chat message is in the room’s history');
    await until(
      () => chat.every((_, i) => acked.every((o) => chatReceived.get(i)!.has(o.id))),
      20_000,
      'every member to have every acked message',
    ).catch(() => {
      const missing = chat.map(
        (_, i) => acked.filter((o) => !chatReceived.get(i)!.has(o.id)).length,
      );
      const detail = chat.map((c, i) => ({
        missing: acked
          .filter((o) => !chatReceived.get(i)!.has(o.id))
          .map((o) => `${o.id}@+${o.sentAt - loadFrom}`),
        joins: c.joins.map((j) => `+${j.at - loadFrom}:${j.ok ? `ok/${j.recovered}` : j.code}`),
        lefts: c.lefts.map((at) => `+${at - loadFrom}`),
        closes: c.closes.map((x) => `+${x.at - loadFrom}:${x.code}`),
      }));
      assert.fail(
        `acked messages a member never received: ${missing.join(', ')}; phases killed +${killedAt - loadFrom} restarted +${restartedAt - loadFrom} frozen +${frozenAt - loadFrom} thawed +${thawedAt - loadFrom}; ${JSON.stringify(detail)}`,
      );
    });

    // Nothing acked is lost: the dashboard.
    const kv = await sys.board();
    const ackedWrites = boardOut.filter((o) => o.result === 'ack');
    assert.ok(ackedWrites.length > 100, `dashboard worked: ${JSON.stringify(tally(boardOut))}`);
    const written = new Map<string, number>();
    for (const o of boardOut) {
      const e = await kv.get(`faults.${o.id}`);
      if (e && e.operation === 'PUT') written.set(o.id, e.created.getTime());
    }
    assert.deepEqual(
      ackedWrites.filter((o) => !written.has(o.id)).map((o) => o.id),
      [],
      'every acked write is in the bucket',
    );

    // Nothing stored after its deadline (the gateway's, with the skew services allow).
    const late = (stores: Map<string, number>, out: Outcome[]) =>
      out.flatMap((o) => {
        const at = stores.get(o.id);
        const by = at === undefined ? 0 : at - (o.sentAt + MSG_TIMEOUT_MS + DEADLINE_SKEW_MS);
        return by > 0 ? [`${o.id} ${by} ms late (${o.result})`] : [];
      });
    const timedOutStored = (stores: Map<string, number>, out: Outcome[]) =>
      out.filter((o) => o.result !== 'ack' && stores.has(o.id)).length;
    t.diagnostic(
      `stored though the sender was not told so: chat ${timedOutStored(storedAt, chatOut)}, dashboard ${timedOutStored(written, boardOut)}`,
    );
    assert.deepEqual(late(storedAt, chatOut), [], 'chat messages stored after their deadline');
    assert.deepEqual(late(written, boardOut), [], 'dashboard writes applied after their deadline');
    await Promise.all([...chat, ...boards, ...joiners].map((c) => c.stop()));
  });

  it('(b) a gateway’s node frozen: the gateway moves to a live node and its clients’ echo comes back', async (t) => {
    // A node no echo replica is attached to: nats-server 2.9 (this machine's)
    // never finds a route stale while it sends on it (nats-server#4014, fixed
    // upstream by #4016; deploy/ runs 2.11), so the other nodes would keep routing a
    // share of echo to the replicas attached there until those reconnect and
    // beyond. docs/operations.md has what that costs.
    const echoNodes = await sys.nodesSubscribing(`${sys.prefix}.svc.echo.msg`);
    const node = [0, 1, 2].find((i) => !echoNodes.has(i))!;
    let gw = (
      await Promise.all(sys.gateways.map(async (g) => ({ g, at: await sys.gatewayNode(g) })))
    ).find((x) => x.at === node)?.g;
    gw ??= await sys.gateway(node);
    t.diagnostic(
      `echo replicas on ${[...echoNodes].map((i) => `n${i}`).join(', ')}; freezing n${node}`,
    );
    const load = await echoLoad([[gw.proc.url, ...sys.urls.filter((u) => u !== gw.proc.url)]], 100);
    await sleep(2000);
    // Counted right before the freeze: a reconnect left over from (a) must not
    // pass for noticing this one.
    const before = await disconnects(gw.proc.http);
    const frozenAt = Date.now();
    let saw503 = false;
    cluster.freeze(node);
    await until(
      async () => {
        const ready = await fetch(`${gw.proc.http}/readyz`).catch(() => undefined);
        if (ready?.status === 503) saw503 = true;
        return (
          (await disconnects(gw.proc.http)) > before &&
          ready?.status === 200 &&
          (await sys.gatewayNode(gw)) !== node
        );
      },
      CLIENT_PING_BOUND_MS + SLACK_MS,
      'the gateway to notice and reattach',
    );
    const movedAt = Date.now();
    const now = await sys.gatewayNode(gw);
    assert.notEqual(now, node, 'attached to another node');
    // The other nodes route to the frozen one (a service replica attached
    // there keeps its queue subscriptions) until their own pings drop the route.
    const boundAt = frozenAt + CLIENT_PING_BOUND_MS + SERVER_PING_BOUND_MS + SLACK_MS;
    await sleep(boundAt + 3000 - Date.now());
    load.pacer.stop();
    await settle(load.clients);
    cluster.thaw(node);
    const out = load.outcomes();
    const after = out.filter((o) => o.sentAt >= boundAt);
    const failed = out.filter((o) => o.sentAt >= frozenAt && o.result !== 'ack');
    t.diagnostic(
      `gateway on n${node}, moved to n${now} ${movedAt - frozenAt} ms after the freeze (503 seen: ${saw503}); ` +
        `echo ${JSON.stringify(tally(out.filter((o) => o.sentAt >= frozenAt)))}, longest gap ${longestGapMs(load.clients, frozenAt)} ms, ` +
        `failed ${failureSpan(failed, frozenAt)}; ` +
        `client closes ${JSON.stringify(load.clients[0]!.closes.map((c) => c.code))}`,
    );
    assert.ok(
      after.length > 10 && after.every((o) => o.result === 'ack'),
      JSON.stringify(tally(after)),
    );
    await cluster.ready(60_000);
    await Promise.all(load.clients.map((c) => c.stop()));
  });

  it('(c) an echo replica frozen: nats-server drops it within its pings and the live one answers; thawed, it rejoins', async (t) => {
    const [frozen, other] = sys.services.filter((s) => s.name === 'echo');
    const load = await echoLoad([[sys.urls[0]!]], 100);
    await sleep(2000);
    const frozenAt = Date.now();
    frozen!.proc.proc.kill('SIGSTOP');
    await sleep(SERVER_PING_BOUND_MS + SLACK_MS);
    const boundAt = Date.now();
    await sleep(2000);
    frozen!.proc.proc.kill('SIGCONT');
    load.pacer.stop();
    await settle(load.clients);
    const out = load.outcomes();
    const during = out.filter((o) => o.sentAt >= frozenAt);
    const failed = during.filter((o) => o.result !== 'ack');
    t.diagnostic(
      `echo replica frozen: before ${JSON.stringify(tally(out.filter((o) => o.sentAt < frozenAt)))}, ` +
        `after ${JSON.stringify(tally(during))}, failed ${failureSpan(failed, frozenAt)}`,
    );
    assert.ok(failed.length > 0, 'the frozen replica had its share (else this shows nothing)');
    const late = out.filter((o) => o.sentAt >= boundAt);
    assert.ok(
      late.length > 10 && late.every((o) => o.result === 'ack'),
      JSON.stringify(tally(late)),
    );

    // Thawed, it reconnects and subscribes again: with the other one killed, it answers everything.
    await sleep(2000);
    const again = await echoLoad([[sys.urls[0]!]], 100);
    await sleep(1000);
    const killedAt = Date.now();
    await other!.proc.stop('SIGKILL');
    await sleep(5000);
    const from = Date.now();
    await sleep(2000);
    again.pacer.stop();
    await settle(again.clients);
    const afterKill = again.outcomes().filter((o) => o.sentAt >= killedAt);
    t.diagnostic(
      `the other replica killed: ${JSON.stringify(tally(afterKill))}, failed ${failureSpan(afterKill, killedAt)}`,
    );
    const rejoined = again.outcomes().filter((o) => o.sentAt >= from);
    assert.ok(
      rejoined.length > 10 && rejoined.every((o) => o.result === 'ack'),
      JSON.stringify(tally(rejoined)),
    );
    await Promise.all([...load.clients, ...again.clients].map((c) => c.stop()));
  });
});

async function disconnects(http: string): Promise<number> {
  const text = await (await fetch(`${http}/metrics`)).text();
  return Number(/^muxgate_bus_disconnects_total (\S+)$/m.exec(text)?.[1] ?? 0);
}
