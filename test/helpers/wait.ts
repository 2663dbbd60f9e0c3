// Waiting without sleeping for a fixed time: poll a condition, or collect
// items until enough arrived. Deadlines only turn a hang into a clear failure.
export async function until(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Collector<T> {
  readonly items: T[];
  push: (item: T) => void;
  wait(n: number, timeoutMs?: number): Promise<T[]>;
}

export function collect<T>(): Collector<T> {
  const items: T[] = [];
  return {
    items,
    push: (item: T) => {
      items.push(item);
    },
    async wait(n: number, timeoutMs = 10_000) {
      await until(() => items.length >= n, timeoutMs, `${n} items (have ${items.length})`);
      return items;
    },
  };
}
