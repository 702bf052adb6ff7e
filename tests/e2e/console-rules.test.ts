// The routing-rule builder in a real Chromium: an admin builds a rule from chips (channels and a category
// from their lists, a typed word), a team by name and a priority by label, and reads it back as a
// sentence (no JSON, no ids) while the hub stores the right conditions and actions; the form refuses a
// rule without team or priority and clears after a save; a rule is edited in place (its other conditions
// kept), reordered by the keyboard's buttons and by drag and drop (the stored order follows), deleted
// after a confirmation, and a refusal of the hub reads as a sentence. Then in Spanish and in Arabic
// (right to left). Screenshots: tests/.tmp/e2e/console-rules-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
let billing: string;
let vipId: string;
const pageErrors: string[] = [];

type StoredRule = { id: string; name: string; position: number; conditions: unknown; actions: unknown };
const api = () => client(t.url, account.adminToken);
const stored = async (): Promise<StoredRule[]> => (await api().get('/routing/rules')).body.data;
const storedNames = async () => (await stored()).map((r) => r.name);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The stored order, once every position is distinct (a tie would leave the order to the ids). */
const storedOrder = async () => {
  const rules = await stored();
  const positions = rules.map((r) => r.position);
  return new Set(positions).size === positions.length ? rules.map((r) => r.name) : positions;
};

const newForm = () => page.locator('form.rule-builder').last();
const item = (name: string) =>
  page.locator('.rules li.rule', { has: page.locator('strong', { hasText: name }) });
const listedNames = () => page.locator('.rules li.rule > .rule-body > strong').allInnerTexts();

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  billing = await makeTeam(t, account, { name: 'Billing', strategy: 'manual', memberIds: [] });
  await makeTeam(t, account, { name: 'Soporte técnico', strategy: 'manual', memberIds: [] });
  // A rule the builder has no field for (a contact attribute): editing it must keep it.
  const vip = await api().post('/routing/rules', {
    name: 'Clientes VIP',
    conditions: { contactAttributes: { segment: 'vip' } },
    actions: { priority: 'urgent' },
  });
  expect(vip.status).toBe(201);
  vipId = vip.body.data.id;
  await account.apiInbox(); // named "API": offered by its name
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 1000 },
    locale: 'en-US',
    errors: pageErrors,
  });
  await logInConsole(page, t.url, account.admin.email);
  await page.goto(`${t.url}/admin/rules`);
  await page.locator('.rules-admin h1', { hasText: 'Routing rules' }).waitFor();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-rules-failed-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

describe('routing rules in Chromium', () => {
  it('builds a rule from chips, reads it back as a sentence, stores it right and clears the form', async () => {
    await item('Clientes VIP').waitFor();
    expect(await item('Clientes VIP').locator('.rule-sentence').innerText()).toBe(
      'When the contact’s segment is vip, set urgent priority',
    );
    const form = newForm();
    await form.getByLabel('Name').fill('Facturación');
    // Channels come from the hub's list, by their labels, never their internal names.
    const channels = form.getByRole('combobox', { name: 'Channels' });
    expect(await channels.locator('option').allInnerTexts()).toContain('WhatsApp Cloud API');
    expect((await channels.locator('option').allInnerTexts()).join()).not.toContain('whatsapp_cloud');
    await channels.selectOption({ label: 'Web chat' });
    await channels.selectOption({ label: 'E-mail' });
    const words = form.getByRole('textbox', { name: 'Words in the message' });
    await words.fill('factura');
    await words.press('Enter');
    await form.getByRole('combobox', { name: 'Categories' }).selectOption({ label: 'Complaint' });
    expect(await form.getByRole('combobox', { name: 'Inboxes' }).locator('option').allInnerTexts()).toEqual([
      '+ Add an inbox',
      'API',
    ]);
    expect(await form.locator('.chip bdi').allInnerTexts()).toEqual([
      'Web chat',
      'E-mail',
      'factura',
      'Complaint',
    ]);
    expect(await words.inputValue()).toBe('');

    // Neither team nor priority: the form says so and sends nothing.
    await form.locator('button[type=submit]').click();
    await form.getByRole('alert').filter({ hasText: 'Choose a team or a priority' }).waitFor();
    expect(await storedNames()).toEqual(['Clientes VIP']);

    await form.getByLabel('Team').selectOption({ label: 'Billing' });
    await form.getByLabel('Priority').selectOption({ label: 'High' });
    expect(await form.getByRole('alert').count()).toBe(0);
    await form.locator('button[type=submit]').click();
    await page
      .locator('.rules-admin [role=status]')
      .filter({ hasText: 'Rule “Facturación” saved.' })
      .waitFor();
    const li = item('Facturación');
    expect(await li.locator('.rule-sentence').innerText()).toBe(
      'When the channel is Web chat or E-mail, the message mentions “factura”, and the request is about complaint, send to Billing with high priority',
    );
    // No JSON, no ids, no internal names in what the list shows.
    const shown = await li.innerText();
    for (const raw of ['{', 'teamId', 'webchat', billing]) expect(shown).not.toContain(raw);

    const rules = await stored();
    expect(rules.map((r) => r.name)).toEqual(['Clientes VIP', 'Facturación']);
    expect(rules[1].conditions).toEqual({
      channels: ['webchat', 'email'],
      keywords: ['factura'],
      categories: ['complaint'],
    });
    expect(rules[1].actions).toEqual({ teamId: billing, priority: 'high' });

    // The form starts over.
    expect(await form.getByLabel('Name').inputValue()).toBe('');
    expect(await form.locator('.chip').count()).toBe(0);
    expect(await form.getByLabel('Team').inputValue()).toBe('');
    expect(await form.getByLabel('Priority').inputValue()).toBe('');
    await page.screenshot({ path: join(shots, 'console-rules-1-built.png'), fullPage: true });
  });

  it('edits a rule in place with the same builder, prefilled, keeping conditions it has no field for', async () => {
    const id = (await stored())[1].id;
    await item('Facturación').getByRole('button', { name: 'Edit' }).click();
    const form = page.locator(`.rules li[data-rule-id="${id}"] form.rule-builder`);
    await form.waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe('Facturación');
    expect(await form.locator('.chip bdi').allInnerTexts()).toEqual([
      'Web chat',
      'E-mail',
      'factura',
      'Complaint',
    ]);
    await form.getByRole('button', { name: 'Remove E-mail' }).click();
    const words = form.getByRole('textbox', { name: 'Words in the message' });
    await words.fill('cobro');
    await words.press('Enter');
    await form.getByLabel('Priority').selectOption({ label: 'Urgent' });
    await page.screenshot({ path: join(shots, 'console-rules-2-editing.png'), fullPage: true });
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    expect(await item('Facturación').locator('.rule-sentence').innerText()).toBe(
      'When the channel is Web chat, the message mentions “factura” or “cobro”, and the request is about complaint, send to Billing with urgent priority',
    );
    const edited = (await stored()).find((r) => r.id === id)!;
    expect(edited.conditions).toEqual({
      channels: ['webchat'],
      keywords: ['factura', 'cobro'],
      categories: ['complaint'],
    });
    expect(edited.actions).toEqual({ teamId: billing, priority: 'urgent' });
    expect((await stored()).length).toBe(2);

    // The VIP rule renamed: its contact attribute stays.
    await item('Clientes VIP').getByRole('button', { name: 'Edit' }).click();
    const vipForm = page.locator(`.rules li[data-rule-id="${vipId}"] form.rule-builder`);
    await vipForm.getByLabel('Name').fill('VIP');
    await vipForm.locator('button[type=submit]').click();
    await item('VIP').locator('.rule-sentence').waitFor();
    expect((await stored()).find((r) => r.id === vipId)).toMatchObject({
      name: 'VIP',
      conditions: { contactAttributes: { segment: 'vip' } },
      actions: { priority: 'urgent' },
    });
  });

  it('reorders with the keyboard buttons and by drag and drop, and the hub stores the order', async () => {
    expect(await listedNames()).toEqual(['VIP', 'Facturación']);
    const up = item('Facturación').getByRole('button', { name: 'Move “Facturación” up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => same(await storedOrder(), ['Facturación', 'VIP']));
    expect(await listedNames()).toEqual(['Facturación', 'VIP']);
    // The focus stays on the moved rule (its "down" button, now that it is first).
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Move “Facturación” down',
    );
    expect(
      await item('Facturación').getByRole('button', { name: 'Move “Facturación” up' }).isDisabled(),
    ).toBe(true);
    await page.locator('.rules-admin [role=status]').filter({ hasText: 'New order saved.' }).waitFor();

    // Drag VIP back above Facturación.
    await item('VIP').locator('.rule-grip').dragTo(item('Facturación'));
    await eventually(async () => same(await storedOrder(), ['VIP', 'Facturación']));
    await eventually(async () => same(await listedNames(), ['VIP', 'Facturación']));
  });

  it('says a refusal of the hub as a sentence, never its validation text', async () => {
    const gone = await api().post('/routing/rules', {
      name: 'Temporal',
      conditions: {},
      actions: { priority: 'low' },
    });
    await page.reload();
    await item('Temporal').getByRole('button', { name: 'Edit' }).click();
    const form = page.locator(`.rules li[data-rule-id="${gone.body.data.id}"] form.rule-builder`);
    await form.getByLabel('Priority').selectOption({ label: 'Normal' });
    // Someone else removes it meanwhile.
    expect((await api().raw('DELETE', `/routing/rules/${gone.body.data.id}`)).status).toBe(200);
    await form.locator('button[type=submit]').click();
    const status = page.locator('.rules-admin [role=status]');
    await status.filter({ hasText: 'This rule no longer exists: someone else removed it.' }).waitFor();
    expect(await status.innerText()).not.toMatch(/not found|invalid|routing rule/i);
    await item('Temporal').waitFor({ state: 'detached' });
  });

  it('deletes a rule only after a confirmation', async () => {
    const li = item('Facturación');
    await li.getByRole('button', { name: 'Delete' }).click();
    await li.getByRole('button', { name: 'Cancel' }).click();
    expect(await storedNames()).toEqual(['VIP', 'Facturación']);
    await li.getByRole('button', { name: 'Delete' }).click();
    await li.getByRole('button', { name: 'Yes, delete “Facturación”' }).click();
    await li.waitFor({ state: 'detached' });
    await page
      .locator('.rules-admin [role=status]')
      .filter({ hasText: 'Rule “Facturación” deleted.' })
      .waitFor();
    expect(await storedNames()).toEqual(['VIP']);
  });

  it('reads rules back in Spanish and in Arabic, right to left', async () => {
    const made = await api().post('/routing/rules', {
      name: 'Facturas',
      conditions: { channels: ['webchat', 'email'], keywords: ['factura'] },
      actions: { teamId: billing, priority: 'high' },
    });
    expect(made.status).toBe(201);
    await page.reload();
    await page.locator('header.top').getByLabel('Language').selectOption('es');
    await page.locator('.rules-admin h1', { hasText: 'Reglas de enrutamiento' }).waitFor();
    expect(await item('Facturas').locator('.rule-sentence').innerText()).toBe(
      'Cuando el canal es Web chat o E-mail y el mensaje menciona «factura», enviar a Billing con prioridad alta',
    );
    expect(await item('VIP').locator('.rule-sentence').innerText()).toBe(
      'Cuando segment del contacto es vip, poner prioridad urgente',
    );
    const form = newForm();
    await form.getByRole('combobox', { name: 'Canales' }).selectOption({ label: 'Web chat' });
    await form.getByRole('combobox', { name: 'Categorías' }).selectOption({ label: 'Facturación' });
    await form.getByLabel('Nombre').fill('Reclamos');
    await form.locator('button[type=submit]').click();
    await form.getByRole('alert').filter({ hasText: 'Elija un equipo o una prioridad' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-rules-3-es.png'), fullPage: true });

    await page.locator('header.top').getByLabel('Idioma').selectOption('ar');
    await page.locator('.rules-admin h1', { hasText: 'قواعد التوجيه' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await item('Facturas').locator('.rule-sentence').innerText()).toBe(
      'عندما تكون القناة Web chat أو E-mail وتذكر الرسالة «factura»، أرسِلها إلى Billing بأولوية عالية',
    );
    // Right to left: the drag handle on the right, the tools on the left of each rule.
    const grip = (await item('Facturas').locator('.rule-grip').boundingBox())!;
    const tools = (await item('Facturas').locator('.rule-tools').boundingBox())!;
    expect(grip.x).toBeGreaterThan(tools.x + tools.width);
    await item('Facturas').getByRole('button', { name: 'نقل «Facturas» إلى الأعلى' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-rules-4-ar.png'), fullPage: true });
    await item('Facturas').getByRole('button', { name: 'تعديل' }).click();
    await page.locator('.rules li.editing form.rule-builder .chip').first().waitFor();
    await page.screenshot({ path: join(shots, 'console-rules-5-ar-editing.png'), fullPage: true });
  });
});
