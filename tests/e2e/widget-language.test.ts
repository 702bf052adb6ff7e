// The demo page in Arabic (`/demo?lang=ar`) in a real Chromium, on a Spanish web-chat inbox: the visitor's
// first message is answered with the chat protocol's greeting and first question in Arabic, the widget's
// language, not the inbox's.
import type { Browser, Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { launchChromium, shotOnFailure, widgetFrame } from './helpers.ts';

let t: TestHub;
let acct: SeededAccount;
let browser: Browser;
let agent: Socket;
let page: Page | undefined;

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Fijacom');
  const created = await client(t.url, acct.adminToken).post('/inboxes', {
    name: 'Website',
    channel: 'webchat',
    config: { language: 'es' },
    settings: { language: 'es' },
  });
  expect(created.status).toBe(201);
  // An agent connected to /agent: the widget opens the chat, not the offline form.
  agent = connect(`${t.url}/agent`, { auth: { token: acct.adminToken }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    agent.once('connect', resolve);
    agent.once('connect_error', reject);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  agent?.disconnect();
  await browser?.close();
  await t?.destroy();
});

shotOnFailure('widget-language', () => page);

describe('automatic messages in the widget language', () => {
  it("greets a visitor of /demo?lang=ar in Arabic although the inbox's language is Spanish", async () => {
    page = await (await browser.newContext()).newPage();
    await page.goto(`${t.url}/demo?lang=ar`);
    await page.locator('hub-chat-widget button.b').click();
    const frame = await widgetFrame(page);
    await frame.fill('.composer textarea', 'مرحبا، أريد شحن رصيدي');
    await frame.press('.composer textarea', 'Enter');
    const bot = frame.locator('li.m:not(.me) .bb', { hasText: 'أهلاً بك' });
    await bot.first().waitFor({ timeout: 15_000 });
    const text = await bot.first().innerText();
    expect(text).toContain('مرحباً! أهلاً بك في خدمة عملاء Fijacom.');
    expect(text).toContain('من فضلك أرسل رقم Fijacom (7 أرقام).');
    expect(text).not.toContain('Bienvenido');
  });
});
