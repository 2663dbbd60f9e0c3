// The connection badge and the list of streams: what a user needs to trust a
// real-time page (is it live? is it retrying? which streams are open?).
import type { MuxClient } from '../../client/index.ts';
import { h } from './dom.ts';

export function mountStatus(
  client: MuxClient,
  el: { state: HTMLElement; detail: HTMLElement; streams: HTMLElement },
): void {
  const show = (state: string, detail = ''): void => {
    el.state.textContent = state;
    el.state.dataset.state = state;
    el.detail.textContent = detail;
  };
  show(client.state);
  client.on('state', ({ state }) => {
    if (state !== 'reconnecting' && state !== 'stopped')
      show(state, state === 'open' ? conn(client) : '');
  });
  // A refused upgrade says why (the client asks the gateway: the browser
  // itself cannot see the refusal), and a stopped client says what it waits for.
  client.on('refused', (r) => show(client.state, `refused: ${r.message} (${r.status})`));
  client.on('stopped', (s) =>
    show('stopped', s.needsToken ? `${s.reason}; waiting for a new token` : s.reason),
  );
  client.on('reconnecting', (r) => {
    const why = r.reason || `code ${r.code}`;
    show('reconnecting', `attempt ${r.attempt} in ${(r.delay / 1000).toFixed(1)} s (${why})`);
  });
  client.on('closed', (c) => show('closed', c.reason));

  const renderStreams = (): void => {
    const items = client.streams
      .filter((s) => s.state !== 'idle')
      .map((s) =>
        h(
          'li',
          { 'data-stream': s.name, 'data-state': s.state, title: s.state },
          h('span', { class: 'dot' }),
          s.name,
        ),
      );
    el.streams.replaceChildren(...items);
  };
  client.on('stream', renderStreams);
  renderStreams();
}

function conn(client: MuxClient): string {
  return client.welcome ? `connection ${client.welcome.conn}` : '';
}
