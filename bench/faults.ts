// What the failures that test/system/cluster-faults.test.ts does not run
// cost, on the same 3-node cluster with every muxgate part its own process:
//
//   npm run bench:faults [-- --only=gateway,rolling,nats-down]
//
// - gateway: a gateway SIGKILLed under chat traffic. Its members reconnect to
//   another gateway (as through a load balancer) and resume with `since`;
//   the other members see their `leave` notices once the services take the
//   gateway for dead (gateway_lost, 3 × MUX_HEARTBEAT_MS; 5 s here).
// - rolling: each NATS node in turn stopped (SIGTERM), left down 10 s,
//   restarted and waited for, as a StatefulSet rollout does, under chat,
//   dashboard and echo.
// - nats-down: every NATS node stopped for 20 s (longer than
//   MUX_BUS_LOSS_CLOSE_MS, 10 s), then started again.
//
// Figures print as they come; docs/operations.md quotes them.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { NatsCluster } from '../harness/nats-cluster.ts';
import { FaultCluster, writerToken } from '../test/helpers/fault-cluster.ts';
import { failureSpan, LoadClient, longestGapMs, Pacer, tally } from '../test/helpers/fault-load.ts';

const HEARTBEAT_MS = 5000;
/** How long each node stays down in the rolling restart. */
const DOWN_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = (values.only ?? 'gateway,rolling,nats-down').split(',');

const cluster = await NatsCluster.start({ size: 3 });
const sys = new FaultCluster(cluster, { MUX_HEARTBEAT_MS: String(HEARTBEAT_MS) });
try {
  log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  await Promise.all([sys.service('chat', 0), sys.service('dashboard', 1), sys.service('echo', 2)]);
  await Promise.all([
    sys.service('chat', 1),
    sys.service('dashboard', 2),
    sys.service('echo', 0),
    sys.gateway(0),
    sys.gateway(1),
    sys.gateway(2),
  ]);
  log('3 nodes, 3 gateways, 2 replicas each of chat, dashboard and echo');

  /** A member of `chat:<room>` on gateway i per user, each sending every 250 ms. */
  async function chatRoom(room: string, users: number) {
    const notices: { type: string; user: string; at: number }[] = [];
    const members = await Promise.all(
      Array.from({ length: users }, async (_, i) => {
        const c = new LoadClient({
          urls: sys.urlsFrom(i % 3),
          stream: `chat:${room}`,
          headers: { authorization: `Bearer ${await writerToken(`u${i}`)}` },
          onMsg: (p) => {
            if (i === 0 && (p.type === 'join' || p.type === 'leave'))
              notices.push({ type: String(p.type), user: String(p.user), at: Date.now() });
          },
        });
        await c.start();
        return c;
      }),
    );
    const pacer = new Pacer(members, 250, (i, n) => ({
      id: `${room}-${i}-${n}`,
      payload: { text: `${room}-${i}-${n}` },
    }));
    pacer.start();
    return { members, pacer, notices };
  }

  async function others(label: string) {
    const echo = [0, 1, 2].map((i) => new LoadClient({ urls: sys.urlsFrom(i), stream: 'echo' }));
    const boards = await Promise.all(
      [0, 1, 2].map(
        async (i) =>
          new LoadClient({
            urls: sys.urlsFrom(i),
            stream: 'dashboard:bench',
            headers: { authorization: `Bearer ${await writerToken(`w${i}`)}` },
          }),
      ),
    );
    await Promise.all([...echo, ...boards].map((c) => c.start()));
    const pacers = [
      new Pacer(echo, 250, (i, n) => ({ id: `${label}-e${i}-${n}`, payload: n })),
      new Pacer(boards, 250, (i, n) => ({
        id: `${label}-w${i}-${n}`,
        payload: { action: 'create', key: `${label}-w${i}-${n}`, value: { n } },
      })),
    ];
    pacers.forEach((p) => p.start());
    return { echo, boards, pacers };
  }

  const line = (what: string, clients: LoadClient[], from: number, to = Infinity) => {
    const out = clients.flatMap((c) => c.outcomes).filter((o) => o.sentAt >= from && o.sentAt < to);
    return `${what} ${JSON.stringify(tally(out))}, failed ${failureSpan(out, from, to)}, longest gap ${longestGapMs(clients, from, to)} ms`;
  };
  const settle = async (clients: LoadClient[]) => {
    const deadline = Date.now() + 20_000;
    while (clients.some((c) => c.inFlight > 0) && Date.now() < deadline) await sleep(100);
  };

  if (only.includes('gateway')) {
    const room = await chatRoom('gw', 6);
    await sleep(3000);
    const victim = sys.gateways[2]!;
    const on = room.members.filter((c) => c.url === victim.proc.url);
    const killedAt = Date.now();
    await victim.proc.stop('SIGKILL');
    log(`gateway 2 killed with ${on.length} of ${room.members.length} chat members`);
    const users = new Set(on.map((c) => room.members.indexOf(c)).map((i) => `u${i}`));
    while (
      room.notices.filter((n) => n.type === 'leave' && users.has(n.user) && n.at > killedAt)
        .length < users.size &&
      Date.now() < killedAt + 4 * HEARTBEAT_MS + 15_000
    )
      await sleep(100);
    const leaves = room.notices.filter((n) => n.type === 'leave' && n.at > killedAt);
    room.pacer.stop();
    await settle(room.members);
    log(line('  its members', on, killedAt));
    log(
      line(
        '  the others',
        room.members.filter((c) => !on.includes(c)),
        killedAt,
      ),
    );
    log(
      `  reconnected after ${on.map((c) => (c.joins.at(-1)?.at ?? 0) - killedAt).join(', ')} ms; ` +
        `leave notices (gateway_lost, MUX_HEARTBEAT_MS=${HEARTBEAT_MS}) after ${leaves.map((n) => n.at - killedAt).join(', ')} ms`,
    );
    await Promise.all(room.members.map((c) => c.stop()));
    sys.gateways.splice(2, 1, await sys.gateway(2));
  }

  if (only.includes('rolling')) {
    const room = await chatRoom('roll', 3);
    const rest = await others('roll');
    const all = [...room.members, ...rest.echo, ...rest.boards];
    // A user joining a room or a board every second, as in the test.
    const joiners: LoadClient[] = [];
    let churn = true;
    const churning = (async () => {
      for (let n = 0; churn; n++) {
        const stream = n % 2 ? 'chat:roll' : 'dashboard:bench';
        const j = new LoadClient({ urls: sys.urlsFrom(n % 3), stream, retryJoins: false });
        joiners.push(j);
        void j.start().catch(() => undefined);
        void joiners[joiners.length - 8]?.stop();
        await sleep(1000);
      }
    })();
    const joinLine = (from: number, to: number) => {
      const js = joiners.flatMap((j) => j.joins).filter((x) => x.at >= from && x.at < to);
      const failed = js.filter((x) => !x.ok).map((x) => x.code);
      return `  joins ${js.length - failed.length} ok, ${failed.length} failed (${[...new Set(failed)].join(', ')})`;
    };
    await sleep(3000);
    for (const i of [0, 1, 2]) {
      const from = Date.now();
      await cluster.stop(i);
      const stopped = Date.now();
      // As long as a pod takes to be replaced.
      await sleep(DOWN_MS);
      await cluster.restart(i);
      log(
        `node n${i} stopped in ${stopped - from} ms, down ${DOWN_MS} ms, back and caught up after ${Date.now() - from} ms`,
      );
      await sleep(3000);
      const to = Date.now();
      log(line('  chat', room.members, from, to));
      log(line('  dashboard', rest.boards, from, to));
      log(line('  echo', rest.echo, from, to));
      log(joinLine(from, to));
    }
    churn = false;
    await churning;
    await Promise.all(joiners.map((j) => j.stop()));
    [room.pacer, ...rest.pacers].forEach((p) => p.stop());
    await settle(all);
    await Promise.all(all.map((c) => c.stop()));
  }

  if (only.includes('nats-down')) {
    const room = await chatRoom('down', 3);
    const rest = await others('down');
    const all = [...room.members, ...rest.echo, ...rest.boards];
    await sleep(3000);
    const from = Date.now();
    await Promise.all([0, 1, 2].map((i) => cluster.stop(i)));
    log(`every node stopped in ${Date.now() - from} ms`);
    await sleep(20_000 - (Date.now() - from));
    const back = Date.now();
    await Promise.all([0, 1, 2].map((i) => cluster.node(i).restart()));
    await cluster.ready(60_000);
    log(`every node started again; cluster ready after ${Date.now() - back} ms`);
    await sleep(10_000);
    [room.pacer, ...rest.pacers].forEach((p) => p.stop());
    await settle(all);
    log(line('  chat', room.members, from));
    log(line('  dashboard', rest.boards, from));
    log(line('  echo', rest.echo, from));
    const closes = all.flatMap((c) => c.closes.filter((x) => x.at >= from));
    log(
      `  sockets closed: ${closes.length} (codes ${[...new Set(closes.map((c) => c.code))].join(', ')}), ` +
        `${Math.min(...closes.map((c) => c.at - from))}..${Math.max(...closes.map((c) => c.at - from))} ms after the stop`,
    );
    await Promise.all(all.map((c) => c.stop()));
  }
} finally {
  for (const n of cluster.nodes) n.thaw();
  await sys.close();
  await cluster.close();
}
