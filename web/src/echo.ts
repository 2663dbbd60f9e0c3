// The echo panel: request/reply over the `echo` stream, with the round trip
// time, and the error code when a request fails.
import type { MuxClient } from '../../client/index.ts';
import { joinPanel } from './join.ts';
import { appendLog, describeError, h } from './dom.ts';

interface EchoTypes {
  request: { text: string };
  reply: { text: string };
}

export function mountEcho(
  client: MuxClient,
  el: { form: HTMLFormElement; input: HTMLInputElement; log: HTMLElement },
): void {
  const echo = client.stream<EchoTypes>('echo');
  const note = (text: string, cls: string): void =>
    appendLog(el.log, h('li', { class: cls }, text));

  joinPanel(echo, undefined, (err) => note(`join failed: ${describeError(err)}`, 'error'));
  el.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = el.input.value.trim();
    if (!text) return;
    el.input.value = '';
    const started = performance.now();
    echo.request({ text }, { timeout: 5000 }).then(
      (reply) => note(`${reply.text} (${Math.round(performance.now() - started)} ms)`, 'reply'),
      (err: unknown) => note(describeError(err), 'error'),
    );
  });
}
