// Sessions and sign-in safety in a real Chromium (issue 14, points 2, 3 and 10): an agent signed in on
// two browsers sees both under "My account", signs the other one out (that console drops to the login
// page by itself), changes the password (a weak one is refused with the reason), and logs out for real
// (the token stops working at the hub). An address with users in two accounts picks its account at
// login. The admin reads the security log. Screenshots land in tests/.tmp/e2e/console-account-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let laptop: Page;
let phone: Page;
const PASSWORD = 'correct horse battery';
let email = '';
const pageErrors: string[] = [];

const newPage = () =>
  consolePage(browser, { viewport: { width: 1300, height: 800 }, locale: 'en-US', errors: pageErrors });

/** Fills the login form; what follows (the header, or a refusal) is the caller's to wait for. */
async function logIn(p: Page, who: string, secret: string) {
  await p.goto(t.url);
  await p.fill('input[type=email]', who);
  await p.fill('input[type=password]', secret);
  await p.click('button.primary');
}

const tokenOf = (p: Page) =>
  p.evaluate(
    () => (JSON.parse(localStorage.getItem('hub.session') ?? 'null') as { token?: string } | null)?.token,
  );

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  email = (await account.user('agent', 'Lucía Agente')).user.email;
  browser = await launchChromium();
  laptop = await newPage();
  phone = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await laptop?.screenshot({ path: join(shots, `console-account-failed-laptop-${name}.png`) });
    await phone?.screenshot({ path: join(shots, `console-account-failed-phone-${name}.png`) });
  }
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

describe('my sessions and my password', () => {
  it('lists both browsers and signs the other out, which drops it to the login page', async () => {
    await logIn(laptop, email, PASSWORD);
    await laptop.locator('header.top').waitFor();
    await logIn(phone, email, PASSWORD);
    await phone.locator('header.top').waitFor();
    const phoneToken = await tokenOf(phone);

    await laptop.getByRole('link', { name: 'Lucía Agente' }).click();
    await laptop.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    const rows = laptop.locator('tr[data-session]');
    await expect.poll(() => rows.count()).toBe(2);
    await laptop.getByText('This session').waitFor();
    await laptop.screenshot({ path: join(shots, 'console-account-1-sessions.png') });

    await laptop.getByRole('button', { name: 'Sign out', exact: true }).click();
    await laptop.getByText('That session is signed out.').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    // The phone's console hears its socket closed by the hub and signs itself out.
    await phone.locator('input[type=email]').waitFor();
    expect((await client(t.url, phoneToken).get('/me')).status).toBe(401);
  });

  it('refuses a weak new password with the reason, then changes it', async () => {
    await laptop.getByLabel('Current password').fill(PASSWORD);
    await laptop.getByLabel('New password').fill('password123');
    await laptop.getByRole('button', { name: 'Change password' }).click();
    await laptop
      .getByRole('alert')
      .filter({ hasText: /too easy to guess/ })
      .waitFor();
    await laptop.screenshot({ path: join(shots, 'console-account-2-weak.png') });

    await laptop.getByLabel('Current password').fill(PASSWORD);
    await laptop.getByLabel('New password').fill('sundial pepper glacier');
    await laptop.getByRole('button', { name: 'Change password' }).click();
    await laptop.getByText(/Password changed/).waitFor();
    expect(
      (await client(t.url).post('/auth/login', { email, password: 'sundial pepper glacier' })).status,
    ).toBe(200);
  });

  it('logging out ends the session at the hub, not only in this tab', async () => {
    const token = await tokenOf(laptop);
    expect((await client(t.url, token).get('/me')).status).toBe(200);
    await laptop.getByRole('button', { name: 'Log out' }).click();
    await laptop.locator('input[type=email]').waitFor();
    await expect.poll(async () => (await client(t.url, token).get('/me')).status).toBe(401);
  });
});

describe('signing in', () => {
  it('an address with users in two accounts chooses its account', async () => {
    const other = await seedAccount(t, 'Second floor');
    const r = await client(t.url, other.adminToken).post('/users', {
      name: 'Lucía en otra cuenta',
      email,
      password: 'sundial pepper glacier',
      role: 'supervisor',
    });
    expect(r.status).toBe(201);
    await logIn(laptop, email, 'sundial pepper glacier');
    await laptop
      .getByRole('alert')
      .filter({ hasText: /several accounts/ })
      .waitFor();
    await laptop.getByLabel('Account').selectOption({ label: 'Second floor' });
    await laptop.screenshot({ path: join(shots, 'console-account-3-choose.png') });
    await laptop.click('button.primary');
    await laptop.locator('header.top').waitFor();
    expect(await laptop.locator('header.top').textContent()).toContain('Lucía en otra cuenta');
  });

  it('the admin reads failed and successful sign-ins in the security log', async () => {
    await logIn(phone, email, 'a wrong guess entirely');
    await phone.getByRole('alert').waitFor();
    await logIn(phone, account.admin.email, PASSWORD);
    await phone.locator('header.top').waitFor();
    await phone.goto(`${t.url}/admin/security`);
    await phone.getByRole('heading', { name: 'Security log' }).waitFor();
    await phone.locator('tr', { hasText: 'Sign-in failed' }).first().waitFor();
    await phone.getByLabel('Event').selectOption('login_failed');
    await expect
      .poll(async () =>
        (await phone.locator('tbody tr').allTextContents()).every((r) => r.includes('Sign-in failed')),
      )
      .toBe(true);
    await phone.screenshot({ path: join(shots, 'console-account-4-security.png') });
    expect(pageErrors).toEqual([]);
  });
});
