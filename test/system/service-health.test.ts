// A service's health port (MUX_HEALTH_PORT), as the kubelet probes it:
// /healthz answers while the process does, whatever NATS does; /readyz only
// once the service has subscribed, and not while its NATS connection is down
// or while it drains. A separate process over a real nats-server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort, NatsServer } from '../../harness/nats-server.ts';
import { TestClient } from '../helpers/client.ts';
import { spawnMuxgate, type MuxgateProcess } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';

async function probe(port: number, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.json() };
}

/** Polls until the probe answers `status` (a deadline only turns a hang into a failure). */
async function untilStatus(port: number, path: string, status: number): Promise<unknown> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  for (;;) {
    const r = await probe(port, path).catch((err: Error) => ({ status: 0, body: err.message }));
    if (r.status === status) return r.body;
    last = r;
    if (Date.now() > deadline)
      throw new Error(`${path} never answered ${status}: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a service health port', { timeout: 120_000 }, () => {
  let nats: NatsServer;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
  });
  after(async () => {
    await nats.close();
  });

  async function echo(prefix: string, health: number): Promise<MuxgateProcess> {
    return spawnMuxgate(
      ['service', 'echo'],
      { NATS_URL: nats.url, MUX_PREFIX: prefix, MUX_HEALTH_PORT: String(health) },
      { ready: /service running/ },
    );
  }

  it('is ready once running, not ready while NATS is away, ready again after, and live throughout', async () => {
    const prefix = uniquePrefix();
    const health = await freePort();
    const svc = await echo(prefix, health);
    const gw = await spawnMuxgate(['gateway'], {
      NATS_URL: nats.url,
      MUX_PREFIX: prefix,
      MUX_ROUTES: 'echo',
    });
    try {
      assert.deepEqual(await probe(health, '/healthz'), { status: 200, body: { status: 'ok' } });
      assert.deepEqual(await probe(health, '/readyz'), {
        status: 200,
        body: { status: 'ready', bus: 'connected' },
      });
      // Ready means serving: a join reaches it.
      const c = await TestClient.open(gw.url);
      await c.join('echo');
      await c.close();

      await nats.stop();
      assert.deepEqual(await untilStatus(health, '/readyz', 503), {
        status: 'not ready',
        bus: 'reconnecting',
      });
      assert.equal(
        (await probe(health, '/healthz')).status,
        200,
        'a NATS outage is no reason to restart it',
      );

      await nats.restart();
      await untilStatus(health, '/readyz', 200);
      assert.equal((await probe(health, '/nowhere')).status, 404);
    } finally {
      await gw.stop();
      await svc.stop();
    }
  });

  it('answers /healthz but not /readyz while it cannot reach NATS yet', async () => {
    const prefix = uniquePrefix();
    const health = await freePort();
    // A hung NATS: the connection is accepted and nothing more happens.
    nats.freeze();
    let svc: Promise<MuxgateProcess> | undefined;
    try {
      svc = echo(prefix, health);
      await untilStatus(health, '/healthz', 200);
      assert.deepEqual(await probe(health, '/readyz'), {
        status: 503,
        body: { status: 'not ready', bus: 'starting' },
      });
    } finally {
      nats.thaw();
    }
    const running = await svc;
    try {
      await untilStatus(health, '/readyz', 200);
    } finally {
      await running.stop();
    }
  });

  it('stops answering once drained on SIGTERM, and exits 0', async () => {
    const health = await freePort();
    const svc = await echo(uniquePrefix(), health);
    assert.equal((await probe(health, '/readyz')).status, 200);
    assert.equal((await svc.stop('SIGTERM')).code, 0, svc.output);
    await assert.rejects(probe(health, '/healthz'), 'the port is closed');
  });
});
