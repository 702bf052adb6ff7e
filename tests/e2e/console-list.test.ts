// The inbox list in a real Chromium with thousands of conversations: only the rows in view are in the
// DOM, scrolling to the end fetches page after page until every conversation is there exactly once, and a
// live update moves a conversation to the top without a reload. (bench/console-list.ts measures the same
// list with 10,000 conversations: API pages against a bare SELECT, loading time, frame intervals.)
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations } from '#server/db/schema.ts';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

const COUNT = 2000;
let t: TestHub;
let account: SeededAccount;
let inbox: { id: string; token: string };
let browser: Browser;
let page: Page;
let freshId: string;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  inbox = await account.apiInbox();
  const { db } = t.hub.ctx;
  const now = Date.now();
  const people = await db
    .insert(contacts)
    .values(Array.from({ length: COUNT }, (_, i) => ({ accountId: account.accountId, name: `Cliente ${i}` })))
    .returning({ id: contacts.id });
  await db.insert(conversations).values(
    people.map((c, i) => ({
      accountId: account.accountId,
      inboxId: Number(inbox.id),
      contactId: c.id,
      threadKey: `list:${i}`,
      subject: `Consulta ${i}`,
      // Conversation i's last activity is i minutes ago: the list shows them in order 0, 1, 2 ...
      lastActivityAt: new Date(now - i * 60_000),
    })),
  );
  browser = await launchChromium();
  page = await consolePage(browser);
  await logInConsole(page, t.url, account.admin.email);
  await page.getByRole('tab', { name: 'All' }).click();
  await page.locator('[data-testid=conversation-list] li.row').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

const list = () => page.locator('[data-testid=conversation-list]');
const loaded = () => list().evaluate((el) => (el.firstElementChild as HTMLElement).offsetHeight / 64);
const subjects = () => page.locator('li.row .title').allTextContents();

describe('console conversation list', () => {
  it('keeps the DOM small and loads every conversation once by scrolling', async () => {
    expect(await loaded()).toBe(50);
    expect((await subjects())[0]).toContain('Consulta 0');
    let most = 0;
    for (let guard = 0; (await loaded()) < COUNT && guard < 200; guard++) {
      const before = await loaded();
      await list().evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      most = Math.max(most, await page.locator('li.row').count());
      await page
        .waitForFunction(
          (h) =>
            (document.querySelector('[data-testid=conversation-list] ul') as HTMLElement).offsetHeight > h,
          before * 64,
          { timeout: 10_000 },
        )
        .catch(() => {});
    }
    expect(await loaded()).toBe(COUNT);
    // At the very end: the oldest conversation, and still only a screenful of rows in the DOM.
    await expect
      .poll(async () => {
        await list().evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        return (await subjects()).some((s) => s.includes(`Consulta ${COUNT - 1}`));
      })
      .toBe(true);
    expect(most).toBeGreaterThan(5);
    expect(most).toBeLessThan(60);
    // Each conversation once: the ids on the rows at a few places of the list are all different.
    const seen = new Set<string>();
    for (const at of [0, 0.25, 0.5, 0.75, 1]) {
      await list().evaluate((el, f) => {
        el.scrollTop = f * (el.scrollHeight - el.clientHeight);
      }, at);
      await page.waitForTimeout(100);
      for (const id of await page
        .locator('li.row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!)))
        seen.add(id);
    }
    expect(seen.size).toBeGreaterThan(5 * 8);
    await page.screenshot({ path: join(shots, 'console-list-end.png') });
  });

  it('moves a conversation with new activity to the top, live', async () => {
    // Conversation "Consulta 1500" gets a customer message: the API channel threads by contact, so
    // post as a new contact instead and check the new conversation lands at the top, and then that an
    // old one the agent acts on moves up too.
    await list().evaluate((el) => {
      el.scrollTop = 0;
    });
    const fresh = await incoming(t.url, inbox, {
      externalId: 'live-1',
      contact: { externalId: 'live-contact', name: 'Nuevo' },
      text: 'Hola',
    });
    expect(fresh.status).toBe(201);
    freshId = fresh.body.data.conversation.id;
    await expect
      .poll(() => page.locator('li.row').first().getAttribute('data-id'), { timeout: 15_000 })
      .toBe(freshId);
    expect(await loaded()).toBe(COUNT + 1);
    // The row names the customer and shows what they said, live.
    const top = page.locator('li.row').first();
    expect(await top.locator('.title strong').textContent()).toBe('Nuevo');
    expect(await top.locator('.preview').textContent()).toBe('Hola');
    await page.screenshot({ path: join(shots, 'console-list-live.png') });
    // An old conversation answered by an agent gets new activity and goes to the top.
    const old = (await client(t.url, account.adminToken).get('/conversations?status=open&limit=200')).body
      .data[150];
    const reply = await client(t.url, account.adminToken).post(`/conversations/${old.id}/messages`, {
      text: 'Le respondemos',
      private: true,
    });
    expect(reply.status).toBe(201);
    await expect
      .poll(() => page.locator('li.row').first().getAttribute('data-id'), { timeout: 15_000 })
      .toBe(old.id);
    expect(await loaded()).toBe(COUNT + 1);
  });

  it('shows the list chosen last when an earlier choice answers late', async () => {
    // The resolved list (empty here) answers 1.5 s late; the agent has gone back to open meanwhile.
    let late!: () => void;
    const lateDone = new Promise<void>((resolve) => {
      late = resolve;
    });
    const resolvedList = (url: URL) =>
      url.pathname === '/api/v1/conversations' && url.searchParams.get('status') === 'resolved';
    await page.route(resolvedList, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
      late();
    });
    const status = page.getByRole('combobox', { name: 'status' });
    await status.selectOption('resolved');
    await status.selectOption('open');
    await page.locator('li.row').first().waitFor();
    await Promise.race([
      lateDone,
      new Promise((_, fail) =>
        setTimeout(() => fail(new Error('the resolved list was never asked for')), 10_000),
      ),
    ]);
    // Give the late answer time to reach React: it must not replace the open list.
    await page.waitForTimeout(300);
    expect(await page.locator('li.row').count()).toBeGreaterThan(5);
    expect(await page.getByText('No conversations').count()).toBe(0);
    await page.unroute(resolvedList);
  });

  it('keeps unread counts across a reload, and clears them when the conversation is opened', async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'All' }).click();
    const row = page.locator(`li.row[data-id="${freshId}"]`);
    await expect.poll(() => row.locator('.unread').textContent(), { timeout: 15_000 }).toBe('1');
    await row.locator('button').click();
    await page.locator('.msg', { hasText: 'Hola' }).first().waitFor();
    await expect.poll(() => row.locator('.unread').count()).toBe(0);
    // The hub has it as read: still clear after a reload, on the list page.
    await eventually(async () => {
      const list = (await client(t.url, account.adminToken).get('/conversations?status=open&limit=5')).body
        .data;
      return list.find((c: { id: string }) => c.id === freshId)?.unreadCount === 0;
    });
    await page.goto(t.url);
    await page.getByRole('tab', { name: 'All' }).click();
    await page.locator(`li.row[data-id="${freshId}"]`).waitFor();
    expect(await page.locator(`li.row[data-id="${freshId}"] .unread`).count()).toBe(0);
  });
});
