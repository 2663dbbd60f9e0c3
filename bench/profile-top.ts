// Summarises a V8 CPU profile (node --cpu-prof, or `npm run bench -- --profile`):
// the functions with the most self time, and the share of each source file;
// with a third argument, the total time (callees included) of every function
// whose name or file contains one of its comma-separated words.
//
//   node --import tsx bench/profile-top.ts <file.cpuprofile> [rows] [word,word…]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg, wordsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-top.ts <file.cpuprofile> [rows] [word,word…]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self].reduce(
  (a, [id, t]) => (byId.get(id)!.callFrame.functionName === '(idle)' ? a + t : a),
  0,
);

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '~/')
    .replace(/^.*\/wt-[^/]+\//, '');
const fnKey = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') continue;
  byFn.set(fnKey(n), (byFn.get(fnKey(n)) ?? 0) + t);
  const f = short(n.callFrame.url) || n.callFrame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + t);
}
const busy = total - idle;
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(busy / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle`);
console.log('\nself time by function (share of busy time)');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${pct(t)}  ${k}`);
console.log('\nself time by file');
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, rows))
  console.log(`${pct(t)}  ${k}`);

if (wordsArg) {
  // Total time: each sample counts once for every distinct matching function on its stack.
  const words = wordsArg.split(',').filter(Boolean);
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  for (const [id, t] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = fnKey(byId.get(at)!);
      if (seen.has(k) || !words.some((w) => k.includes(w))) continue;
      seen.add(k);
      totals.set(k, (totals.get(k) ?? 0) + t);
    }
  }
  console.log(`\ntotal time (callees included) of functions matching ${words.join(', ')}`);
  for (const [k, t] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${pct(t)}  ${(t / 1e3).toFixed(0).padStart(6)} ms  ${k}`);
}
