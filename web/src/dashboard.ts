// The live dashboard panel. The dashboard service's wire format lives in the
// adapter at the top; the rendering below sees Entry, Change and Action only.
import { bindView, type MuxClient } from '../../client/index.ts';
import { chart, Series } from './charts.ts';
import { mountSetForm, type SetForm } from './dash-form.ts';
import { appendLog, describeError, h, oncePerBurst, time } from './dom.ts';
import type { Claims, PageIdentity } from './identity.ts';
import { joinPanel } from './join.ts';

// ---- adapter: dashboard service payloads (docs/services.md, "Dashboard") ----

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
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function parseChange(p: unknown): Change | null {
  if (!isObj(p)) return null;
  // {type, board, from: the poster's JWT subject, message, at: an ISO time}
  if (p.type === 'announcement') {
    const at = Date.parse(str(p.at));
    return {
      type: 'announcement',
      text: str(p.message),
      user: str(p.from),
      ts: Number.isNaN(at) ? Date.now() : at,
    };
  }
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

/**
 * Whether a token's claims let it write: the `dashboard:write` scope or the
 * `admin` role (docs/services.md, "Permissions"). Anonymous visitors read only.
 */
export function mayWrite(claims: Claims | undefined): boolean {
  const words = (c: unknown): string[] =>
    typeof c === 'string'
      ? c.split(/\s+/)
      : Array.isArray(c)
        ? c.filter((x) => typeof x === 'string')
        : [];
  return (
    !!claims &&
    (words(claims.scope).includes('dashboard:write') || words(claims.roles).includes('admin'))
  );
}

// ---- rendering ----

/** Lines the feed shows, all of them whole: the newest, with older ones dropped. */
export const FEED_LINES = 5;

export function mountDashboard(
  client: MuxClient,
  identity: PageIdentity,
  el: SetForm & {
    table: HTMLTableElement;
    rows: HTMLElement;
    charts: HTMLElement;
    readonly: HTMLElement;
    feed: HTMLElement;
  },
): void {
  const board = client.stream(DASHBOARD_BOARD);
  // The binding view keeps the table equal to the board: pages, missed
  // events, and after a reconnect only the changes missed meanwhile.
  const view = bindView(board);
  const entries = view.items;
  const series = new Series();
  // The claims say what the page may do; a `forbidden` answer overrules them.
  let forbidden = false;
  const writable = (): boolean => mayWrite(identity.claims) && !forbidden;
  const note = (item: HTMLElement): void => appendLog(el.feed, item, FEED_LINES);
  const problem = (text: string): void => note(h('li', { class: 'error' }, text));

  const act = async (a: Action): Promise<void> => {
    try {
      checkReply(await board.request(actionPayload(a), { timeout: 5000 }));
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'forbidden' && !forbidden) {
        forbidden = true;
        render();
      }
      throw err;
    }
  };
  const rowAction = (a: Action): void => {
    act(a).catch((err: unknown) => problem(`${a.action} ${a.key}: ${describeError(err)}`));
  };

  const row = (e: Entry): HTMLElement =>
    h(
      'tr',
      { 'data-key': e.key },
      h('td', { class: 'key' }, e.key),
      h('td', { class: 'value' }, show(e.value)),
      h('td', { class: 'rev' }, String(e.revision)),
      writable()
        ? h(
            'td',
            { class: 'actions' },
            typeof e.value === 'number' ? button('+1', 'increment', e.key) : null,
            button('×', 'delete', e.key),
          )
        : null,
    );

  const renderCharts = (): void => {
    const numeric = series.entries().sort(([a], [b]) => a.localeCompare(b));
    el.charts.replaceChildren(...numeric.map(([key, values]) => chart(key, values)));
  };

  const render = (): void => {
    const sorted = [...entries.values()].sort((a, b) => a.key.localeCompare(b.key));
    el.rows.replaceChildren(...sorted.map(row));
    // The rev column is as wide as the longest revision: revisions only grow
    // (they are the bucket's sequence), and a fixed width wrapped them.
    const digits = Math.max(3, ...sorted.map((e) => String(e.revision).length));
    el.table.style.setProperty('--rev-chars', String(digits));
    // Until the gateway said who the page is, neither the write controls
    // nor the read-only note: one of them would flash.
    const w = writable();
    el.table.classList.toggle('readonly', !w);
    el.form.hidden = !w;
    el.note.hidden = !w;
    el.readonly.hidden = w || !identity.settled;
  };

  el.rows.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    const key = b?.dataset.key;
    if (!b || key === undefined) return;
    if (b.dataset.action === 'increment') rowAction({ action: 'increment', key, by: 1 });
    if (b.dataset.action === 'delete') rowAction({ action: 'delete', key });
  });
  mountSetForm(el, (key, value) => {
    const known = entries.get(key);
    return act(
      known
        ? { action: 'update', key, value, revision: known.revision }
        : { action: 'create', key, value },
    );
  });
  identity.onChange(() => {
    forbidden = false;
    render();
  });

  const refresh = oncePerBurst(() => {
    render();
    renderCharts();
  });
  view.on('reset', () => {
    for (const e of entries.values()) series.set(e.key, e.value, e.revision);
    series.keep(new Set(entries.keys()));
    refresh();
  });
  view.on('change', (c) => {
    if (c.type === 'delete') series.delete(c.key);
    else series.set(c.key, c.value, c.revision);
    refresh();
  });
  board.on('message', (p) => {
    const c = parseChange(p);
    if (c?.type !== 'announcement') return;
    note(
      h(
        'li',
        { class: 'announcement' },
        h('time', {}, time(c.ts)),
        ' ',
        h('b', {}, c.user),
        ` ${c.text}`,
      ),
    );
  });
  joinPanel(board, view.payload, (err) => problem(`join failed: ${describeError(err)}`));
  render();
}

function button(label: string, action: string, key: string): HTMLElement {
  return h('button', { type: 'button', 'data-action': action, 'data-key': key }, label);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
