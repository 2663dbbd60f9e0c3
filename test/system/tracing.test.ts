// Trace context follows a frame across NATS: gateway → service → gateway,
// one trace, each span the child of the one before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { echoService } from '../../services/echo/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

describe('trace context across NATS', () => {
  const exporter = new InMemorySpanExporter();
  let nats: NatsServer;
  let sys: TestSystem;

  before(async () => {
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    nats = await NatsServer.start({ jetstream: false });
    sys = await TestSystem.start({ bus: { nats: nats.url }, services: [echoService] });
  });
  after(async () => {
    await sys.close();
    await nats.close();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  const find = (name: string, parent?: ReadableSpan): ReadableSpan | undefined =>
    exporter
      .getFinishedSpans()
      .find(
        (s) =>
          s.name === name &&
          (!parent || s.parentSpanContext?.spanId === parent.spanContext().spanId),
      );

  it('chains the client frame span, the service span and the delivery span', async () => {
    const c = await sys.client();
    await c.join('echo:traced');
    exporter.reset();
    c.send({ type: 'msg', stream: 'echo:traced', ref: 't', payload: 'follow me' });
    await c.expect('reply');
    await until(() => find('muxgate deliver') !== undefined);

    const gatewaySpan = find('muxgate msg');
    assert.ok(gatewaySpan, 'the gateway started a span for the client frame');
    const serviceSpan = find('echo receive', gatewaySpan);
    assert.ok(serviceSpan, 'the service continued the trace from the NATS headers');
    const deliverSpan = find('muxgate deliver', serviceSpan);
    assert.ok(deliverSpan, 'the frame sent back carried the service span');
    const traceIds = new Set(
      [gatewaySpan, serviceSpan, deliverSpan].map((s) => s.spanContext().traceId),
    );
    assert.equal(traceIds.size, 1, 'one trace end to end');
    assert.equal(gatewaySpan.attributes['muxgate.stream'], 'echo:traced');
  });

  it('chains a join through the service', async () => {
    exporter.reset();
    const c = await sys.client();
    await c.join('echo:join-traced');
    await until(() => find('echo join') !== undefined);
    const join = find('muxgate join');
    assert.ok(join);
    assert.ok(find('echo join', join), 'the service join span is a child of the gateway join span');
  });
});
