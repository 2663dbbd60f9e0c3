// The chat panel. The wire format of the chat service lives in the adapter
// at the top (the only part to change if the service's fields change); the
// rendering below sees ChatLine only.
import type { MuxClient, PresenceMember } from '../../client/index.ts';
import { joinPanel } from './join.ts';
import { appendLog, describeError, h, time } from './dom.ts';

// ---- adapter: chat service payloads ----

export const CHAT_ROOM = 'chat:lobby';

export type ChatLine =
  | {
      kind: 'message';
      /** The message's pos in the room, when known. */
      id?: string;
      user: string;
      text: string;
      ts: number;
      /** The name is the sender's signed-in account; false for a name anyone may pick. */
      verified: boolean;
    }
  | { kind: 'join' | 'leave'; user: string; ts: number; verified: boolean }
  | {
      /**
       * Published to the room from outside the chat service: through the
       * gateway's HTTP API (`via: 'api'`, anyone with an API key), or by a
       * process on the bus (`muxgate publish`, the SDK). Never a member's.
       */
      kind: 'external';
      id?: string;
      via: 'api' | 'bus';
      text: string;
    }
  | { kind: 'error'; text: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : Date.now());

export function joinPayload(name: string): unknown {
  return { name };
}

export function sendPayload(text: string): unknown {
  return { text };
}

function external(payload: unknown, via: 'api' | 'bus', id?: string): ChatLine {
  const text =
    isObj(payload) && typeof payload.text === 'string' ? payload.text : JSON.stringify(payload);
  return { kind: 'external', via, text, ...(id !== undefined && { id }) };
}

/** The `joined` payload: who the room thinks we are, and its last messages. */
export function parseJoined(p: unknown): { you: string; history: ChatLine[] } {
  const o = isObj(p) ? p : {};
  const history = Array.isArray(o.history) ? o.history.filter(isObj) : [];
  return {
    you: str(o.you),
    history: history.map((m) =>
      m.external === true
        ? external(m.payload, m.via === 'api' ? 'api' : 'bus', str(m.id))
        : {
            kind: 'message',
            id: str(m.id),
            user: str(m.user),
            text: str(m.text),
            ts: num(m.ts),
            verified: m.verified === true,
          },
    ),
  };
}

/**
 * A `msg` on the room, with the gateway's `via` and `pos`. The service's own
 * messages and notices have its form; anything else in the room came from
 * outside, and a publish API message is the API's whatever it claims.
 */
export function parseEvent(p: unknown, via?: 'api', pos?: string): ChatLine {
  if (via === 'api' || !isObj(p)) return external(p, via ?? 'bus', pos);
  if (p.type === 'join' || p.type === 'leave')
    return { kind: p.type, user: str(p.user), ts: num(p.ts), verified: p.verified === true };
  if (p.type === 'error') return { kind: 'error', text: `${str(p.code)}: ${str(p.message)}` };
  if (p.type === 'message' && typeof p.user === 'string' && typeof p.text === 'string')
    return {
      kind: 'message',
      ...(pos !== undefined && { id: pos }),
      user: p.user,
      text: p.text,
      ts: num(p.ts),
      verified: p.verified === true,
    };
  return external(p, 'bus', pos);
}

/** What the page says after a rejoin: nothing was lost, or the history was read again. */
export function resumeNote(recovered: number | 'reloaded'): string {
  if (recovered === 'reloaded') return 'history reloaded';
  return `${recovered} missed message${recovered === 1 ? '' : 's'} recovered`;
}

// ---- rendering ----

/**
 * Who vouches for a name: a signed-in account (its JWT subject), or nobody
 * (an anonymous member typed it, and anyone may type it, look-alike letters
 * included).
 */
function mark(verified: boolean): HTMLElement {
  return verified
    ? h('span', { class: 'mark verified', title: 'signed-in account' }, '✓')
    : h(
        'span',
        { class: 'mark unverified', title: 'not signed in: anyone can pick this name' },
        '?',
      );
}

function render(l: ChatLine): HTMLElement {
  switch (l.kind) {
    case 'message':
      return h(
        'li',
        {
          class: 'message',
          'data-user': l.user,
          'data-verified': String(l.verified),
          ...(l.id ? { 'data-id': l.id } : {}),
        },
        h('time', {}, time(l.ts)),
        h('b', {}, l.user, mark(l.verified)),
        h('span', {}, l.text),
      );
    case 'join':
    case 'leave':
      return h(
        'li',
        { class: 'presence', 'data-verified': String(l.verified) },
        l.user,
        mark(l.verified),
        ` ${l.kind === 'join' ? 'joined' : 'left'}`,
      );
    case 'external':
      return h(
        'li',
        {
          class: 'announcement',
          'data-via': l.via,
          ...(l.id ? { 'data-id': l.id } : {}),
          title:
            l.via === 'api'
              ? 'sent through the gateway’s publish API'
              : 'published to the room by a service, not by a member',
        },
        h('b', {}, l.via === 'api' ? 'API' : 'service'),
        ` ${l.text}`,
      );
    case 'error':
      return h('li', { class: 'error' }, l.text);
  }
}

export interface ChatElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  log: HTMLElement;
  you: HTMLElement;
  /** Who is in the room (presence, protocol 1.1 §4.3): the count and the list. */
  count: HTMLElement;
  members: HTMLElement;
}

/** A room member as chat's presence `info` names it: {name, verified}. */
function renderMember(m: PresenceMember): HTMLElement {
  const info = (m.info ?? {}) as { name?: unknown; verified?: unknown };
  const name = typeof info.name === 'string' ? info.name : m.user || m.conn;
  return h('li', { 'data-conn': m.conn, 'data-name': name }, name, mark(info.verified === true));
}

export function mountChat(client: MuxClient, name: string, el: ChatElements): void {
  const room = client.stream(CHAT_ROOM);
  const note = (text: string): void =>
    appendLog(el.log, h('li', { class: 'resume', 'data-testid': 'chat-resume' }, text));

  room.on('joined', ({ payload, rejoin, recovered }) => {
    const { you, history } = parseJoined(payload);
    el.you.textContent = you || name;
    // Resumed: what the page shows stays, and what it missed follows (the
    // `recovered` event counts it). Otherwise the history replaces it, so
    // nothing is doubled and nothing is silently missing.
    if (rejoin && recovered === true) return;
    el.log.replaceChildren(...history.map(render));
    if (rejoin) note(resumeNote('reloaded'));
    el.log.scrollTop = el.log.scrollHeight;
  });
  room.on('recovered', ({ count }) => note(resumeNote(count)));
  // While a message's event runs, the stream's pos is that message's when it
  // carried one (the room's messages do; notices do not).
  let lastPos = room.pos;
  room.on('envelope', ({ payload, via }) => {
    const pos = room.pos !== lastPos ? room.pos : undefined;
    lastPos = room.pos;
    appendLog(el.log, render(parseEvent(payload, via, pos)));
  });
  room.on('left', (ev) =>
    appendLog(el.log, h('li', { class: 'error' }, `left: ${ev.reason ?? ev.code ?? ''}`)),
  );
  // The list comes with every (re)join and follows the room's diffs.
  room.presence.on('change', ({ count, members }) => {
    el.count.textContent = String(count);
    const items = members.map(renderMember);
    items.sort((a, b) => (a.dataset.name ?? '').localeCompare(b.dataset.name ?? ''));
    el.members.replaceChildren(...items);
  });
  joinPanel(
    room,
    joinPayload(name),
    (err) => appendLog(el.log, h('li', { class: 'error' }, `join failed: ${describeError(err)}`)),
    { presence: true },
  );

  el.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = el.input.value.trim();
    if (!text) return;
    try {
      room.send(sendPayload(text));
      el.input.value = '';
    } catch (err) {
      appendLog(el.log, h('li', { class: 'error' }, describeError(err)));
    }
  });
}
