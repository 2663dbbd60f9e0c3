// One connection's streams by name: what its join, msg, leave and presence
// frames act on, and the connection's own limits on them (one stream per
// name, at most max_streams). The Router says where a name goes; each
// stream runs its own lifecycle (stream.ts); the session decodes frames and
// owns the socket.
import type { Headers } from '../bus/bus.ts';
import type { OutboundFrame, ScopeProps } from '../proto/index.ts';
import { ErrorCode } from '../protocol/codes.ts';
import type { ClientFrame, Ref } from '../protocol/frames.ts';
import type { FrameError } from './codec.ts';
import type { StreamAddress } from './router.ts';
import { Stream, type StreamContext } from './stream.ts';

export interface StreamTableDeps {
  /** What every stream of the connection shares (router and metrics included). */
  context: StreamContext;
  /** The connection's reply subject, which services publish its Outbound frames to. */
  connSubject: string;
  scope: ScopeProps;
  maxStreams: number;
  /** Answers a frame the table refuses. */
  refuse(e: FrameError): void;
}

type Refusal = { code: ErrorCode; message: string };

/** The client frames that act on one of the connection's streams. */
export type StreamFrame = Exclude<ClientFrame, { type: 'ping' | 'refresh' }>;

export class StreamTable {
  readonly #streams = new Map<string, Stream>();
  readonly #deps: StreamTableDeps;

  constructor(deps: StreamTableDeps) {
    this.#deps = deps;
  }

  /** How many more streams the connection may open. */
  get room(): number {
    return this.#deps.maxStreams - this.#streams.size;
  }

  /**
   * `payloadJson` is the frame's payload as the client wrote it (it travels
   * byte-exact); `user` is the one the token in force names: it decides
   * `=auth` routes, not the upgrade's.
   */
  handle(frame: StreamFrame, payloadJson: string | undefined, user: string): void {
    switch (frame.type) {
      case 'join':
        return this.#join(frame.stream, frame.ref, payloadJson, frame.since, user);
      case 'msg':
        return this.#joined(frame.stream, frame.ref)?.forward(
          payloadJson ?? 'null',
          frame.ref,
          frame.id,
        );
      case 'leave': {
        const stream = this.#streams.get(frame.stream);
        if (!stream) return this.#notJoined(frame.stream, frame.ref);
        return stream.requestLeave(frame.ref);
      }
      case 'presence':
        return this.#joined(frame.stream, frame.ref)?.presence(frame.ref);
      default:
        // A frame type added to the schema must be handled here or by the session.
        frame satisfies never;
    }
  }

  #join(
    name: string,
    ref: Ref | undefined,
    payloadJson: string | undefined,
    since: string | undefined,
    user: string,
  ): void {
    const route = this.#deps.context.router.resolve(name, user);
    if (!route.ok) return this.#refuse(route, ref, name);
    const refused = this.#admission(name);
    if (refused) return this.#refuse(refused, ref, name);
    const stream = this.add({
      service: route.service,
      stream: name,
      topic: route.topic,
      connSubject: this.#deps.connSubject,
      scope: this.#deps.scope,
    });
    stream.join(ref, payloadJson, since);
  }

  /** Opens a stream at `address`, for a client's join or the connect service (§4.9). */
  add(address: StreamAddress): Stream {
    const stream = new Stream(address, this.#deps.context);
    this.#streams.set(address.stream, stream);
    this.#deps.context.metrics.streamOpened();
    return stream;
  }

  /** False when the frame's stream is not open here. */
  deliver(out: OutboundFrame): boolean {
    const stream = this.#streams.get(out.stream ?? '');
    stream?.deliver(out);
    return stream !== undefined;
  }

  kick(name: string, reason: string): boolean {
    return this.#streams.get(name)?.kick(reason) ?? false;
  }

  /** The stream has ended: its name is free again. */
  ended(stream: Stream): void {
    if (this.#streams.get(stream.name) !== stream) return;
    this.#streams.delete(stream.name);
    this.#deps.context.metrics.streamClosed();
  }

  /** The connection has closed: every stream ends, with the trace headers of the close. */
  closeAll(headers: Headers | undefined): void {
    for (const stream of [...this.#streams.values()]) stream.connectionClosed(headers);
  }

  #admission(name: string): Refusal | undefined {
    const max = this.#deps.maxStreams;
    if (this.#streams.has(name))
      return { code: ErrorCode.AlreadyJoined, message: `${name} is already joined` };
    if (this.#streams.size >= max)
      return { code: ErrorCode.TooManyStreams, message: `at most ${max} streams per connection` };
    return undefined;
  }

  #joined(name: string, ref: Ref | undefined): Stream | undefined {
    const stream = this.#streams.get(name);
    if (stream?.phase === 'joined') return stream;
    this.#notJoined(name, ref);
    return undefined;
  }

  #notJoined(name: string, ref: Ref | undefined): void {
    this.#refuse({ code: ErrorCode.NotJoined, message: `${name} is not joined` }, ref, name);
  }

  #refuse(e: Refusal, ref: Ref | undefined, stream: string): void {
    this.#deps.refuse({ code: e.code, message: e.message, ref, stream });
  }
}
