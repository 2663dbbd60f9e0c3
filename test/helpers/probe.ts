// A service for tests whose behaviour the client chooses through payloads,
// and which records what it saw, so tests can assert both sides.
import { accept, defineService, refuse, type LeaveReason } from '../../services/sdk/index.ts';

export interface ProbeLog {
  joins: Array<{
    stream: string;
    topic: string;
    address: string;
    payload: unknown;
    user: string;
    claims: unknown;
  }>;
  leaves: Array<{ stream: string; reason: LeaveReason; state: unknown }>;
  received: Array<{ stream: string; payload: unknown }>;
}

type JoinAsk = {
  refuse?: { code: string; message: string };
  payload?: unknown;
  groups?: string[];
  /** Frames sent before the JoinReply: the gateway must hold them until `joined`. */
  early?: number;
  delayMs?: number;
};

type MsgAsk = {
  close?: { code?: string; reason?: string };
  scope?: boolean;
  group?: string;
  count?: number;
};

export function probeService(name = 'probe'): {
  definition: ReturnType<typeof defineService<{ n: number }>>;
  log: ProbeLog;
} {
  const log: ProbeLog = { joins: [], leaves: [], received: [] };
  const definition = defineService<{ n: number }>({
    name,
    async join(ctx, payload) {
      const ask = (payload ?? {}) as JoinAsk;
      log.joins.push({
        stream: ctx.stream,
        topic: ctx.topic,
        address: ctx.address,
        payload,
        user: ctx.scope.user,
        claims: ctx.scope.claims,
      });
      if (ask.delayMs) await new Promise((r) => setTimeout(r, ask.delayMs));
      if (ask.refuse) return refuse(ask.refuse.code, ask.refuse.message);
      for (let i = 0; i < (ask.early ?? 0); i++) ctx.send({ early: i });
      return accept({ payload: ask.payload, groups: ask.groups, state: { n: 7 } });
    },
    receive(ctx, payload, ref) {
      log.received.push({ stream: ctx.stream, payload });
      const ask = (payload ?? {}) as MsgAsk;
      if (ask.close) return ctx.close(ask.close.code, ask.close.reason);
      if (ask.scope) return ctx.reply(ref ?? 'scope', { ...ctx.scope, state: ctx.state });
      if (ask.group) return ctx.groupSend(ask.group, { count: ask.count ?? 0 });
      if (ref !== undefined) ctx.reply(ref, payload);
    },
    leave(ctx, reason) {
      log.leaves.push({ stream: ctx.stream, reason, state: ctx.state });
    },
  });
  return { definition, log };
}
