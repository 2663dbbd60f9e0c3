// The inventory panel: a binding of a bucket that no page writes. Stock
// arrives from `muxgate kv put <prefix>_inventory main.<item> <count>` (or any
// NATS client) through the inventory binding (docs/services.md, "Bindings").
// The client library's binding view keeps the rows equal to the bucket: all
// pages of a large warehouse, and after a reconnect only what was missed.
import { bindView, type MuxClient } from '../../client/index.ts';
import { describeError, h, oncePerBurst } from './dom.ts';
import { joinPanel } from './join.ts';

export const INVENTORY_STREAM = 'inventory:main';

export function mountInventory(client: MuxClient, el: { rows: HTMLElement }): void {
  const stream = client.stream(INVENTORY_STREAM);
  const view = bindView(stream);
  const render = (): void => {
    const sorted = [...view.items.values()].sort((a, b) => a.key.localeCompare(b.key));
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
  const refresh = oncePerBurst(render);
  view.on('reset', refresh);
  view.on('change', refresh);
  // The view's payload carries `since` on every rejoin: the panel resumes.
  joinPanel(stream, view.payload, (err) =>
    el.rows.replaceChildren(h('tr', {}, h('td', { class: 'error' }, describeError(err)))),
  );
}
