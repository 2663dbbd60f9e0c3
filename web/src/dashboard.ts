// The live dashboard panel. The dashboard service's wire format lives in the
// adapter at the top; the rendering below sees Entry, Change and Action only.
import type { MuxClient } from '../../client/index.ts';
import { joinPanel } from './join.ts';
import { appendLog, describeError, h, time } from './dom.ts';

// ---- adapter: dashboard service payloads ----

export const DASHBOARD_BOARD = 'dashboard:ops';

export interface Entry {
  key: string;
  value: unknown;
  revision: number;
}

export type Change =
  | { type: 'create' | 'update'; key: string; value: unknown; revision: number }
  | { type: 'delete'; key: string; revision: number }
  | { type: 'announcement'; text: string; user: string; ts: number };

export type Action =
  | { action: 'create' | 'update'; key: string; value: unknown; revision?: number }
  | { action: 'increment'; key: string; by: number }
  | { action: 'delete'; key: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const rev = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The `joined` payload's snapshot: entries as a list, or as a map of key to entry. */
export function parseSnapshot(p: unknown): Entry[] {
  const o = isObj(p) ? p : {};
  const snap = isObj(o.snapshot) ? o.snapshot : o;
  const raw = snap.entries;
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : isObj(raw)
      ? Object.entries(raw).map(([key, e]) => ({ key, ...(isObj(e) ? e : { value: e }) }))
      : [];
  return list
    .filter((e): e is Obj => isObj(e) && typeof e.key === 'string')
    .map((e) => ({ key: e.key as string, value: e.value, revision: rev(e.revision) }));
}

export function parseChange(p: unknown): Change | null {
  if (!isObj(p)) return null;
  if (p.type === 'announcement')
    return {
      type: 'announcement',
      text: String(p.text ?? ''),
      user: String(p.user ?? ''),
      ts: typeof p.ts === 'number' ? p.ts : Date.now(),
    };
  if (typeof p.key !== 'string') return null;
  if (p.type === 'delete') return { type: 'delete', key: p.key, revision: rev(p.revision) };
  if (p.type === 'create' || p.type === 'update')
    return { type: p.type, key: p.key, value: p.value, revision: rev(p.revision) };
  return null;
}

/** The request payload of an action; the reply is checked by checkReply. */
export function actionPayload(a: Action): unknown {
  return a;
}

/** Throws the service's error from a reply `{error: {code, message}}`. */
export function checkReply(reply: unknown): void {
  if (isObj(reply) && isObj(reply.error))
    throw Object.assign(new Error(String(reply.error.message ?? 'refused')), {
      code: String(reply.error.code ?? 'error'),
    });
}

// ---- rendering ----

export function mountDashboard(
  client: MuxClient,
  el: {
    table: HTMLElement;
    form: HTMLFormElement;
    key: HTMLInputElement;
    value: HTMLInputElement;
    feed: HTMLElement;
  },
): void {
  const board = client.stream(DASHBOARD_BOARD);
  const entries = new Map<string, Entry>();
  const note = (text: string, cls = 'error'): void =>
    appendLog(el.feed, h('li', { class: cls }, text));

  const act = (a: Action): void => {
    board
      .request(actionPayload(a), { timeout: 5000 })
      .then(checkReply)
      .catch((err: unknown) => {
        note(`${a.action} ${a.key}: ${describeError(err)}`);
      });
  };

  const row = (e: Entry): HTMLElement =>
    h(
      'tr',
      { 'data-key': e.key },
      h('td', { class: 'key' }, e.key),
      h('td', { class: 'value' }, show(e.value)),
      h('td', { class: 'rev' }, String(e.revision)),
      h(
        'td',
        { class: 'actions' },
        typeof e.value === 'number' ? button('+1', 'increment', e.key) : null,
        button('×', 'delete', e.key),
      ),
    );

  const render = (): void => {
    const sorted = [...entries.values()].sort((a, b) => a.key.localeCompare(b.key));
    el.table.replaceChildren(...sorted.map(row));
  };

  el.table.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    const key = b?.dataset.key;
    if (!b || key === undefined) return;
    if (b.dataset.action === 'increment') act({ action: 'increment', key, by: 1 });
    if (b.dataset.action === 'delete') act({ action: 'delete', key });
  });

  el.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = el.key.value.trim();
    if (!key) return;
    const value = parseValue(el.value.value);
    const known = entries.get(key);
    act(
      known
        ? { action: 'update', key, value, revision: known.revision }
        : { action: 'create', key, value },
    );
  });

  board.on('joined', ({ payload }) => {
    // Every (re)join carries a full snapshot: it replaces the table, so a
    // change missed while disconnected cannot linger.
    entries.clear();
    for (const e of parseSnapshot(payload)) entries.set(e.key, e);
    render();
  });
  board.on('message', (p) => {
    const c = parseChange(p);
    if (!c) return;
    if (c.type === 'announcement')
      return note(`${time(c.ts)} ${c.user}: ${c.text}`, 'announcement');
    if (c.type === 'delete') entries.delete(c.key);
    else entries.set(c.key, { key: c.key, value: c.value, revision: c.revision });
    render();
  });
  joinPanel(board, undefined, (err) => note(`join failed: ${describeError(err)}`));
}

function button(label: string, action: string, key: string): HTMLElement {
  return h('button', { type: 'button', 'data-action': action, 'data-key': key }, label);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Numbers, booleans and JSON stay typed; anything else is a string. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
