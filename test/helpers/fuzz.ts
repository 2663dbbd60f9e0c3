// Fuzzing the gateway's front door (issue 12, "Keep it proven"): frames
// generated with fast-check, most of them then mutated (truncated, a
// character flipped, a field of the wrong type, huge numbers, deep nesting,
// odd UTF-8, binary frames, invalid UTF-8, frames over the size limit), sent
// over several connections at once, and every answer checked against what
// docs/PROTOCOL.md promises:
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
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { CloseCode, ErrorCode } from '../../protocol/codes.ts';
import { isRef } from '../../protocol/names.ts';
import { OPCODE_BINARY, OPCODE_TEXT, RawWsClient } from './raw-ws.ts';

/** The frame size limit the fuzz runs under: small, so frames over it are cheap to make. */
export const FUZZ_MAX_FRAME_BYTES = 16 * 1024;

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

const MUTATIONS = {
  none: 900,
  truncate: 120,
  flip: 120,
  insert: 80,
  delete: 80,
  wrongType: 160,
  hugeNumber: 80,
  deep: 60,
  oddUtf8: 120,
  bom: 20,
  dupKey: 40,
  proto: 20,
  junk: 80,
  binary: 40,
  atLimit: 4,
  invalidUtf8: 1,
  oversize: 1,
} as const;
export type Mutation = keyof typeof MUTATIONS;

const TYPES = ['ping', 'join', 'msg', 'leave', 'refresh'];
const STREAMS = ['echo', 'echo:a', 'echo:b', 'echo:room-1', 'echo:x.y~z@w=+-_:1'];
const BAD_STREAMS = [
  'chat',
  'nope:x',
  'Echo',
  'echo:',
  ':x',
  '',
  'echo:a b',
  `echo:${'x'.repeat(129)}`,
  'e'.repeat(33),
  'echo:é',
  'echo.a',
  'echo:*',
  'echo:>',
];
const REF_KINDS = {
  int: 8,
  str: 8,
  neg: 1,
  unicode: 2,
  none: 3,
  long: 1,
  float: 1,
  unsafe: 1,
  array: 1,
  null: 1,
  bool: 1,
  object: 1,
} as const;
type RefKind = keyof typeof REF_KINDS;

/** Characters a flip or an insert puts in: JSON's own, control, and beyond the BMP. */
const NOISE = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  '0',
  '-',
  'e',
  'a',
  ' ',
  '\u0000',
  'é',
  '😀',
];
/** Values of the wrong type for any field. */
const WRONG: unknown[] = [0, -1, 1.5, true, null, [], {}, ['ping'], { a: 1 }, '', 'x'.repeat(70)];
const HUGE = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '-123456789012345678901234567890',
  '1E-400',
  '-0',
  '0.1000000000000000055511151231257827',
  '9007199254740993',
  `1${'0'.repeat(400)}`,
  '5e-324',
  '1.7976931348623157e309',
];
const ODD = [
  '\u0000',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u202e',
  'e\u0301',
  '\uffff',
  '\ufffe',
  '\u2028\u2029',
  '\u{10ffff}',
  '𝄞',
  '\u0085',
  '\x7f',
];
const JUNK = [
  '',
  ' ',
  'null',
  '[]',
  '{}',
  '""',
  '0',
  'true',
  '[{"type":"ping","ref":1}]',
  '{"type":"ping"',
  '{{}}',
  '{"type":"ping","ref":}',
  'NaN',
  '{"type":"ping","ref":1}{"type":"ping","ref":2}',
  '\u0000',
  '{"type":"ping","ref":1,}',
  "{'type':'ping'}",
];
const BAD_UTF8 = [
  [0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
];

function weighted<T extends string>(weights: Record<T, number>): fc.Arbitrary<T> {
  return fc.oneof(
    ...Object.entries<number>(weights).map(([k, weight]) => ({
      weight,
      arbitrary: fc.constant(k as T),
    })),
  );
}

const specArb = fc.record({
  type: fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom<unknown>(...TYPES) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.integer(),
        fc.constant<unknown>(null),
        fc.constant<unknown>(['ping']),
      ),
    },
  ),
  ref: weighted(REF_KINDS),
  stream: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<string | undefined>(...STREAMS) },
    { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...BAD_STREAMS) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  payload: fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  since: fc.option(fc.string({ maxLength: 70 }), { freq: 8 }),
  token: fc.option(fc.string({ maxLength: 20 }), { freq: 3 }),
  extra: fc.option(
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    { freq: 8 },
  ),
  mutation: weighted(MUTATIONS),
  at: fc.nat(),
  pick: fc.nat(),
});
type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

const ABSENT = Symbol('absent');

/** The spec's ref for frame `n`: unique within a connection whenever it is valid. */
function refOf(kind: RefKind, n: number): unknown {
  switch (kind) {
    case 'int':
      return n;
    case 'str':
      return `s${n}`;
    case 'neg':
      return -n;
    case 'unicode':
      return `é😀${n}`;
    case 'none':
      return ABSENT;
    case 'long':
      return `l${n}`.padEnd(65, 'x');
    case 'float':
      return n + 0.5;
    case 'unsafe':
      return 2 ** 53 + n * 2;
    case 'array':
      return [n];
    case 'null':
      return null;
    case 'bool':
      return n % 2 === 0;
    case 'object':
      return { n };
  }
}

export interface Built {
  opcode: number;
  bytes: Buffer;
  mutation: Mutation;
}

/** Frame `n` of a connection from its spec: the object, then the mutation, as bytes. */
export function build(spec: Spec, n: number, maxFrameBytes = FUZZ_MAX_FRAME_BYTES): Built {
  const obj: Record<string, unknown> = { type: spec.type };
  const ref = refOf(spec.ref, n);
  if (ref !== ABSENT) obj.ref = ref;
  // Leaves mostly spare `echo` and `echo:a` (joined first on every socket),
  // so msgs find them joined and travel to the service and back.
  const spared = (spec.stream === 'echo' || spec.stream === 'echo:a') && spec.pick % 16 !== 0;
  // …and msgs mostly go to them.
  const toJoined = spec.type === 'msg' && STREAMS.includes(spec.stream!) && spec.pick % 3 !== 0;
  if (spec.stream !== undefined)
    obj.stream =
      spec.type === 'leave' && spared
        ? 'echo:b'
        : toJoined
          ? ['echo', 'echo:a'][spec.at % 2]
          : spec.stream;
  if (spec.payload !== undefined) obj.payload = spec.payload;
  if (spec.since !== null) obj.since = spec.since;
  if (spec.token !== null || spec.type === 'refresh') obj.token = spec.token ?? 'a-token';
  for (const [k, v] of Object.entries(spec.extra ?? {})) if (!(k in obj)) obj[k] = v;
  const { mutation, at, pick } = spec;
  const text = (): string => JSON.stringify(obj);
  const splice = (field: string, raw: string): string => {
    obj[field] = '@@splice@@';
    return text().replace('"@@splice@@"', raw);
  };
  const utf8 = (s: string): Built => ({ opcode: OPCODE_TEXT, bytes: Buffer.from(s), mutation });
  switch (mutation) {
    case 'none':
      return utf8(text());
    case 'truncate': {
      const t = text();
      return utf8(t.slice(0, at % t.length));
    }
    case 'flip':
    case 'insert':
    case 'delete': {
      const t = text();
      const i = at % t.length;
      const c = NOISE[pick % NOISE.length]!;
      const after = mutation === 'insert' ? i : i + 1;
      return utf8(t.slice(0, i) + (mutation === 'delete' ? '' : c) + t.slice(after));
    }
    case 'wrongType': {
      const field = ['type', 'ref', 'stream', 'payload', 'since', 'token'][at % 6]!;
      obj[field] = WRONG[pick % WRONG.length];
      return utf8(text());
    }
    case 'hugeNumber':
      return utf8(splice(at % 3 === 0 ? 'ref' : 'payload', HUGE[pick % HUGE.length]!));
    case 'deep': {
      const depth = [126, 127, 128, 129, 1000, 5000][pick % 6]!;
      const [open, close] = at % 2 ? ['[', ']'] : ['{"a":', '}'];
      const d = open === '[' ? depth : Math.min(depth, 2000);
      return utf8(splice('payload', `${open.repeat(d)}0${close.repeat(d)}`));
    }
    case 'oddUtf8': {
      const odd = ODD[pick % ODD.length]!;
      const where = at % 3;
      if (where === 0 && typeof obj.ref === 'string') obj.ref = `${odd}${obj.ref as string}`;
      else if (where === 1)
        obj.stream = `${typeof obj.stream === 'string' ? obj.stream : 'echo'}${odd}`;
      else obj.payload = `${odd}${typeof obj.payload === 'string' ? obj.payload : ''}${odd}`;
      return utf8(text());
    }
    case 'bom':
      return utf8(`\ufeff${text()}`);
    case 'dupKey': {
      const t = text();
      const dup = at % 2 ? `"ref":"d${n}"` : '"type":"ping"';
      return utf8(`${t.slice(0, -1)}${t.length > 2 ? ',' : ''}${dup}}`);
    }
    case 'proto':
      return utf8(
        `{"__proto__":{"ref":${n},"type":"ping"},"constructor":{"prototype":{}},${text().slice(1)}`,
      );
    case 'junk':
      return utf8(JUNK[pick % JUNK.length]!);
    case 'binary':
      return { opcode: OPCODE_BINARY, bytes: Buffer.from(text()), mutation };
    case 'atLimit': {
      // Exactly max_frame_bytes: accepted.
      obj.payload = '';
      const room = maxFrameBytes - Buffer.byteLength(text());
      obj.payload = 'x'.repeat(Math.max(0, room));
      return utf8(text());
    }
    case 'invalidUtf8': {
      const t = Buffer.from(text());
      const i = at % (t.length + 1);
      const bad = Buffer.from(BAD_UTF8[pick % BAD_UTF8.length]!);
      return {
        opcode: OPCODE_TEXT,
        bytes: Buffer.concat([t.subarray(0, i), bad, t.subarray(i)]),
        mutation,
      };
    }
    case 'oversize':
      obj.payload = 'x'.repeat(maxFrameBytes);
      return utf8(text());
  }
}

/** What the gateway must do with a frame (docs/PROTOCOL.md §1). */
export type Expectation =
  | { kind: 'close'; code: number }
  | { kind: 'binary' }
  | { kind: 'answer'; key: string; type: unknown }
  | { kind: 'any' };

export function expectationOf(b: Built, maxFrameBytes = FUZZ_MAX_FRAME_BYTES): Expectation {
  if (b.bytes.length > maxFrameBytes) return { kind: 'close', code: CloseCode.TooLarge };
  if (b.opcode === OPCODE_BINARY) return { kind: 'binary' };
  if (!isUtf8(b.bytes)) return { kind: 'close', code: CLOSE_INVALID_UTF8 };
  let v: unknown;
  try {
    v = JSON.parse(b.bytes.toString());
  } catch {
    return { kind: 'any' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { kind: 'any' };
  const raw = v as Record<string, unknown>;
  if (!isRef(raw.ref)) return { kind: 'any' };
  return { kind: 'answer', key: JSON.stringify(raw.ref), type: raw.type };
}

/** RFC 6455: a text frame that is not UTF-8. */
export const CLOSE_INVALID_UTF8 = 1007;

const ANSWER: Record<string, string> = {
  ping: 'pong',
  join: 'joined',
  msg: 'reply',
  leave: 'left',
  refresh: 'refreshed',
};
const E = ErrorCode;
const ERRORS: Record<string, string[]> = {
  ping: [E.BadFrame, E.RateLimited],
  join: [
    E.BadFrame,
    E.BadStream,
    E.UnknownStream,
    E.AlreadyJoined,
    E.TooManyStreams,
    E.Unavailable,
    E.Forbidden,
    E.RateLimited,
  ],
  msg: [E.BadFrame, E.NotJoined, E.Unavailable, E.Timeout, E.RateLimited],
  leave: [E.BadFrame, E.NotJoined, E.RateLimited],
  refresh: [E.BadFrame, E.Unauthorized, E.RateLimited],
};
const OTHER_ERRORS = [E.BadFrame, E.RateLimited];
const DOCUMENTED = new Set<string>(Object.values(ErrorCode));

/** Why `f` is not a documented answer to a frame of `type`, or undefined when it is. */
function wrongAnswer(type: unknown, f: Record<string, unknown>): string | undefined {
  const t = typeof type === 'string' && Object.hasOwn(ANSWER, type) ? type : undefined;
  if (f.type === 'error') {
    const allowed = t ? ERRORS[t]! : OTHER_ERRORS;
    return allowed.includes(f.code as string)
      ? undefined
      : `error ${String(f.code)} is not an answer to ${String(type)}`;
  }
  return t && f.type === ANSWER[t]
    ? undefined
    : `${String(f.type)} is not an answer to ${String(type)}`;
}

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
    let f: Record<string, unknown>;
    try {
      f = JSON.parse(payload.toString()) as Record<string, unknown>;
    } catch {
      return violation(
        `the gateway wrote a frame that is not JSON: ${payload.subarray(0, 80).toString()}`,
      );
    }
    if (typeof f !== 'object' || f === null || Array.isArray(f))
      return violation(
        `the gateway wrote a frame that is not an object: ${payload.subarray(0, 80).toString()}`,
      );
    if (f.type === 'error') {
      const code = String(f.code);
      if (!DOCUMENTED.has(code) || code === ErrorCode.Internal)
        violation(`error ${code}: ${String(f.message)}`);
    }
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
