// The hub's browser-facing policy in a real Chromium. The console works under its Content-Security-Policy
// with not one violation (live socket, image attachments shown from blob: URLs, a mail shown formatted,
// the admin's live widget preview); it cannot be framed by another site; a page of another site cannot
// open the console's socket with the agent's token, while the widget's socket still answers it; and the
// /demo page still embeds the widget and opens it from its own button.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { webchatInbox } from '#tests/helpers/widget.ts';
import { launchChromium, logInConsole, shots, tinyPng, widgetFrame } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let widgetToken: string;
let apiInboxId: number;
/** A site of another origin (localhost, the hub being 127.0.0.1); serves `foreign.html`. */
let foreign: { url: string; server: Server; html: string };

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  widgetToken = (await webchatInbox(t, account)).token;
  apiInboxId = Number((await account.apiInbox()).id);
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(foreign.html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  foreign = { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server, html: '' };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => foreign?.server.close(r));
  await t?.destroy();
});

/** A browser context that reports every Content-Security-Policy violation, in any frame, into `seen`. */
async function watchedContext(seen: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|CSP violation/i.test(m.text())) seen.push(m.text());
  });
  context.on('weberror', (e) => seen.push(`page error: ${e.error().message}`));
  return context;
}

/** Runs socket.io's browser client (served by the hub) on the foreign page; resolves how the attempt went. */
async function foreignSocket(
  page: Page,
  namespace: '/agent' | '/widget',
  opts: { auth: Record<string, string>; transport: 'polling' | 'websocket'; withCredentials: boolean },
): Promise<string> {
  return page.evaluate(
    ({ url, namespace, opts }) =>
      new Promise<string>((resolve) => {
        const io = (window as unknown as { io: (u: string, o: object) => SocketLike }).io;
        type SocketLike = { once(e: string, f: (x?: Error) => void): void; close(): void };
        const socket = io(`${url}${namespace}`, {
          auth: opts.auth,
          transports: [opts.transport],
          withCredentials: opts.withCredentials,
          reconnection: false,
          // Each attempt on its own connection: a shared one would keep the first attempt's options.
          forceNew: true,
        });
        socket.once(namespace === '/widget' ? 'session' : 'connect', () => {
          socket.close();
          resolve('connected');
        });
        socket.once('connect_error', (err) => {
          socket.close();
          resolve(`refused: ${err?.message}`);
        });
      }),
    { url: t.url, namespace, opts },
  );
}

describe('security policy in Chromium', () => {
  it('runs the console under its policy without a single violation', async () => {
    const violations: string[] = [];
    const context = await watchedContext(violations);
    const page = await context.newPage();
    await logInConsole(page, t.url, account.admin.email);
    const running = t.hub.ctx.channels.get(apiInboxId)!;
    const { conversation } = await t.hub.ingestor.ingest(running.inbox, {
      channel: 'api',
      inboxId: apiInboxId,
      externalId: 'policy-1',
      threadKey: 'policy-1',
      sender: { externalId: 'ana', name: 'Ana Flores' },
      text: 'My photo and the formatted mail',
      html: '<p>My <b>photo</b> and the formatted mail</p>',
      attachments: [{ data: tinyPng, name: 'photo.png', mime: 'image/png' }],
    });
    await page.goto(`${t.url}/conversations/${conversation.id}`);
    // The image attachment is fetched with the agent's token and shown from a blob: URL.
    const image = page.locator('.msg.in img[src^="blob:"]');
    await image.waitFor();
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    // A message arriving now comes over the live socket.
    await t.hub.ingestor.ingest(running.inbox, {
      channel: 'api',
      inboxId: apiInboxId,
      externalId: 'policy-2',
      threadKey: 'policy-1',
      sender: { externalId: 'ana', name: 'Ana Flores' },
      text: 'Are you there?',
    });
    await page.locator('.msg.in', { hasText: 'Are you there?' }).waitFor();
    // The mail's HTML in its sandboxed frame, styled by the frame's own stylesheet.
    await page.getByRole('button', { name: 'Show as formatted' }).click();
    const mail = await (await page.locator('iframe.mail-html').elementHandle())!.contentFrame();
    await mail!.waitForLoadState('load');
    expect(await mail!.locator('b').evaluate((b) => getComputedStyle(b.ownerDocument.body).margin)).toBe(
      '0px',
    );
    await page.screenshot({ path: join(shots, 'security-policy-1-console.png') });
    // The admin's live preview of the web-chat widget: the real loader and frame inside the console.
    await page.goto(`${t.url}/admin/inboxes`);
    await page.getByRole('button', { name: 'Edit Web chat' }).click();
    await page.locator('iframe.inbox-preview').waitFor();
    const preview = page
      .frames()
      .find((f) => f.url() === 'about:srcdoc' && f.parentFrame() === page.mainFrame());
    const chat = await widgetFrame(page);
    expect(chat.parentFrame()).toBe(preview);
    await page.screenshot({ path: join(shots, 'security-policy-2-preview.png') });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('cannot be framed by another site', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    foreign.html = `<!doctype html><title>framer</title><iframe src="${t.url}/" width="800" height="600"></iframe>`;
    await page.goto(foreign.url);
    const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
    await frame!.waitForLoadState('load');
    // Chromium replaces a refused frame with its error page: the console is not in it.
    expect(frame!.url()).not.toContain(t.url);
    expect(await frame!.locator('input[type=email]').count()).toBe(0);
    await context.close();
  });

  it("refuses the console's socket to another site, and still serves it the widget's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    foreign.html = `<!doctype html><title>other site</title><script src="${t.url}/socket.io/socket.io.js"></script>`;
    await page.goto(foreign.url);
    const agent = { auth: { token: account.adminToken } };
    expect(
      await foreignSocket(page, '/agent', { ...agent, transport: 'polling', withCredentials: true }),
    ).toMatch(/^refused/);
    expect(
      await foreignSocket(page, '/agent', { ...agent, transport: 'websocket', withCredentials: true }),
    ).toMatch(/^refused/);
    expect(
      await foreignSocket(page, '/agent', { ...agent, transport: 'polling', withCredentials: false }),
    ).toMatch(/^refused/);
    const visitor = { auth: { inboxToken: widgetToken }, withCredentials: false };
    expect(await foreignSocket(page, '/widget', { ...visitor, transport: 'polling' })).toBe('connected');
    expect(await foreignSocket(page, '/widget', { ...visitor, transport: 'websocket' })).toBe('connected');
    await context.close();
  });

  it('keeps the demo page working with the widget under its policy', async () => {
    const violations: string[] = [];
    const context = await watchedContext(violations);
    const page = await context.newPage();
    await page.goto(`${t.url}/demo?lang=en`);
    await page.getByRole('button', { name: "Open the chat from the page's own button" }).click();
    await widgetFrame(page);
    await page.screenshot({ path: join(shots, 'security-policy-3-demo.png') });
    expect(violations).toEqual([]);
    await context.close();
  });
});
