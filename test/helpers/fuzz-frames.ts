// The fuzz run's frames (test/helpers/fuzz.ts runs them): generated with
// fast-check from a spec (a type, a ref of some kind, a stream, a payload,
// extra fields), most of them then mutated: truncated, a character flipped,
// a field of the wrong type, huge numbers, deep nesting, odd UTF-8, binary
// frames, invalid UTF-8, frames at and over the size limit. The weights say
// how often each comes up.
import fc from 'fast-check';
import { OPCODE_BINARY, OPCODE_TEXT } from './raw-ws.ts';

/** The frame size limit the fuzz runs under: small, so frames over it are cheap to make. */
export const FUZZ_MAX_FRAME_BYTES = 16 * 1024;

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

const TYPES = ['ping', 'join', 'msg', 'leave', 'refresh', 'presence'];
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

export const specArb = fc.record({
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
export type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

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
