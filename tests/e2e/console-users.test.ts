// Users and roles in a real Chromium: an admin creates a supervisor with a generated password (shown
// once), the new supervisor logs in with it; the admin disables them: the supervisor's open console is
// signed out and logging in again is refused with a clear message. The admin's own row cannot take
// their own rights away. Screenshots land in tests/.tmp/e2e/console-users-*.png.
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
import { launchChromium, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let adminPage: Page;
let page: Page;
const email = 'carmen.sup@example.test';
let password = '';
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  const p = await (
    await browser.newContext({ viewport: { width: 1400, height: 850 }, locale: 'en-US' })
  ).newPage();
  p.on('pageerror', (err) => pageErrors.push(err.message));
  return p;
}

async function logIn(p: Page, who: string, secret: string) {
  await p.goto(t.url);
  await p.fill('input[type=email]', who);
  await p.fill('input[type=password]', secret);
  await p.click('button.primary');
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  browser = await launchChromium();
  adminPage = await newPage();
  page = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await adminPage?.screenshot({ path: join(shots, `console-users-failed-admin-${name}.png`) });
    await page?.screenshot({ path: join(shots, `console-users-failed-${name}.png`) });
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('users and roles in the console', () => {
  it('an admin creates a supervisor with a generated password, shown once', async () => {
    await logIn(adminPage, account.admin.email, 'correct horse battery');
    await adminPage.locator('header.top').waitFor();
    await adminPage.goto(`${t.url}/admin/users`);
    await adminPage.getByRole('heading', { name: 'Users and roles' }).waitFor();
    // The admin's own row: no way to demote or disable themselves.
    const mine = adminPage.locator(`tr[data-user="${account.admin.email}"]`);
    expect(await mine.getByRole('combobox').isDisabled()).toBe(true);
    expect(await mine.getByRole('button', { name: 'Disable' }).isDisabled()).toBe(true);

    await adminPage.getByText('What each role may do').click();
    await adminPage.getByText(/Reports only; no conversations/).waitFor();
    await adminPage.getByRole('button', { name: 'New user' }).click();
    const form = adminPage.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('Carmen Supervisora');
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Role').selectOption('supervisor');
    await form.getByLabel('Generate a password').check();
    await adminPage.screenshot({ path: join(shots, 'console-users-1-form.png') });
    await form.getByRole('button', { name: 'Create user' }).click();

    const shown = adminPage.getByTestId('one-time-password');
    await shown.waitFor();
    password = (await shown.textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await adminPage.screenshot({ path: join(shots, 'console-users-2-password.png') });
    await adminPage.getByRole('button', { name: 'Done' }).click();
    expect(await shown.count()).toBe(0); // shown once: gone for good

    const row = adminPage.locator(`tr[data-user="${email}"]`);
    await row.waitFor();
    expect(await row.getByRole('combobox').inputValue()).toBe('supervisor');
    expect(await row.locator('.badge').first().textContent()).toBe('Active');
    const stored = (await client(t.url, account.adminToken).get('/users')).body.data.find(
      (u: { email: string }) => u.email === email,
    );
    expect(stored).toMatchObject({ name: 'Carmen Supervisora', role: 'supervisor', disabled: false });
  });

  it('the new supervisor logs in with it', async () => {
    await logIn(page, email, password);
    await page.locator('header.top').waitFor();
    expect(await page.locator('header.top').textContent()).toContain('Carmen Supervisora');
  });

  it('the admin disables them: signed out, and the login is refused with a clear message', async () => {
    const row = adminPage.locator(`tr[data-user="${email}"]`);
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByRole('button', { name: /Yes, disable Carmen/ }).click();
    await row.locator('.badge', { hasText: 'Disabled' }).waitFor();
    await adminPage.screenshot({ path: join(shots, 'console-users-3-disabled.png') });

    // Their open console no longer gets anything: the next request sends them to the login page.
    await page.reload();
    await page.locator('input[type=email]').waitFor();
    await logIn(page, email, password);
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toBe('This account has been disabled. Ask an administrator.');
    await page.screenshot({ path: join(shots, 'console-users-4-refused.png') });
    expect(await page.locator('header.top').count()).toBe(0);

    // A wrong password hears nothing more than any wrong password.
    await logIn(page, email, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password' }).waitFor();
  });

  it('enabled again, they log in; capacity editing still saves', async () => {
    const row = adminPage.locator(`tr[data-user="${email}"]`);
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.locator('.badge', { hasText: 'Active' }).waitFor();
    await logIn(page, email, password);
    await page.locator('header.top').waitFor();

    const webchat = row.getByLabel('Carmen Supervisora Web chat');
    await webchat.fill('3');
    await webchat.blur();
    // "Saved" is already on screen from enabling them: wait for the hub to have the new capacity.
    const stored = await eventually(async () => {
      const users = (await client(t.url, account.adminToken).get('/users')).body.data;
      const u = users.find((x: { email: string }) => x.email === email);
      return u?.capacity.webchat === 3 && u;
    });
    expect(stored.capacity).toMatchObject({ webchat: 3 });
    expect(pageErrors).toEqual([]);
  });
});
