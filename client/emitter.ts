// A small typed event emitter that runs in browsers and Node alike (no
// node:events). A throwing listener is reported and does not stop the others,
// so one buggy UI handler cannot break the connection logic that emits.

type Listener<T> = (value: T) => void;

export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => this.off(event, listener);
  }

  /** Like on(), but the listener runs once. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (v) => {
      off();
      listener(v);
    });
    return off;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        (l as Listener<Events[K]>)(value);
      } catch (err) {
        report(err);
      }
    }
  }
}

// Browsers report a throwing listener as an uncaught error without stopping
// the page; Node has no reportError, and throwing there would kill the process.
function report(err: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(err);
  else console.error(err);
}
