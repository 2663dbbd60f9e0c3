// The connection badge and the list of streams: what a user needs to trust a
// real-time page (is it live? is it retrying? which streams are open?).
import { ClientCloseCode, type MuxClient, type Reconnecting } from '../../client/index.ts';
import { h } from './dom.ts';
import type { PageIdentity } from './identity.ts';

export function mountStatus(
  client: MuxClient,
  identity: PageIdentity,
  el: {
    state: HTMLElement;
    detail: HTMLElement;
    streams: HTMLElement;
    who: HTMLElement;
    transport: HTMLElement;
  },
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
    const why = lostBecause(r, identity);
    show('reconnecting', `attempt ${r.attempt} in ${(r.delay / 1000).toFixed(1)} s (${why})`);
  });
  // An anonymous page is not signed in: its name is only what it chats as.
  const who = (): void => {
    el.who.textContent = identity.claims ? 'signed in as' : 'not signed in, chatting as';
  };
  identity.onChange(who);
  client.on('closed', (c) => show('closed', c.reason));
  // WebSocket, or the HTTP fallback the client settled on (SSE, long poll).
  client.on('transport', ({ transport }) => {
    el.transport.textContent = `over ${transport}`;
    el.transport.dataset.transport = transport;
  });

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

/**
 * Why the last link ended, in the page's words. The client reports a token
 * source that threw as "could not get a token", and a socket that found
 * nobody listening as code 1006 without a reason (as it reports a link that
 * dropped): when the gateway is down, both mean that, not a token problem.
 */
function lostBecause(r: Reconnecting, identity: PageIdentity): string {
  if (r.code === ClientCloseCode.TokenFailed) return identity.problem ?? r.reason;
  if (r.code === 1006 && !r.reason)
    return r.attempt === 1 ? 'connection lost' : 'gateway unreachable';
  return r.reason || `code ${r.code}`;
}

function conn(client: MuxClient): string {
  return client.welcome ? `connection ${client.welcome.conn}` : '';
}
