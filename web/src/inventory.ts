// The inventory panel: a binding of a bucket that no page writes. Stock
// arrives from `muxgate kv put <prefix>_inventory main.<item> <count>` (or any
// NATS client) through the inventory binding (docs/services.md, "Bindings").
import type { MuxClient } from '../../client/index.ts';
import { parseChange, parseSnapshot, type Entry } from './dashboard.ts';
import { describeError, h } from './dom.ts';
import { joinPanel } from './join.ts';

export const INVENTORY_STREAM = 'inventory:main';

export function mountInventory(client: MuxClient, el: { rows: HTMLElement }): void {
  const stream = client.stream(INVENTORY_STREAM);
  const items = new Map<string, Entry>();
  const render = (): void => {
    const sorted = [...items.values()].sort((a, b) => a.key.localeCompare(b.key));
    el.rows.replaceChildren(
      ...sorted.map((e) =>
        h(
          'tr',
          { 'data-key': e.key },
          h('td', { class: 'key' }, e.key),
          h('td', { class: 'value' }, JSON.stringify(e.value)),
          h('td', { class: 'rev' }, String(e.revision)),
        ),
      ),
    );
  };
  stream.on('joined', ({ payload }) => {
    items.clear();
    for (const e of parseSnapshot(payload)) items.set(e.key, e);
    render();
  });
  stream.on('message', (p) => {
    const c = parseChange(p);
    if (!c || c.type === 'announcement') return;
    const known = items.get(c.key);
    if (known && c.revision <= known.revision) return;
    if (c.type === 'delete') items.delete(c.key);
    else items.set(c.key, { key: c.key, value: c.value, revision: c.revision });
    render();
  });
  joinPanel(stream, undefined, (err) =>
    el.rows.replaceChildren(h('tr', {}, h('td', { class: 'error' }, describeError(err)))),
  );
}
