// Span export as an operator turns it on: `muxgate gateway` and
// `muxgate service echo` as processes with OTEL_EXPORTER_OTLP_ENDPOINT set,
// a collector stand-in receiving OTLP/HTTP, and a client that starts the
// trace with its own traceparent. One trace, four spans, three processes:
// client frame → gateway → service → gateway.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestClient } from '../helpers/client.ts';
import { OtlpReceiver, type ReceivedSpan } from '../helpers/otlp.ts';
import { runMuxgate, spawnMuxgate, type Env } from '../helpers/process.ts';
import { uniquePrefix } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

/** OpenTelemetry's variables, unset: a test sets only what it means to. */
const NO_OTEL: Env = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => k.startsWith('OTEL_'))
    .map((k) => [k, undefined]),
);

describe('span export over OTLP', () => {
  let nats: NatsServer;
  let receiver: OtlpReceiver;
  before(async () => {
    nats = await NatsServer.start({ jetstream: false });
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await receiver.close();
    await nats.close();
  });

  test("one trace from the client's traceparent through the gateway and the echo service", async () => {
    const env: Env = {
      ...NO_OTEL,
      NATS_URL: nats.url,
      MUX_PREFIX: uniquePrefix(),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      // A batch is due only after a minute: what the receiver gets comes
      // from the flush on SIGTERM.
      OTEL_BSP_SCHEDULE_DELAY: '60000',
    };
    // The service exports JSON, the gateway protobuf (the default): both encodings are read.
    const echo = await spawnMuxgate(
      ['service', 'echo'],
      { ...env, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      { ready: /service running/ },
    );
    const gw = await spawnMuxgate(['gateway'], { ...env, MUX_ROUTES: 'echo' });
    const traceId = crypto.randomUUID().replace(/-/g, '');
    const pageSpan = traceId.slice(8, 24);
    try {
      const c = await TestClient.open(gw.url);
      await c.join('echo:traced');
      c.send({
        type: 'msg',
        stream: 'echo:traced',
        ref: 't',
        payload: 'follow me',
        traceparent: `00-${traceId}-${pageSpan}-01`,
      });
      assert.equal((await c.expect('reply')).payload, 'follow me');
      await c.close();
      assert.equal(receiver.trace(traceId).length, 0, 'nothing exported before the flush');
    } finally {
      assert.equal((await gw.stop()).code, 0, gw.output);
      assert.equal((await echo.stop()).code, 0, echo.output);
    }
    await until(() => receiver.trace(traceId).length >= 3, 5000, 'the flushed spans');

    const spans = receiver.trace(traceId);
    const child = (name: string, parentSpanId: string): ReceivedSpan => {
      const found = spans.filter((s) => s.name === name && s.parentSpanId === parentSpanId);
      assert.equal(found.length, 1, `one ${name} under ${parentSpanId}: ${JSON.stringify(spans)}`);
      return found[0]!;
    };
    const gatewaySpan = child('muxgate msg', pageSpan);
    assert.equal(gatewaySpan.service, 'muxgate-gateway');
    assert.equal(gatewaySpan.attributes['muxgate.stream'], 'echo:traced');
    const serviceSpan = child('echo receive', gatewaySpan.spanId);
    assert.equal(serviceSpan.service, 'muxgate-echo');
    const replySpan = child('muxgate deliver', serviceSpan.spanId);
    assert.equal(replySpan.service, 'muxgate-gateway');
    assert.deepEqual(
      [...new Set(receiver.contentTypes)].sort(),
      ['application/json', 'application/x-protobuf'],
      'the gateway sent protobuf, the service JSON',
    );
  });

  test('OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name the process in its spans', async () => {
    const env: Env = {
      ...NO_OTEL,
      NATS_URL: nats.url,
      MUX_PREFIX: uniquePrefix(),
      MUX_ROUTES: 'echo',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_SERVICE_NAME: 'edge-gateway',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    };
    const gw = await spawnMuxgate(['gateway'], env);
    const traceId = crypto.randomUUID().replace(/-/g, '');
    try {
      const c = await TestClient.open(gw.url);
      // No echo service runs: the join is refused, and its span still ends.
      c.send({
        type: 'join',
        stream: 'echo',
        ref: 'j',
        traceparent: `00-${traceId}-${traceId.slice(0, 16)}-01`,
      });
      await c.expect('error');
      await c.close();
    } finally {
      assert.equal((await gw.stop()).code, 0, gw.output);
    }
    await until(() => receiver.trace(traceId).length > 0, 5000, 'the join span');
    const [join] = receiver.trace(traceId);
    assert.equal(join?.name, 'muxgate join');
    assert.equal(join.service, 'edge-gateway');
    assert.equal(join.resource['deployment.environment'], 'test');
  });

  test("muxgate dev exports as muxgate-dev, and follows the client's sampled flag", async () => {
    const dev = await spawnMuxgate(['dev'], {
      ...NO_OTEL,
      NATS_URL: undefined,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    });
    const sampled = crypto.randomUUID().replace(/-/g, '');
    const unsampled = crypto.randomUUID().replace(/-/g, '');
    try {
      const c = await TestClient.open(dev.url);
      await c.join('echo');
      for (const [traceId, flags] of [
        [sampled, '01'],
        [unsampled, '00'],
      ] as const) {
        const traceparent = `00-${traceId}-${traceId.slice(16)}-${flags}`;
        c.send({ type: 'msg', stream: 'echo', ref: flags, payload: 1, traceparent });
        await c.expect('reply');
      }
      await c.close();
    } finally {
      assert.equal((await dev.stop()).code, 0, dev.output);
    }
    await until(() => receiver.trace(sampled).length >= 3, 5000, 'the sampled trace');
    const spans = receiver.trace(sampled);
    assert.deepEqual(spans.map((s) => `${s.service} ${s.name}`).sort(), [
      'muxgate-dev echo receive',
      'muxgate-dev muxgate deliver',
      'muxgate-dev muxgate msg',
    ]);
    // The default sampler (parentbased_always_on) keeps what the client sampled, and only that.
    assert.deepEqual(receiver.trace(unsampled), []);
  });

  test('a protocol muxgate cannot export with stops the process at start, exit 2', async () => {
    const r = await runMuxgate(['service', 'echo'], {
      ...NO_OTEL,
      NATS_URL: nats.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^muxgate: OTLP protocol grpc is not supported: use http\/protobuf/m);
  });
});
