// An OTLP/HTTP trace receiver for tests: what a collector's port 4318 does
// with POST /v1/traces, keeping the spans instead of forwarding them. It
// reads both encodings the exporters send: protobuf (http/protobuf, the
// default) and JSON (http/json), gzipped or not.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

/** One received span, with ids as lowercase hex and the service.name of its resource. */
export interface ReceivedSpan {
  service: string;
  /** Every attribute of the span's resource, service.name among them. */
  resource: Record<string, unknown>;
  name: string;
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
}

// The part of opentelemetry-proto's ExportTraceServiceRequest
// (collector/trace/v1, trace/v1, resource/v1, common/v1) a test reads, with
// the spec's field numbers; protobuf skips the fields it does not name.
const OTLP_SUBSET = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  repeated KeyValue attributes = 9;
}
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; }
}
`;
const Request = protobuf
  .parse(OTLP_SUBSET, { keepCase: false })
  .root.lookupType('ExportTraceServiceRequest');

// The shape of the request as JSON: OTLP/JSON's own (camelCase, hex ids), and
// protobufjs's toObject() of the protobuf form (the same, with base64 ids).
interface KeyValue {
  key: string;
  value?: { stringValue?: string; boolValue?: boolean; intValue?: string; doubleValue?: number };
}
interface Otlp {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: KeyValue[];
      }[];
    }[];
  }[];
}

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Content-Type of every request, in order: which encoding each exporter chose. */
  readonly contentTypes: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new OtlpReceiver(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      void receiver.#accept(req).then(
        (type) => {
          // An empty ExportTraceServiceResponse: every span accepted.
          res.writeHead(200, { 'content-type': type });
          res.end(type === 'application/json' ? '{}' : '');
        },
        (err: unknown) => {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(String(err));
        },
      );
    });
    return receiver;
  }

  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to: the exporters add /v1/traces. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async #accept(req: IncomingMessage): Promise<string> {
    if (req.method !== 'POST' || req.url !== '/v1/traces')
      throw new Error(`${req.method} ${req.url} is not an OTLP trace export`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    this.contentTypes.push(type);
    if (type === 'application/json') this.#keep(JSON.parse(body.toString('utf8')) as Otlp, hex);
    else if (type === 'application/x-protobuf')
      this.#keep(Request.toObject(Request.decode(body), { longs: String, bytes: String }), base64);
    else throw new Error(`unexpected content-type ${type}`);
    return type;
  }

  /** `id` turns the request's ids into hex: OTLP/JSON writes hex, protobufjs base64. */
  #keep(request: Otlp, id: (s: string) => string): void {
    for (const rs of request.resourceSpans ?? []) {
      const resource = attributes(rs.resource?.attributes);
      const service = String(resource['service.name']);
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          this.spans.push({
            service,
            resource,
            name: s.name,
            traceId: id(s.traceId),
            spanId: id(s.spanId),
            parentSpanId: s.parentSpanId ? id(s.parentSpanId) : undefined,
            attributes: attributes(s.attributes),
          });
    }
  }
}

const hex = (s: string): string => s.toLowerCase();
const base64 = (s: string): string => Buffer.from(s, 'base64').toString('hex');

function attributes(kvs: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of kvs ?? [])
    out[key] = value?.stringValue ?? value?.boolValue ?? value?.intValue ?? value?.doubleValue;
  return out;
}
