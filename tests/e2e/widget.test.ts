// The web-chat widget in a real Chromium, embedded on another site with hostile CSS, against a real hub:
// no socket before opening, pre-chat form, live messages both ways, history after reload, the outbox
// across a network cut (stored exactly once), an image round trip, the closing survey, Arabic RTL and a
// keyboard-only visitor. Screenshots land in tests/.tmp/e2e/.
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type HostSite, hostSite, launchChromium, shots, tinyPng, widgetFrame } from './helpers.ts';

let t: TestHub;
let acct: SeededAccount;
let api: ReturnType<typeof client>;
let browser: Browser;
let site: HostSite;
let inbox: { id: string; token: string };
let agent: Socket;
let ctx: BrowserContext;
let page: Page;
let frame: Frame;
let conversationId: string;

const widgetSockets = () => t.hub.io.of('/widget').sockets.size;
const messagesIn = async () => {
  const r = await api.get(`/conversations/${conversationId}/messages`);
  return (
    r.body.data as { direction: string; text: string | null; attachments: { mime: string }[] }[]
  ).filter((m) => m.direction === 'in');
};

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  api = client(t.url, acct.adminToken);
  const created = await api.post('/inboxes', {
    name: 'Website',
    channel: 'webchat',
    config: { greeting: 'Hi! How can we help?', color: '#0f766e', language: 'es' },
    settings: {
      // The widget on its own: the chat protocol's automatic messages (greeting, questions) are specified
      // in tests/protocol; here they would race the agent's reply for the screen reader's announcement.
      protocol: 'none',
      title: 'Acme support',
      preChat: {
        enabled: true,
        fields: [
          { key: 'name', type: 'text', required: true },
          { key: 'email', type: 'email', required: true },
          { key: 'nationalId', label: 'CI', type: 'ci', required: true, pattern: '\\d{5,8}' },
        ],
      },
    },
  });
  expect(created.status).toBe(201);
  inbox = { id: created.body.data.id, token: created.body.data.token };
  // An agent connected to /agent: the widget's config says someone is online.
  agent = connect(`${t.url}/agent`, { auth: { token: acct.adminToken }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    agent.once('connect', resolve);
    agent.once('connect_error', reject);
  });
  browser = await launchChromium();
  site = await hostSite(t.url, inbox.token);
  ctx = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  page = await ctx.newPage();
});

afterAll(async () => {
  agent?.disconnect();
  await browser?.close();
  await site?.close();
  await t?.destroy();
});

describe('web-chat widget in Chromium', () => {
  it('embeds on a hostile host page and opens no socket until the visitor opens it', async () => {
    await page.goto(`${site.url}?lang=en`);
    const launcher = page.locator('hub-chat-widget button.b');
    await launcher.waitFor({ state: 'visible' });
    const box = (await launcher.boundingBox())!;
    expect(box.width).toBe(60);
    expect(box.height).toBe(60);
    expect(box.x + box.width).toBeGreaterThan(900); // bottom right, per the config
    expect(box.y + box.height).toBeGreaterThan(700);
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat');
    const bg = await launcher.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).toBe('rgb(15, 118, 110)');
    await page.screenshot({ path: join(shots, '1-host-closed.png') });
    expect(page.frames().some((f) => f.url().includes('/widget/frame'))).toBe(false);
    expect(widgetSockets()).toBe(0);
  });

  it('asks the pre-chat questions, validating them like the hub', async () => {
    await page.locator('hub-chat-widget button.b').click();
    frame = await widgetFrame(page);
    await eventually(async () => widgetSockets() === 1);
    await frame.click('button.primary');
    expect(await frame.locator('.err').count()).toBe(3);
    await frame.fill('#f-name', 'Ana Pérez');
    await frame.fill('#f-email', 'ana@example.test');
    await frame.fill('#f-nationalId', '12ab');
    await frame.click('button.primary');
    expect(await frame.locator('#f-nationalId[aria-invalid]').count()).toBe(1);
    await frame.fill('#f-nationalId', '4567890');
    await frame.click('button.primary');
    await frame.waitForSelector('.composer textarea');
    await page.screenshot({ path: join(shots, '2-open-en.png') });
  });

  it('sends a message (links become links, emoji kept) and receives an agent reply live', async () => {
    await frame.fill('.composer textarea', 'Hola 👋 see https://example.com/plan please');
    await frame.press('.composer textarea', 'Enter');
    await frame.waitForSelector('li.me[data-state="sent"]');
    const link = frame.locator('li.me a');
    expect(await link.getAttribute('href')).toBe('https://example.com/plan');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const list = await api.get(`/conversations?inboxId=${inbox.id}`);
    expect(list.body.data).toHaveLength(1);
    conversationId = list.body.data[0].id;
    const conv = await api.get(`/conversations/${conversationId}`);
    expect(conv.body.data.contact.name).toBe('Ana Pérez');
    expect(conv.body.data.contact.email).toBe('ana@example.test');
    expect((await messagesIn()).map((m) => m.text)).toEqual(['Hola 👋 see https://example.com/plan please']);

    const reply = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'مرحبا Ana! <b>not bold</b>',
    });
    expect(reply.status).toBe(201);
    const agentBubble = frame.locator('li.m:not(.me) .bb', { hasText: 'مرحبا Ana!' });
    await agentBubble.waitFor();
    expect(await agentBubble.textContent()).toBe('مرحبا Ana! <b>not bold</b>');
    expect(await frame.locator('li.m b').count()).toBe(0);
    expect(await agentBubble.getAttribute('dir')).toBe('auto');
    await eventually(async () =>
      (await frame.locator('.sr[aria-live]').textContent())?.includes('مرحبا Ana!'),
    );
    await page.screenshot({ path: join(shots, '3-conversation.png') });
  });

  it('keeps the history after a reload and shows unread replies on the closed launcher', async () => {
    await page.reload();
    // An ongoing conversation: the frame loads hidden so replies arrive; the panel stays closed.
    frame = await widgetFrame(page);
    await eventually(async () => widgetSockets() === 1);
    expect(await page.locator('hub-chat-widget .p').isHidden()).toBe(true);
    await api.post(`/conversations/${conversationId}/messages`, { text: 'Are you still there?' });
    const badge = page.locator('hub-chat-widget .u');
    await badge.waitFor({ state: 'visible' });
    expect(await badge.textContent()).toBe('1');
    await page.screenshot({ path: join(shots, '4-unread-badge.png') });
    await page.locator('hub-chat-widget button.b').click();
    await frame.locator('li.me .bb', { hasText: 'Hola 👋' }).waitFor();
    await frame.locator('li.m .bb', { hasText: 'Are you still there?' }).waitFor();
    expect(await badge.isHidden()).toBe(true);
  });

  it('queues messages while offline and sends each exactly once when back online', async () => {
    const before = (await messagesIn()).length;
    await ctx.setOffline(true);
    await eventually(async () => widgetSockets() === 0);
    for (const text of ['first while offline', 'second while offline']) {
      await frame.fill('.composer textarea', text);
      await frame.press('.composer textarea', 'Enter');
    }
    expect(await frame.locator('li.me[data-state="sending"]').count()).toBe(2);
    expect((await messagesIn()).length).toBe(before);
    await page.screenshot({ path: join(shots, '5-offline-queued.png') });
    await ctx.setOffline(false);
    await eventually(async () => (await frame.locator('li.me[data-state="sending"]').count()) === 0);
    expect(await frame.locator('li.me[data-state="failed"]').count()).toBe(0);
    const after = await messagesIn();
    expect(after.map((m) => m.text).slice(before)).toEqual(['first while offline', 'second while offline']);
    // A reload resends nothing: the outbox is empty.
    await page.reload();
    frame = await widgetFrame(page);
    await page.locator('hub-chat-widget button.b').click();
    await frame.locator('li.me .bb', { hasText: 'second while offline' }).waitFor();
    expect((await messagesIn()).length).toBe(before + 2);
  });

  it('uploads an image with progress and the agent sees it as an attachment', async () => {
    await frame.setInputFiles('.composer input[type=file]', {
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await frame.waitForSelector('li.me[data-state="sent"] img.img');
    const ins = await messagesIn();
    const last = ins.at(-1)!;
    expect(last.attachments).toHaveLength(1);
    expect(last.attachments[0].mime).toBe('image/png');
  });

  it('shows the farewell and stores the survey after the agent resolves', async () => {
    const r = await api.post(`/conversations/${conversationId}/status`, { status: 'resolved' });
    expect(r.status).toBe(200);
    await frame.waitForSelector('.survey');
    await frame.locator('.stars label').nth(3).click();
    await frame.fill('#sv-c', 'Muy bien 👍');
    await page.screenshot({ path: join(shots, '6-survey.png') });
    await frame.click('.survey button.primary');
    await frame.waitForSelector('.survey [role=status]');
    const conv = await api.get(`/conversations/${conversationId}`);
    expect(conv.body.data.rating).toMatchObject({ rating: 4, comment: 'Muy bien 👍' });
  });

  it('lays the app out right-to-left in Arabic', async () => {
    const ar = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const p = await ar.newPage();
    await p.goto(`${site.url}?lang=ar`);
    await p.locator('hub-chat-widget button.b').click();
    const f = await widgetFrame(p);
    expect(await f.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await f.locator('.w').getAttribute('dir')).toBe('rtl');
    expect(await p.locator('hub-chat-widget button.b').getAttribute('aria-label')).toBe('إغلاق المحادثة');
    expect(await f.locator('.pane p').first().textContent()).toBe('قبل أن نبدأ، عرّفنا بنفسك.');
    await f.fill('#f-name', 'سارة');
    await f.fill('#f-email', 'sara@example.test');
    await f.fill('#f-nationalId', '1234567');
    await f.click('button.primary');
    await f.fill('.composer textarea', 'مرحبا، أريد شحن رصيد 50 Bs');
    await f.press('.composer textarea', 'Enter');
    await f.waitForSelector('li.me[data-state="sent"]');
    // The visitor's bubble sits on the left in RTL (the end side), the greeting on the right.
    const mine = (await f.locator('li.me').boundingBox())!;
    const greeting = (await f.locator('li.m:not(.me)').first().boundingBox())!;
    expect(mine.x).toBeLessThan(greeting.x);
    await p.screenshot({ path: join(shots, '7-rtl-ar.png') });
    await ar.close();
  });

  it('works with the keyboard alone, moving focus in and back out', async () => {
    const kb = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    const p = await kb.newPage();
    await p.goto(`${site.url}?lang=es`);
    await p.locator('hub-chat-widget button.b').waitFor();
    // Tab through the host page until the launcher has focus.
    for (let i = 0; i < 10; i++) {
      await p.keyboard.press('Tab');
      const onLauncher = await p.evaluate(
        () =>
          document.activeElement?.tagName === 'HUB-CHAT-WIDGET' &&
          document.activeElement.shadowRoot?.activeElement?.classList.contains('b'),
      );
      if (onLauncher) break;
    }
    await p.keyboard.press('Enter');
    const f = await widgetFrame(p);
    await eventually(async () => (await f.evaluate(() => document.activeElement?.id)) === 'f-name');
    await p.keyboard.type('Luis');
    await p.keyboard.press('Tab');
    await p.keyboard.type('luis@example.test');
    await p.keyboard.press('Tab');
    await p.keyboard.type('7654321');
    await p.keyboard.press('Enter');
    await eventually(async () => (await f.evaluate(() => document.activeElement?.tagName)) === 'TEXTAREA');
    await p.keyboard.type('Solo con teclado');
    await p.keyboard.press('Enter');
    await f.waitForSelector('li.me[data-state="sent"]');
    await p.keyboard.press('Escape');
    await p.locator('hub-chat-widget .p').waitFor({ state: 'hidden' });
    const back = await p.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className);
    expect(back).toBe('b');
    await p.screenshot({ path: join(shots, '8-keyboard-closed.png') });
    await kb.close();
  });

  it('tells a visitor who sends too fast to wait, in their language, and keeps the message to retry', async () => {
    // An inbox that takes one message a minute and its burst of one: the third in a row is refused.
    const slow = await api.post('/inboxes', {
      name: 'Slow',
      channel: 'webchat',
      config: { language: 'en' },
      settings: { protocol: 'none', rateLimits: { messagesPerMinute: 1 } },
    });
    const slowSite = await hostSite(t.url, slow.body.data.token);
    const c = await browser.newContext({ viewport: { width: 1000, height: 760 } });
    try {
      const p = await c.newPage();
      await p.goto(`${slowSite.url}?lang=en`);
      await p.locator('hub-chat-widget button.b').click();
      const f = await widgetFrame(p);
      for (const text of ['one', 'two', 'three']) {
        await f.fill('.composer textarea', text);
        await f.press('.composer textarea', 'Enter');
        await f.waitForSelector(`li.me:has-text("${text}"):not([data-state="sending"])`);
      }
      const refused = f.locator('li.me[data-state="failed"]');
      expect(await refused.count()).toBe(1);
      expect(await refused.textContent()).toContain('three');
      expect(await refused.textContent()).toContain('Too many attempts. Wait a moment');
      expect(await refused.locator('button', { hasText: 'Retry' }).count()).toBe(1);
      await p.screenshot({ path: join(shots, '9-too-fast.png') });
    } finally {
      await c.close();
      await slowSite.close();
    }
  });
});
