// Small console fixes in a real Chromium against a real hub: the header's alerts popover closes on Escape
// (focus back on its button) and on a click elsewhere; a private note in the timeline shows no delivery
// status (it is sent to no one); a web-chat inbox's settings form and its live preview sit side by side
// without overlapping at 1280 px, in English with a pre-chat field and in Arabic, and stack when narrow.
// Screenshots land in tests/.tmp/e2e/console-polish-*.png.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '#server/db/schema.ts';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let conversationId = '';
const inboxName = 'Web Polish';

const admin = () => client(t.url, account.adminToken);

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const api = await account.apiInbox();
  const r = await incoming(t.url, api, {
    externalId: 'polish-1',
    contact: { externalId: 'cust-polish', name: 'Nora Quispe' },
    text: 'Mi pedido no llegó',
  });
  conversationId = r.body.data.conversation.id;
  const note = await admin().post(`/conversations/${conversationId}/messages`, {
    text: 'Revisar con logística',
    private: true,
  });
  expect(note.status).toBe(201);
  const chat = await admin().post('/inboxes', {
    name: inboxName,
    channel: 'webchat',
    config: { greeting: 'Hi!', color: '#0f766e', language: 'en' },
    settings: { protocol: 'none' },
  });
  expect(chat.status).toBe(201);
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    errors: pageErrors,
  });
});

shotOnFailure('console-polish', () => page);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

/** Elements of the inbox form whose box meets the preview column's box (none, when they sit side by side). */
const overlaps = () =>
  page.evaluate((name) => {
    const form = document.querySelector(`form[aria-label="${name}"]`);
    const column = document.querySelector('iframe.inbox-preview')?.parentElement;
    if (!form || !column) throw new Error('no form or preview');
    const p = column.getBoundingClientRect();
    return [form, ...form.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) return false;
        return r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top;
      })
      .map(
        (el) => `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[${el.getAttribute('name')}]` : ''}`,
      );
  }, inboxName);

const boxes = async () => ({
  form: (await page.locator(`form[aria-label="${inboxName}"]`).boundingBox())!,
  preview: (await page.locator('iframe.inbox-preview').boundingBox())!,
});

describe('console polish in Chromium', () => {
  it('closes the alerts popover on Escape (focus back on its button) and on a click outside', async () => {
    await logInConsole(page, t.url, account.admin.email);
    const [row] = await t.hub.ctx.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, Number(conversationId)));
    const button = page.locator('.alerts button.badge');
    // The socket connects after the header shows: the alert is published until the console heard it.
    await eventually(async () => {
      t.hub.ctx.publisher.alert(row, { type: 'first_response', conversationId, target: 'first_response' });
      return (await button.count()) > 0;
    });
    await button.click();
    const list = page.locator('.alerts-list');
    await list.waitFor();
    await page.screenshot({ path: join(shots, 'console-polish-1-alerts-open.png') });
    // The kind of target missed reads as words, not as the hub's name for it.
    const said = await list.textContent();
    expect(said).toContain('Service level missed: first response');
    expect(said).not.toContain('first_response');
    await list.locator('a').first().focus();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    await button.click();
    await list.waitFor();
    await page.mouse.click(300, 500);
    await list.waitFor({ state: 'detached' });
    // A click inside it keeps it open.
    await button.click();
    await list.waitFor();
    await list.click({ position: { x: 2, y: 2 } });
    expect(await list.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
  });

  it('shows no delivery status on a private note, only its time', async () => {
    await page.goto(`${t.url}/conversations/${conversationId}`);
    const note = page.locator('.msg.note', { hasText: 'Revisar con logística' });
    await note.waitFor();
    const customer = page.locator('.msg.in', { hasText: 'Mi pedido no llegó' });
    await customer.waitFor();
    expect(await note.locator('.meta .st').count()).toBe(0);
    const meta = (await note.locator('.meta').textContent()) ?? '';
    expect(meta).not.toMatch(/Sent|Delivered|Read|Sending/);
    expect(meta).toContain('Private note');
    // Its time is still there.
    expect(meta).toMatch(/\d{1,2}:\d{2}/);
    await page.screenshot({ path: join(shots, 'console-polish-2-note.png') });
  });

  it('lays the web-chat settings beside the preview in English, with a pre-chat field', async () => {
    await page.goto(`${t.url}/admin/inboxes`);
    await page.getByRole('button', { name: `Edit ${inboxName}` }).click();
    await page.locator('iframe.inbox-preview').waitFor();
    const form = page.locator(`form[aria-label="${inboxName}"]`);
    await form.locator('[name="settings.preChat.enabled"]').check();
    await form.getByRole('button', { name: '+ Pre-chat form' }).click();
    await form.locator('[data-prechat="0"]').waitFor();
    await page.screenshot({ path: join(shots, 'console-polish-3-widget-en.png'), fullPage: true });
    expect(await overlaps()).toEqual([]);
    const { form: f, preview: p } = await boxes();
    expect(f.x + f.width).toBeLessThanOrEqual(p.x);
    expect(p.y).toBeLessThan(f.y + f.height);
  });

  it('lays them side by side in Arabic, the preview on the left', async () => {
    await page.selectOption('select[aria-label="Language"]', 'ar');
    await page.locator('html[dir=rtl]').waitFor({ state: 'attached' });
    await page.locator('fieldset[aria-label="الأداة"]').waitFor();
    // Arabic ran under the preview even without a pre-chat field.
    const form = page.locator(`form[aria-label="${inboxName}"]`);
    await form.locator('[name="settings.preChat.enabled"]').uncheck();
    await form.locator('[data-prechat="0"]').waitFor({ state: 'detached' });
    expect(await overlaps()).toEqual([]);
    await form.locator('[name="settings.preChat.enabled"]').check();
    await form.locator('[data-prechat="0"]').waitFor();
    await page.screenshot({ path: join(shots, 'console-polish-4-widget-ar.png'), fullPage: true });
    expect(await overlaps()).toEqual([]);
    const { form: f, preview: p } = await boxes();
    expect(p.x + p.width).toBeLessThanOrEqual(f.x);
    expect(p.y).toBeLessThan(f.y + f.height);
  });

  it('stacks the preview under the form on a narrow screen', async () => {
    await page.setViewportSize({ width: 900, height: 900 });
    await eventually(async () => {
      const { form: f, preview: p } = await boxes();
      return p.y >= f.y + f.height;
    });
    expect(await overlaps()).toEqual([]);
    const { form: f, preview: p } = await boxes();
    // One column: the preview as wide as the form, within the screen.
    expect(Math.abs(p.x + p.width - (f.x + f.width))).toBeLessThan(2);
    expect(f.x).toBeGreaterThanOrEqual(0);
    expect(f.x + f.width).toBeLessThanOrEqual(900);
    await page.locator('iframe.inbox-preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'console-polish-5-widget-narrow-ar.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('select[aria-label="اللغة"]', 'en');
    await page.locator('html[dir=ltr]').waitFor({ state: 'attached' });
  });
});
