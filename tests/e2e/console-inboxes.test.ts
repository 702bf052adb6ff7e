// The console's inbox admin in a real Chromium against a real hub: the admin logs in through the form,
// creates an API inbox from the form generated out of the channel's JSON Schema and sees its token and
// secret, is shown the hub's own message for an invalid config (and nothing is created), tests an e-mail
// connection step by step, edits a saved e-mail inbox without retyping its passwords, creates a web-chat
// inbox, restyles it and watches the live preview change, and copies the embed snippet. Screenshots land in tests/.tmp/e2e/console-inboxes-*.png.
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes } from '#server/db/schema.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { launchChromium, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
let webchatToken = '';

type InboxRow = { id: string; name: string; channel: string; token: string; config: Record<string, unknown> };
const listInboxes = async () =>
  (await client(t.url, account.adminToken).get<{ data: InboxRow[] }>('/inboxes')).body.data;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const team = await client(t.url, account.adminToken).post('/teams', {
    name: 'Ventas web',
    strategy: 'least_busy',
    memberIds: [],
  });
  expect(team.status).toBe(201);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  // The Copy button writes to the clipboard; the test reads it back.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

shotOnFailure('console-inboxes', () => page);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

/** Waits until the saved inbox's config (as the hub shows it) passes `ok`. */
async function eventuallyConfig(id: string, ok: (config: Record<string, unknown>) => boolean) {
  await eventually(async () => ok((await listInboxes()).find((i) => i.id === id)?.config ?? {}));
}

/** The widget's chat frame inside the preview (a page of its own that embeds /widget.js). */
async function previewChat(version: number): Promise<Frame> {
  await page.locator(`iframe.inbox-preview[data-version="${version}"]`).waitFor();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const preview = page
      .frames()
      .find((f) => f.parentFrame() === page.mainFrame() && f.url() === 'about:srcdoc');
    const chat = preview?.childFrames().find((f) => f.url().includes('/widget/frame'));
    if (chat && !chat.isDetached()) {
      await chat.waitForSelector('.w', { timeout: Math.max(1000, deadline - Date.now()) });
      return chat;
    }
    if (Date.now() > deadline) throw new Error('the preview shows no widget');
    await page.waitForTimeout(50);
  }
}

async function newInbox(name: string, channel: string) {
  await page.getByRole('button', { name: '+ New inbox' }).click();
  const form = page.locator('form[aria-label="New inbox"]');
  await form.locator('[name=name]').fill(name);
  await form.locator('[name=channel]').selectOption(channel);
  return form;
}

describe('inbox admin in Chromium', () => {
  it('logs in as the admin and opens the inboxes page', async () => {
    await page.goto(t.url);
    await page.fill('input[type=email]', account.admin.email);
    await page.fill('input[type=password]', 'correct horse battery');
    await page.click('button.primary');
    await page.locator('header.top').waitFor();
    await page.goto(`${t.url}/admin/inboxes`);
    await page.locator('h1', { hasText: 'Inboxes' }).waitFor();
  });

  it('creates an API inbox from the generated form and shows its token and secret once', async () => {
    const form = await newInbox('CRM bridge', 'api');
    await form.locator('[name=webhookUrl]').fill('https://crm.example.test/hook');
    await page.screenshot({ path: join(shots, 'console-inboxes-1-api-form.png') });
    await form.getByRole('button', { name: 'Create' }).click();
    const created = page.locator('.created-inbox');
    await created.waitFor();
    const saved = (await listInboxes()).find((i) => i.name === 'CRM bridge')!;
    expect(saved.config).toEqual({ webhookUrl: 'https://crm.example.test/hook' });
    expect(await created.locator('.inbox-token').inputValue()).toBe(saved.token);
    const secret = await created.locator('.inbox-secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    // The hub never returns the secret again.
    expect(JSON.stringify(await listInboxes())).not.toContain(secret);
    await page.locator('table.inboxes tr', { hasText: 'CRM bridge' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-inboxes-2-api-created.png') });
  });

  it("shows the hub's message for an invalid config and creates nothing", async () => {
    const before = await listInboxes();
    const form = await newInbox('Broken bridge', 'api');
    await form.locator('[name=webhookUrl]').fill('not a url');
    await form.getByRole('button', { name: 'Create' }).click();
    const alert = form.locator('[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('invalid api config: webhookUrl');
    expect(await listInboxes()).toEqual(before);
    await page.screenshot({ path: join(shots, 'console-inboxes-3-invalid.png') });
  });

  it("tests an e-mail inbox's connection and shows each step", async () => {
    const form = await newInbox('Support mail', 'email');
    // Nested objects of the schema become fieldsets; passwords are password fields.
    for (const server of ['imap', 'smtp']) {
      await form.locator(`[name="${server}.host"]`).fill('127.0.0.1');
      await form.locator(`[name="${server}.port"]`).fill('1');
      await form.locator(`[name="${server}.user"]`).fill('support');
      expect(await form.locator(`[name="${server}.password"]`).getAttribute('type')).toBe('password');
      await form.locator(`[name="${server}.password"]`).fill('pw');
    }
    await form.locator('[name=fromAddress]').fill('support@example.test');
    await form.getByRole('button', { name: 'Test connection' }).click();
    const checks = form.locator('ul.checks li');
    await checks.first().waitFor();
    expect(await checks.allTextContents()).toEqual([
      '✓ imap dns',
      expect.stringMatching(/^✗ imap connect: .*ECONNREFUSED/),
      '✓ smtp dns',
      expect.stringMatching(/^✗ smtp connect: .*ECONNREFUSED/),
    ]);
    await page.screenshot({ path: join(shots, 'console-inboxes-4-test-connection.png') });
    expect((await listInboxes()).map((i) => i.name)).not.toContain('Support mail');
  });

  it("edits a saved e-mail inbox without retyping its passwords, and shows the inbox's health", async () => {
    const server = { host: '127.0.0.1', port: 1, secure: false, user: 'support' };
    const made = await client(t.url, account.adminToken).post<{ data: InboxRow }>('/inboxes', {
      name: 'Saved mail',
      channel: 'email',
      config: {
        imap: { ...server, password: 'imap-secret' },
        smtp: { ...server, password: 'smtp-secret' },
        fromAddress: 'help@example.test',
        signature: 'Old signature',
      },
    });
    expect(made.status).toBe(201);
    // Back to the page through the console's own navigation, which loads the list again.
    await page.locator('nav.side-nav a', { hasText: 'Teams' }).click();
    await page.locator('nav.side-nav a', { hasText: 'Inboxes' }).click();
    // The hub could not reach the IMAP server: the list says so.
    const row = page.locator('table.inboxes tr', { hasText: 'Saved mail' });
    await row.locator('.badge.warn').waitFor();
    await page.locator('table.inboxes').screenshot({ path: join(shots, 'console-inboxes-5-list.png') });
    await row.getByRole('button').click();
    const form = page.locator('form[aria-label="Saved mail"]');
    const password = form.locator('[name="imap.password"]');
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('unchanged (saved)');
    await form.locator('[name=fromName]').fill('Fijacom support');
    // Emptying an optional field clears it (it used to come back from the saved config).
    expect(await form.locator('[name=signature]').inputValue()).toBe('Old signature');
    await form.locator('[name=signature]').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('[role=status]', { hasText: 'Saved' }).waitFor();
    await eventuallyConfig(made.body.data.id, (c) => c.fromName === 'Fijacom support');
    const [saved] = await t.hub.ctx.db
      .select()
      .from(inboxes)
      .where(eq(inboxes.id, Number(made.body.data.id)));
    expect(t.hub.ctx.sealer.open(saved.configEncrypted)).toMatchObject({
      imap: { password: 'imap-secret' },
      smtp: { password: 'smtp-secret' },
      fromName: 'Fijacom support',
    });
    expect(t.hub.ctx.sealer.open<Record<string, unknown>>(saved.configEncrypted)).not.toHaveProperty(
      'signature',
    );
    // The config form speaks the admin's language too (the schema's keys are English).
    await page.selectOption('select[aria-label="Language"]', 'es');
    await form.locator('label', { hasText: 'Dirección del remitente' }).first().waitFor();
    await page.screenshot({ path: join(shots, 'console-inboxes-5-email-edit.png') });
    await page.selectOption('select[aria-label="Idioma"]', 'en');
  });

  it('creates a web-chat inbox, restyles it and the live preview follows', async () => {
    const form = await newInbox('Web Fijacom', 'webchat');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.locator('.created-inbox').waitFor();
    webchatToken = await page.locator('.created-inbox .inbox-token').inputValue();
    expect((await listInboxes()).find((i) => i.name === 'Web Fijacom')?.token).toBe(webchatToken);

    const before = await previewChat(0);
    expect(await before.locator('.w').getAttribute('style')).toContain('--c: #1f6feb');
    expect(await before.locator('.bb', { hasText: 'Hola, ¿en qué le ayudamos?' }).count()).toBe(0);

    const edit = page.locator('form[aria-label="Web Fijacom"]');
    await edit.locator('[name=color]').fill('#c2185b');
    await edit.locator('[name=greeting]').fill('Hola, ¿en qué le ayudamos?');
    await edit.locator('[name="settings.title"]').fill('Fijacom en línea');
    await edit.locator('[name=teamId]').selectOption({ label: 'Ventas web' });
    await edit.getByRole('button', { name: 'Save' }).click();

    const after = await previewChat(1);
    await after.locator('.bb', { hasText: 'Hola, ¿en qué le ayudamos?' }).waitFor();
    expect(await after.locator('.w').getAttribute('style')).toContain('--c: #c2185b');
    expect(await after.locator('h1').textContent()).toBe('Fijacom en línea');
    const saved = (await listInboxes()).find((i) => i.name === 'Web Fijacom')!;
    expect(saved.config).toMatchObject({ color: '#c2185b', greeting: 'Hola, ¿en qué le ayudamos?' });
    await page
      .locator('table.inboxes tr', { hasText: 'Web Fijacom' })
      .filter({ hasText: 'Ventas web' })
      .waitFor();
    await page.screenshot({ path: join(shots, 'console-inboxes-6-webchat-preview.png') });
    await page
      .locator('iframe.inbox-preview')
      .screenshot({ path: join(shots, 'console-inboxes-7-preview.png') });
  });

  it('copies the embed snippet with the inbox token and the hub origin', async () => {
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.locator('[role=status]', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`<script src="${t.url}/widget.js" data-inbox="${webchatToken}" async></script>`);
    expect(await page.locator('textarea.embed-snippet').inputValue()).toBe(copied);
  });

  it('reads right to left in Arabic, widget form and preview included', async () => {
    await page.selectOption('select[aria-label="Language"]', 'ar');
    await page.locator('h1', { hasText: 'صناديق الوارد' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('fieldset[aria-label="الأداة"]').waitFor();
    await page.screenshot({ path: join(shots, 'console-inboxes-8-arabic.png') });
    await page.selectOption('select[aria-label="اللغة"]', 'en');
  });
});
