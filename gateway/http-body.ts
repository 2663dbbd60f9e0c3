// A send's body (PROTOCOL.md §4.5): a JSON array of client frames. Each
// element is handed on as the client wrote it, so its payload travels
// byte-exact as over a WebSocket and its size is counted as sent.

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The array's elements as text; undefined when the body is not a JSON array. */
export function splitJsonArray(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  // The text is valid JSON: only strings, brackets and commas need telling apart.
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (depth === 1 && start < 0 && !SPACE.has(c) && c !== 0x2c && c !== 0x5d) start = i;
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0 && start >= 0) out.push(text.slice(start, i).trimEnd());
    } else if (c === 0x2c && depth === 1) {
      out.push(text.slice(start, i).trimEnd());
      start = -1;
    }
  }
  return out.length === value.length ? out : undefined;
}
