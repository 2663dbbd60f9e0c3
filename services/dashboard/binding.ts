// The dashboard as a binding: boards are the first token of the bucket's
// keys, writes need the `dashboard:write` scope or the `admin` role, values
// are numbers or JSON objects, and `announce` is the service's own action.
// Everything else (snapshot, sync, events, CAS, increments, the relay) is the
// SDK's binding (services/sdk/binding).
import { z } from 'zod';
import {
  ActionError,
  BindingError,
  byPrefix,
  type BindingDeclaration,
  type CustomAction,
  type Permission,
} from '../sdk/index.ts';
import { actionSchema, boardGroup, type Announcement, type DashboardLimits } from './model.ts';
import { permissionsOf } from './permissions.ts';

const write: Permission = (scope) => permissionsOf(scope.claims).write;

/** The declaration; the bucket and relay settings are added by createDashboard. */
export function dashboardBinding(limits: DashboardLimits): Omit<BindingDeclaration, 'bucket'> {
  return {
    name: 'dashboard',
    groups: byPrefix(1, 128),
    groupField: 'board',
    noun: 'boards',
    leaseKey: 'relay',
    permissions: { create: write, update: write, delete: write, increment: write },
    value: z.union([z.number(), z.record(z.string(), z.json())], {
      error: 'value: a number or a JSON object',
    }),
    limits,
    actions: { announce: announce(limits) },
  };
}

function announce(limits: DashboardLimits): CustomAction {
  const schema = actionSchema(limits);
  return (ctx, board, payload) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success || parsed.data.action !== 'announce')
      return refusal(
        new ActionError(
          BindingError.BadRequest,
          parsed.error?.issues.map((i) => i.message).join('; ') ?? 'bad announce',
        ),
      );
    if (!permissionsOf(ctx.scope.claims).announce)
      return refusal(
        new ActionError(BindingError.Forbidden, 'this connection may not announce on boards'),
      );
    const msg: Announcement = {
      type: 'announcement',
      board,
      from: ctx.scope.user,
      message: parsed.data.message,
      at: new Date().toISOString(),
    };
    ctx.groupSend(boardGroup(board), msg);
    return { ok: true };
  };
}

function refusal(err: ActionError) {
  return { ok: false as const, error: { code: err.code, message: err.message } };
}
