// A stream's msgs to its service, and the answers they are owed
// (PROTOCOL.md §4.2, nothing lost silently): while the bus is away the client
// hears `unavailable` at once; a service with no running replica answers
// `unavailable` through the broker; a `ref` the service leaves unanswered gets
// `timeout`; and each ref is answered exactly once.
import { context, injectHeaders, inSpan, SpanKind, spanContext } from '../bus/trace.ts';
import { ErrorCode } from '../protocol/codes.ts';
import type { Ref } from '../protocol/frames.ts';
import type { FrameError } from './codec.ts';
import { AwaitedReplies } from './replies.ts';
import { UNCONNECTED, type Router, type StreamAddress } from './router.ts';

export interface RequestsOwner {
  readonly isClosed: boolean;
  error(e: FrameError): void;
}

export class ServiceRequests {
  readonly #replies: AwaitedReplies;

  constructor(
    private readonly router: Router,
    private readonly owner: RequestsOwner,
    private readonly address: StreamAddress,
    private readonly timeoutMs: number,
    /** Whether the stream is still joined: an answer for an ended stream is not sent. */
    private readonly joined: () => boolean,
  ) {
    this.#replies = new AwaitedReplies(timeoutMs, this.#timedOut);
  }

  /** A `msg` from the client, with the service's per-stream state. */
  forward(payloadJson: string, ref: Ref | undefined, state: Uint8Array, msgId?: string): void {
    if (!this.router.connected) return this.unavailable(ref, UNCONNECTED);
    const refJson = ref === undefined ? '' : JSON.stringify(ref);
    if (ref !== undefined) this.#replies.add(refJson);
    // The moment the client will be told `timeout`. A msg without ref has no
    // deadline: nobody would ever be told that it was dropped.
    const deadlineMs = ref === undefined ? 0 : Date.now() + this.timeoutMs;
    const onNoResponders = this.#noRespondersCallback(refJson, ref);
    inSpan('muxgate msg', SpanKind.SERVER, context.active(), (span) => {
      span.setAttribute('muxgate.stream', this.address.stream);
      this.router.inbound(
        this.address,
        payloadJson,
        refJson,
        state,
        msgId,
        deadlineMs,
        injectHeaders(spanContext(span)),
        onNoResponders,
      );
    });
  }

  /** A reply from the service: true when its ref is still owed an answer. */
  settle(refJson: string): boolean {
    return this.#replies.settle(refJson);
  }

  unavailable(ref: Ref | undefined, message: string): void {
    if (this.owner.isClosed) return;
    this.owner.error({ code: ErrorCode.Unavailable, message, ref, stream: this.address.stream });
  }

  /** The stream ended: returns the refs (as JSON text) still owed an answer. */
  clear(): string[] {
    return this.#replies.clear();
  }

  // Made here, not in forward(): the bus keeps the callback for seconds, and
  // a closure made in forward() would share its context, keeping the payload
  // (and the client's whole frame text) alive as long (issue 12, item 1).
  #noRespondersCallback(refJson: string, ref: Ref | undefined): () => void {
    return () => this.#noResponders(refJson, ref);
  }

  /** The broker says no replica of the service subscribes: the msg reached nobody. */
  #noResponders(refJson: string, ref: Ref | undefined): void {
    if (!this.joined()) return;
    // Answered already (a reply cannot come, but a timeout may have fired).
    if (ref !== undefined && !this.#replies.settle(refJson)) return;
    this.unavailable(ref, `no ${this.address.service} service is running`);
  }

  #timedOut = (refJson: string): void => {
    if (this.owner.isClosed) return;
    this.owner.error({
      code: ErrorCode.Timeout,
      message: `${this.address.service} did not answer within ${this.timeoutMs} ms`,
      ref: JSON.parse(refJson) as Ref,
      stream: this.address.stream,
    });
  };
}
