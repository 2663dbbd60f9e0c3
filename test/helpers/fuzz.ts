// Fuzzing the gateway's front door (issue 12, "Keep it proven"): frames
// generated with fast-check and most of them mutated (fuzz-frames.ts), sent
// over several connections at once, and every answer checked against what
// docs/PROTOCOL.md promises (fuzz-answers.ts):
//
// - a text frame whose JSON is an object with a valid `ref` (a string of at
//   most 64 characters or a safe integer) gets exactly one frame with that
//   ref back: the frame type's answer (`pong`, `joined`, `reply`, `left`,
//   `refreshed`) or an `error` with a code documented for it;
// - a binary frame gets one `error` `bad_frame` without a ref;
// - a frame over max_frame_bytes closes the socket with 1009, and a text
//   frame that is not UTF-8 with 1007 (RFC 6455), and nothing else closes it;
// - no frame is answered with a ref it did not carry, every frame the gateway
//   writes is a JSON object, and no error is `internal` or undocumented.
//
// Used by test/system/fuzz.test.ts (100,000 frames) and scripts/fuzz.ts
// (any number: `npm run fuzz -- --frames=1000000`).
import fc from 'fast-check';
import { expectationOf, readAnswer, undocumentedError, wrongAnswer } from './fuzz-answers.ts';
import { build, FUZZ_MAX_FRAME_BYTES, specArb } from './fuzz-frames.ts';
import { RawWsClient } from './raw-ws.ts';

/**
 * The gateway's settings for a fuzz run: only echo is routed, frames are
 * small, and the rates are high enough not to be what is measured
 * (`rate_limited` would still be a documented answer).
 */
export const FUZZ_ENV: Record<string, string> = {
  MUX_ROUTES: 'echo',
  MUX_MAX_FRAME_BYTES: String(FUZZ_MAX_FRAME_BYTES),
  MUX_RATE_PER_SECOND: '1000000',
  MUX_RATE_BURST: '1000000',
  MUX_RATE_BYTES_PER_SECOND: String(1 << 30),
  MUX_RATE_BYTES_BURST: String(1 << 30),
  MUX_JOIN_TIMEOUT_MS: '1000',
};

export interface FuzzOptions {
  port: number;
  frames: number;
  seed: number;
  conns?: number;
  /** Frames with a ref that may wait for their answers at once, per connection. */
  window?: number;
  maxFrameBytes?: number;
  /** How long an answer may take before it counts as missing. */
  answerTimeoutMs?: number;
  progress?: (sent: number) => void;
}

export interface FuzzReport {
  seed: number;
  /** Frames sent, by mutation. */
  sent: Record<string, number>;
  total: number;
  /** Frames not sent: a mutation made their ref collide with one already used. */
  skipped: number;
  /** Frames with a ref, each answered exactly once. */
  answered: number;
  /** Answers by type (error by code). */
  answers: Record<string, number>;
  /** Sockets the gateway closed as it should, by code. */
  closes: Record<string, number>;
  binaryAnswered: number;
  violations: string[];
  seconds: number;
}

interface Waiting {
  type: unknown;
  what: string;
  at: number;
}

/** Sends `frames` frames from `seed` at the gateway on `port` and checks every answer. */
export async function fuzzGateway(opts: FuzzOptions): Promise<FuzzReport> {
  const conns = opts.conns ?? 4;
  const report: FuzzReport = {
    seed: opts.seed,
    sent: {},
    total: 0,
    skipped: 0,
    answered: 0,
    answers: {},
    closes: {},
    binaryAnswered: 0,
    violations: [],
    seconds: 0,
  };
  const started = performance.now();
  const per = Math.ceil(opts.frames / conns);
  await Promise.all(
    Array.from({ length: conns }, (_, i) =>
      fuzzOne(opts, report, opts.seed + i * 7919, Math.min(per, opts.frames - i * per)),
    ),
  );
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

const CHUNK = 500;

async function fuzzOne(opts: FuzzOptions, report: FuzzReport, seed: number, frames: number) {
  const maxFrameBytes = opts.maxFrameBytes ?? FUZZ_MAX_FRAME_BYTES;
  const windowSize = opts.window ?? 200;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 15_000;
  const violation = (v: string): void => {
    if (report.violations.length < 100) report.violations.push(v);
  };
  let c!: RawWsClient;
  // Per socket: refs used, refs waiting for their answer, refs answered.
  let used = new Set<string>();
  let waiting = new Map<string, Waiting>();
  let answered = new Set<string>();
  let binarySent = 0;
  let binaryAnswered = 0;
  let expectingClose = false;
  let wake: (() => void) | undefined;

  const onText = (payload: Buffer): void => {
    const f = readAnswer(payload);
    if (typeof f === 'string') return violation(f);
    const undocumented = undocumentedError(f);
    if (undocumented) violation(undocumented);
    if ('ref' in f) {
      const key = JSON.stringify(f.ref);
      const w = waiting.get(key);
      if (w) {
        waiting.delete(key);
        answered.add(key);
        report.answered++;
        const kind = f.type === 'error' ? `error:${String(f.code)}` : String(f.type);
        report.answers[kind] = (report.answers[kind] ?? 0) + 1;
        const wrong = wrongAnswer(w.type, f);
        if (wrong) violation(`${w.what}: ${wrong}`);
      } else if (answered.has(key)) violation(`ref ${key} answered twice (${String(f.type)})`);
      else
        violation(
          `an answer with ref ${key}, which no frame carried (${payload.subarray(0, 120).toString()})`,
        );
    } else if (f.type === 'error' && /binary/.test(String(f.message))) binaryAnswered++;
    wake?.();
  };

  const open = async (): Promise<void> => {
    c = await RawWsClient.open(opts.port);
    c.onText = onText;
    used = new Set();
    waiting = new Map();
    answered = new Set();
    binarySent = binaryAnswered = 0;
    void c.closed.then(() => {
      if (!expectingClose)
        violation(`the gateway closed a socket unasked (close code ${String(c.closeCode)})`);
      wake?.();
    });
    for (const stream of ['echo', 'echo:a']) {
      const ref = `warm-${stream}`;
      waiting.set(JSON.stringify(ref), { type: 'join', what: `join ${stream}`, at: Date.now() });
      used.add(JSON.stringify(ref));
      c.send(JSON.stringify({ type: 'join', stream, ref }));
    }
    await settle();
  };

  const until = async (cond: () => boolean, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
      wake = undefined;
    }
    return true;
  };

  const settle = async (): Promise<void> => {
    if (await until(() => waiting.size === 0 || c.socket.destroyed, answerTimeoutMs)) return;
    const missing = [...waiting.entries()].slice(0, 5).map(([k, w]) => `${k} (${w.what})`);
    violation(`${waiting.size} refs unanswered after ${answerTimeoutMs} ms: ${missing.join('; ')}`);
    waiting.clear();
  };

  const checkBinary = async (): Promise<void> => {
    await until(() => binaryAnswered >= binarySent, 2000);
    report.binaryAnswered += binaryAnswered;
    if (binaryAnswered !== binarySent)
      violation(`${binarySent} binary frames, ${binaryAnswered} bad_frame answers`);
  };

  await open();
  let n = 0;
  for (let done = 0; done < frames;) {
    const specs = fc.sample(specArb, {
      seed: seed + done,
      numRuns: Math.min(CHUNK, frames - done),
    });
    for (const spec of specs) {
      done++;
      const built = build(spec, ++n, maxFrameBytes);
      const expect = expectationOf(built, maxFrameBytes);
      if (expect.kind === 'answer') {
        if (used.has(expect.key)) {
          report.skipped++;
          continue;
        }
        used.add(expect.key);
      }
      report.sent[built.mutation] = (report.sent[built.mutation] ?? 0) + 1;
      report.total++;
      opts.progress?.(report.total);
      if (expect.kind === 'close') {
        // Everything before it answered first: nothing is lost to the close.
        await settle();
        await checkBinary();
        expectingClose = true;
        c.sendFrame(built.opcode, built.bytes);
        const closed = await until(() => c.closeCode !== undefined, 5000);
        if (!closed)
          violation(`${built.mutation}: no close frame after ${built.bytes.length} bytes`);
        else if (c.closeCode !== expect.code)
          violation(`${built.mutation}: closed with ${c.closeCode}, not ${expect.code}`);
        else report.closes[String(expect.code)] = (report.closes[String(expect.code)] ?? 0) + 1;
        c.socket.destroy();
        await c.closed;
        expectingClose = false;
        await open();
        continue;
      }
      if (c.socket.destroyed) await open();
      if (expect.kind === 'binary') binarySent++;
      if (expect.kind === 'answer')
        waiting.set(expect.key, {
          type: expect.type,
          what: `${built.mutation} ${built.bytes.subarray(0, 100).toString()}`,
          at: Date.now(),
        });
      if (!c.sendFrame(built.opcode, built.bytes))
        await new Promise((resolve) => c.socket.once('drain', resolve));
      if (waiting.size >= windowSize) {
        await until(() => waiting.size <= windowSize / 2 || c.socket.destroyed, answerTimeoutMs);
        if (waiting.size > windowSize / 2) await settle();
      }
    }
  }
  await settle();
  await checkBinary();
  expectingClose = true;
  c.socket.destroy();
}
