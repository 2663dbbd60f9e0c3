// The demo page: echo, chat, a live dashboard, the inventory and the
// notifications stream the gateway opens, over ONE socket, with the connection
// state and the open streams in the header.
import { connect, type MuxClient } from '../../client/index.ts';
import { mountChat } from './chat.ts';
import { mountDashboard } from './dashboard.ts';
import { byId } from './dom.ts';
import { mountEcho } from './echo.ts';
import { mountInventory } from './inventory.ts';
import { PageIdentity, pageName } from './identity.ts';
import { mountNotifications } from './notifications.ts';
import { mountStatus } from './status.ts';
import './styles.css';

declare global {
  interface Window {
    /** For the devtools console (and the end-to-end tests): the page's client, and connect() to make more. */
    muxgate: { client: MuxClient; connect: typeof connect };
  }
}

const name = pageName();
byId('user').textContent = name;

const identity = new PageIdentity(name);
const client = connect('/ws', { token: identity.devTokens() });
window.muxgate = { client, connect };

mountStatus(client, identity, {
  state: byId('state'),
  detail: byId('state-detail'),
  streams: byId('streams'),
  who: byId('who'),
  transport: byId('transport'),
});
mountNotifications(client, { groups: byId('notes-groups'), log: byId('notes-log') });
mountEcho(client, {
  form: byId<HTMLFormElement>('echo-form'),
  input: byId<HTMLInputElement>('echo-input'),
  log: byId('echo-log'),
});
mountChat(client, name, {
  form: byId<HTMLFormElement>('chat-form'),
  input: byId<HTMLInputElement>('chat-input'),
  log: byId('chat-log'),
  you: byId('chat-you'),
  count: byId('chat-count'),
  members: byId('chat-members'),
});
mountDashboard(client, identity, {
  table: byId<HTMLTableElement>('dash-table'),
  rows: byId('dash-rows'),
  charts: byId('dash-charts'),
  form: byId<HTMLFormElement>('dash-form'),
  key: byId<HTMLInputElement>('dash-key'),
  value: byId<HTMLInputElement>('dash-value'),
  note: byId('dash-note'),
  readonly: byId('dash-readonly'),
  feed: byId('dash-feed'),
});
mountInventory(client, { rows: byId('inv-rows') });
