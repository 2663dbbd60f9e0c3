// Protocol 1.1 §4.9, server-opened streams, on the service's side: a
// service named by a gateway's MUX_CONNECT_SERVICE answers
// mux.svc.<service>.connect once per new connection with the streams to open
// for it. Each is as if the client had joined it and the service had
// accepted: later Inbound and Leave messages for it reach the service like
// any stream's, with the state given here.
import { encodeJson } from '../../protocol/json.ts';
import { parseStream } from '../../protocol/names.ts';
import { ConnectReply, type ScopeProps } from '../../proto/index.ts';
import { parseScope, type Scope } from './context.ts';
import type { AcceptedStream } from './gateway-watch.ts';
import { assertGroup, InvalidNameError } from './publisher.ts';

/** One stream a connect handler opens for the new connection. */
export interface OpenStream<S = unknown> {
  /** The service's own name, or `<name>:<topic>`: its messages come back to this service. */
  stream: string;
  /** Groups the stream joins before the client gets its `joined`. */
  groups?: string[];
  /** Sent to the client in `joined` (which carries no `ref`). */
  payload?: unknown;
  /** Handed back with each of the stream's messages, as a join's Acceptance.state. */
  state?: S;
}

/** What a connect handler knows of the new connection. */
export class ConnectContext {
  #scope: Scope | undefined;

  constructor(
    /** The connection's address; keep it to publish to it later (Publisher.toConnection). */
    readonly address: string,
    private readonly rawScope: ScopeProps | null | undefined,
    /** When the gateway stops waiting for the answer, in Unix ms on its clock. */
    readonly deadline: number | undefined,
  ) {}

  /** Who is on the other end: the JWT subject and claims, or '' and undefined when anonymous. */
  get scope(): Scope {
    return (this.#scope ??= parseScope(this.rawScope));
  }
}

/**
 * The ConnectReply for what a handler returned, and the streams it opens
 * (for the gateway watch). Throws InvalidNameError when a stream is not the
 * service's, is named twice, or has a bad group name: an answer the gateway
 * would partly refuse is a bug in the handler, better seen here.
 */
export function connectReply<S>(
  service: string,
  address: string,
  scope: ScopeProps | null | undefined,
  streams: readonly OpenStream<S>[],
): { reply: Uint8Array; opened: AcceptedStream[] } {
  const seen = new Set<string>();
  const opened: AcceptedStream[] = [];
  const out = streams.map((s) => {
    const parsed = parseStream(s.stream);
    if (!parsed || parsed.service !== service)
      throw new InvalidNameError(`not a stream of ${service}: ${JSON.stringify(s.stream)}`);
    if (seen.has(s.stream)) throw new InvalidNameError(`stream named twice: ${s.stream}`);
    seen.add(s.stream);
    s.groups?.forEach(assertGroup);
    const state = s.state === undefined ? new Uint8Array(0) : encodeJson(s.state);
    opened.push({ address, stream: s.stream, topic: parsed.topic, state, scope });
    return {
      stream: s.stream,
      groups: s.groups ?? [],
      payload: s.payload === undefined ? new Uint8Array(0) : encodeJson(s.payload),
      state,
    };
  });
  return { reply: ConnectReply.encode({ streams: out }).finish(), opened };
}
