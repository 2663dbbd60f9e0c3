// Browser signals that a connection is worth retrying right now instead of
// after the backoff: the network came back, or the tab became visible (a
// background tab's timers are throttled, and a laptop that slept may hold a
// dead socket). In Node there is no page, and this does nothing.

export type WakeReason = 'online' | 'visible';

interface PageLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

/** Calls `wake` on each signal; returns a function that stops watching. */
export function watchPage(wake: (why: WakeReason) => void): () => void {
  const g = globalThis as { addEventListener?: unknown; document?: unknown };
  const win = typeof g.addEventListener === 'function' ? (globalThis as PageLike) : undefined;
  const doc = g.document as (PageLike & { visibilityState?: string }) | undefined;
  const online = (): void => wake('online');
  const visible = (): void => {
    if (doc?.visibilityState === 'visible') wake('visible');
  };
  win?.addEventListener('online', online);
  doc?.addEventListener('visibilitychange', visible);
  return () => {
    win?.removeEventListener('online', online);
    doc?.removeEventListener('visibilitychange', visible);
  };
}
