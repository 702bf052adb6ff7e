// Conversation labels in a real Chromium: an admin creates labels on the admin page (a duplicate name is
// refused), an agent adds one to a conversation from the header's picker (typing to find it), the chip
// shows in the conversation list, and the inbox's label filter shows only the labelled conversations —
// also one labelled meanwhile by someone else, live. Screenshots: tests/.tmp/e2e/console-labels-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let adminPage: Page;
let page: Page;
let agentId: string;
const conversations: string[] = [];
const agentEmail = 'rosa.labels@example.test';
const pageErrors: string[] = [];

const newPage = () =>
  consolePage(browser, { viewport: { width: 1280, height: 800 }, locale: 'es-BO', errors: pageErrors });
const logIn = (p: Page, email: string) => logInConsole(p, t.url, email);

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  const agent = await admin.post('/users', {
    name: 'Rosa Quispe',
    email: agentEmail,
    password: 'correct horse battery',
    role: 'agent',
  });
  expect(agent.status).toBe(201);
  agentId = agent.body.data.id;
  const inbox = await account.apiInbox();
  for (const [i, name] of ['Ana Pérez', 'Beto Rojas', 'Carla Mamani'].entries()) {
    const r = await incoming(t.url, inbox, {
      externalId: `m-${i}`,
      contact: { externalId: `c-${i}`, name },
      text: `Hola, soy ${name}`,
    });
    const id = r.body.data.conversation.id;
    conversations.push(id);
    expect((await admin.post(`/conversations/${id}/assign`, { assigneeId: agentId })).status).toBe(200);
  }
  browser = await launchChromium();
  adminPage = await newPage();
  page = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-labels-failed-${name}.png`) });
    await adminPage?.screenshot({ path: join(shots, `console-labels-failed-admin-${name}.png`) });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const row = (id: string) => page.locator(`[data-testid=conversation-list] li[data-id="${id}"]`);
const listedIds = () =>
  page
    .locator('[data-testid=conversation-list] li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

describe('labels in Chromium', () => {
  it('lets an admin create labels on the admin page and refuses a duplicate name', async () => {
    await logIn(adminPage, account.admin.email);
    await adminPage.goto(`${t.url}/admin/labels`);
    await adminPage.locator('section.labels-admin h1', { hasText: 'Etiquetas' }).waitFor();
    const form = adminPage.locator('section.labels-admin form');
    for (const [name, color] of [
      ['Portabilidad', '#7c3aed'],
      ['Venta', '#f59e0b'],
      ['Reclamo-factura', '#dc2626'],
    ]) {
      await form.locator('input[name=name]').fill(name);
      await form.locator('input[name=color]').fill(color);
      await form.locator('button[type=submit]').click();
      await adminPage.locator(`tr[data-label="${name}"]`).waitFor();
    }
    await form.locator('input[name=name]').fill('venta');
    await form.locator('button[type=submit]').click();
    await adminPage.locator('[role=status]', { hasText: 'Ya existe una etiqueta con ese nombre' }).waitFor();
    expect(await adminPage.locator('tr[data-label]').count()).toBe(3);
    // Rename and recolour one.
    await adminPage.locator('tr[data-label="Reclamo-factura"] button', { hasText: 'Editar' }).click();
    await form.locator('input[name=name]').fill('Reclamo factura');
    await form.locator('input[name=color]').fill('#0ea5e9');
    await form.locator('button[type=submit]').click();
    await adminPage.locator('tr[data-label="Reclamo factura"]').waitFor();
    await adminPage.screenshot({ path: join(shots, 'console-labels-1-admin.png') });
    const stored = (await client(t.url, account.adminToken).get('/labels')).body.data;
    expect(stored.map((l: any) => [l.name, l.color])).toEqual([
      ['Portabilidad', '#7c3aed'],
      ['Reclamo factura', '#0ea5e9'],
      ['Venta', '#f59e0b'],
    ]);
  });

  it('lets an agent add a label from the conversation header, and the chip shows in the list', async () => {
    await logIn(page, agentEmail);
    const [first] = conversations;
    await page.goto(`${t.url}/conversations/${first}`);
    const bar = page.locator('section.conversation .bar');
    await bar.locator('button', { hasText: '+ Etiqueta' }).click();
    const pop = page.locator('.label-pop');
    await pop.locator('input[type=search]').fill('porta');
    expect(await pop.locator('li').allTextContents()).toEqual(['Portabilidad']);
    await pop.locator('li input[type=checkbox]').check();
    await bar.locator('.label-chip', { hasText: 'Portabilidad' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-labels-2-picker.png') });
    // Typing another and pressing Enter adds it too.
    await pop.locator('input[type=search]').fill('vent');
    await pop.locator('input[type=search]').press('Enter');
    await bar.locator('.label-chip', { hasText: 'Venta' }).waitFor();
    await pop.locator('input[type=search]').press('Escape');
    await pop.waitFor({ state: 'detached' });
    await row(first).locator('.label-chip', { hasText: 'Portabilidad' }).waitFor();
    await row(first).locator('.label-chip', { hasText: 'Venta' }).waitFor();
    expect(await row(conversations[1]).locator('.label-chip').count()).toBe(0);

    const api = client(t.url, account.adminToken);
    const stored = (await api.get(`/conversations/${first}`)).body.data;
    expect(stored.labels.map((l: any) => l.name)).toEqual(['Portabilidad', 'Venta']);
    const events = (await api.get(`/conversations/${first}/events`)).body.data.filter(
      (e: any) => e.type === 'labels.changed',
    );
    expect(events.map((e: any) => [e.actorId, e.data.added])).toEqual([
      [agentId, ['Portabilidad']],
      [agentId, ['Venta']],
    ]);
  });

  it('filters the inbox by label, and shows a conversation labelled meanwhile', async () => {
    const [first, second, third] = conversations;
    await page.goto(`${t.url}/`);
    await row(third).waitFor();
    expect((await listedIds()).sort()).toEqual([...conversations].sort());
    const portabilidad = (await client(t.url, account.adminToken).get('/labels')).body.data.find(
      (l: any) => l.name === 'Portabilidad',
    ).id;
    await page.locator('select[aria-label=Etiqueta]').selectOption({ label: 'Portabilidad' });
    await row(second).waitFor({ state: 'detached' });
    expect(await listedIds()).toEqual([first]);
    await page.screenshot({ path: join(shots, 'console-labels-3-filtered.png') });
    // A supervisor labels the third one elsewhere: it joins the filtered list live.
    const put = await client(t.url, account.adminToken).raw('PUT', `/conversations/${third}/labels`, {
      labelIds: [portabilidad],
    });
    expect(put.status).toBe(200);
    await row(third).locator('.label-chip', { hasText: 'Portabilidad' }).waitFor();
    expect((await listedIds()).sort()).toEqual([first, third].sort());
    await page.locator('select[aria-label=Etiqueta]').selectOption({ label: 'Cualquier etiqueta' });
    await row(second).waitFor();
    await page.screenshot({ path: join(shots, 'console-labels-4-all.png') });
  });

  it('reads right to left in Arabic', async () => {
    await page.locator('header.top select[aria-label=Idioma]').selectOption('ar');
    await page.goto(`${t.url}/conversations/${conversations[0]}`);
    const bar = page.locator('section.conversation .bar');
    await bar.locator('button', { hasText: 'التصنيفات' }).click();
    await page.locator('.label-pop input[type=search][placeholder="ابحث عن تصنيف…"]').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('select[aria-label=التصنيف] option').first().textContent()).toBe('أي تصنيف');
    await page.screenshot({ path: join(shots, 'console-labels-5-rtl.png') });
  });
});
