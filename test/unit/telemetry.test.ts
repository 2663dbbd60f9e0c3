// When OpenTelemetry's variables turn span export on, and the settings
// muxgate refuses rather than silently exporting nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { silentLogger } from '../../lib/log.ts';
import { startTelemetry, TelemetryConfigError, telemetrySetup } from '../../lib/telemetry.ts';

const ENDPOINT = 'http://collector:4318';

describe('telemetrySetup', () => {
  test('off without an endpoint, whatever else is set', () => {
    assert.equal(telemetrySetup({}), undefined);
    assert.equal(telemetrySetup({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }), undefined);
    assert.equal(
      telemetrySetup({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
      undefined,
    );
  });

  test('on with OTEL_EXPORTER_OTLP_ENDPOINT or the traces-only endpoint; protobuf by default', () => {
    assert.deepEqual(telemetrySetup({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT }), {
      endpoint: ENDPOINT,
      protocol: 'http/protobuf',
    });
    const traces = `${ENDPOINT}/custom/traces`;
    assert.deepEqual(
      telemetrySetup({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: traces,
      }),
      { endpoint: traces, protocol: 'http/protobuf' },
    );
  });

  test('the traces protocol wins over the general one', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    };
    assert.equal(telemetrySetup(env)?.protocol, 'http/json');
  });

  test('OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn it off', () => {
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT };
    assert.equal(telemetrySetup({ ...on, OTEL_SDK_DISABLED: 'TRUE' }), undefined);
    assert.ok(telemetrySetup({ ...on, OTEL_SDK_DISABLED: 'false' }));
    assert.equal(telemetrySetup({ ...on, OTEL_TRACES_EXPORTER: 'none' }), undefined);
    assert.ok(telemetrySetup({ ...on, OTEL_TRACES_EXPORTER: 'otlp' }));
  });

  test('refuses what would export nothing without a word', () => {
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT };
    for (const [env, message] of [
      [{ ...on, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, /OTLP protocol grpc is not supported/],
      [{ ...on, OTEL_TRACES_EXPORTER: 'zipkin' }, /OTEL_TRACES_EXPORTER=zipkin is not supported/],
      [{ ...on, OTEL_TRACES_EXPORTER: 'otlp,console' }, /=console is not supported/],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /http:\/\/ or https:\/\/ URL/],
      [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, /not a URL/],
    ] as const)
      assert.throws(
        () => telemetrySetup(env),
        (err) => err instanceof TelemetryConfigError && message.test(err.message),
        JSON.stringify(env),
      );
  });
});

test('startTelemetry without an endpoint registers no tracer provider', async () => {
  const telemetry = await startTelemetry({ serviceName: 'x', log: silentLogger, env: {} });
  const span = trace.getTracer('muxgate').startSpan('probe');
  assert.equal(span.isRecording(), false, 'spans stay the API no-op');
  span.end();
  await telemetry.drain();
});
