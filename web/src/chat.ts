// The chat panel. The wire format of the chat service lives in the adapter
// at the top (the only part to change if the service's fields change); the
// rendering below sees ChatLine only.
import type { MuxClient } from '../../client/index.ts';
import { joinPanel } from './join.ts';
import { appendLog, describeError, h, time } from './dom.ts';

// ---- adapter: chat service payloads ----

export const CHAT_ROOM = 'chat:lobby';

export interface ChatLine {
  kind: 'message' | 'join' | 'leave';
  id?: string;
  user: string;
  text?: string;
  ts: number;
  /** The name is the sender's signed-in account; false for a name anyone may pick. */
  verified: boolean;
}

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

/** The `joined` payload: who the room thinks we are, and recent messages. */
export function parseJoined(p: unknown): { you: string; history: ChatLine[] } {
  const o = isObj(p) ? p : {};
  const history = Array.isArray(o.history) ? o.history : [];
  return {
    you: str(o.you),
    history: history.map((m) => parseEvent({ type: 'message', ...(isObj(m) ? m : {}) })!),
  };
}

/** A room broadcast; null for anything the page does not show. */
export function parseEvent(p: unknown): ChatLine | null {
  if (!isObj(p)) return null;
  const kind = p.type;
  if (kind !== 'message' && kind !== 'join' && kind !== 'leave') return null;
  return {
    kind,
    ...(p.id !== undefined && { id: String(p.id) }),
    user: str(p.user),
    ...(kind === 'message' && { text: str(p.text) }),
    ts: num(p.ts),
    verified: p.verified === true,
  };
}

// ---- rendering ----

/**
 * Who vouches for a name: a signed-in account (its JWT subject), or nobody
 * (an anonymous member typed it, and anyone may type it, look-alike letters
 * included).
 */
function apiLine(payload: unknown): HTMLElement {
  const text =
    isObj(payload) && typeof payload.text === 'string' ? payload.text : JSON.stringify(payload);
  return h(
    'li',
    { class: 'announcement', 'data-via': 'api', title: 'sent through the gateway’s publish API' },
    h('b', {}, 'API'),
    ` ${text}`,
  );
}

function mark(verified: boolean): HTMLElement {
  return verified
    ? h('span', { class: 'mark verified', title: 'signed-in account' }, '✓')
    : h(
        'span',
        { class: 'mark unverified', title: 'not signed in: anyone can pick this name' },
        '?',
      );
}

export function mountChat(
  client: MuxClient,
  name: string,
  el: { form: HTMLFormElement; input: HTMLInputElement; log: HTMLElement; you: HTMLElement },
): void {
  const room = client.stream(CHAT_ROOM);
  const line = (l: ChatLine): HTMLElement =>
    l.kind === 'message'
      ? h(
          'li',
          { class: 'message', 'data-user': l.user, 'data-verified': String(l.verified) },
          h('time', {}, time(l.ts)),
          h('b', {}, l.user, mark(l.verified)),
          h('span', {}, l.text ?? ''),
        )
      : h(
          'li',
          { class: 'presence', 'data-verified': String(l.verified) },
          l.user,
          mark(l.verified),
          ` ${l.kind === 'join' ? 'joined' : 'left'}`,
        );

  room.on('joined', ({ payload }) => {
    // A rejoin brings the history again: it replaces what the page showed, so nothing is doubled.
    const { you, history } = parseJoined(payload);
    el.you.textContent = you || name;
    el.log.replaceChildren(...history.map(line));
    el.log.scrollTop = el.log.scrollHeight;
  });
  room.on('envelope', ({ payload, via }) => {
    // A publish API message is whatever its sender wrote: shown as the API's,
    // never as a user's, whatever `user` or `verified` it claims.
    if (via === 'api') return appendLog(el.log, apiLine(payload));
    const l = parseEvent(payload);
    if (l) appendLog(el.log, line(l));
  });
  room.on('left', (ev) =>
    appendLog(el.log, h('li', { class: 'error' }, `left: ${ev.reason ?? ev.code ?? ''}`)),
  );
  joinPanel(room, joinPayload(name), (err) =>
    appendLog(el.log, h('li', { class: 'error' }, `join failed: ${describeError(err)}`)),
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
