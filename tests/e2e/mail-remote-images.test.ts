// A received mail shown formatted loads nothing from the sender's servers: a tracking pixel would tell the
// sender that, and when, an agent read it. A "tracker" on another loopback port counts every request; the
// mail names it in every way a browser would follow (protocol-relative, backslashes, plain http ...).
// The stored HTML is rendered twice in a real Chromium: in a page with no Content-Security-Policy, in the
// console's own sandboxed frame document (so only the sanitiser stands between it and the tracker), and in
// the console itself after "Show as formatted". Screenshot: tests/.tmp/e2e/mail-remote-images.png.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { mailDocument } from '../../agent-console/src/components/mail-document.ts';
import { consolePage, launchChromium, logInConsole, shots, tinyPng } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let tracker: { host: string; hits: string[]; server: Server };
let host: { url: string; server: Server; html: string };
let conversationId: string;
let stored: string;

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const hits: string[] = [];
  const trackerServer = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'image/png');
    res.end(tinyPng);
  });
  tracker = { host: `127.0.0.1:${await listen(trackerServer)}`, hits, server: trackerServer };
  const hostServer = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(host.html);
  });
  host = { url: '', server: hostServer, html: '' };
  host.url = `http://localhost:${await listen(hostServer)}/`;
  browser = await launchChromium();

  const inbox = await account.apiInbox();
  const running = t.hub.ctx.channels.get(Number(inbox.id))!;
  const h = tracker.host;
  const { conversation } = await t.hub.ingestor.ingest(running.inbox, {
    channel: 'api',
    inboxId: running.inbox.id,
    externalId: 'pixel-mail',
    threadKey: 'pixel-mail',
    sender: { externalId: 'sender@tracking.example', name: 'Newsletter' },
    text: 'Your invoice is attached',
    html: [
      '<p>Your invoice is attached</p>',
      `<img src="//${h}/protocol-relative.png" alt="a">`,
      `<img src="\\\\${h}/two-backslashes.png" alt="b">`,
      `<img src="/\\${h}/slash-backslash.png" alt="c">`,
      `<img src=" //${h}/leading-space.png" alt="d">`,
      `<img src="http://${h}/plain-http.png" alt="e">`,
      `<img srcset="//${h}/srcset.png 1x" alt="f">`,
      `<table background="//${h}/background.png"><tr><td style="background:url(//${h}/style.png)">x</td></tr></table>`,
      `<svg><image href="//${h}/svg.png"/></svg><video poster="//${h}/poster.png"></video>`,
      `<link rel="stylesheet" href="//${h}/style.css">`,
    ].join(''),
  });
  conversationId = String(conversation.id);
  const message = (
    await client(t.url, account.adminToken).get(`/conversations/${conversationId}/messages`)
  ).body.data.find((m: { externalId: string }) => m.externalId === 'pixel-mail');
  stored = message.html;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => tracker?.server.close(r));
  await new Promise((r) => host?.server.close(r));
  await t?.destroy();
});

describe('a received mail shown formatted', () => {
  it('requests nothing from the tracker when the stored HTML is rendered in the console frame document', async () => {
    tracker.hits.length = 0;
    expect(stored).toContain('Your invoice is attached');
    const attr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    host.html = `<!doctype html><title>mail</title><iframe sandbox="" srcdoc="${attr(mailDocument(stored))}"></iframe>`;
    const page = await (await browser.newContext()).newPage();
    await page.goto(host.url);
    // The frame's load event comes after each of its images has loaded or failed: no waiting on time.
    const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
    await frame!.waitForLoadState('load');
    expect(await frame!.locator('body').textContent()).toContain('Your invoice is attached');
    expect(tracker.hits).toEqual([]);
    await page.context().close();
  });

  it('requests nothing from the tracker in the console after "Show as formatted"', async () => {
    tracker.hits.length = 0;
    const errors: string[] = [];
    const page = await consolePage(browser, { locale: 'en-US', errors });
    await logInConsole(page, t.url, account.admin.email);
    await page.goto(`${t.url}/conversations/${conversationId}`);
    const message = page.locator('.msg.in', { hasText: 'Your invoice is attached' });
    await message.getByRole('button', { name: 'Show as formatted' }).click();
    // The frame takes the place of the text, so it is found on the page, not in the text's row.
    const frame = await (await page.locator('iframe.mail-html').elementHandle())!.contentFrame();
    await frame!.waitForLoadState('load');
    expect(await frame!.locator('body').textContent()).toContain('Your invoice is attached');
    await page.screenshot({ path: join(shots, 'mail-remote-images.png') });
    expect(tracker.hits).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
