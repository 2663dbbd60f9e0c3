// W3C trace context across the bus. There is no NATS instrumentation package,
// so the gateway and the SDK inject and extract `traceparent`/`tracestate`
// through these helpers. Without a registered OpenTelemetry SDK every call here
// is a cheap no-op: the API's default propagator writes nothing.
import {
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { Headers } from './bus.ts';

export const tracer = trace.getTracer('muxgate');
export { context, SpanKind, SpanStatusCode, type Context, type Span };

const setter: TextMapSetter<Headers> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};
const getter: TextMapGetter<Headers | undefined> = {
  keys: (carrier) => (carrier ? Object.keys(carrier) : []),
  get: (carrier, key) => carrier?.[key],
};

/** Headers carrying the trace context of `ctx`, or undefined when there is none to carry. */
export function injectHeaders(ctx: Context = context.active()): Headers | undefined {
  const carrier: Headers = {};
  propagation.inject(ctx, carrier, setter);
  for (const _ in carrier) return carrier;
  return undefined;
}

/** Runs `fn` inside a new span that is a child of `parent`, and ends the span when `fn` returns. */
export function inSpan<T>(name: string, kind: SpanKind, parent: Context, fn: (span: Span) => T): T {
  const span = tracer.startSpan(name, { kind }, parent);
  try {
    return context.with(trace.setSpan(parent, span), fn, undefined, span);
  } finally {
    span.end();
  }
}

/** The context `span` runs in, for injecting into messages sent on its behalf. */
export function spanContext(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}

/**
 * Runs `fn` in the trace a client's frame carries (its `traceparent`, already
 * checked by the frame schema), so the span the gateway starts for the frame
 * is that trace's child. Without one, or without an SDK, it just runs `fn`.
 */
export function inClientTrace<T>(traceparent: string | undefined, fn: () => T): T {
  if (traceparent === undefined) return fn();
  return context.with(propagation.extract(context.active(), { traceparent }, getter), fn);
}

export function extractContext(headers: Headers | undefined): Context {
  return headers ? propagation.extract(context.active(), headers, getter) : context.active();
}
