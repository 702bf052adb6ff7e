// Browser-spec helpers: Debian's Chromium through playwright-core, and a tiny host site on another origin
// (localhost vs the hub's 127.0.0.1: another site, as a customer's page would be).
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const shots = join(import.meta.dirname, '..', '.tmp', 'e2e');
mkdirSync(shots, { recursive: true });

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });

/** CSS a careless host site might ship: it must neither hide nor restyle the widget. */
export const hostileCss = `
*, *::before, *::after { box-sizing: content-box !important; font-size: 40px !important; color: red !important; }
div, button, iframe, span { display: none !important; width: 0 !important; height: 0 !important; }
button { background: yellow !important; border: 10px solid lime !important; }
hub-chat-widget { display: none !important; visibility: hidden !important; opacity: 0 !important; position: static !important; }
iframe { visibility: hidden !important; }
body { font-family: "Comic Sans MS", cursive !important; }`;

export type HostSite = { url: string; close(): Promise<void> };

/** Serves `/?lang=..` as a page embedding the widget from `hubUrl` for `inboxToken`. */
export async function hostSite(hubUrl: string, inboxToken: string): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const lang = url.searchParams.get('lang');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Host shop</title>
<style>${hostileCss}</style></head><body><h1>Acme shop</h1><p>Products and prices.</p>
<a href="#top" id="first-link">A link of the page</a>
<script src="${hubUrl}/widget.js" data-inbox="${inboxToken}"${lang ? ` data-lang="${lang}"` : ''} async></script>
</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The widget's iframe, once the loader has created it. */
export async function widgetFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = page.frames().find((fr) => fr.url().includes('/widget/frame'));
    if (f) {
      await f.waitForSelector('.w', { state: 'attached', timeout: Math.max(1000, deadline - Date.now()) });
      return f;
    }
    if (Date.now() > deadline) throw new Error('the widget frame did not appear');
    await page.waitForTimeout(50);
  }
}

/** A 2×2 red PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** A fresh browser context and page for the console; page errors are pushed onto `errors`. */
export async function consolePage(
  browser: Browser,
  opts: {
    viewport?: { width: number; height: number };
    locale?: string;
    timezoneId?: string;
    errors?: string[];
  } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  const page = await context.newPage();
  if (opts.errors) page.on('pageerror', (err) => opts.errors!.push(err.message));
  return page;
}

/** Logs in through the console's login form and waits for the header. */
export async function logInConsole(
  page: Page,
  hubUrl: string,
  email: string,
  password = 'correct horse battery',
): Promise<void> {
  await page.goto(hubUrl);
  // A session kept in this browser context from an earlier try (a retried spec) would skip the form and
  // leave the retry failing on a missing input: start signed out.
  const kept = await page.evaluate(() => {
    const had = localStorage.getItem('hub.session') !== null;
    localStorage.removeItem('hub.session');
    return had;
  });
  if (kept) await page.reload();
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.click('button.primary');
  await page.locator('header.top').waitFor();
}

/** After each test of the file that fails, a screenshot of its page, named after the file and the test. */
export function shotOnFailure(prefix: string, page: () => Page | undefined): void {
  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    await page()?.screenshot({
      path: join(shots, `${prefix}-failed-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`),
    });
  });
}
