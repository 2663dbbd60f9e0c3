// How the image runs node: tests and benchmarks that judge memory run their
// gateway under the same V8 options as a deployed one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** NODE_OPTIONS as the Dockerfile's runtime stage sets them. */
export async function imageNodeOptions(): Promise<string> {
  const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
  const set = /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile)?.[1];
  if (!set) throw new Error('the Dockerfile does not set NODE_OPTIONS');
  return set.trim();
}

/**
 * The old generation V8 gives a gateway in its pod. Node sizes V8's heap
 * from the container's memory limit (libuv's constrained memory, in
 * SetIsolateCreateParamsForNode): a quarter of it, times two on 64-bit
 * (V8's kHeapLimitMultiplier), so half the limit, never under 256 MiB; the
 * cap (2 GiB here) is V8's and differs between versions. A benchmark
 * machine has no such limit, so a gateway there would grow to V8's
 * host-sized ceiling (4 GiB); the soak runs it under the pod's instead.
 */
export async function podOldSpaceMiB(): Promise<number> {
  const yaml = await readFile(join(ROOT, 'deploy/gateway.yaml'), 'utf8');
  const limit = /limits:\s*\n\s*memory:\s*(\d+)(Mi|Gi)\b/.exec(yaml);
  if (!limit) throw new Error('deploy/gateway.yaml sets no memory limit for the gateway');
  const mib = Number(limit[1]) * (limit[2] === 'Gi' ? 1024 : 1);
  return Math.min(2048, Math.max(256, mib / 2));
}
