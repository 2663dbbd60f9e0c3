// A small EventSource over fetch, for Node (which has no global EventSource
// before 22, and none that sends headers): reads a `text/event-stream`
// response and reports each event's type and data, as the WHATWG parser
// would (data lines joined with "\n", comments and ids ignored).

export interface SseHandlers {
  /** The response's status, once known; a non-200 ends the read. */
  status(status: number): void;
  event(type: string, data: string): void;
}

type FetchLike = (
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<{ status: number; body: ReadableStream<Uint8Array> | null }>;

/** Resolves when the stream ends (or `signal` aborts it); rejects on a network error. */
export async function readEventStream(
  url: string,
  headers: Record<string, string> | undefined,
  signal: AbortSignal,
  on: SseHandlers,
): Promise<void> {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  if (!f) throw new TypeError('no fetch');
  const res = await f(url, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal,
  });
  on.status(res.status);
  if (res.status !== 200 || !res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let type = '';
  let data: string[] = [];
  const line = (l: string): void => {
    if (l === '') {
      if (data.length > 0) on.event(type || 'message', data.join('\n'));
      type = '';
      data = [];
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        // A "\r" at the end of the chunk may be the first half of "\r\n".
        if (c === 13 && i === buffer.length - 1) break;
        line(buffer.slice(start, i));
        if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
    }
  } catch (err) {
    if (signal.aborted) return;
    throw err;
  }
}
