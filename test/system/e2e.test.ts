// The demo page in a real browser (Debian's Chromium, headless), against the
// whole system: echo, chat between two pages, the dashboard shared by two
// pages, a gateway restart the page survives on its own, and the chat
// messages it missed meanwhile, recovered and counted.
//
// The chat and dashboard tests follow the wire formats in web/src/chat.ts and
// web/src/dashboard.ts; they run when those services are in the registry.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { connect, MuxClient } from '../../client/index.ts';
import { SERVICES } from '../../services/registry.ts';
import { newPage } from '../helpers/browser.ts';
import { TestClient } from '../helpers/client.ts';
import { screenshot, WAIT, demoInChromium } from '../helpers/demo-page.ts';
import { startGateway } from '../helpers/system.ts';

const needs = (service: string): { skip: string | false } => ({
  skip: service in SERVICES ? false : `needs ${service} service`,
});

/** What the page puts on window (web/src/main.ts), as the tests see it. */
interface PageGlobals {
  muxgate: { client: MuxClient; connect: typeof connect };
  seen: string[];
  slow: MuxClient;
}

describe('demo page in Chromium', () => {
  const demo = demoInChromium();

  /** Opens the page as `name` and waits for the socket to be open. */
  async function open(name: string): Promise<{ page: Page; errors: string[] }> {
    const p = await newPage(demo.browser);
    await p.page.goto(demo.sys.pageUrl(name));
    await p.page.locator('[data-testid=state][data-state=open]').waitFor(WAIT);
    assert.equal(await p.page.locator('[data-testid=user]').textContent(), name);
    return p;
  }

  const joined = (page: Page, stream: string) =>
    page.locator(`[data-testid=streams] li[data-stream="${stream}"][data-state=joined]`);

  async function echo(page: Page, text: string): Promise<void> {
    await page.fill('#echo-input', text);
    await page.click('#echo-send');
    await page.locator('[data-testid=echo-log] li.reply', { hasText: `${text} (` }).waitFor(WAIT);
  }

  it('echoes a message over the socket', async () => {
    const { page, errors } = await open('alice');
    await joined(page, 'echo').waitFor(WAIT);
    await echo(page, 'hello from the browser');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('two pages chat in one room', needs('chat'), async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    for (const p of [alice.page, bob.page]) await joined(p, 'chat:lobby').waitFor(WAIT);
    const said = `hi bob ${Date.now()}`;
    await alice.page.fill('#chat-input', said);
    await alice.page.click('#chat-send');
    await bob.page
      .locator('[data-testid=chat-log] li.message[data-user=alice]', { hasText: said })
      .waitFor(WAIT);
    await bob.page.fill('#chat-input', 'hello alice');
    await bob.page.click('#chat-send');
    await alice.page
      .locator('[data-testid=chat-log] li.message[data-user=bob]', { hasText: 'hello alice' })
      .waitFor(WAIT);
    assert.deepEqual([...alice.errors, ...bob.errors], []);
    await Promise.all([alice.page.close(), bob.page.close()]);
  });

  it('a dashboard change in one page shows in the other', needs('dashboard'), async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    for (const p of [alice.page, bob.page]) await joined(p, 'dashboard:ops').waitFor(WAIT);
    const key = `e2e-${Date.now()}`;
    const value = (p: Page) => p.locator(`[data-testid=dash-rows] tr[data-key="${key}"] td.value`);
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

  it(
    'reconnects and rejoins on its own when the gateway restarts',
    { timeout: 30_000 },
    async () => {
      const { page, errors } = await open('carol');
      await joined(page, 'echo').waitFor(WAIT);
      const streams = await page.evaluate(() =>
        (window as unknown as PageGlobals).muxgate.client.streams
          .filter((s) => s.state === 'joined')
          .map((s) => s.name),
      );
      const before = await page.evaluate(() => {
        const g = window as unknown as PageGlobals;
        g.seen = [];
        g.muxgate.client.on('state', (e) => g.seen.push(e.state));
        return g.muxgate.client.welcome!.conn;
      });

      await demo.sys.gateway.restart();

      await page.waitForFunction(() => {
        const g = window as unknown as PageGlobals;
        return g.seen.includes('reconnecting') && g.muxgate.client.state === 'open';
      }, WAIT);
      await page.locator('[data-testid=state][data-state=open]').waitFor(WAIT);
      const after = await page.evaluate(
        () => (window as unknown as PageGlobals).muxgate.client.welcome!.conn,
      );
      assert.notEqual(after, before, 'a new connection');
      // Every stream that was joined is joined again, on the new connection.
      for (const s of streams) await joined(page, s).waitFor(WAIT);
      await echo(page, 'after the restart');
      assert.deepEqual(errors, []);
      await page.close();
    },
  );

  it(
    'shows the chat messages it missed while its gateway restarted, recovered and counted',
    { ...needs('chat'), timeout: 30_000 },
    async () => {
      const { page, errors } = await open('frank');
      await joined(page, 'chat:lobby').waitFor(WAIT);
      const log = page.locator('[data-testid=chat-log]');
      // Bob is on another gateway, which also takes publish API calls.
      const apiKey = 'e2e-api-key';
      const other = await startGateway(demo.sys.gateway.source, demo.sys.gateway.prefix, {
        MUX_API_KEYS: apiKey,
      });
      const bob = await TestClient.open(`ws://127.0.0.1:${other.port}/ws`);
      try {
        await bob.join('chat:lobby', { name: 'bob' });
        let n = 0;
        const say = async (text: string): Promise<void> => {
          const ref = ++n;
          bob.send({ type: 'msg', stream: 'chat:lobby', ref, payload: { text } });
          const reply = await bob.next((f) => f.type === 'reply' && f.ref === ref);
          assert.ok((reply.payload as { id?: unknown }).id, JSON.stringify(reply));
        };
        await say('seen before the restart');
        await log.locator('li.message[data-user=bob]', { hasText: 'seen before' }).waitFor(WAIT);

        await demo.sys.gateway.stop();
        await page.waitForFunction(
          () => (window as unknown as PageGlobals).muxgate.client.state !== 'open',
          undefined,
          WAIT,
        );
        for (const text of ['missed one', 'missed two']) await say(text);
        const res = await fetch(`http://127.0.0.1:${other.port}/v1/groups/chat.lobby/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ payload: { text: 'deploy finished' } }),
        });
        assert.equal(res.status, 202);
        // Kept before bob's next message, which comes through another connection.
        await bob.next((f) => f.type === 'msg' && f.via === 'api');
        await say('missed three');
        await demo.sys.gateway.start();
        // As the browser does when the network comes back: retry now, not after the backoff.
        await page.evaluate(() => window.dispatchEvent(new Event('online')));

        await log.locator('li.resume', { hasText: /^4 missed messages recovered$/ }).waitFor(WAIT);
        const lines = await log.locator('li').evaluateAll((items) =>
          items.map((li) => {
            const el = li as HTMLElement;
            if (el.classList.contains('message'))
              return `${el.dataset.user}: ${el.lastElementChild?.textContent}`;
            if (el.classList.contains('announcement'))
              return `${el.dataset.via}: ${el.textContent}`;
            return `${el.className}: ${el.textContent}`;
          }),
        );
        const from = lines.indexOf('bob: seen before the restart');
        assert.deepEqual(
          lines.slice(from + 1).filter((l) => !l.startsWith('presence')),
          [
            'bob: missed one',
            'bob: missed two',
            'api: API deploy finished',
            'bob: missed three',
            'resume: 4 missed messages recovered',
          ],
          'the page kept what it showed, and the missed messages follow in order, the API’s marked',
        );
        assert.equal(await log.locator('li.resume', { hasText: 'reloaded' }).count(), 0);
        assert.deepEqual(errors, []);
      } finally {
        await bob.close();
        await other.drain();
        await page.close();
      }
    },
  );

  it(
    'retries at once when the browser comes back online or the tab becomes visible',
    { timeout: 30_000 },
    async () => {
      const { page } = await open('dave');
      // A client with a one-minute backoff: only a wake-up can bring it back within the test.
      await page.evaluate(async () => {
        const g = window as unknown as PageGlobals;
        g.slow = g.muxgate.connect('/ws', { backoff: { steps: [60_000] } });
        await g.slow.stream('echo').join();
      });
      const state = (s: string) =>
        page.waitForFunction(
          (want) => (window as unknown as PageGlobals).slow.state === want,
          s,
          WAIT,
        );

      await demo.sys.gateway.stop();
      await state('reconnecting');
      await demo.sys.gateway.start();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await state('open');

      await demo.sys.gateway.stop();
      await state('reconnecting');
      await demo.sys.gateway.start();
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await state('open');
      assert.equal(
        await page.evaluate(() =>
          (window as unknown as PageGlobals).slow.stream('echo').request('back'),
        ),
        'back',
      );
      await page.close();
    },
  );

  it('keeps a screenshot of the page', async (t) => {
    const { page, errors } = await open('erin');
    await page.setViewportSize({ width: 1280, height: 720 });
    await joined(page, 'echo').waitFor(WAIT);
    await echo(page, 'hello, muxgate');
    if ('chat' in SERVICES) {
      await joined(page, 'chat:lobby').waitFor(WAIT);
      await page.fill('#chat-input', 'one socket, many streams');
      await page.click('#chat-send');
      await page
        .locator('[data-testid=chat-log] li.message', { hasText: 'many streams' })
        .waitFor(WAIT);
    }
    const png = await readFile(await screenshot(t, page, 'demo'));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
