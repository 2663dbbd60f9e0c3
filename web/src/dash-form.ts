// The dashboard's Set form. It says what a value may be before anyone types
// one, checks it before sending, and answers next to the fields: a refused
// input stays for correcting, marked and explained; an accepted one clears.
import { describeError } from './dom.ts';

/** What the dashboard service takes (docs/services.md, "Actions"). */
export const VALUE_HINT = 'a number (42) or a JSON object ({"p50": 3})';
const KEY_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const MAX_KEY_CHARS = 128;

export interface SetForm {
  form: HTMLFormElement;
  key: HTMLInputElement;
  value: HTMLInputElement;
  note: HTMLElement;
}

/** The value typed, when the service would take it. */
export function parseValue(text: string): { value: number | object } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `not a number or JSON: the value is ${VALUE_HINT}` };
  }
  if (typeof value === 'number') return { value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { value };
  return { problem: `the value is ${VALUE_HINT}, not ${describe(value)}` };
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return `a ${typeof v}`;
}

export function keyProblem(key: string): string | undefined {
  if (!key) return 'a key is needed, e.g. cpu or disk.sda';
  if (key.length > MAX_KEY_CHARS || !KEY_RE.test(key))
    return `the key is words of letters, digits, "_" and "-", joined by "." (at most ${MAX_KEY_CHARS} characters)`;
  return undefined;
}

/**
 * Wires the form: `send` writes the key and resolves once the service
 * accepted it, or rejects with its refusal.
 */
export function mountSetForm(
  el: SetForm,
  send: (key: string, value: number | object) => Promise<void>,
): void {
  const hint = (): void => say(el, VALUE_HINT, false);
  hint();

  el.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = el.key.value.trim();
    const kp = keyProblem(key);
    if (kp) return refuse(el, el.key, kp);
    const parsed = parseValue(el.value.value.trim());
    if ('problem' in parsed) return refuse(el, el.value, parsed.problem);
    mark(el, undefined);
    send(key, parsed.value).then(
      () => {
        el.key.value = '';
        el.value.value = '';
        say(el, `${key} set`, false);
      },
      (err: unknown) => refuse(el, undefined, `${key}: ${describeError(err)}`),
    );
  });
  for (const input of [el.key, el.value])
    input.addEventListener('input', () => {
      if (input.getAttribute('aria-invalid') === 'true') {
        mark(el, undefined);
        hint();
      }
    });
}

function refuse(el: SetForm, field: HTMLInputElement | undefined, problem: string): void {
  mark(el, field);
  say(el, problem, true);
  (field ?? el.value).focus();
}

function mark(el: SetForm, field: HTMLInputElement | undefined): void {
  for (const f of [el.key, el.value])
    if (f === field) f.setAttribute('aria-invalid', 'true');
    else f.removeAttribute('aria-invalid');
}

function say(el: SetForm, text: string, problem: boolean): void {
  el.note.textContent = text;
  el.note.classList.toggle('problem', problem);
}
