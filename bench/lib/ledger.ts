// What a service saw of its streams' lives, kept by a wrapper around the real
// service definition: every accepted join must be followed by exactly one
// Leave for the same stream of the same connection. The soak bench and its
// short version in the tests read it after every client closed: a stream the
// gateway forgot to leave stays open here, a Leave without a join shows up
// as unmatched.
import type { ServiceDefinition } from '../../services/sdk/index.ts';

export interface LedgerCounts {
  accepted: number;
  refused: number;
  leaves: number;
  /** Accepted streams that have not had their Leave yet. */
  open: number;
  /** Leaves for a stream with no accepted join open: a duplicate or a stray. */
  unmatched: number;
  /** Leaves by their reason (leave, disconnect, …). */
  reasons: Record<string, number>;
}

export class StreamLedger {
  accepted = 0;
  refused = 0;
  leaves = 0;
  unmatched = 0;
  readonly reasons: Record<string, number> = {};
  // A connection may join the same stream again after leaving it, so a count, not a flag.
  readonly #open = new Map<string, number>();

  join(key: string): void {
    this.accepted++;
    this.#open.set(key, (this.#open.get(key) ?? 0) + 1);
  }

  leave(key: string, reason: string): void {
    this.leaves++;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
    const n = this.#open.get(key);
    if (n === undefined) return void this.unmatched++;
    if (n > 1) this.#open.set(key, n - 1);
    else this.#open.delete(key);
  }

  counts(): LedgerCounts {
    let open = 0;
    for (const n of this.#open.values()) open += n;
    return {
      accepted: this.accepted,
      refused: this.refused,
      leaves: this.leaves,
      open,
      unmatched: this.unmatched,
      reasons: { ...this.reasons },
    };
  }
}

/**
 * The definition with its joins and leaves recorded in `ledger`. The join is
 * recorded before the handler's answer goes out, so its Leave (which the
 * runner hands over after the join, on the same stream's chain) always finds it.
 */
export function counted<S>(def: ServiceDefinition<S>, ledger: StreamLedger): ServiceDefinition<S> {
  return {
    ...def,
    async join(ctx, payload) {
      const decision = def.join ? await def.join(ctx, payload) : { accept: true as const };
      if (decision.accept) ledger.join(`${ctx.address} ${ctx.stream}`);
      else ledger.refused++;
      return decision;
    },
    async leave(ctx, reason) {
      ledger.leave(`${ctx.address} ${ctx.stream}`, reason);
      await def.leave?.(ctx, reason);
    },
  };
}
