// Admin → Sales desk in a real Chromium: an admin adds a commercial plan, gives a gloss a new blank (seen in
// the preview and, once saved, in GET /sales-settings), has a broken placeholder and an address example
// that breaks its own format refused with the hub's words next to the part, gives a CI checklist item
// its Spanish label, tries an address and reads its normalised form, and sets the sales webhook (the
// signing secret is shown once: a reload shows only the URL). The section in Arabic reads right to
// left; a supervisor has no such section.
// Screenshots: /tmp/admin-sales-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const api = () => client(t.url, account.adminToken);
const settings = async (): Promise<any> => (await api().get('/sales-settings')).body.data;
const part = (name: string) => page.locator(`form[aria-label="${name}"]`);
const shot = (name: string) => page.screenshot({ path: `/tmp/admin-sales-${name}.png`, fullPage: true });

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    errors: pageErrors,
  });
  await logInConsole(page, t.url, account.admin.email);
  await page.goto(`${t.url}/admin/sales`);
  await page.getByRole('heading', { name: 'Sales desk', level: 1 }).waitFor();
});

shotOnFailure('console-admin-sales', () => page);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

describe('Admin → Sales desk in Chromium', () => {
  it('is a section of the admin area, and adds a commercial plan', async () => {
    expect(await page.locator('nav.side-nav a.active').innerText()).toBe('Sales desk');
    const plans = part('Commercial plans');
    await plans.getByText('No plans: the plan is typed freely.').waitFor();
    await plans.getByRole('button', { name: 'Add a plan' }).click();
    await plans.getByLabel('Plan name').fill('Fibra Hogar 100');
    await plans.getByLabel('Description (optional)').fill('100 Mbps, TV incluida');
    await plans.getByRole('button', { name: 'Save', exact: true }).click();
    await plans.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).plans).toEqual([
      { name: 'Fibra Hogar 100', description: '100 Mbps, TV incluida' },
    ]);
  });

  it('edits a gloss: a new blank is listed and previewed; a broken one is refused; the saved one is served', async () => {
    const glosses = part('Observation glosses (Annex 2)');
    expect(await glosses.getByLabel('Product', { exact: true }).inputValue()).toBe('INTERNET ADSL');
    const text = glosses.getByLabel('Gloss text', { exact: true }).first();
    const before = await text.inputValue();
    await text.fill(`${before} {monto}`);
    await glosses.getByText('A brace outside a {{name}} blank').waitFor();
    await glosses.getByRole('button', { name: 'Save', exact: true }).click();
    await glosses
      .getByRole('alert')
      .filter({ hasText: '“internet-adsl.separate_invoice”.text: a blank is written {{name}}' })
      .waitFor();
    expect((await settings()).glosses[0].text).toBe(before);

    await text.fill(`${before}, CODIGO DE PROMOCION {{promoCode}}`);
    const gloss = glosses.locator('fieldset.desk-gloss').first();
    await gloss.locator('.desk-blanks code', { hasText: '{{promoCode}}' }).waitFor();
    await gloss.locator('.desk-preview mark', { hasText: 'promoCode' }).waitFor();
    expect(await gloss.locator('.desk-preview').innerText()).toContain('CODIGO DE PROMOCION promoCode');
    await shot('1-gloss');
    await glosses.getByRole('button', { name: 'Save', exact: true }).click();
    await glosses.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await settings()).glosses[0];
    expect(saved.text).toBe(`${before}, CODIGO DE PROMOCION {{promoCode}}`);
    expect(saved.fields).toContain('promoCode');
  });

  it('refuses an address format whose own example breaks it, naming the example', async () => {
    const address = part('Installation address format (Annex 1)');
    const examples = address.getByLabel('Examples (one per line)');
    const before = await examples.inputValue();
    await examples.fill(`${before}\nLA PAZ 2050 ESQUINA LANZA`);
    await address.getByRole('button', { name: 'Save', exact: true }).click();
    await address
      .getByRole('alert')
      .filter({ hasText: 'the example "LA PAZ 2050 ESQUINA LANZA" breaks this format' })
      .waitFor();
    await address.scrollIntoViewIfNeeded();
    await shot('2-address-refused');
    expect((await settings()).addressFormat.examples).not.toContain('LA PAZ 2050 ESQUINA LANZA');
    // The defaults come back whole.
    await address.getByRole('button', { name: "Restore the procedure's defaults" }).click();
    await address.getByRole('status').filter({ hasText: "The procedure's defaults are back." }).waitFor();
    expect(await examples.inputValue()).toBe(before);
  });

  it('gives a checklist item its Spanish and Arabic labels, as reviewers in those languages read it', async () => {
    const ci = part('National ID (CI) checklist');
    const es = ci.getByLabel('Label in Spanish').first();
    expect(await es.inputValue()).toBe('Foto del anverso del C.I. recibida');
    expect(await ci.getByLabel('Label in Arabic').first().inputValue()).toBe('وصلت صورة وجه بطاقة الهوية');
    await es.fill('Anverso del carnet recibido');
    await ci.getByRole('button', { name: 'Save', exact: true }).click();
    await ci.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await settings()).ciChecklist[0]).toMatchObject({
      key: 'ci_front',
      label: 'Photo of the front of the CI received',
      labels: { es: 'Anverso del carnet recibido', ar: 'وصلت صورة وجه بطاقة الهوية' },
    });
  });

  it('tries an address: its normalised form, or the problem with an example', async () => {
    const box = part('Try an address');
    await box.getByRole('textbox').fill('la paz - 2030 esquina lanza');
    await box.getByRole('button', { name: 'Check' }).click();
    await box.getByRole('status').filter({ hasText: 'The address follows the format.' }).waitFor();
    expect(await box.locator('[role=status] code').first().innerText()).toBe('LA PAZ - 2030 ESQUINA LANZA');
    await box.getByRole('textbox').fill('la paz 2030 esquina lanza');
    await box.getByRole('button', { name: 'Check' }).click();
    await box.getByRole('status').filter({ hasText: '" - "' }).waitFor();
    await box.getByRole('status').filter({ hasText: 'For example:' }).waitFor();
    await box.scrollIntoViewIfNeeded();
    await shot('3-try');
  });

  it('sets the sales webhook: the signing secret is shown once, a reload shows only the URL', async () => {
    const hook = part('Sales webhook');
    await hook.getByText('X-Hub-Signature-256: sha256=').waitFor();
    await hook.getByLabel('URL').fill('https://crm.example.test/hooks/ventas');
    await hook.getByRole('button', { name: 'Save', exact: true }).click();
    await hook.getByText('Copy it now: it will not be shown again.').waitFor();
    expect((await hook.locator('#desk-secret').inputValue()).length).toBeGreaterThan(20);
    await hook.scrollIntoViewIfNeeded();
    await shot('4-webhook-secret');
    expect((await api().get('/sales-webhook')).body.data).toEqual({
      url: 'https://crm.example.test/hooks/ventas',
    });

    await page.reload();
    const again = part('Sales webhook');
    await again.getByRole('button', { name: 'Remove' }).waitFor();
    expect(await again.getByLabel('URL').inputValue()).toBe('https://crm.example.test/hooks/ventas');
    expect(await again.locator('#desk-secret').count()).toBe(0);
    expect(await again.getByText('it will not be shown again').count()).toBe(0);
    // What was saved before the reload is what the page shows after it.
    expect(await part('Commercial plans').getByLabel('Plan name').inputValue()).toBe('Fibra Hogar 100');
  });

  it('reads right to left in Arabic', async () => {
    await page.evaluate((id) => localStorage.setItem(`hub.lang.${id}`, 'ar'), account.admin.id);
    await page.reload();
    await page.getByRole('heading', { name: 'مكتب المبيعات', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await part('الخطط التجارية').waitFor();
    await shot('5-arabic');
    await page.evaluate((id) => localStorage.setItem(`hub.lang.${id}`, 'en'), account.admin.id);
  });

  it('is not a supervisor’s section', async () => {
    const { user } = await account.user('supervisor', 'Sue');
    const sup = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    await logInConsole(sup, t.url, user.email);
    await sup.goto(`${t.url}/admin/teams`);
    await sup.locator('nav.side-nav a.active').waitFor();
    expect(await sup.locator('nav.side-nav a').allInnerTexts()).not.toContain('Sales desk');
    await sup.goto(`${t.url}/admin/sales`);
    await sup.getByRole('alert').filter({ hasText: 'This section is for administrators.' }).waitFor();
    await sup.screenshot({ path: '/tmp/admin-sales-6-supervisor.png' });
    await sup.context().close();
  });
});
