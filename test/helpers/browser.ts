// Launches Debian's Chromium through playwright-core, headless. Playwright's
// own browser downloads cannot work on these machines; .ci/run installs the
// `chromium` package when it is missing.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_BIN)`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A page that records its uncaught errors, so a test can assert there were none. */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { page, errors };
}

/**
 * Takes transports away from a page before its scripts run, as a proxy
 * that breaks them or an old browser would: `absent` deletes the globals
 * (the client never tries them); `broken` leaves a WebSocket whose every
 * attempt fails as a blocked upgrade does (the client finds out, asks the
 * gateway, and falls back).
 */
export async function withoutTransports(
  page: Page,
  take: { webSocket: 'absent' | 'broken'; eventSource?: 'absent' },
): Promise<void> {
  await page.addInitScript((take) => {
    const w = window as unknown as Record<string, unknown>;
    if (take.webSocket === 'absent') delete w.WebSocket;
    else
      w.WebSocket = class {
        readyState = 0;
        protocol = '';
        onopen: unknown = null;
        onmessage: unknown = null;
        onerror: ((e: unknown) => void) | null = null;
        onclose: ((e: { code: number; reason: string }) => void) | null = null;
        constructor() {
          setTimeout(() => {
            this.readyState = 3;
            this.onerror?.({});
            this.onclose?.({ code: 1006, reason: '' });
          }, 10);
        }
        send(): void {}
        close(): void {}
      };
    if (take.eventSource === 'absent') delete w.EventSource;
  }, take);
}
