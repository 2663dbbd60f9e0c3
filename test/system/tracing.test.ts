// Trace context follows a frame across NATS: gateway → service → gateway,
// one trace, each span the child of the one before; and a client's
// `traceparent` (muxgate's 1.1 addition) starts it in the page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import WebSocket from 'ws';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { connect, type WebSocketConstructor } from '../../client/index.ts';
import { echoService } from '../../services/echo/index.ts';
import { NatsServer } from '../../harness/nats-server.ts';
import { TestSystem } from '../helpers/system.ts';
import { until } from '../helpers/wait.ts';

// Node 20 has no global WebSocket; Node 22+ and browsers do.
const WS = ((globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket) as WebSocketConstructor;

/** A W3C traceparent as a browser's tracer would send it, and its two ids. */
function clientSpan(): { traceparent: string; traceId: string; spanId: string } {
  const traceId = crypto.randomUUID().replace(/-/g, '');
  const spanId = traceId.slice(0, 16);
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

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

  /** The spans named `name` since the last reset. */
  const named = (name: string): ReadableSpan[] =>
    exporter.getFinishedSpans().filter((s) => s.name === name);

  it("makes a msg's gateway span the child of the client's traceparent", async () => {
    const c = await sys.client();
    await c.join('echo:from-page');
    exporter.reset();
    const page = clientSpan();
    c.send({
      type: 'msg',
      stream: 'echo:from-page',
      ref: 'p',
      payload: 'hi',
      traceparent: page.traceparent,
    });
    await c.expect('reply');
    await until(() => find('muxgate deliver') !== undefined);
    const gatewaySpan = find('muxgate msg');
    assert.ok(gatewaySpan);
    assert.equal(gatewaySpan.spanContext().traceId, page.traceId, "the client's trace");
    assert.equal(
      gatewaySpan.parentSpanContext?.spanId,
      page.spanId,
      "the client's span is the parent",
    );
    const serviceSpan = find('echo receive', gatewaySpan);
    assert.ok(serviceSpan);
    assert.equal(serviceSpan.spanContext().traceId, page.traceId);
    assert.ok(find('muxgate deliver', serviceSpan));
  });

  it("makes a join's gateway span the child of the client's traceparent", async () => {
    exporter.reset();
    const c = await sys.client();
    const page = clientSpan();
    c.send({ type: 'join', stream: 'echo:join-page', ref: 'j', traceparent: page.traceparent });
    await c.expect('joined');
    const join = named('muxgate join')[0];
    assert.ok(join);
    assert.equal(join.spanContext().traceId, page.traceId);
    assert.equal(join.parentSpanContext?.spanId, page.spanId);
  });

  it('ignores a traceparent that is not valid W3C: the frame is served in a new trace', async () => {
    const c = await sys.client();
    await c.join('echo:bad-parent');
    const page = clientSpan();
    const invalid: unknown[] = [
      page.traceparent.toUpperCase(),
      `00-${'0'.repeat(32)}-${page.spanId}-01`,
      `00-${page.traceId}-${'0'.repeat(16)}-01`,
      `ff-${page.traceId}-${page.spanId}-01`,
      `${page.traceparent}-extra`,
      42,
      { traceparent: page.traceparent },
    ];
    for (const [i, traceparent] of invalid.entries()) {
      exporter.reset();
      c.send({ type: 'msg', stream: 'echo:bad-parent', ref: i, payload: i, traceparent });
      const answer = await c.next((f) => f.ref === i);
      assert.equal(
        answer.type,
        'reply',
        `${JSON.stringify(traceparent)}: ${JSON.stringify(answer)}`,
      );
      await until(() => find('muxgate msg') !== undefined);
      const span = find('muxgate msg')!;
      assert.equal(
        span.parentSpanContext,
        undefined,
        `${JSON.stringify(traceparent)} is no parent`,
      );
      assert.notEqual(span.spanContext().traceId, page.traceId);
    }
  });

  it('with MUX_CLIENT_TRACEPARENT=false, a client traceparent starts nothing', async () => {
    const untrusting = await TestSystem.start({
      bus: { nats: nats.url },
      prefix: sys.prefix,
      env: { MUX_CLIENT_TRACEPARENT: 'false' },
    });
    try {
      const c = await untrusting.client();
      await c.join('echo:untrusted');
      exporter.reset();
      const page = clientSpan();
      c.send({
        type: 'msg',
        stream: 'echo:untrusted',
        ref: 'u',
        payload: 'u',
        traceparent: page.traceparent,
      });
      await c.expect('reply');
      await until(() => find('muxgate deliver') !== undefined);
      const span = find('muxgate msg');
      assert.ok(span);
      assert.equal(span.parentSpanContext, undefined, 'the gateway span is a root');
      assert.notEqual(span.spanContext().traceId, page.traceId);
      assert.ok(find('echo receive', span), 'the trace still spans the service');
    } finally {
      await untrusting.close();
    }
  });

  it("the client library sends its hook's traceparent, and a call's own wins", async () => {
    const hooked = clientSpan();
    const asked: string[] = [];
    const client = connect(sys.url, {
      WebSocket: WS,
      traceparent: (frame) => {
        asked.push(`${frame.type} ${frame.stream}`);
        return hooked.traceparent;
      },
    });
    try {
      const echo = client.stream('echo:lib');
      exporter.reset();
      await echo.join();
      assert.equal(named('muxgate join')[0]?.parentSpanContext?.spanId, hooked.spanId);

      exporter.reset();
      await echo.request('via hook');
      await until(() => find('muxgate msg') !== undefined);
      assert.equal(find('muxgate msg')?.parentSpanContext?.spanId, hooked.spanId);

      const own = clientSpan();
      exporter.reset();
      await echo.request('own', { traceparent: own.traceparent });
      await until(() => find('muxgate msg') !== undefined);
      const span = find('muxgate msg')!;
      assert.equal(span.spanContext().traceId, own.traceId, "the request's own traceparent");
      assert.equal(span.parentSpanContext?.spanId, own.spanId);

      const joinOwn = clientSpan();
      const other = client.stream('echo:lib-own');
      exporter.reset();
      await other.join(undefined, { traceparent: joinOwn.traceparent });
      assert.equal(named('muxgate join')[0]?.parentSpanContext?.spanId, joinOwn.spanId);
      const sendOwn = clientSpan();
      exporter.reset();
      const echoed = new Promise((resolve) => other.once('message', resolve));
      other.send('sent', { traceparent: sendOwn.traceparent });
      await echoed;
      await until(() => find('muxgate msg') !== undefined);
      assert.equal(find('muxgate msg')?.parentSpanContext?.spanId, sendOwn.spanId);
      assert.deepEqual(
        asked,
        ['join echo:lib', 'msg echo:lib'],
        'the hook is not asked when the call has one',
      );
    } finally {
      client.close();
    }
  });

  it('a client whose hook throws still sends, untraced', async () => {
    const client = connect(sys.url, {
      WebSocket: WS,
      traceparent: () => {
        throw new Error('tracer not ready');
      },
    });
    try {
      const echo = client.stream('echo:throws');
      await echo.join();
      exporter.reset();
      assert.equal(await echo.request('still'), 'still');
      await until(() => find('muxgate msg') !== undefined);
      assert.equal(find('muxgate msg')?.parentSpanContext, undefined);
    } finally {
      client.close();
    }
  });
});
