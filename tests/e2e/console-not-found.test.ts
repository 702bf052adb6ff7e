// Addresses nothing answers, as a person and a program meet them: the console says "page not found" with
// a way home (in the user's language) instead of Express's bare "Cannot GET", and an unknown admin
// section is not the Teams page; a program gets the JSON error every API answers; the tab has an icon;
// finance, who reads reports and answers no one, is taken from the inbox's address to the reports and
// is never refused a request the inbox would make.
// Screenshots: tests/.tmp/e2e/console-not-found-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

const shot = (p: Page, name: string) => p.screenshot({ path: join(shots, `console-not-found-${name}.png`) });

describe('an address nothing answers', () => {
  it('gives a browser the console with 404, a program the JSON error, and every page an icon', async () => {
    const page = await fetch(`${t.url}/contacts`, { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<div id="root">');

    const program = await fetch(`${t.url}/contacts`, { headers: { accept: '*/*' } });
    expect(program.status).toBe(404);
    expect((await program.json()).error.code).toBe('not_found');
    const post = await fetch(`${t.url}/contacts`, { method: 'POST', headers: { accept: 'text/html' } });
    expect(post.status).toBe(404);
    expect((await post.json()).error.code).toBe('not_found');

    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await fetch(`${t.url}${path}`);
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/image\/svg\+xml/);
      expect(await icon.text()).toContain('<svg');
    }
    // A known console path is still the console, with 200.
    expect((await fetch(`${t.url}/reports`, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('shows "page not found" with a way home, for an unknown page and an unknown admin section', async () => {
    const p = await consolePage(browser, { errors: pageErrors });
    const missing: string[] = [];
    p.on('response', (r) => {
      if (r.status() === 404 && !r.url().includes('/contacts') && !r.url().includes('/admin/xyz'))
        missing.push(r.url());
    });
    await logInConsole(p, t.url, account.admin.email);
    await p.goto(`${t.url}/contacts`);
    await p.getByRole('heading', { name: 'Page not found' }).waitFor();
    await shot(p, 'en');
    await p.getByRole('link', { name: 'Go to your home page' }).click();
    await p.waitForURL(`${t.url}/`);
    await p.locator('.conversation-list, .inbox').first().waitFor();

    await p.goto(`${t.url}/admin/xyz`);
    await p.getByRole('heading', { name: 'Page not found' }).waitFor();
    // Not the Teams page under another name.
    expect(await p.locator('nav.side-nav').count()).toBe(0);
    // A real section still opens.
    await p.goto(`${t.url}/admin/labels`);
    await p.locator('nav.side-nav a.active').waitFor();
    expect(await p.getByRole('heading', { name: 'Page not found' }).count()).toBe(0);
    // The page declared its icon, and nothing the console asked for was missing.
    expect(await p.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
    expect(missing).toEqual([]);
    await p.context().close();
  });

  it('says it in Arabic, right to left', async () => {
    const p = await consolePage(browser, { locale: 'ar', errors: pageErrors });
    await logInConsole(p, t.url, account.admin.email);
    await p.goto(`${t.url}/nothing-here`);
    await p.getByRole('heading', { name: 'الصفحة غير موجودة' }).waitFor();
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shot(p, 'ar');
    await p.context().close();
  });

  it('takes finance from the inbox to the reports, refusing it nothing on the way', async () => {
    const finance = await account.user('finance', 'Fernando Cuentas');
    const p = await consolePage(browser, { errors: pageErrors });
    const refused: string[] = [];
    p.on('response', (r) => {
      if (r.status() === 401 || r.status() === 403) refused.push(`${r.status()} ${r.url()}`);
    });
    await logInConsole(p, t.url, finance.user.email);
    await p.waitForURL(/\/reports/);
    // The inbox's address, typed or bookmarked: the reports instead, no inbox requests.
    await p.goto(`${t.url}/`);
    await p.waitForURL(/\/reports/);
    await p.goto(`${t.url}/conversations/1`);
    await p.waitForURL(/\/reports/);
    await shot(p, 'finance');
    await p.locator('main.report').waitFor();
    expect(refused).toEqual([]);
    await p.context().close();
    expect(pageErrors).toEqual([]);
  });
});
