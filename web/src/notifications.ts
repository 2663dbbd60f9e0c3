// The notifications panel: a stream the page never joins. The gateway opens
// it at connect (PROTOCOL.md §4.9, the notifications service), in the groups
// `user.<name>` and `type.<user type>`; the client library announces it with
// `serverStream`, and the stream's own events carry what follows (a reopen
// after a reconnect is a `joined` with rejoin).
import type { MuxClient } from '../../client/index.ts';
import { appendLog, h, time } from './dom.ts';

interface NotificationTypes {
  joined: { user: string; type: string; groups: string[] };
  message: unknown;
}

export function mountNotifications(
  client: MuxClient,
  el: { groups: HTMLElement; log: HTMLElement },
): void {
  const stream = client.stream<NotificationTypes>('notifications');
  const note = (text: string, cls: string, via?: string): void =>
    appendLog(
      el.log,
      h(
        'li',
        { class: cls, ...(via && { 'data-via': via }) },
        h('time', {}, time(Date.now())),
        ' ',
        via === 'api' ? h('b', {}, 'API') : null,
        via === 'api' ? ' ' : null,
        text,
      ),
    );
  client.on('serverStream', (e) => {
    if (e.stream.name === stream.name) note('opened by the gateway at connect', 'notice');
  });
  stream.on('joined', ({ payload }) => {
    el.groups.replaceChildren(
      ...(payload?.groups ?? []).map((g) => h('code', { 'data-group': g }, g)),
    );
  });
  stream.on('envelope', ({ payload, via }) => {
    const text =
      typeof payload === 'object' && payload !== null && 'text' in payload
        ? String((payload as { text: unknown }).text)
        : JSON.stringify(payload);
    note(text, 'message', via ?? 'bus');
  });
  stream.on('left', () => el.groups.replaceChildren());
}
