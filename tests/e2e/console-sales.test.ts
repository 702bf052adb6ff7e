// The Sales page in a real Chromium: a supervisor creates a campaign (the hub's refusals shown beside the
// name and the dates), imports a 300-row portfolio with three bad lines through the file input and
// watches the progress bar reach 100 %, then reads the columns the hub understood and the refused lines
// with their reasons; an advisor takes one customer at a time — a failed check skips, one declines, one
// accepts and a sale opens — and finds it in the sales list with a translated status; a callback the
// customer asked for comes due and the header's alerts name them; in Arabic the page
// runs right to left without overflowing a 1280 px screen.
// Screenshots: /tmp/sales-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page | undefined;
const pageErrors: string[] = [];
const people = { supervisor: '', agent: '' };
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/sales-${name}.png`, fullPage: true });

// Spreadsheet line numbers (the header is line 1): three lines the hub must refuse.
const ROWS = 300;
const badLines = { 10: 'missing_name', 100: 'bad_phone', 200: 'no_identifier' } as const;
function portfolioCsv(): string {
  const lines = ['Nombre;CI;Celular;Nro servicio;Dirección;Zona'];
  for (let i = 0; i < ROWS; i++) {
    const row = [
      `Cliente ${i}`,
      String(5_000_000 + i),
      `7${String(2_000_000 + i).padStart(7, '0')}`,
      String(4_500_000 + i),
      `LA PAZ - ${1000 + i} ENTRE LANZA Y ANTEZANA`,
      `Zona ${i % 5}`,
    ];
    const line = i + 2;
    if (line === 10) row[0] = '';
    if (line === 100) row[2] = '12';
    if (line === 200) [row[1], row[2], row[3]] = ['', '', ''];
    lines.push(row.join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Bluecom');
  people.supervisor = (await account.user('supervisor', 'Sara Vargas')).user.email;
  const agent = await account.user('agent', 'Rosa Quispe');
  people.agent = agent.user.email;
  // A campaign already called "Portabilidad": the form must say the name is taken.
  const taken = await client(t.url, account.adminToken).post('/campaigns', { name: 'Portabilidad' });
  expect(taken.status).toBe(201);
  browser = await launchChromium();
});
shotOnFailure('console-sales', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const openSales = async (p: Page) => {
  await p.locator('header.top nav a[href="/sales"]').click();
  await p.locator('main.sales-page').waitFor();
};

describe('the sales desk', () => {
  it('a supervisor creates a campaign, with the hub refusals beside their fields', async () => {
    page = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    await logInConsole(page, t.url, people.supervisor);
    await openSales(page);
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.locator('form.sales-campaign-form');
    await form.locator('input[name=name]').fill('portabilidad');
    const products = form.getByRole('textbox', { name: 'Products' });
    await products.fill('INTERNET FTTH-GPON');
    await products.press('Enter');
    await products.fill('DUO PACK');
    await products.press('Enter');
    await form.locator('input[name=startsOn]').fill('2026-12-31');
    await form.locator('input[name=endsOn]').fill('2026-12-01');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    // The dates are refused first (400), beside the end date.
    await expect.poll(() => form.locator('[data-error-for=endsOn]').textContent()).toMatch(/ends before/);
    await form.locator('input[name=startsOn]').fill('2026-12-01');
    await form.locator('input[name=endsOn]').fill('2026-12-31');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    // Then the name (409), beside the name.
    await expect.poll(() => form.locator('[data-error-for=name]').textContent()).toMatch(/already called/);
    await form.locator('input[name=name]').fill('Internet para fijos');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL(/\/sales\/\d+$/);
    await expect
      .poll(() => page!.locator('.sales-campaign-head h1').textContent())
      .toContain('Internet para fijos');
    expect(await page.locator('.sales-products li').allTextContents()).toEqual([
      'INTERNET FTTH-GPON',
      'DUO PACK',
    ]);
    expect(await page.locator('.sales-campaigns li').count()).toBe(2);
  });

  it('imports a 300-row file: the bar reaches 100 %, the columns read and the three refused lines show', async () => {
    const p = page!;
    await p.locator('[role=tab][data-tab=imports]').click();
    await p.locator('input[type=file]').setInputFiles({
      name: 'cartera.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(portfolioCsv()),
    });
    await p.getByRole('button', { name: 'Import', exact: true }).click();
    const bar = p.getByRole('progressbar');
    await bar.waitFor();
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await expect.poll(() => p.locator('.sales-progress').getAttribute('data-status')).toBe('done');
    expect(await p.locator('.sales-pct').textContent()).toContain('297 of 297 stored');
    const columns = await p.locator('.sales-columns li').allTextContents();
    expect(columns).toContain('column C “Celular” → phone');
    expect(columns).toContain('column A “Nombre” → name');
    expect(columns).toContain('column F “Zona” → extra detail');
    const refused = p.locator('table.sales-refused tbody tr');
    await expect.poll(() => refused.count()).toBe(3);
    const rows = await refused.evaluateAll((trs) =>
      trs.map((tr) => ({
        line: Number(tr.getAttribute('data-line')),
        code: tr.getAttribute('data-code'),
        text: (tr as HTMLElement).innerText,
      })),
    );
    expect(rows.map((r) => [r.line, r.code])).toEqual(
      Object.entries(badLines).map(([l, c]) => [Number(l), c]),
    );
    expect(rows[0].text).toContain('No name');
    expect(rows[0].text).toContain('A “Nombre”');
    expect(rows[1].text).toContain('Not a phone number');
    expect(rows[1].text).toContain('C “Celular”');
    expect(rows[2].text).toContain('No CI, phone or service number');
    // The history counts it, and the campaign's counts in the list follow.
    const history = p.locator('.sales-history tbody tr').first();
    await expect.poll(() => history.locator('td[data-col=added]').textContent()).toBe('297');
    expect(await history.locator('td[data-col=refused]').textContent()).toBe('3');
    await expect
      .poll(() => p.locator('.sales-campaigns li.active [data-status=pending] b').textContent())
      .toBe('297');
    await shot(p, 'import');
  });

  it('an advisor works customers: a failed check skips, one declines, one accepts and a sale opens', async () => {
    await page?.context().close();
    page = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, people.agent);
    await openSales(p);
    await p.locator('.sales-campaigns a', { hasText: 'Internet para fijos' }).click();
    // An agent has no campaign form and no import; the work is their first tab.
    expect(await p.getByRole('button', { name: 'New campaign' }).count()).toBe(0);
    expect(await p.locator('[role=tab][data-tab=imports]').count()).toBe(0);
    const next = p.getByRole('button', { name: 'Next customer' });
    const result = p.locator('.sales-result');

    // 1: no capacity on fibre — skipped.
    await next.click();
    const card = p.locator('.sales-customer');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Cliente 0');
    expect(await card.locator('a[href^="tel:"]').first().getAttribute('href')).toBe('tel:+59172000000');
    expect(await card.textContent()).toContain('Zona 0');
    await shot(p, 'advisor-checks');
    await p.getByRole('radio', { name: 'Fibre' }).check();
    await p.locator('input[name=capacity]').nth(1).check();
    await p.getByRole('button', { name: 'Record checks' }).click();
    await expect.poll(() => result.textContent()).toBe('Skipped: no technical capacity on Fibre');

    // 2: checks pass; the customer declines (the reason typed, Enter records it).
    await next.click();
    await expect.poll(() => card.locator('h2').textContent()).toBe('Cliente 1');
    await p.getByRole('radio', { name: 'Copper' }).check();
    await p.getByRole('button', { name: 'Record checks' }).click();
    await p.getByRole('radio', { name: 'Declined' }).check();
    await p.locator('input[name=reason]').fill('Ya tiene internet');
    await p.locator('input[name=reason]').press('Enter');
    await expect.poll(() => result.textContent()).toBe('Declined: Ya tiene internet');

    // 3: accepts DUO PACK — a sale opens.
    await next.click();
    await expect.poll(() => card.locator('h2').textContent()).toBe('Cliente 2');
    await p.getByRole('radio', { name: 'Fibre' }).check();
    await p.getByRole('button', { name: 'Record checks' }).click();
    await p.getByRole('radio', { name: 'Accepted' }).check();
    await p.locator('select[name=product]').selectOption('DUO PACK');
    await shot(p, 'advisor-outcome');
    await p.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => result.getAttribute('data-result')).toBe('sale');
    expect(await result.textContent()).toMatch(/^Sale opened: #(\d+) Open sale #\1$/);
    // This campaign names no WhatsApp or e-mail inbox: the advisor is told, in words, why nothing went out.
    const docs = p.locator('.sales-documents-asked');
    expect(await docs.getAttribute('data-sent')).toBe('false');
    expect(await docs.textContent()).toBe(
      'The documents were not asked for: the campaign has no WhatsApp or e-mail inbox for documents. Fix it, then ask again from the sale.',
    );
    await shot(p, 'advisor-sale');

    // The portfolio tab lists the advisor's own three, with translated statuses.
    await p.locator('[role=tab][data-tab=entries]').click();
    const entries = p.locator('.sales-entry-table tbody tr');
    await expect.poll(() => entries.count()).toBe(3);
    const statuses = await entries.locator('.sales-badge').allTextContents();
    expect(statuses.sort()).toEqual(['Accepted', 'Declined', 'Skipped']);
  });

  it('lists the sale with its customer and a translated status', async () => {
    const p = page!;
    await p.locator('a.sales-all').click();
    const row = p.locator('table.sales-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.locator('td[data-col=customer]').textContent()).toBe('Cliente 2');
    expect(await row.textContent()).toContain('DUO PACK');
    expect(await row.textContent()).toContain('Rosa Quispe');
    const status = await row.locator('td[data-col=status]').textContent();
    expect(status).toBe('Awaiting documents');
    expect(await p.locator('main.sales-page').textContent()).not.toMatch(
      /awaiting_documents|in_progress|no_answer/,
    );
    await shot(p, 'list');
  });

  it('a callback the customer asked for comes due: the alert names them and leads to the campaign', async () => {
    const p = page!;
    await p.locator('.sales-campaigns a', { hasText: 'Internet para fijos' }).click();
    await p.locator('[role=tab][data-tab=work]').click();
    await p.getByRole('button', { name: 'Next customer' }).click();
    const card = p.locator('.sales-customer');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Cliente 3');
    await p.getByRole('radio', { name: 'Fibre' }).check();
    await p.getByRole('button', { name: 'Record checks' }).click();
    await p.getByRole('radio', { name: 'Call back at' }).check();
    // In an hour, as the browser writes a local time.
    const inAnHour = await p.evaluate(() => {
      const d = new Date(Date.now() + 3600_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await p.locator('input[name=callbackAt]').fill(inAnHour);
    await p.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => p.locator('.sales-result').getAttribute('data-result')).toBe('callback');
    // The advisor moves on to the inbox; the hub's clock passes the hour (the queue's clock, no sleeping).
    await p.locator('header.top nav a[href="/"]').click();
    await advanceClock(t, 3600_000 + 60_000);
    await settleQueue(t);
    const badge = p.locator('.alerts > button');
    await expect.poll(() => badge.textContent()).toBe('⚠ 1');
    await badge.click();
    const line = p.locator('.alerts-list li[data-type="sale.callback_due"]');
    expect(await line.textContent()).toBe(
      'Callback due: call \u2068Cliente 3\u2069 now (Next customer brings them)',
    );
    await shot(p, 'callback-due');
    await line.locator('a').click();
    await p.waitForURL(/\/sales\/\d+$/);
    await p.locator('[role=tab][data-tab=work]').click();
    await p.getByRole('button', { name: 'Next customer' }).click();
    await expect.poll(() => card.locator('h2').textContent()).toBe('Cliente 3');
    await p.getByRole('button', { name: 'Release' }).click();
    await p.locator('a.sales-all').click();
    await p.locator('table.sales-table').waitFor();
  });

  it('reads right to left in Arabic, without overflowing 1280 px', async () => {
    const p = page!;
    await p.locator('select[aria-label="Language"]').selectOption('ar');
    await expect.poll(() => p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => p.locator('.sales-main h1').textContent()).toBe('المبيعات');
    expect(await p.locator('td[data-col=status]').textContent()).toBe('بانتظار المستندات');
    const overflow = () =>
      p.evaluate(() => {
        const main = document.querySelector('main.sales-page') as HTMLElement;
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main: main.scrollWidth - main.clientWidth,
        };
      });
    expect(await overflow()).toEqual({ page: 0, main: 0 });
    // The side list is at the right in right-to-left.
    const side = await p.locator('.sales-side').boundingBox();
    const main = await p.locator('.sales-main').boundingBox();
    expect(side!.x).toBeGreaterThan(main!.x);
    await shot(p, 'ar-list');
    await p.locator('.sales-campaigns a', { hasText: 'Internet para fijos' }).click();
    await p.locator('[role=tab][data-tab=work]').click();
    await p.locator('button.sales-next').click();
    await p.locator('.sales-customer').waitFor();
    expect(await overflow()).toEqual({ page: 0, main: 0 });
    await shot(p, 'ar-work');
  });
});
