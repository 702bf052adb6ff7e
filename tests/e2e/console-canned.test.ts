// Canned responses in a real Chromium: an admin keeps them on the admin page (add, refused duplicate,
// edit, delete), and an agent types "/saludo" in the composer, picks it, and the customer's and agent's
// names are filled in the stored reply; arrows, Escape, Tab and a mouse click drive the list.
// Screenshots land in tests/.tmp/e2e/console-canned-*.png.
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
import { makeTeam } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let adminPage: Page;
let page: Page;
let conversationId: string;
const agentEmail = 'rosa.canned@example.test';
const pageErrors: string[] = [];
const SALUDO = 'Hola {contact.name}, soy {agent.name}. ¿En qué puedo ayudarle?';

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
  const team = await makeTeam(t, account, {
    name: 'Cobranzas',
    strategy: 'manual',
    memberIds: [agent.body.data.id],
  });
  for (const body of [
    { shortcut: 'saldo', title: 'Saldo', text: 'Su saldo se consulta con *105#', teamId: team },
    { shortcut: 'despedida', title: 'Despedida', text: 'Gracias por escribirnos, {contact.name}.' },
    { shortcut: 'temporal', title: 'Temporal', text: 'Borrar' },
  ]) {
    expect((await admin.post('/canned-responses', body)).status).toBe(201);
  }
  const inbox = await account.apiInbox();
  const first = await incoming(t.url, inbox, {
    externalId: 'c-1',
    contact: { externalId: 'ana', name: 'Ana Pérez' },
    text: 'Hola, tengo una consulta',
  });
  conversationId = first.body.data.conversation.id;
  const assign = await admin.post(`/conversations/${conversationId}/assign`, {
    assigneeId: agent.body.data.id,
  });
  expect(assign.status).toBe(200);
  browser = await launchChromium();
  adminPage = await newPage();
  page = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-canned-failed-${name}.png`) });
    await adminPage?.screenshot({ path: join(shots, `console-canned-failed-admin-${name}.png`) });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const composer = () => page.locator('.composer textarea');
const options = () => page.locator('.canned-list [role=option]');
const shortcutsShown = () => page.locator('.canned-list .sc').allTextContents();

describe('canned responses in Chromium', () => {
  it('lets an admin add, refuse a duplicate, edit and delete on the admin page', async () => {
    await logIn(adminPage, account.admin.email);
    await adminPage.goto(`${t.url}/admin/canned`);
    await adminPage.locator('section.canned-admin h1', { hasText: 'Respuestas rápidas' }).waitFor();
    const form = adminPage.locator('section.canned-admin form');
    await form.locator('input[name=shortcut]').fill('Saludo');
    await form.locator('input[name=title]').fill('Saludo inicial');
    await form.locator('textarea[name=text]').fill(SALUDO);
    await form.locator('button[type=submit]').click();
    await adminPage.locator('tr[data-shortcut=saludo]').waitFor();
    // The same shortcut again, in another case: refused with the hub's message, nothing added.
    await form.locator('input[name=shortcut]').fill('SALUDO');
    await form.locator('input[name=title]').fill('Otro');
    await form.locator('textarea[name=text]').fill('Otro texto');
    await form.locator('button[type=submit]').click();
    await adminPage.locator('[role=status]', { hasText: '/saludo is already used' }).waitFor();
    expect(await adminPage.locator('tr[data-shortcut=saludo]').count()).toBe(1);
    // Edit the farewell's title.
    await adminPage.locator('tr[data-shortcut=despedida] button', { hasText: 'Editar' }).click();
    expect(await form.locator('input[name=title]').inputValue()).toBe('Despedida');
    await form.locator('input[name=title]').fill('Despedida cordial');
    await form.locator('button[type=submit]').click();
    await adminPage.locator('tr[data-shortcut=despedida] td', { hasText: 'Despedida cordial' }).waitFor();
    // Delete asks once more.
    await adminPage.locator('tr[data-shortcut=temporal] button', { hasText: 'Eliminar' }).click();
    await adminPage.locator('tr[data-shortcut=temporal] button', { hasText: '¿Eliminar /temporal?' }).click();
    await adminPage.locator('tr[data-shortcut=temporal]').waitFor({ state: 'detached' });
    await adminPage.screenshot({ path: join(shots, 'console-canned-1-admin.png') });
    const stored = (await client(t.url, account.adminToken).get('/canned-responses')).body.data;
    expect(stored.map((c: { shortcut: string }) => c.shortcut)).toEqual(['despedida', 'saldo', 'saludo']);
    expect(stored.find((c: { shortcut: string }) => c.shortcut === 'saludo')).toMatchObject({
      title: 'Saludo inicial',
      text: SALUDO,
      teamId: null,
    });
  });

  it('inserts /saludo with the names filled in and sends it', async () => {
    await logIn(page, agentEmail);
    await page.goto(`${t.url}/conversations/${conversationId}`);
    await composer().waitFor();
    await composer().click();
    await page.keyboard.type('/salu');
    await options().first().waitFor();
    expect(await shortcutsShown()).toEqual(['/saludo']);
    await page.keyboard.type('do');
    await page.screenshot({ path: join(shots, 'console-canned-2-suggestions.png') });
    expect(await page.locator('.canned-list [aria-selected=true]').textContent()).toContain('/saludo');
    await page.keyboard.press('Enter');
    const filled = 'Hola Ana Pérez, soy Rosa Quispe. ¿En qué puedo ayudarle?';
    expect(await composer().inputValue()).toBe(filled);
    expect(await options().count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.locator('.msg.out', { hasText: 'soy Rosa Quispe' }).waitFor();
    const messages = (
      await client(t.url, account.adminToken).get(`/conversations/${conversationId}/messages`)
    ).body.data;
    expect(
      messages
        .filter((m: { direction: string }) => m.direction === 'out')
        .map((m: { text: string }) => m.text),
    ).toEqual([filled]);
    expect(await composer().inputValue()).toBe('');
  });

  it('moves with the arrows, closes with Escape, inserts with Tab and with a click', async () => {
    await composer().click();
    await page.keyboard.type('Gracias. /');
    await options().nth(2).waitFor();
    // The agent's team's response is offered to them too.
    expect(await shortcutsShown()).toEqual(['/despedida', '/saldo', '/saludo']);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.canned-list [aria-selected=true]').textContent()).toContain('/saldo');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.canned-list [aria-selected=true]').textContent()).toContain('/saludo');
    await page.keyboard.press('Escape');
    expect(await options().count()).toBe(0);
    // Still closed while the same "/" is being typed on: no search is even asked for. The search for a
    // later "/d" is the barrier: had "/sal" been live, its searches would have gone out before it.
    const asked: string[] = [];
    const onRequest = (r: { url(): string }) => r.url().includes('/canned-responses') && asked.push(r.url());
    page.on('request', onRequest);
    await page.keyboard.type('sal');
    expect(await options().count()).toBe(0);
    await page.keyboard.type(' /d');
    await page.locator('.canned-list .sc', { hasText: '/despedida' }).waitFor();
    page.off('request', onRequest);
    expect(asked.map((u) => new URL(u).searchParams.get('q'))).toEqual(['', 'd']);
    expect(await composer().inputValue()).toBe('Gracias. /sal /d');
    // A new "/" opens it again; Tab inserts the first match.
    await composer().fill('');
    await page.keyboard.type('Dato: /sal');
    await page.locator('.canned-list [aria-selected=true]', { hasText: '/saldo' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await composer().inputValue()).toBe('Dato: Su saldo se consulta con *105#');
    // A click inserts where the "/" was, and the caret stays in the text to go on typing.
    await page.keyboard.type(' /desp');
    await options().first().waitFor();
    await options().first().click();
    await page.keyboard.type(' Adiós');
    expect(await composer().inputValue()).toBe(
      'Dato: Su saldo se consulta con *105# Gracias por escribirnos, Ana Pérez. Adiós',
    );
    await page.screenshot({ path: join(shots, 'console-canned-3-inserted.png') });
  });
});
