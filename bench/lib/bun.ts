// Where the `bun` binary is: MUX_BENCH_BUN, or the npm package `bun` (a
// devDependency, which ships the binary). Undefined when neither is there:
// the Bun baselines are then left out of the run, and the report says so.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Worker } from './rpc.ts';
import { monoUs } from './stats.ts';

export function bunBinary(): string | undefined {
  const candidates = [process.env.MUX_BENCH_BUN];
  try {
    const pkg = createRequire(import.meta.url).resolve('bun/package.json');
    candidates.push(join(dirname(pkg), 'bin', 'bun.exe'));
  } catch {
    // not installed
  }
  return candidates.find((path) => {
    if (!path) return false;
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * How far ahead Node's monotonic clock is of a Bun worker's (Bun counts from
 * its start): the round trip with the least delay of a few, its midpoint
 * taken as the moment the worker read its clock.
 */
export async function bunClockOffset(worker: Worker): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const t0 = monoUs();
    const theirs = await worker.call<number>('clock');
    const t1 = monoUs();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: (t0 + t1) / 2 - theirs };
  }
  return best.offset;
}
