// What a client's msg on `dashboard:<board>` does: the binding's actions
// (services/sdk/binding/actions.ts) with the dashboard's declaration, and its
// own `announce`.
import type { Logger } from '../../lib/log.ts';
import { bindingActions, type KvStore, type StreamContext } from '../sdk/index.ts';
import { dashboardBinding } from './binding.ts';
import type { ActionReply, DashboardLimits } from './model.ts';

export interface ActionDeps {
  store: KvStore;
  limits: DashboardLimits;
  log: Logger;
}

export class Actions {
  readonly #decl: ReturnType<typeof dashboardBinding>;
  readonly #actions: ReturnType<typeof bindingActions>;

  constructor(d: ActionDeps) {
    this.#decl = dashboardBinding(d.limits);
    this.#actions = bindingActions({ ...this.#decl, bucket: '' }, d.store, d.log);
  }

  /** The answer to an action; undefined when its deadline passed before its write. */
  async handle(
    ctx: StreamContext,
    board: string,
    payload: unknown,
  ): Promise<ActionReply | undefined> {
    const announce = this.#decl.actions?.announce;
    if (announce && (payload as { action?: unknown } | null)?.action === 'announce')
      return (await announce(ctx, board, payload as Record<string, unknown>)) as ActionReply;
    return (await this.#actions.handle(ctx, board, payload)) as ActionReply | undefined;
  }
}
