// The contact's whole history in the timeline, in a real Chromium: a customer who wrote by web chat last
// week and now by the API channel (two contacts merged into one) — the agent opens today's conversation,
// asks for the earlier ones, and reads them above it, each introduced by its channel and number.
// Screenshot: tests/.tmp/e2e/console-history.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { connectVisitor } from '#tests/helpers/widget.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
let today: { id: string; contactId: string };
let lastWeek: string;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  const web = await admin.post('/inboxes', { name: 'Web', channel: 'webchat', config: {} });
  expect(web.status).toBe(201);
  const visitor = await connectVisitor(t, { inboxToken: web.body.data.token });
  expect(
    (await visitor.emit('message:send', { clientMessageId: 'w1', text: 'Mi recarga no llegó' })).ok,
  ).toBe(true);
  visitor.close();
  const api = await account.apiInbox();
  today = (
    await incoming(t.url, api, {
      externalId: 'h-1',
      contact: { externalId: 'crm-77', name: 'Ana Pérez' },
      text: 'Vuelvo a escribir por lo de la recarga',
    })
  ).body.data.conversation;
  const list = (await admin.get('/conversations?status=open')).body.data;
  const webConversation = list.find((c: { channel: string }) => c.channel === 'webchat');
  lastWeek = webConversation.id;
  expect(
    (await admin.post(`/contacts/${today.contactId}/merge`, { sourceContactId: webConversation.contactId }))
      .status,
  ).toBe(200);
  browser = await launchChromium();
  page = await consolePage(browser);
  await logInConsole(page, t.url, account.admin.email);
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('contact history in the timeline', () => {
  it('shows the earlier conversations on other channels above the open one, and opens them', async () => {
    await page.goto(`${t.url}/conversations/${today.id}`);
    await page.locator('.msg', { hasText: 'Vuelvo a escribir' }).waitFor();
    expect(await page.locator('.msg', { hasText: 'Mi recarga no llegó' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show this contact’s earlier conversations' }).click();
    const head = page.locator('.history-head', { hasText: `#${lastWeek}` });
    await head.waitFor();
    expect(await head.textContent()).toContain('Web chat');
    await page.locator('.msg.history', { hasText: 'Mi recarga no llegó' }).waitFor();
    // Earlier history comes first, then this conversation.
    const texts = await page.locator('.timeline > li').allTextContents();
    const earlier = texts.findIndex((x) => x.includes('Mi recarga no llegó'));
    const now = texts.findIndex((x) => x.includes('Vuelvo a escribir'));
    expect(earlier).toBeGreaterThan(-1);
    expect(earlier).toBeLessThan(now);
    await page.screenshot({ path: join(shots, 'console-history.png') });
    await head.getByRole('button').click();
    await page.waitForURL(`**/conversations/${lastWeek}`);
    await page.locator('.msg', { hasText: 'Mi recarga no llegó' }).waitFor();
  });
});
