// Issue 11 item 2: a hung NATS server is noticed. With the server frozen
// (SIGSTOP, a hung pod), the gateway's missed pings drop the connection, its
// /readyz turns 503 and its metrics say so; after MUX_BUS_LOSS_CLOSE_MS its
// clients are closed with 1012 and new ones refused with 503 bus_unavailable,
// so they reconnect to a gateway that has a bus. Once the server runs again,
// the gateway is ready and takes clients.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NatsBus } from '../../bus/nats.ts';
import { cliGatewayConfig } from '../../cli/settings.ts';
import { Gateway } from '../../gateway/gateway.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { CloseCode } from '../../protocol/codes.ts';
import { echoService } from '../../services/echo/index.ts';
import { ServiceRunner } from '../../services/sdk/index.ts';
import { TestClient } from '../helpers/client.ts';
import { scrapeMetric } from '../helpers/metrics.ts';
import { uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

const liveness = { pingIntervalMs: 200, maxPingOut: 2, connectTimeoutMs: 500 };

describe('a hung NATS server', () => {
  let nats: NatsServer;
  let gw: Gateway;
  let echo: ServiceRunner;
  let http: string;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    const prefix = uniquePrefix();
    const config = cliGatewayConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      MUX_PREFIX: prefix,
      MUX_ROUTES: 'echo',
      MUX_BUS_LOSS_CLOSE_MS: '1500',
      MUX_DRAIN_TIMEOUT_MS: '1000',
    });
    const connect = (name: string) => NatsBus.connect({ servers: nats.url, name, liveness });
    gw = await Gateway.start({ config, bus: await connect('gateway'), processMetrics: false });
    echo = await ServiceRunner.start(await connect('echo'), echoService, { prefix });
    http = `http://127.0.0.1:${gw.port}`;
  });
  after(async () => {
    nats.thaw();
    await gw.drain();
    await echo.drain().catch(() => undefined);
    await nats.close();
  });

  const ready = async () => (await fetch(`${http}/readyz`)).status;
  const state = (s: string) => scrapeMetric(http, 'muxgate_bus_state', { state: s });

  it('turns /readyz 503, closes clients with 1012 and refuses new ones until the server runs again', async () => {
    const url = `ws://127.0.0.1:${gw.port}/ws`;
    const c = await TestClient.open(url);
    await c.join('echo');
    assert.equal(await ready(), 200);
    assert.equal(await state('connected'), 1);

    nats.freeze();
    await until(async () => (await ready()) === 503, 10_000, '/readyz to say 503');
    assert.equal(await state('reconnecting'), 1);
    assert.equal(await state('connected'), 0);
    assert.equal(await scrapeMetric(http, 'muxgate_bus_disconnects_total'), 1);

    const closed = await c.closed;
    assert.equal(closed.code, CloseCode.Restarting, 'the client is sent elsewhere');
    const refused = await fetch(`${http}/ws`);
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { error: string }).error, 'bus_unavailable');
    await assert.rejects(TestClient.open(url), 'no upgrade while the bus is away');

    nats.thaw();
    await until(async () => (await ready()) === 200, 15_000, '/readyz to say 200 again');
    assert.equal(await state('connected'), 1);
    const back = await TestClient.open(url);
    await back.join('echo');
    back.send({ type: 'msg', stream: 'echo', ref: 'r', payload: 'after' });
    assert.equal((await back.next((f) => f.ref === 'r')).payload, 'after');
    await back.close();
  });
});
