// Contact edit and merge from the contact panel, in a real Chromium: a visitor writes on the web widget,
// the same person (same CI) came in earlier through the API channel. The agent fills in the widget
// contact's name and CI in the panel, searches the CI, compares both side by side (the widget contact is
// kept), merges, and the panel shows both channels and the API conversation among the past ones. A
// contact another agent merged meanwhile is refused with a clear message. Screenshots land in
// tests/.tmp/e2e/console-merge-*.png.
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
import { closeAllVisitors, connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const agentEmail = 'rosa.merge@example.test';
let widgetConversation: string;
let widgetContact: string;
let apiConversation: string;
let apiContact: string;

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

  // The same person, earlier, through the API channel (a CRM), with her CI.
  const api = await account.apiInbox();
  const before = await incoming(t.url, api, {
    externalId: 'crm-msg-1',
    contact: { externalId: 'crm-4567890', name: 'Ana Pérez' },
    text: 'Solicitud de portabilidad',
  });
  expect(before.status).toBe(201);
  apiConversation = before.body.data.conversation.id;
  apiContact = (await admin.get(`/conversations/${apiConversation}`)).body.data.contact.id;
  const ci = await admin.patch(`/contacts/${apiContact}`, {
    email: 'ana.perez@example.test',
    attributes: { nationalId: '4567890' },
  });
  expect(ci.status).toBe(200);

  // Now she writes on the web widget, anonymous.
  const chat = await webchatInbox(t, account);
  const visitor = await connectVisitor(t, { inboxToken: chat.token });
  const sent = await visitor.emit('message:send', { clientMessageId: 'w-1', text: 'Hola, sigo esperando' });
  widgetConversation = sent.message.conversationId;
  const conv = (await admin.get(`/conversations/${widgetConversation}`)).body.data;
  widgetContact = conv.contact.id;
  expect(widgetContact).not.toBe(apiContact);
  const assign = await admin.post(`/conversations/${widgetConversation}/assign`, {
    assigneeId: agent.body.data.id,
  });
  expect(assign.status).toBe(200);

  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1360, height: 900 },
    locale: 'es-BO',
    errors: pageErrors,
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-merge-failed-${name}.png`) });
  }
});

afterAll(async () => {
  closeAllVisitors();
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const panel = () => page.locator('section.contact-panel');
const dialog = () => page.locator('dialog.merge-dialog');

describe('contact panel in Chromium', () => {
  it("lets the agent fill in the widget contact's name and CI", async () => {
    await logInConsole(page, t.url, agentEmail);
    await page.goto(`${t.url}/conversations/${widgetConversation}`);
    await panel().locator('h3').waitFor();
    await panel().locator('button', { hasText: 'Editar contacto' }).click();
    const form = panel().locator('form.contact-edit');
    await form.locator('input[name=name]').fill('Ana Pérez');
    await form.locator('input[name=nationalId]').fill('4567890');
    await form.locator('input[name=serviceNumber]').fill('71234567');
    await form.locator('button[type=submit]').click();
    await panel().locator('[role=status]', { hasText: 'Contacto guardado' }).waitFor();
    await panel().locator('h3', { hasText: 'Ana Pérez' }).waitFor();
    await panel().locator('dd', { hasText: '4567890' }).waitFor();
    // The header and the customer's messages carry the new name at once, without a reload.
    await page.locator('section.conversation .bar h2', { hasText: 'Ana Pérez' }).waitFor({ timeout: 5_000 });
    const stored = (await client(t.url, account.adminToken).get(`/contacts/${widgetContact}`)).body.data;
    expect(stored.name).toBe('Ana Pérez');
    expect(stored.attributes).toMatchObject({ nationalId: '4567890', serviceNumber: '71234567' });
    await page.screenshot({ path: join(shots, 'console-merge-1-edited.png') });
  });

  it('merges the API contact found by CI into the widget contact', async () => {
    // Before: only the web chat identity, no other conversation.
    expect(await panel().locator('.identities li').allTextContents()).toEqual([
      expect.stringContaining('Chat web'),
    ]);
    await panel().locator('button', { hasText: 'Unir con otro contacto' }).click();
    await dialog().locator('input[type=search]').fill('4567890');
    // The contact on screen is not offered (it has the same CI): only the API one.
    const result = dialog().locator(`.merge-results button[data-id="${apiContact}"]`);
    await result.waitFor();
    expect(await dialog().locator(`.merge-results button[data-id="${widgetContact}"]`).count()).toBe(0);
    await result.click();
    const kept = dialog().locator('.merge-card.kept');
    const absorbed = dialog().locator('.merge-card.absorbed');
    await kept.waitFor();
    // Swap once and back: the kept one moves.
    await dialog().locator('button', { hasText: 'Conservar el otro' }).click();
    expect(await kept.getAttribute('data-id')).toBe(apiContact);
    await dialog().locator('button', { hasText: 'Conservar el otro' }).click();
    expect(await kept.getAttribute('data-id')).toBe(widgetContact);
    expect(await kept.locator('.merge-role').textContent()).toBe('Se conserva');
    // The channel by its name in the agent's language, not the hub's internal kind.
    expect(await kept.textContent()).toContain('Chat web');
    expect(await kept.textContent()).not.toContain('webchat');
    expect(await absorbed.textContent()).toContain('crm-4567890');
    expect(await absorbed.textContent()).toContain('ana.perez@example.test');
    // CI on both, one conversation each.
    for (const card of [kept, absorbed]) {
      const text = await card.locator('dl').innerText();
      expect(text).toMatch(/CI\s+4567890/);
      expect(text).toMatch(/Conversaciones\s+1/);
    }
    await page.screenshot({ path: join(shots, 'console-merge-2-confirm.png') });
    await dialog().locator('button.primary', { hasText: 'Unir' }).click();
    await dialog().waitFor({ state: 'detached' });

    await panel().locator('[role=status]', { hasText: 'Contactos unidos' }).waitFor();
    await panel().locator('.identities li', { hasText: 'crm-4567890' }).waitFor();
    expect(await panel().locator('.identities li .ch').allTextContents()).toEqual(
      expect.arrayContaining(['Chat web', 'API']),
    );
    // The e-mail came from the merged contact (a blank filled in), the API conversation is listed.
    await panel().locator('dd', { hasText: 'ana.perez@example.test' }).waitFor();
    await panel().locator(`.past button[data-id="${apiConversation}"]`).waitFor();
    await page.screenshot({ path: join(shots, 'console-merge-3-merged.png') });

    const admin = client(t.url, account.adminToken);
    expect((await admin.get(`/conversations/${apiConversation}`)).body.data.contact.id).toBe(widgetContact);
    const found = (await admin.get('/contacts?q=4567890')).body.data.map((c: { id: string }) => c.id);
    expect(found).toEqual([widgetContact]);
    // The past conversation opens on click, with the same (merged) contact.
    await panel().locator(`.past button[data-id="${apiConversation}"]`).click();
    await page.waitForURL(`**/conversations/${apiConversation}`);
    await panel().locator('.identities li', { hasText: 'Chat web' }).waitFor();
  });

  it('says so when the picked contact was merged by someone else meanwhile', async () => {
    const api = await account.apiInbox();
    const made: string[] = [];
    for (const who of ['dup-a', 'dup-b']) {
      const r = await incoming(t.url, api, {
        externalId: `m-${who}`,
        contact: { externalId: who, name: `Duplicado ${who}` },
        text: 'hola',
      });
      const conv = (
        await client(t.url, account.adminToken).get(`/conversations/${r.body.data.conversation.id}`)
      ).body.data;
      made.push(conv.contact.id);
    }
    await page.goto(`${t.url}/conversations/${widgetConversation}`);
    await panel().locator('button', { hasText: 'Unir con otro contacto' }).click();
    await dialog().locator('input[type=search]').fill('Duplicado dup-a');
    await dialog().locator(`.merge-results button[data-id="${made[0]}"]`).click();
    await dialog().locator('.merge-card.absorbed').waitFor();
    // Another agent merges it elsewhere first.
    const other = await client(t.url, account.adminToken).post(`/contacts/${made[1]}/merge`, {
      sourceContactId: made[0],
    });
    expect(other.status).toBe(200);
    await dialog().locator('button.primary', { hasText: 'Unir' }).click();
    await dialog().locator('[role=alert]', { hasText: 'ya fue unido a otro' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-merge-4-already-merged.png') });
    await dialog().locator('button', { hasText: 'Cancelar' }).click();
    await dialog().waitFor({ state: 'detached' });
    // Nothing moved to the widget contact.
    const identities = (await client(t.url, account.adminToken).get(`/contacts/${widgetContact}`)).body.data
      .identities;
    expect(identities.map((i: { externalId: string }) => i.externalId)).not.toContain('dup-a');
  });
});
