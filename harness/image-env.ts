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
