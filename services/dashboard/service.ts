// The dashboard service: Channels 1.x data binding on a JetStream KV bucket.
// Joining `dashboard:<board>` answers with a snapshot of the board and puts
// the stream in the board's group, where the relay publishes every change.
// Replicas keep no state: any of them can answer any join or action.
import type { Logger } from '../../lib/log.ts';
import { accept, defineService, refuse, type ServiceDefinition } from '../sdk/index.ts';
import { Actions } from './actions.ts';
import {
  BOARD_RE,
  boardGroup,
  DashboardError,
  splitStoreKey,
  type DashboardLimits,
  type SnapshotPayload,
} from './model.ts';
import type { KvStore } from '../sdk/index.ts';

export interface DashboardServiceDeps {
  store: KvStore;
  limits: DashboardLimits;
  log: Logger;
}

export function dashboardService(d: DashboardServiceDeps): ServiceDefinition {
  const actions = new Actions(d);
  return defineService({
    name: 'dashboard',
    async join(ctx) {
      const board = ctx.topic;
      if (!BOARD_RE.test(board))
        return refuse(
          DashboardError.BadRequest,
          'join dashboard:<board>, a board being 1 to 64 characters of [A-Za-z0-9_-]',
        );
      const snap = await d.store.list(board);
      const payload: SnapshotPayload = {
        board,
        revision: snap.revision,
        pos: String(snap.revision),
        entries: [],
      };
      for (const e of snap.entries) {
        const name = splitStoreKey(e.key);
        if (name) payload.entries.push({ key: name.key, value: e.value, revision: e.revision });
      }
      return accept({ payload, groups: [boardGroup(board)] });
    },
    async receive(ctx, payload, ref) {
      const reply = await actions.handle(ctx, ctx.topic, payload);
      if (ref !== undefined && reply) ctx.reply(ref, reply);
    },
  });
}
