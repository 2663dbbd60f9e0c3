// `npm run fuzz -- --frames=1000000 [--seed=N] [--conns=4]`: the fuzz test's
// frames and checks (test/helpers/fuzz.ts) for as long as you like, against
// an in-process gateway on the in-memory bus with the echo service. Exits 1
// on any violation or error-level log line, and prints the seed to replay it.
import { parseArgs } from 'node:util';
import { echoService } from '../services/echo/index.ts';
import { FUZZ_ENV, fuzzGateway } from '../test/helpers/fuzz.ts';
import { captureLog } from '../test/helpers/logs.ts';
import { TestSystem } from '../test/helpers/system.ts';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '1000000' },
    seed: { type: 'string' },
    conns: { type: 'string', default: '4' },
  },
});
const frames = Number(values.frames);
const seed = values.seed === undefined ? Date.now() % 1_000_000_000 : Number(values.seed);
const conns = Number(values.conns);
if (!(frames > 0 && Number.isSafeInteger(seed) && conns > 0)) {
  console.error('usage: npm run fuzz -- [--frames=N] [--seed=N] [--conns=N]');
  process.exit(2);
}

const { log, lines } = captureLog('error');
const sys = await TestSystem.start({ services: [echoService], env: FUZZ_ENV, log });
console.log(`fuzz: ${frames} frames over ${conns} connections, seed ${seed}`);
let shown = 0;
const report = await fuzzGateway({
  port: sys.gateway.port,
  frames,
  seed,
  conns,
  progress: (n) => {
    if (n - shown < 100_000) return;
    shown = n;
    console.log(`  ${n} frames sent`);
  },
});
await sys.close();

console.log(
  `${report.total} frames in ${report.seconds.toFixed(1)} s (${report.skipped} skipped); ` +
    `${report.answered} refs answered once; closes ${JSON.stringify(report.closes)}; ` +
    `${report.binaryAnswered} binary frames answered`,
);
console.log(`sent    ${JSON.stringify(report.sent)}`);
console.log(`answers ${JSON.stringify(report.answers)}`);
for (const v of report.violations) console.log(`VIOLATION ${v}`);
for (const l of lines) console.log(`ERROR LOG ${l.msg}`);
const failed = report.violations.length > 0 || lines.length > 0;
console.log(failed ? `FAILED (seed ${seed})` : 'ok');
process.exit(failed ? 1 : 0);
