// A few DOM helpers, so each panel builds its markup without a framework.

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (`class`, `data-*`, …) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

/** Appends to a log list and keeps it scrolled to the end, dropping the oldest past `max`. */
export function appendLog(list: HTMLElement, item: HTMLElement, max = 200): void {
  list.append(item);
  while (list.childElementCount > max) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}

export function time(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A MuxError's code and message for the page, or any error's message. */
export function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** `render`, run once for a burst of calls in one task (a resume applies many changes at once). */
export function oncePerBurst(render: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      render();
    });
  };
}
