// Payloads travel byte-exact: a client's `[1e400, 12345678901234567890]` must
// reach the service as written, not as JSON.parse then JSON.stringify would
// rewrite it (`[null, 12345678901234567000]`). So the gateway cuts a frame's
// payload out of the text it received, with one pass that also measures the
// nesting depth (a 10,000-deep payload is refused, not parsed into a stack
// overflow later). Dependency-free and pure.

/** The default nesting limit of a frame, counting the frame object itself. */
export const MAX_JSON_DEPTH = 128;

export type JsonScan =
  | {
      ok: true;
      /** The member's value as written, or undefined when absent. */ member: string | undefined;
    }
  | { ok: false; /** The text nests deeper than the limit. */ tooDeep: true };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Scans the text of a JSON object that is already known to be valid (it went
 * through JSON.parse): returns the raw text of its top-level member `key`
 * (the last one, as JSON.parse keeps), or says it nests deeper than `maxDepth`.
 */
export function scanJsonObject(text: string, key: string, maxDepth: number): JsonScan {
  let depth = 0;
  let keyNext = false;
  let capturing = false;
  let valueStart = -1;
  let member: string | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        i += d === BACKSLASH ? 2 : 1;
      }
      if (depth === 1 && keyNext) {
        keyNext = false;
        capturing = memberName(text, start, i) === key;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { ok: false, tooDeep: true };
      if (depth === 1) keyNext = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth-- === 1 && valueStart >= 0) member = text.slice(valueStart, i).trim();
    } else if (depth === 1) {
      if (c === COLON && capturing) {
        valueStart = i + 1;
        capturing = false;
      } else if (c === COMMA) {
        if (valueStart >= 0) member = text.slice(valueStart, i).trim();
        valueStart = -1;
        keyNext = true;
      }
    }
  }
  return { ok: true, member };
}

/** A key's text; decoded only when it holds an escape (`"pay\u006coad"` is "payload"). */
function memberName(text: string, openQuote: number, closeQuote: number): string {
  const raw = text.slice(openQuote + 1, closeQuote);
  return raw.includes('\\') ? (JSON.parse(text.slice(openQuote, closeQuote + 1)) as string) : raw;
}

/** Whether valid JSON text nests deeper than `maxDepth` (a scalar is depth 0). */
export function nestsDeeper(text: string, maxDepth: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        if (d === BACKSLASH) i++;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}
