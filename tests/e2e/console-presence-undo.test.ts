// Two console fixes in a real Chromium. Presence: an agent who signs out and back in is put back in the
// presence they last chose (a break with its reason, here) instead of Offline; an Offline they chose by
// hand stays Offline; a QA reviewer (a role that answers no one) is never made available. Undo: the `e`
// shortcut still resolves at once, and a toast "Conversation resolved · Undo" offers the way back for a
// few seconds, by the `u` key or its button, in the agent's language; left alone it goes away and the
// conversation stays resolved. Screenshots land in tests/.tmp/e2e/console-presence-undo-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPresence, setPresence } from '#server/routing/presence.ts';
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
let agentId: string;
let conversationId: string;
const agentEmail = 'nadia.presence@example.test';
const qaEmail = 'quinn.qa@example.test';
const pageErrors: string[] = [];

const admin = () => client(t.url, account.adminToken);
const presenceOf = async (id: string) => loadPresence(t.hub.ctx, Number(id));
const presenceSelect = () => page.getByLabel('Presence', { exact: true });
const statusOf = async () => (await admin().get(`/conversations/${conversationId}`)).body.data.status;

/** Signs in through the form and waits for the header's first presence answer (restored or read). */
async function signIn(email: string) {
  const answered = page.waitForResponse((r) => /\/api\/v1\/me\/presence(\/restore)?$/.test(r.url()));
  await logInConsole(page, t.url, email);
  await answered;
}

/** The header's Log out, then the hub's own grace for a dropped connection takes the agent offline. */
async function signOut(userId: string) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.locator('input[type=email]').waitFor();
  await eventually(async () => (await presenceOf(userId)).status === 'offline');
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  // No grace after the last socket closes: signing out is offline at once (the grace has its own specs).
  expect((await admin().patch('/routing/settings', { presenceGraceSeconds: 0 })).status).toBe(200);
  const agent = await admin().post('/users', {
    name: 'Nadia Presence',
    email: agentEmail,
    password: 'correct horse battery',
    role: 'agent',
  });
  expect(agent.status).toBe(201);
  agentId = agent.body.data.id;
  const qa = await admin().post('/users', {
    name: 'Quinn Review',
    email: qaEmail,
    password: 'correct horse battery',
    role: 'qa',
  });
  expect(qa.status).toBe(201);
  // A reviewer who was once set away and then dropped off: nothing to restore for a role like theirs.
  await setPresence(t.hub.ctx, account.accountId, Number(qa.body.data.id), { status: 'away' });
  await setPresence(
    t.hub.ctx,
    account.accountId,
    Number(qa.body.data.id),
    { status: 'offline' },
    'disconnected',
  );
  const inbox = await account.apiInbox();
  const first = await incoming(t.url, inbox, {
    externalId: 'pu-1',
    contact: { externalId: 'ines', name: 'Inés Ortega' },
    text: 'My parcel never arrived',
  });
  conversationId = first.body.data.conversation.id;
  browser = await launchChromium();
  page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
});

shotOnFailure('console-presence-undo', () => page);

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('presence after signing in again', () => {
  it('restores the break an agent last chose, with its reason', async () => {
    await signIn(agentEmail);
    await expect.poll(() => presenceSelect().inputValue()).toBe('offline');
    await presenceSelect().selectOption('auxiliary:Lunch');
    await eventually(async () => (await presenceOf(agentId)).status === 'auxiliary');
    await signOut(agentId);

    await signIn(agentEmail);
    await expect.poll(() => presenceSelect().inputValue()).toBe('auxiliary:Lunch');
    expect(await presenceOf(agentId)).toMatchObject({ status: 'auxiliary', reason: 'Lunch' });
  });

  it('keeps an Offline the agent chose by hand', async () => {
    await presenceSelect().selectOption('offline');
    await eventually(async () => (await presenceOf(agentId)).status === 'offline');
    await signOut(agentId);

    await signIn(agentEmail);
    expect(await presenceSelect().inputValue()).toBe('offline');
    expect((await presenceOf(agentId)).status).toBe('offline');
    // Back to work for the next spec: online, chosen by hand.
    await presenceSelect().selectOption('online');
    await eventually(async () => (await presenceOf(agentId)).status === 'online');
  });

  it('never makes a role that answers no one available', async () => {
    const qaLogin = await client(t.url).post('/auth/login', {
      email: qaEmail,
      password: 'correct horse battery',
    });
    expect(qaLogin.status).toBe(200);
    const restored = await client(t.url, qaLogin.body.token).post('/me/presence/restore', {});
    expect(restored.status).toBe(200);
    expect(restored.body.data.status).toBe('offline');
  });
});

describe('undo after the resolve shortcut', () => {
  const toast = () => page.getByRole('status').filter({ hasText: 'Conversation resolved' });

  it('resolves at once and the Undo toast (the u key) reopens the conversation', async () => {
    // Going offline above gave the waiting chat back to the queue: the agent's again for these specs.
    expect(
      (await admin().post(`/conversations/${conversationId}/assign`, { assigneeId: agentId })).status,
    ).toBe(200);
    await page.locator(`li[data-id="${conversationId}"] button`).click();
    await page.locator('section.conversation').waitFor();
    await page.keyboard.press('e');
    await toast().getByRole('button', { name: 'Undo' }).waitFor();
    await eventually(async () => (await statusOf()) === 'resolved');
    await page.screenshot({ path: join(shots, 'console-presence-undo-toast.png') });

    await page.keyboard.press('u');
    await eventually(async () => (await statusOf()) === 'open');
    await toast().waitFor({ state: 'detached' });
  });

  it('the toast button is reached with Tab and says it in Spanish', async () => {
    await page.getByLabel('Language').selectOption('es');
    await page.locator('section.conversation').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    const undo = page.getByRole('status').filter({ hasText: 'Conversación resuelta' }).getByRole('button', {
      name: 'Deshacer',
    });
    await undo.waitFor();
    await eventually(async () => (await statusOf()) === 'resolved');
    await undo.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => undo.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(async () => (await statusOf()) === 'open');
  });

  it('left alone, the toast goes away by itself and the conversation stays resolved', async () => {
    await page.locator('section.conversation').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    const shown = page.getByRole('status').filter({ hasText: 'Conversación resuelta' });
    await shown.waitFor();
    await shown.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await statusOf()).toBe('resolved');
    expect(pageErrors).toEqual([]);
  });
});
