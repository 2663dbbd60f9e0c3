// The protobuf wire format, as much of it as the client frames use
// (proto/client.proto): varints, zigzag, length-delimited fields. Written by
// hand because the browser client carries no dependencies; the frames built
// on it are checked against protobufjs's generated code in the tests.
// Dependency-free and pure.

export const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Len = 2,
  Fixed32 = 5,
}

const utf8 = new TextEncoder();
// fatal: a string field that is not UTF-8 is a malformed frame, not U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes a varint of `n` (0 ≤ n < 2^64) takes. */
function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Builds one message. Numbers are JS numbers: exact up to 2^53. */
export class ProtoWriter {
  #buf: Uint8Array;
  #pos = 0;

  constructor(capacity = 64) {
    this.#buf = new Uint8Array(capacity);
  }

  #ensure(more: number): void {
    if (this.#pos + more <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + more));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
  }

  #varint(n: number): void {
    this.#ensure(10);
    const buf = this.#buf;
    while (n >= 128) {
      buf[this.#pos++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    buf[this.#pos++] = n;
  }

  /** A varint past 2^53, where numbers lose their last bits. */
  #bigVarint(n: bigint): void {
    this.#ensure(10);
    while (n >= 128n) {
      this.#buf[this.#pos++] = Number(n & 127n) | 128;
      n >>= 7n;
    }
    this.#buf[this.#pos++] = Number(n);
  }

  #tag(field: number, wire: Wire): void {
    this.#varint(field * 8 + wire);
  }

  /** A non-negative integer (uint32, uint64). */
  uint(field: number, n: number): this {
    this.#tag(field, Wire.Varint);
    this.#varint(n);
    return this;
  }

  /** A signed integer, zigzag-encoded (sint64): exact for every safe integer. */
  sint(field: number, n: number): this {
    this.#tag(field, Wire.Varint);
    const zigzag = n >= 0 ? n * 2 : -n * 2 - 1;
    if (zigzag <= Number.MAX_SAFE_INTEGER) this.#varint(zigzag);
    else this.#bigVarint(n >= 0 ? BigInt(n) * 2n : BigInt(-n) * 2n - 1n);
    return this;
  }

  /** A signed integer as two's complement (int64): a negative one takes ten bytes. */
  int(field: number, n: number): this {
    this.#tag(field, Wire.Varint);
    if (n >= 0) this.#varint(n);
    else this.#bigVarint(BigInt(n) + 2n ** 64n);
    return this;
  }

  bool(field: number, b: boolean): this {
    this.#tag(field, Wire.Varint);
    this.#varint(b ? 1 : 0);
    return this;
  }

  /** A string, or JSON text for a `bytes` field: UTF-8 either way. */
  string(field: number, s: string): this {
    this.#tag(field, Wire.Len);
    // Encoded in place after room for the longest length prefix it may
    // need, then moved back when the prefix came out shorter.
    const reserve = varintSize(s.length * 3);
    // Room for the whole field now: a growth after the text is written would lose it.
    this.#ensure(10 + s.length * 3);
    const start = this.#pos + reserve;
    const { written } = utf8.encodeInto(s, this.#buf.subarray(start));
    this.#varint(written);
    if (this.#pos !== start) this.#buf.copyWithin(this.#pos, start, start + written);
    this.#pos += written;
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.#tag(field, Wire.Len);
    this.#varint(b.length);
    this.#ensure(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
    return this;
  }

  /** The message; a view of the writer's buffer. */
  finish(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }
}

export class ProtoError extends Error {
  override name = 'ProtoError';
}

/**
 * Reads the fields of one message in order, checking every length against
 * the bytes there are: `while (r.next())`, then `field`, `wire` and `value`
 * (a number or bigint for a varint, the bytes of a Len field, undefined for
 * a fixed one). Throws ProtoError on anything that is not a message (a
 * truncated field, a varint over ten bytes, a group, field number 0). One
 * object per message, not one per field: this runs for every frame.
 */
export class FieldReader {
  field = 0;
  wire: Wire = Wire.Varint;
  value: number | bigint | Uint8Array | undefined;
  #pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  next(): boolean {
    const buf = this.buf;
    if (this.#pos >= buf.length) return false;
    const tag = this.#small();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new ProtoError('field number 0');
    this.field = field;
    this.wire = wire;
    if (wire === Wire.Varint) this.value = this.#varint();
    else if (wire === Wire.Len) {
      const len = this.#small();
      if (len > buf.length - this.#pos) throw new ProtoError('field longer than the message');
      this.value = buf.subarray(this.#pos, this.#pos + len);
      this.#pos += len;
    } else if (wire === Wire.Fixed32 || wire === Wire.Fixed64) {
      const len = wire === Wire.Fixed32 ? 4 : 8;
      if (len > buf.length - this.#pos) throw new ProtoError('field longer than the message');
      this.#pos += len;
      this.value = undefined;
    } else throw new ProtoError(`wire type ${wire} is not supported`);
    return true;
  }

  #varint(): number | bigint {
    const buf = this.buf;
    const start = this.#pos;
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.#pos >= buf.length) throw new ProtoError('truncated varint');
      const b = buf[this.#pos++]!;
      n += (b & 127) * scale;
      if (b >= 128) scale *= 128;
      else if (n <= Number.MAX_SAFE_INTEGER) return n;
      else return bigVarint(buf, start, this.#pos);
    }
    throw new ProtoError('varint longer than ten bytes');
  }

  #small(): number {
    const n = this.#varint();
    if (typeof n === 'bigint') throw new ProtoError('a tag or length past 2^53');
    return n;
  }
}

function bigVarint(buf: Uint8Array, start: number, end: number): bigint {
  let n = 0n;
  for (let i = end - 1; i >= start; i--) n = (n << 7n) | BigInt(buf[i]! & 127);
  return n;
}

/** Short ASCII strings (types, stream names, refs) skip TextDecoder, whose every call costs more than they do. */
const SHORT = 64;

/** UTF-8 bytes as text; ProtoError when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string {
  if (bytes.length <= SHORT) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return strictText(bytes);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return strictText(bytes);
}

function strictText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ProtoError('a string is not UTF-8');
  }
}

/** A varint read as zigzag (sint64); exact for every safe integer. */
export function unzigzag(n: number | bigint): number {
  if (typeof n === 'number') return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  return Number(n % 2n === 0n ? n / 2n : -(n + 1n) / 2n);
}

/** A varint read as two's complement (int64). */
export function signed64(n: number | bigint): number {
  if (typeof n === 'number') return n;
  return Number(n >= 2n ** 63n ? n - 2n ** 64n : n);
}

/** A varint read as unsigned: a number, off in its last bits past 2^53. */
export const unsigned = (n: number | bigint): number => Number(n);
