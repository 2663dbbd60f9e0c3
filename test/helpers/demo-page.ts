// The demo page's Chromium tests share these: opening the page as a user,
// waiting for a stream, and keeping screenshots in test-artifacts/ (ignored
// by git; CI keeps the directory as the run's artifacts).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, type TestContext } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildWeb } from '../../web/build.ts';
import { launchBrowser } from './browser.ts';
import { DemoSystem } from './demo.ts';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
export const WAIT = { timeout: 10_000 };

/** Saves a full-page screenshot as test-artifacts/<name>.png and names it in the test's output. */
export async function screenshot(t: TestContext, page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  t.diagnostic(`screenshot: ${path}`);
  return path;
}

/** Waits for the socket to be open. */
export async function waitOpen(page: Page): Promise<void> {
  await page.locator('[data-testid=state][data-state=open]').waitFor(WAIT);
}

/** The header's entry of a joined stream. */
export function joined(page: Page, stream: string): Locator {
  return page.locator(`[data-testid=streams] li[data-stream="${stream}"][data-state=joined]`);
}

/**
 * The demo page's system and a Chromium, for the enclosing describe: the
 * page is built into a fresh directory before, and everything goes after.
 */
export function demoInChromium(): { readonly sys: DemoSystem; readonly browser: Browser } {
  let webRoot: string | undefined;
  let sys: DemoSystem | undefined;
  let browser: Browser | undefined;
  before(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'muxgate-web-'));
    await buildWeb(webRoot);
    sys = await DemoSystem.start(webRoot);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await sys?.close();
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });
  return {
    get sys() {
      return sys!;
    },
    get browser() {
      return browser!;
    },
  };
}
