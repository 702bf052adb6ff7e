// The account's business hours in a real Chromium: an admin turns the calendar on (the Bolivian default),
// shortens Saturday, adds an afternoon interval on Monday (an overlap is flagged on its row and blocks
// saving until fixed), adds a named holiday with the date input, saves, reloads and finds it all kept;
// a team's edit form offers "account hours" (the default) or its own. Screenshots land in
// tests/.tmp/e2e/console-hours-*.png.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  await makeTeam(t, account, { name: 'Soporte', strategy: 'manual', memberIds: [] });
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 900 },
    locale: 'es-BO',
    errors: pageErrors,
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-hours-failed-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const row = (day: number) => page.locator(`.hours-week tr[data-day="${day}"]`);
const intervals = (day: number) =>
  row(day)
    .locator('.hours-interval')
    .evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('input')].map((i) => (i as HTMLInputElement).value).join('-')),
    );

describe('business hours page in Chromium', () => {
  it('keeps the hours and a holiday an admin sets, across a reload', async () => {
    await logInConsole(page, t.url, account.admin.email);
    await page.goto(`${t.url}/admin/business-hours`);
    await page.locator('h1', { hasText: 'Horario de atención' }).waitFor();
    await page.locator('text=Sin calendario').waitFor();

    await page.locator('input[name=hours-enabled]').check();
    expect(await page.locator('select[name=timezone]').inputValue()).toBe('America/La_Paz');
    expect(await intervals(1)).toEqual(['08:00-20:00']);
    expect(await intervals(6)).toEqual(['09:00-13:00']);
    expect(await intervals(0)).toEqual([]);
    await row(0).locator('text=Cerrado').waitFor();
    await page.locator('.hours-now').waitFor();

    // Saturday until noon.
    await row(6).locator('input[type=time]').nth(1).fill('12:00');
    // A second Monday interval that overlaps the first: flagged on its row, and saving waits.
    await row(1).locator('button', { hasText: 'Agregar intervalo' }).click();
    await row(1).locator('.hours-interval').nth(1).locator('input').first().fill('19:00');
    await row(1).locator('.error', { hasText: 'Se superpone' }).waitFor();
    expect(await page.locator('form.card button[type=submit]').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'console-hours-1-overlap.png'), fullPage: true });
    await row(1).locator('.hours-interval').nth(1).locator('input').first().fill('20:30');
    await row(1).locator('.error').waitFor({ state: 'detached' });
    // Remove Friday's hours altogether, then a holiday.
    await row(5).locator('button[aria-label="Quitar intervalo"]').click();
    await page.locator('input[aria-label="Fecha del feriado"]').fill('2026-08-06');
    await page.locator('input[aria-label="Nombre del feriado"]').fill('Día de la Independencia');
    await page.locator('button', { hasText: 'Agregar feriado' }).click();
    await page.locator('.hours-holidays li[data-date="2026-08-06"]', { hasText: 'Independencia' }).waitFor();
    await page.locator('form.card button[type=submit]').click();
    await page.locator('[role=status]', { hasText: 'Guardado' }).waitFor();

    const stored = (await client(t.url, account.adminToken).get('/routing/settings')).body.data.businessHours;
    expect(stored.timezone).toBe('America/La_Paz');
    expect(stored.holidays).toEqual([{ date: '2026-08-06', name: 'Día de la Independencia' }]);
    expect(stored.week.filter((i: { day: number }) => i.day === 5)).toEqual([]);

    await page.reload();
    await page.locator('h1', { hasText: 'Horario de atención' }).waitFor();
    await row(1).locator('.hours-interval').nth(1).waitFor();
    expect(await page.locator('input[name=hours-enabled]').isChecked()).toBe(true);
    expect(await intervals(1)).toEqual(['08:00-20:00', '20:30-23:59']);
    expect(await intervals(5)).toEqual([]);
    expect(await intervals(6)).toEqual(['09:00-12:00']);
    await page
      .locator('.hours-holidays li[data-date="2026-08-06"]', { hasText: 'Día de la Independencia' })
      .waitFor();
    await page.screenshot({ path: join(shots, 'console-hours-2-reloaded.png'), fullPage: true });
  });

  it("lets a team follow the account's hours or keep its own", async () => {
    await page.goto(`${t.url}/admin/teams`);
    await page.locator('tr', { hasText: 'Soporte' }).locator('button').click();
    const form = page.locator('form[aria-label=team]');
    expect(await form.locator('input[type=radio]').first().isChecked()).toBe(true);
    expect(await form.locator('.hours-editor').count()).toBe(0);
    await form.locator('label', { hasText: 'Horario propio' }).locator('input').check();
    await form.locator('.hours-editor select[name=timezone]').selectOption('America/Bogota');
    await form.locator('.hours-week tr[data-day="6"] button[aria-label="Quitar intervalo"]').click();
    await form.locator('button[type=submit]').click();
    await page.locator('[role=status]', { hasText: 'Guardado' }).waitFor();
    const team = (await client(t.url, account.adminToken).get('/teams')).body.data.find(
      (x: { name: string }) => x.name === 'Soporte',
    );
    expect(team.settings.businessHours.timezone).toBe('America/Bogota');
    expect(team.settings.businessHours.week.some((i: { day: number }) => i.day === 6)).toBe(false);
    await page.locator('tr', { hasText: 'Soporte' }).locator('button').click();
    expect(await form.locator('input[type=radio]').nth(1).isChecked()).toBe(true);
    await page.screenshot({ path: join(shots, 'console-hours-3-team.png'), fullPage: true });
  });

  it('lays the page out right-to-left in Arabic', async () => {
    await page.goto(`${t.url}/admin/business-hours`);
    await page.selectOption('select[aria-label="Idioma"]', 'ar');
    await page.locator('h1', { hasText: 'ساعات العمل' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('.hours-holidays legend', { hasText: 'العطل' }).waitFor();
    await page.screenshot({ path: join(shots, 'console-hours-4-ar.png'), fullPage: true });
    await page.selectOption('select[aria-label="اللغة"]', 'es');
  });
});
