// Snooze in a real Chromium: an agent snoozes the open conversation from its header with a preset ("In 1
// hour"), sees "Snoozed until …" in the header and in the list of snoozed conversations; when the hub's
// clock reaches that time the conversation comes back by itself: the header offers Snooze again and the
// alerts menu says the snooze ended. Screenshots land in tests/.tmp/e2e/console-snooze-*.png.
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
import { advanceClock } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
let conversationId: string;
const agentEmail = 'lena.snooze@example.test';
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  const agent = await admin.post('/users', {
    name: 'Lena Snooze',
    email: agentEmail,
    password: 'correct horse battery',
    role: 'agent',
  });
  expect(agent.status).toBe(201);
  const inbox = await account.apiInbox();
  const first = await incoming(t.url, inbox, {
    externalId: 's-1',
    contact: { externalId: 'max', name: 'Max Mustermann' },
    text: 'Please call me back tomorrow',
  });
  conversationId = first.body.data.conversation.id;
  expect(
    (await admin.post(`/conversations/${conversationId}/assign`, { assigneeId: agent.body.data.id })).status,
  ).toBe(200);
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    errors: pageErrors,
  });
});

shotOnFailure('console-snooze', () => page);

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('snooze in the console', () => {
  it('an agent snoozes from the header with a preset and sees "Snoozed until"', async () => {
    await logInConsole(page, t.url, agentEmail);
    await page.locator(`li[data-id="${conversationId}"] button`).click();
    const header = page.locator('section.conversation .bar');
    await header.getByRole('button', { name: /^Snooze/ }).click();
    const menu = page.getByRole('menu', { name: 'Snooze' });
    await menu.getByRole('menuitem', { name: /Tomorrow morning/ }).waitFor();
    await page.screenshot({ path: join(shots, 'console-snooze-menu.png') });
    const clicked = Date.now();
    await menu.getByRole('menuitem', { name: /In 1 hour/ }).click();

    await header.getByText(/^Snoozed until/).waitFor();
    await page.screenshot({ path: join(shots, 'console-snooze-header.png') });
    const stored = (await client(t.url, account.adminToken).get(`/conversations/${conversationId}`)).body
      .data;
    expect(stored.status).toBe('snoozed');
    const ahead = Date.parse(stored.snoozedUntil) - clicked;
    expect(ahead).toBeGreaterThan(3_590_000);
    expect(ahead).toBeLessThan(3_610_000);

    // The list of snoozed conversations shows it with its time.
    await page.getByRole('combobox', { name: 'status' }).selectOption('snoozed');
    await page.locator(`li[data-id="${conversationId}"] .badge.snoozed`).waitFor();
    // A time today ("14:05", "2:05 PM"), or with its weekday when the hour crosses midnight ("Tue 12:53 AM"):
    // the spec runs at any time of day.
    expect(await page.locator(`li[data-id="${conversationId}"] .badge.snoozed`).textContent()).toMatch(
      /^Snoozed until (\w{3} )?\d{1,2}:\d\d( [AP]M)?$/,
    );
    await page.screenshot({ path: join(shots, 'console-snooze-list.png') });
  });

  it('comes back by itself at that time, and the agent is told', async () => {
    await advanceClock(t, 3_600_000 + 5_000);
    const header = page.locator('section.conversation .bar');
    await header.getByRole('button', { name: /^Snooze/ }).waitFor({ timeout: 20_000 });
    expect(await header.getByText(/^Snoozed until/).count()).toBe(0);
    await page.locator('.alerts button.badge').click();
    await page.getByRole('link', { name: new RegExp(`#${conversationId} — snooze ended`) }).waitFor();
    await page.screenshot({ path: join(shots, 'console-snooze-woke.png') });
    expect(pageErrors).toEqual([]);
  });
});
