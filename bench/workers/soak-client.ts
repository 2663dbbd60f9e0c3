// A soak client worker: one process churning its share of the soak's
// connections (bench/lib/churn.ts): it opens them, churns them once told
// to, and closes them all when told to stop.
import { Churn } from '../lib/churn.ts';
import type { ChurnArgs, ChurnResult, ChurnStatus } from '../lib/churn-types.ts';
import { serve } from '../lib/rpc.ts';

let churn: Churn | undefined;

serve({
  start(args: ChurnArgs): void {
    if (churn) throw new Error('already churning: stop first');
    churn = new Churn(args);
  },

  churn(): void {
    if (!churn) throw new Error('start first');
    churn.churn();
  },

  status(): ChurnStatus {
    if (!churn) throw new Error('start first');
    return churn.status();
  },

  async stop(): Promise<ChurnResult> {
    if (!churn) throw new Error('start first');
    const result = await churn.stop();
    churn = undefined;
    return result;
  },
});
