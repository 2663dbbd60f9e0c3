// The demo page in Chromium with WebSocket unavailable (PROTOCOL.md §4.5,
// issue 14): over SSE when the page has EventSource, over long polling when
// it has neither; echo, two pages chatting and a dashboard change work the
// same, and the header says which transport is in use. A WebSocket that a
// proxy breaks (every attempt fails though the gateway would admit it) ends
// on SSE too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { newPage, withoutTransports } from '../helpers/browser.ts';
import { joined, screenshot, waitOpen, WAIT, demoInChromium } from '../helpers/demo-page.ts';

const CASES = [
  { transport: 'sse', take: { webSocket: 'absent' } },
  { transport: 'long-poll', take: { webSocket: 'absent', eventSource: 'absent' } },
] as const;

describe('demo page in Chromium without WebSocket', () => {
  const demo = demoInChromium();

  async function open(
    name: string,
    take: Parameters<typeof withoutTransports>[1],
    transport: string,
  ): Promise<{ page: Page; errors: string[] }> {
    const p = await newPage(demo.browser);
    await withoutTransports(p.page, take);
    await p.page.goto(demo.sys.pageUrl(name));
    await waitOpen(p.page);
    await p.page.locator(`[data-testid=transport][data-transport="${transport}"]`).waitFor(WAIT);
    return p;
  }

  for (const { transport, take } of CASES) {
    describe(`over ${transport}`, () => {
      it('echoes a message', async (t) => {
        const { page, errors } = await open('alice', take, transport);
        await joined(page, 'echo').waitFor(WAIT);
        await page.fill('#echo-input', `hello over ${transport}`);
        await page.click('#echo-send');
        await page
          .locator('[data-testid=echo-log] li.reply', { hasText: `hello over ${transport} (` })
          .waitFor(WAIT);
        assert.equal(
          await page.evaluate(
            () =>
              (window as unknown as { muxgate: { client: { transport: string } } }).muxgate.client
                .transport,
          ),
          transport,
        );
        await screenshot(t, page, `fallback-${transport}-echo`);
        assert.deepEqual(errors, []);
        await page.close();
      });

      it('two pages chat in one room', async () => {
        const alice = await open('alice', take, transport);
        const bob = await open('bob', take, transport);
        for (const p of [alice.page, bob.page]) await joined(p, 'chat:lobby').waitFor(WAIT);
        const said = `hi bob over ${transport} ${Date.now()}`;
        await alice.page.fill('#chat-input', said);
        await alice.page.click('#chat-send');
        await bob.page
          .locator('[data-testid=chat-log] li.message[data-user=alice]', { hasText: said })
          .waitFor(WAIT);
        await bob.page.fill('#chat-input', `hello alice over ${transport}`);
        await bob.page.click('#chat-send');
        await alice.page
          .locator('[data-testid=chat-log] li.message[data-user=bob]', {
            hasText: `hello alice over ${transport}`,
          })
          .waitFor(WAIT);
        assert.deepEqual([...alice.errors, ...bob.errors], []);
        await Promise.all([alice.page.close(), bob.page.close()]);
      });

      it('a dashboard change in one page shows in the other', async () => {
        const alice = await open('alice', take, transport);
        const bob = await open('bob', take, transport);
        for (const p of [alice.page, bob.page]) await joined(p, 'dashboard:ops').waitFor(WAIT);
        const key = `fb-${transport}-${Date.now()}`;
        const value = (p: Page) =>
          p.locator(`[data-testid=dash-rows] tr[data-key="${key}"] td.value`);
        await alice.page.fill('#dash-key', key);
        await alice.page.fill('#dash-value', '41');
        await alice.page.click('#dash-set');
        await value(bob.page).filter({ hasText: /^41$/ }).waitFor(WAIT);
        await bob.page.click(
          `[data-testid=dash-rows] tr[data-key="${key}"] button[data-action=increment]`,
        );
        await value(alice.page).filter({ hasText: /^42$/ }).waitFor(WAIT);
        assert.deepEqual([...alice.errors, ...bob.errors], []);
        await Promise.all([alice.page.close(), bob.page.close()]);
      });
    });
  }

  it('falls back to SSE on its own when every WebSocket attempt fails', async () => {
    const { page, errors } = await open('carol', { webSocket: 'broken' }, 'sse');
    await joined(page, 'echo').waitFor(WAIT);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
