// Span export for the muxgate processes, configured by OpenTelemetry's own
// variables. The code that makes spans (bus/trace.ts and its callers) uses
// only @opentelemetry/api, a no-op until a tracer provider is registered;
// this module registers one, with an OTLP/HTTP exporter, when
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set.
// Without it nothing is loaded: the SDK is imported only on that path.
//
// The exporter reads the rest itself (headers, timeout, compression, TLS
// files), the provider reads the sampler and the limits, the batch processor
// its OTEL_BSP_* knobs. Chosen here: whether to trace at all, the protocol,
// and the resource (service.name from OTEL_SERVICE_NAME, else the caller's
// default, plus OTEL_RESOURCE_ATTRIBUTES).
import type { Logger } from './log.ts';

/** OpenTelemetry's variables ask for something muxgate cannot do; the process does not start. */
export class TelemetryConfigError extends Error {}

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface TelemetrySetup {
  /** The traces endpoint as configured (the exporter derives the URL from the variables itself). */
  endpoint: string;
  protocol: OtlpProtocol;
}

export interface Telemetry {
  /** Exports the spans still buffered and stops; the last thing a process drains. */
  drain(): Promise<void>;
}

const OFF: Telemetry = { drain: () => Promise.resolve() };

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'] satisfies OtlpProtocol[];

const set = (v: string | undefined): string | undefined => v?.trim() || undefined;

/**
 * What OpenTelemetry's variables ask of this process: undefined when tracing
 * is off (no endpoint, OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none).
 * Throws TelemetryConfigError for what would otherwise export nothing
 * without a word: gRPC, another exporter, an endpoint that is not a URL.
 */
export function telemetrySetup(env: NodeJS.ProcessEnv = process.env): TelemetrySetup | undefined {
  if (set(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return undefined;
  const endpoint =
    set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ?? set(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (endpoint === undefined) return undefined;
  const exporters = (set(env.OTEL_TRACES_EXPORTER) ?? 'otlp').split(',').map((s) => s.trim());
  if (exporters.includes('none')) return undefined;
  const other = exporters.find((e) => e !== 'otlp');
  if (other !== undefined)
    throw new TelemetryConfigError(
      `OTEL_TRACES_EXPORTER=${other} is not supported: muxgate exports over OTLP (otlp) or not at all (none)`,
    );
  const protocol =
    set(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ??
    set(env.OTEL_EXPORTER_OTLP_PROTOCOL) ??
    'http/protobuf';
  if (!PROTOCOLS.includes(protocol))
    throw new TelemetryConfigError(
      `OTLP protocol ${protocol} is not supported: use http/protobuf (the default) or http/json, ` +
        "on the collector's OTLP/HTTP port (4318)",
    );
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TelemetryConfigError(`the OTLP endpoint is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TelemetryConfigError(
      `the OTLP endpoint must be an http:// or https:// URL, not ${url.protocol}`,
    );
  return { endpoint, protocol: protocol as OtlpProtocol };
}

export interface TelemetryOptions {
  /** service.name when OTEL_SERVICE_NAME is unset: muxgate-gateway, muxgate-echo, … */
  serviceName: string;
  serviceVersion?: string;
  log: Logger;
  env?: NodeJS.ProcessEnv;
}

/**
 * Registers the tracer provider, the context manager and the W3C
 * propagators when the variables ask for export; otherwise does nothing and
 * loads nothing. Call it before anything makes a span.
 */
export async function startTelemetry(opts: TelemetryOptions): Promise<Telemetry> {
  const env = opts.env ?? process.env;
  const setup = telemetrySetup(env);
  if (!setup) return OFF;
  const [api, base, hooks, core, resources, exporter] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    setup.protocol === 'http/json'
      ? import('@opentelemetry/exporter-trace-otlp-http')
      : import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  const log = opts.log.child({ component: 'telemetry' });
  // The SDK reports failed exports through `diag`, silent by default: a
  // collector that is down or refuses the headers must show in the logs.
  api.diag.setLogger(
    {
      error: (message, ...args) => log.warn({ args }, message),
      warn: (message, ...args) => log.warn({ args }, message),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    api.DiagLogLevel.WARN,
  );
  // Later merges win: the process's default name, then what the operator set.
  const resource = resources
    .defaultResource()
    .merge(
      resources.resourceFromAttributes({
        'service.name': opts.serviceName,
        ...(opts.serviceVersion && { 'service.version': opts.serviceVersion }),
      }),
    )
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new base.BasicTracerProvider({
    resource,
    spanProcessors: [new base.BatchSpanProcessor(new exporter.OTLPTraceExporter())],
  });
  api.trace.setGlobalTracerProvider(provider);
  api.context.setGlobalContextManager(new hooks.AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  log.info(
    {
      endpoint: withoutUserinfo(setup.endpoint),
      protocol: setup.protocol,
      service: resource.attributes['service.name'],
    },
    'tracing: exporting spans over OTLP',
  );
  let drained: Promise<void> | undefined;
  return {
    drain: () =>
      (drained ??= provider.shutdown().catch((err: unknown) => {
        log.warn({ err }, 'tracing: the last spans could not be exported');
      })),
  };
}

function withoutUserinfo(endpoint: string): string {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  return url.toString();
}
