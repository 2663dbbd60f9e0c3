// How a service runs its handlers: those of one stream one after another,
// so an async handler cannot reorder what a client sent, and different
// streams concurrently. Each runs in the trace context its bus message
// carried, under a span of its own, and is skipped when it was dropped by
// the time its turn came (its deadline passed: a backlog in this process
// counts, not only in the broker).
import { trace } from '@opentelemetry/api';
import type { Headers } from '../../bus/bus.ts';
import { context, extractContext, SpanKind, SpanStatusCode, tracer } from '../../bus/trace.ts';
import type { Logger } from '../../lib/log.ts';
import type { Maybe } from './definition.ts';

export class HandlerChains {
  readonly #tails = new Map<string, Promise<void>>();

  constructor(
    private readonly service: string,
    private readonly log: Logger,
  ) {}

  /**
   * Runs `fn` after the handlers already queued under `key`. `dropped`, asked
   * when its turn comes, says whether to skip it instead.
   */
  run(
    key: string,
    headers: Headers | undefined,
    op: string,
    fn: () => Maybe<void>,
    dropped?: () => boolean,
  ): void {
    const parent = extractContext(headers);
    const span = tracer.startSpan(`${this.service} ${op}`, { kind: SpanKind.CONSUMER }, parent);
    const ctx = trace.setSpan(parent, span);
    const call = (): Maybe<void> => {
      if (dropped?.()) return void span.setAttribute('muxgate.expired', true);
      try {
        return context.with(ctx, fn);
      } catch (err) {
        return Promise.reject(err);
      }
    };
    const settle = (err?: unknown): void => {
      if (err !== undefined) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        this.log.error({ err, key, op }, 'handler failed');
      }
      span.end();
    };
    const prev = this.#tails.get(key);
    const result = prev ? prev.then(call) : call();
    if (!(result instanceof Promise)) return settle();
    const tail: Promise<void> = result.then(
      () => settle(),
      (err: unknown) => settle(err ?? new Error('handler rejected')),
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
  }

  /** Resolves once every handler queued so far has run. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#tails.values()]);
  }
}
