// The gateway and services as separate OS processes over a real NATS, as
// they run in Kubernetes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsBus } from '../../bus/nats.ts';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { defineService, ServiceRunner } from '../../services/sdk/index.ts';
import { TestClient } from '../helpers/client.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { probeService } from '../helpers/probe.ts';
import { spawnMuxgate, type MuxgateProcess } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

describe('separate processes over NATS', () => {
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
  });
  after(async () => {
    await nats.close();
  });

  async function gatewayProcess(
    prefix: string,
    env: Record<string, string> = {},
  ): Promise<{ gw: MuxgateProcess; url: string }> {
    const gw = await spawnMuxgate(['gateway'], {
      NATS_URL: nats.url,
      MUX_PREFIX: prefix,
      MUX_ROUTES: 'echo,probe',
      ...env,
    });
    return { gw, url: gw.url };
  }

  it('serves echo with the gateway and the service in their own processes, and turns joins into unavailable once echo stops', async () => {
    const prefix = uniquePrefix();
    const echo = await spawnMuxgate(
      ['service', 'echo'],
      { NATS_URL: nats.url, MUX_PREFIX: prefix },
      { ready: /service running/ },
    );
    const { gw, url } = await gatewayProcess(prefix);
    try {
      const c = await TestClient.open(url);
      await c.join('echo');
      c.send({ type: 'msg', stream: 'echo', ref: 'p', payload: { across: 'processes' } });
      assert.deepEqual((await c.expect('reply')).payload, { across: 'processes' });

      assert.equal((await echo.stop('SIGTERM')).code, 0, 'echo drains and exits cleanly');
      c.send({ type: 'join', stream: 'echo:again', ref: 'j' });
      const e = await c.expect('error');
      assert.deepEqual([e.code, e.ref], [ErrorCode.Unavailable, 'j']);
      await c.close();
    } finally {
      await echo.stop();
      await gw.stop();
    }
  });

  it('drains on SIGTERM: sockets close with 1001 and services get their Leaves', async () => {
    const prefix = uniquePrefix();
    const probe = probeService();
    const runner = await ServiceRunner.start(
      await NatsBus.connect({ servers: nats.url }),
      probe.definition,
      { prefix },
    );
    const { gw, url } = await gatewayProcess(prefix);
    try {
      const c = await TestClient.open(url);
      await c.join('probe:draining');
      const code = gw.stop('SIGTERM');
      assert.equal((await c.closed).code, CloseCode.GoingAway);
      assert.equal((await code).code, 0);
      await until(() => probe.log.leaves.length === 1);
      assert.deepEqual(probe.log.leaves[0], {
        stream: 'probe:draining',
        reason: 'disconnect',
        state: { n: 7 },
      });
    } finally {
      await gw.stop();
      await runner.drain();
    }
  });

  it('shares the load between two echo replicas, each message handled once', async () => {
    const prefix = uniquePrefix();
    const counts = [0, 0];
    const replica = (i: number) =>
      defineService({
        name: 'echo',
        receive(ctx, payload, ref) {
          counts[i]!++;
          return echoService.receive!(ctx, payload, ref);
        },
      });
    const runners = [
      await ServiceRunner.start(await NatsBus.connect({ servers: nats.url }), replica(0), {
        prefix,
      }),
      await ServiceRunner.start(await NatsBus.connect({ servers: nats.url }), replica(1), {
        prefix,
      }),
    ];
    const { gw, url } = await gatewayProcess(prefix);
    try {
      const c = await TestClient.open(url);
      await c.join('echo');
      for (let i = 0; i < 200; i++) c.send({ type: 'msg', stream: 'echo', ref: i, payload: i });
      const replies = await c.waitFrames(200);
      assert.deepEqual(
        replies.map((f) => f.ref).sort((a, b) => Number(a) - Number(b)),
        Array.from({ length: 200 }, (_, i) => i),
      );
      assert.equal(counts[0]! + counts[1]!, 200, 'each message handled exactly once');
      assert.ok(counts[0]! > 0 && counts[1]! > 0, `both replicas worked: ${counts.join(' / ')}`);
      await c.close();
    } finally {
      await gw.stop();
      await Promise.all(runners.map((r) => r.drain()));
    }
  });
});
