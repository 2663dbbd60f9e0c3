// Repeats each failed test of a TAP log with its diagnostics, for the end of
// a CI log: a long log is cut in the middle, and the details of a failure
// far from its end were lost with it.
import { readFileSync } from 'node:fs';

const MAX_LINES = 40;
const lines = readFileSync(process.argv[2] ?? 0, 'utf8').split('\n');
const failed: string[] = [];
for (const [i, line] of lines.entries()) {
  const m = /^(\s*)not ok \d+ - (.*)$/.exec(line);
  if (!m) continue;
  const block = [line];
  // The YAML block that follows: `---` to `...`, at the test's indentation.
  if (lines[i + 1]?.trim() === '---') {
    for (const next of lines.slice(i + 1, i + 1 + MAX_LINES)) {
      block.push(next);
      if (next.trim() === '...') break;
    }
  }
  // A suite that failed only because a subtest did says nothing new.
  if (block.some((l) => /error: '\d+ subtests? failed'/.test(l))) continue;
  failed.push(block.map((l) => l.slice(m[1]?.length ?? 0)).join('\n'));
}
if (failed.length > 0) {
  console.log(`\n=== ${failed.length} failed (tests, or suites whose hooks failed), again ===`);
  for (const f of failed) console.log(`\n${f}`);
}
