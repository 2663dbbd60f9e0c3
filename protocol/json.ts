// Payloads and refs as they cross the bus (PROTOCOL.md §2): a payload is JSON
// text as bytes, a ref is its JSON text. The gateway splices that text into
// client frames and the SDK parses it, so both must agree on what counts as
// JSON and as a ref: these functions are the one definition.
import type { Ref } from './frames.ts';
import { isRef } from './names.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Whether `text` is exactly one JSON value. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON text that is passed on as written, never parsed and serialized again:
 * `[1e400, 12345678901234567890]` would come out of that round trip as
 * `[null, 12345678901234567000]`. The caller vouches that `text` is JSON.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * A value as a bus payload. RawJson goes as written. `undefined`, a function
 * or a symbol has no JSON form (JSON.stringify returns undefined) and becomes
 * null, so the bytes are always JSON.
 */
export function encodeJson(value: unknown): Uint8Array {
  if (value instanceof RawJson) return enc.encode(value.text);
  return enc.encode(JSON.stringify(value) ?? 'null');
}

/** A bus payload's JSON text ('null' when empty), or undefined when it is not JSON. */
export function jsonPayloadText(bytes: Uint8Array | null | undefined): string | undefined {
  if (!bytes || bytes.length === 0) return 'null';
  const text = dec.decode(bytes);
  return isJsonText(text) ? text : undefined;
}

/** The ref carried as JSON text, or undefined when there is none or it is not a valid ref. */
export function refFromJson(refJson: string | null | undefined): Ref | undefined {
  if (!refJson) return undefined;
  try {
    const ref: unknown = JSON.parse(refJson);
    return isRef(ref) ? ref : undefined;
  } catch {
    return undefined;
  }
}
