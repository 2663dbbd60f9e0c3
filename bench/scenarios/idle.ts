// Idle connections: the resident memory each one costs and the time to
// accept them all, on the gateway and on the bare ws server side by side.
// Every size gets a fresh server, so the baseline is a process that has
// never held a connection.
import { ClientPool } from '../lib/clients.ts';
import type { BenchContext } from '../lib/context.ts';
import { rssBytes } from '../lib/proc-stats.ts';
import { forkWorker, startGateway } from '../lib/procs.ts';
import { BARE_WS, type BareServer } from './bare-ws.ts';

export interface IdleLevel {
  server: 'gateway' | BareServer['name'];
  /** Connections asked for. */
  requested: number;
  accepted: number;
  failed: number;
  firstError: string | undefined;
  acceptSeconds: number;
  acceptsPerSec: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  rssPerConnKiB: number;
}

export interface IdleResult {
  /** Why a size was cut down, when it was. */
  capped: string | undefined;
  levels: IdleLevel[];
}

// File descriptors a server needs besides its sockets (NATS, listeners, stdio, libraries).
const FD_RESERVE = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MiB = 1024 * 1024;

/** `bares`: the bare servers measured beside the gateway (bare ws, and Bun when it is there). */
export async function runIdle(ctx: BenchContext, bares = [BARE_WS]): Promise<IdleResult> {
  const max = ctx.fdLimit - FD_RESERVE;
  const sizes = [...new Set(ctx.sizes.idleConnections.map((n) => Math.min(n, max)))];
  const capped = ctx.sizes.idleConnections.some((n) => n > max)
    ? `the open-file limit is ${ctx.fdLimit} per process and cannot be raised here; ` +
      `a server holds one descriptor per connection, so at most ${max} were opened`
    : undefined;
  if (capped) ctx.log(`  ${capped}`);
  const levels: IdleLevel[] = [];
  for (const n of sizes) {
    for (const bare of [undefined, ...bares]) {
      const server = bare?.name ?? 'gateway';
      let url: string;
      let pid: number;
      let stop: () => Promise<void>;
      if (!bare) {
        const gw = await startGateway(`gw-idle-${n}`, ctx.natsUrl, 'bench-idle', {}, ctx.dirs);
        [url, pid, stop] = [gw.wsUrl, gw.pid, () => gw.stop()];
      } else {
        const w = forkWorker(`${bare.name}-idle-${n}`, bare.file, ctx.dirs, bare.runtime);
        const { port } = await w.call<{ port: number }>('listen');
        [url, pid, stop] = [`ws://127.0.0.1:${port}/`, w.pid, () => w.stop()];
      }
      try {
        await sleep(ctx.sizes.settleMs);
        const before = rssBytes(pid);
        const { pool, opened } = await ClientPool.open(
          `idle-${server}-${n}`,
          {
            urls: [url],
            count: n,
            procs: Math.max(2, Math.ceil(n / ctx.sizes.connsPerClientProc)),
            welcome: server === 'gateway',
            concurrency: 128,
          },
          ctx.dirs,
        );
        try {
          await sleep(ctx.sizes.settleMs);
          const after = rssBytes(pid);
          const level: IdleLevel = {
            server,
            requested: n,
            accepted: opened.opened,
            failed: opened.failed,
            firstError: opened.firstError,
            acceptSeconds: Math.round(opened.ms) / 1000,
            acceptsPerSec: Math.round(opened.opened / (opened.ms / 1000)),
            rssBeforeMiB: Math.round((before / MiB) * 10) / 10,
            rssAfterMiB: Math.round((after / MiB) * 10) / 10,
            rssPerConnKiB: opened.opened
              ? Math.round(((after - before) / opened.opened / 1024) * 100) / 100
              : 0,
          };
          levels.push(level);
          ctx.log(
            `  ${server}, ${opened.opened} idle connections: ${level.rssPerConnKiB} KiB each, accepted in ${level.acceptSeconds} s` +
              (opened.failed ? ` (${opened.failed} failed: ${opened.firstError})` : ''),
          );
        } finally {
          await pool.close();
        }
      } finally {
        await stop();
      }
    }
  }
  return { capped, levels };
}
