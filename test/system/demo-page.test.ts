// The demo page in Chromium, for what a visitor sees (issue 15, item 10):
// the dashboard's announcements, revisions, value field, read-only view for
// anonymous visitors, feed, and live charts; the connection badge when the
// gateway is down; a guest name per tab; and messages published to the chat
// room from outside. Each test keeps a screenshot in test-artifacts/ and
// names it in its output.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { MuxClient } from '../../client/index.ts';
import type { Dashboard } from '../../services/dashboard/index.ts';
import { inventoryBucket } from '../../services/inventory/index.ts';
import { newPage } from '../helpers/browser.ts';
import { joined, screenshot, waitOpen, WAIT, demoInChromium } from '../helpers/demo-page.ts';
import { runMuxgate } from '../helpers/process.ts';
import { startGateway } from '../helpers/system.ts';

type PageWindow = { muxgate: { client: MuxClient } };

describe('demo page in Chromium: what a visitor sees', () => {
  const demo = demoInChromium();
  let dashboard: Dashboard;
  before(() => {
    dashboard = demo.sys.services.find((s) => 'relay' in s.svc)!.svc as Dashboard;
  });

  /** The page as `name` (signed in through /dev/token), or anonymous: a gateway without dev tokens. */
  async function open(name: string | undefined): Promise<{ page: Page; errors: string[] }> {
    const p = await newPage(demo.browser);
    await p.page.setViewportSize({ width: 1280, height: 800 });
    if (name === undefined)
      await p.page.route(
        (url) => url.pathname === '/dev/token',
        (r) => r.fulfill({ status: 404, body: 'not found' }),
      );
    await p.page.goto(name === undefined ? demo.sys.gateway.http : demo.sys.pageUrl(name));
    await waitOpen(p.page);
    await joined(p.page, 'dashboard:ops').waitFor(WAIT);
    return p;
  }

  const row = (page: Page, key: string) =>
    page.locator(`[data-testid=dash-rows] tr[data-key="${key}"]`);
  const feed = (page: Page) => page.locator('[data-testid=dash-feed] li');

  /** The dashboard action `a` sent from the page's own client, as the service answers it. */
  const act = (page: Page, a: object): Promise<unknown> =>
    page.evaluate(
      (a) => (window as unknown as PageWindow).muxgate.client.stream('dashboard:ops').request(a),
      a,
    );

  it('shows who announced what, and when', async (t) => {
    const { page, errors } = await open('alice');
    const reply = await act(page, { action: 'announce', message: 'deploy at noon' });
    assert.deepEqual(reply, { ok: true });
    // The service sends {from, message, at} (docs/services.md); the page read {user, text, ts}.
    const line = feed(page).filter({ hasText: 'deploy at noon' });
    await line.waitFor(WAIT);
    assert.equal(await line.locator('b').textContent(), 'alice');
    assert.match((await line.locator('time').textContent()) ?? '', /\d{1,2}:\d{2}/);
    await screenshot(t, page, 'dashboard-announcement');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keeps a revision of 4 digits and more on one line', async (t) => {
    const { page, errors } = await open('alice');
    // Revisions are the bucket's sequence: about 5 minutes of the feeder reach 1000.
    let revision = 0;
    while (revision < 1000)
      revision = Math.max(
        ...(await Promise.all(
          Array.from({ length: 100 }, (_, i) => dashboard.store.update(`ops.e2e-rev${i % 5}`, i)),
        )),
      );
    await row(page, 'e2e-rev0')
      .locator('td.rev')
      .filter({ hasText: /^\d{4,}$/ })
      .waitFor(WAIT);
    const cells = await page.locator('[data-testid=dash-rows] td.rev').evaluateAll((tds) =>
      tds.map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return { text: td.textContent, lines: range.getClientRects().length };
      }),
    );
    assert.ok(cells.length >= 5, JSON.stringify(cells));
    for (const c of cells) assert.equal(c.lines, 1, `revision ${c.text} wraps`);
    await screenshot(t, page, 'dashboard-revisions');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says what a value may be, and answers a refused one next to the field', async (t) => {
    const { page, errors } = await open('alice');
    const value = page.locator('#dash-value');
    const note = page.locator('[data-testid=dash-note]');
    assert.match((await value.getAttribute('placeholder')) ?? '', /number or JSON/);
    assert.match((await note.textContent()) ?? '', /number.*JSON object/);

    await page.fill('#dash-key', 'e2e-value');
    await page.fill('#dash-value', 'hello');
    await page.click('#dash-set');
    await page.locator('#dash-value[aria-invalid=true]').waitFor(WAIT);
    assert.match((await note.textContent()) ?? '', /not a number or JSON/);
    assert.equal(await value.inputValue(), 'hello', 'kept for correcting');
    await screenshot(t, page, 'dashboard-value-refused');

    // Refused by the service (over 1024 bytes): said next to the field too.
    await page.fill('#dash-value', JSON.stringify({ big: 'x'.repeat(2000) }));
    await page.click('#dash-set');
    await page.locator('[data-testid=dash-note].problem', { hasText: 'bad_request' }).waitFor(WAIT);
    assert.equal(await row(page, 'e2e-value').count(), 0);

    await page.fill('#dash-value', '7');
    await page.click('#dash-set');
    await row(page, 'e2e-value').locator('td.value', { hasText: /^7$/ }).waitFor(WAIT);
    await page.locator('[data-testid=dash-note]', { hasText: 'e2e-value set' }).waitFor(WAIT);
    assert.equal(await value.inputValue(), '', 'cleared once accepted');
    assert.equal(await page.locator('#dash-key').inputValue(), '');
    assert.equal(await page.locator('#dash-form [aria-invalid]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows anonymous visitors the board without write controls', async (t) => {
    const anon = await open(undefined);
    await row(anon.page, 'cpu').waitFor(WAIT);
    await anon.page.locator('[data-testid=dash-readonly]').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await anon.page.locator('[data-testid=dash-rows] button').count(), 0);
    assert.equal(await anon.page.locator('#dash-form').isVisible(), false);
    assert.match(
      (await anon.page.locator('[data-testid=who]').textContent()) ?? '',
      /not signed in/,
    );
    await screenshot(t, anon.page, 'dashboard-anonymous');
    // The service agrees: what the page hides could only have failed.
    const reply = (await act(anon.page, { action: 'increment', key: 'cpu' })) as {
      error?: { code?: string };
    };
    assert.equal(reply.error?.code, 'forbidden');

    const alice = await open('alice');
    await row(alice.page, 'cpu').locator('button[data-action=increment]').waitFor(WAIT);
    assert.equal(await alice.page.locator('#dash-form').isVisible(), true);
    assert.equal(await alice.page.locator('[data-testid=dash-readonly]').isVisible(), false);
    assert.equal(await alice.page.locator('[data-testid=who]').textContent(), 'signed in as');
    assert.deepEqual([...anon.errors, ...alice.errors], []);
    await Promise.all([anon.page.close(), alice.page.close()]);
  });

  it('shows every line of the feed whole, the first one included', async (t) => {
    const { page, errors } = await open('alice');
    const long = (n: number) =>
      `notice ${n}: ${'the quick brown fox jumps over the lazy dog '.repeat(4)}`;
    for (let n = 1; n <= 7; n++) await act(page, { action: 'announce', message: long(n) });
    await feed(page).filter({ hasText: 'notice 7:' }).waitFor(WAIT);
    const box = await page.locator('[data-testid=dash-feed]').evaluate((ol) => {
      const f = ol.getBoundingClientRect();
      return {
        clipped: ol.scrollHeight > ol.clientHeight + 1,
        lines: Array.from(ol.children).map((li) => {
          const r = li.getBoundingClientRect();
          return {
            text: /notice \d/.exec(li.textContent ?? '')?.[0],
            inside: r.top >= f.top && r.bottom <= f.bottom,
          };
        }),
      };
    });
    assert.deepEqual(
      box.lines.map((l) => l.text),
      ['notice 3', 'notice 4', 'notice 5', 'notice 6', 'notice 7'],
      'the last five',
    );
    assert.equal(box.clipped, false, 'nothing scrolled out of sight');
    for (const l of box.lines) assert.ok(l.inside, `${l.text} is cut off`);
    await screenshot(t, page, 'dashboard-feed');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('draws a live chart of each numeric key, from the page alone', async (t) => {
    const p = await newPage(demo.browser);
    const { page, errors } = p;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(demo.sys.gateway.http)) foreign.push(r.url());
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(demo.sys.pageUrl('alice'));
    await joined(page, 'dashboard:ops').waitFor(WAIT);
    const chart = (key: string) =>
      page.locator(`[data-testid=dash-charts] figure[data-key="${key}"]`);
    const points = (key: string, n: number) =>
      page.waitForFunction(
        ([key, n]) =>
          Number(
            document.querySelector<HTMLElement>(`figure[data-key="${key}"]`)?.dataset.points,
          ) >= n,
        [key, n] as const,
        WAIT,
      );
    // The feeder writes every second: its charts grow.
    for (const key of ['cpu', 'memory_mb', 'requests']) await points(key, 3);
    assert.equal(await chart('latency_ms').count(), 0, 'an object is not a number');

    for (const v of [10, 30, 20]) await dashboard.store.update('ops.e2e-chart', v);
    await points('e2e-chart', 3);
    const pts = (await chart('e2e-chart').locator('svg polyline').getAttribute('points'))!
      .split(' ')
      .map((p) => p.split(',').map(Number) as [number, number]);
    assert.equal(pts.length, 3);
    assert.ok(
      pts[0]![0] < pts[1]![0] && pts[1]![0] < pts[2]![0],
      'oldest to newest, left to right',
    );
    const [y10, y30, y20] = pts.map(([, y]) => y);
    assert.ok(y30! < y20! && y20! < y10!, `higher values drawn higher: ${JSON.stringify(pts)}`);
    assert.equal(await chart('e2e-chart').locator('.chart-value').textContent(), '20');
    await screenshot(t, page, 'dashboard-charts');

    await dashboard.store.update('ops.e2e-chart', 'not a number');
    await chart('e2e-chart').waitFor({ state: 'detached', ...WAIT });
    assert.deepEqual(foreign, [], 'nothing fetched from anywhere but the gateway');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says the gateway is unreachable, not that a token failed, while it is down', async (t) => {
    const signed = await open('carol');
    const anon = await open(undefined);
    const detail = (p: Page) => p.locator('#state-detail');
    await demo.sys.gateway.stop();
    try {
      for (const { page } of [signed, anon]) {
        await detail(page)
          .filter({ hasText: /attempt \d+ .*\(gateway unreachable\)/ })
          .waitFor(WAIT);
        assert.doesNotMatch((await detail(page).textContent()) ?? '', /token/);
      }
      await screenshot(t, signed.page, 'gateway-unreachable');
    } finally {
      await demo.sys.gateway.start();
    }
    for (const { page } of [signed, anon]) {
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await waitOpen(page);
    }
    await Promise.all([signed.page.close(), anon.page.close()]);
  });

  it('gives each tab its own guest name, kept across a reload', async (t) => {
    const context = await demo.browser.newContext();
    try {
      const tabs = [await context.newPage(), await context.newPage()];
      const names: string[] = [];
      for (const tab of tabs) {
        await tab.goto(demo.sys.gateway.http);
        await waitOpen(tab);
        names.push((await tab.locator('[data-testid=user]').textContent()) ?? '');
      }
      assert.match(names[0]!, /^guest-\d+$/);
      assert.notEqual(names[0], names[1], 'two tabs, two guests');
      await tabs[0]!.reload();
      await waitOpen(tabs[0]!);
      assert.equal(await tabs[0]!.locator('[data-testid=user]').textContent(), names[0]);
      await screenshot(t, tabs[1]!, 'guest-second-tab');
    } finally {
      await context.close();
    }
  });

  it('shows what the API and the CLI publish to the room, in the documented form', async (t) => {
    const { page, errors } = await open('dave');
    await joined(page, 'chat:lobby').waitFor(WAIT);
    const apiKey = 'e2e-api-key';
    const other = await startGateway(demo.sys.gateway.source, demo.sys.gateway.prefix, {
      MUX_API_KEYS: apiKey,
    });
    try {
      // docs/services.md, "Publishing from anywhere": the curl and the muxgate publish lines.
      const res = await fetch(`http://127.0.0.1:${other.port}/v1/groups/chat.lobby/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ payload: { text: 'deploy finished (api)' } }),
      });
      assert.equal(res.status, 202);
      const cli = await runMuxgate(['publish', 'chat.lobby', '{"text":"deploy finished (cli)"}'], {
        NATS_URL: demo.sys.nats.url,
        MUX_PREFIX: demo.sys.gateway.prefix,
      });
      assert.equal(cli.code, 0, cli.stderr);
    } finally {
      await other.drain();
    }
    const shown = async (p: Page) => {
      const log = p.locator('[data-testid=chat-log]');
      for (const [via, label, text] of [
        ['api', 'API', 'deploy finished (api)'],
        ['bus', 'service', 'deploy finished (cli)'],
      ] as const) {
        const li = log.locator(`li.announcement[data-via=${via}]`, { hasText: text });
        await li.waitFor(WAIT);
        assert.equal(await li.locator('b').textContent(), label);
      }
    };
    await shown(page); // live
    await screenshot(t, page, 'chat-published');
    const later = await open('erin');
    await shown(later.page); // in the history
    assert.deepEqual([...errors, ...later.errors], []);
    await Promise.all([page.close(), later.page.close()]);
  });

  it('shows the inventory that `muxgate kv put` writes, live and to a later visitor', async (t) => {
    const { page, errors } = await open('frank');
    await joined(page, 'inventory:main').waitFor(WAIT);
    const bucket = inventoryBucket(demo.sys.gateway.prefix);
    const put = async (key: string, value: string) => {
      const cli = await runMuxgate(['kv', 'put', bucket, key, value], {
        NATS_URL: demo.sys.nats.url,
      });
      assert.equal(cli.code, 0, cli.stderr);
    };
    const count = (p: Page, item: string) =>
      p.locator(`[data-testid=inv-rows] tr[data-key="${item}"] td.value`);
    await put('main.widgets', '42');
    await put('other.widgets', '7'); // another warehouse's: not on this page
    await put('main.widgets', '41');
    await count(page, 'widgets').filter({ hasText: /^41$/ }).waitFor(WAIT);
    await screenshot(t, page, 'inventory-kv-put');
    const later = await open('gina');
    await joined(later.page, 'inventory:main').waitFor(WAIT);
    await count(later.page, 'widgets').filter({ hasText: /^41$/ }).waitFor(WAIT);
    assert.equal(await later.page.locator('[data-testid=inv-rows] tr').count(), 1);
    assert.deepEqual([...errors, ...later.errors], []);
    await Promise.all([page.close(), later.page.close()]);
  });

  it('shows who is in the chat room and how many, on every page (presence)', async (t) => {
    const a = await open('frank');
    const b = await open('grace');
    const names = (p: Page) =>
      p
        .locator('[data-testid=chat-members] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    const count = async (p: Page) =>
      Number(await p.locator('[data-testid=chat-count]').textContent());
    for (const p of [a.page, b.page])
      await p.waitForFunction(
        () =>
          ['frank', 'grace'].every((n) =>
            document.querySelector(`[data-testid=chat-members] li[data-name="${n}"]`),
          ),
        undefined,
        WAIT,
      );
    // Earlier tests' pages may still be in the room: the count is the list's length.
    assert.equal(await count(a.page), (await names(a.page)).length);
    await screenshot(t, a.page, 'chat-presence');
    await b.page.close();
    await a.page
      .locator('[data-testid=chat-members] li[data-name="grace"]')
      .waitFor({ state: 'detached', ...WAIT });
    assert.ok(!(await names(a.page)).includes('grace'));
    assert.equal(await count(a.page), (await names(a.page)).length);
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.page.close();
  });

  it('shows the notifications stream the gateway opened, and what reaches its groups', async (t) => {
    const { page, errors } = await open('fran');
    // Never joined by the page: the header lists it, the panel shows its groups.
    await joined(page, 'notifications').waitFor(WAIT);
    const groups = page.locator('[data-testid=notes-groups] code');
    await groups.first().waitFor(WAIT);
    assert.deepEqual(await groups.allTextContents(), ['user.fran', 'type.user']);
    const cli = await runMuxgate(['publish', 'user.fran', '{"text":"your export is ready"}'], {
      NATS_URL: demo.sys.nats.url,
      MUX_PREFIX: demo.sys.gateway.prefix,
    });
    assert.equal(cli.code, 0, cli.stderr);
    const log = page.locator('[data-testid=notes-log]');
    await log.locator('li.message', { hasText: 'your export is ready' }).waitFor(WAIT);
    await screenshot(t, page, 'notifications');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
