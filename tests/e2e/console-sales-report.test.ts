// The sales indicator on the reports page in a real Chromium: a supervisor opens it, sees the funnel drawn
// as a chart, each advisor's indicator with its verdict as a badge (accepted, observed), and the same in
// Spanish. The portfolio is worked over REST; the registrations are inserted as their audit-trail rows
// (the registration flow is specified in tests/sales/registration.test.ts).
// Screenshot: tests/.tmp/e2e/console-sales-report.png (and /tmp/sales-report.png).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleEvents, sales } from '#server/db/sales-schema.ts';
import {
  client,
  eventually,
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
const pageErrors: string[] = [];
const people: Record<'ana' | 'beto', { id: string; token: string }> = {} as never;
let supervisorEmail: string;
const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
const reportPath = `/reports/sales?from=${weekAgo}&to=${today}`;

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Bluecom');
  const sup = await account.user('supervisor', 'Sara Vargas');
  supervisorEmail = sup.user.email;
  for (const [key, name] of [
    ['ana', 'Ana Quispe'],
    ['beto', 'Beto Mamani'],
  ] as const) {
    const u = await account.user('agent', name);
    people[key] = { id: String(u.user.id), token: u.token };
  }
  const api = client(t.url, sup.token);
  const campaign = (await api.post('/campaigns', { name: 'Internet para fijos' })).body.data.id as string;
  const form = new FormData();
  const rows = [0, 1, 2, 3].map(
    (i) =>
      `Cliente ${i};${6_000_000 + i};7${3_000_000 + i};${4_600_000 + i};LA PAZ - 20${i}0 ESQUINA LANZA;Centro`,
  );
  form.append(
    'file',
    new Blob([['Nombre;CI;Celular;Nro servicio;Dirección;Zona', ...rows].join('\r\n')]),
    'c.csv',
  );
  const imported = await fetch(`${t.url}/api/v1/campaigns/${campaign}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sup.token}` },
    body: form,
  });
  const importId = ((await imported.json()) as { data: { id: string } }).data.id;
  await eventually(async () => (await api.get(`/portfolio-imports/${importId}`)).body.data.status === 'done');
  const work = async (who: 'ana' | 'beto', outcome: Record<string, string>) => {
    const as = client(t.url, people[who].token);
    const entry = (await as.post(`/campaigns/${campaign}/next`)).body.data.id;
    await as.post(`/portfolio-entries/${entry}/checks`, {
      impediment: null,
      technology: 'copper',
      capacity: true,
    });
    const r = await as.post(`/portfolio-entries/${entry}/outcome`, outcome);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.sale?.id as string | undefined;
  };
  const accepted = { outcome: 'accepted', product: 'Internet ADSL' };
  const registered = [await work('ana', accepted), await work('beto', accepted)];
  await work('beto', { outcome: 'declined', reason: 'No le interesa' });
  // Registered sales, as the registration flow records them (see the header).
  const db = t.hub.ctx.db;
  for (const id of registered) {
    const [s] = await db
      .select()
      .from(sales)
      .where(eq(sales.id, Number(id)));
    await db.insert(saleEvents).values(
      ['sale.documents_complete', 'sale.registered'].map((type) => ({
        accountId: account.accountId,
        campaignId: s.campaignId,
        entryId: s.entryId,
        saleId: s.id,
        type,
        actorId: s.advisorId,
      })),
    );
  }
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 1400 },
    locale: 'en-US',
    errors: pageErrors,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

shotOnFailure('console-sales-report', () => page);

const table = (p: Page, key: string) => p.locator(`section.report-table[data-table="${key}"]`);

describe('the sales indicator in Chromium', () => {
  it('draws the funnel and shows each advisor’s verdict as a badge, in English and Spanish', async () => {
    await logInConsole(page, t.url, supervisorEmail);
    await page.goto(`${t.url}${reportPath}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sales indicator');
    await table(page, 'funnel').locator('.report-chart[data-chart="bar"] canvas').waitFor();
    const painted = await table(page, 'funnel')
      .locator('canvas')
      .evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      });
    expect(painted).toBeGreaterThan(1000);
    const funnelRow = (stage: string) =>
      table(page, 'funnel').locator(`tr[data-row="${stage}"] td`).allTextContents();
    expect(await funnelRow('entries')).toEqual(['Entries', '4']);
    expect(await funnelRow('reached')).toEqual(['Reached', '3']);
    expect(await funnelRow('registered')).toEqual(['Registered', '2']);
    const verdict = (who: 'ana' | 'beto') =>
      table(page, 'byAdvisor').locator(`tr[data-row="${people[who].id}"] td[data-col="verdict"] .badge`);
    const indicator = (who: 'ana' | 'beto') =>
      table(page, 'byAdvisor').locator(`tr[data-row="${people[who].id}"] td[data-col="indicator"]`);
    await expect.poll(() => verdict('ana').textContent()).toBe('Accepted');
    expect(await verdict('ana').getAttribute('data-verdict')).toBe('accepted');
    expect(await indicator('ana').textContent()).toBe('100.0 %');
    expect(await verdict('beto').textContent()).toBe('Observed');
    expect(await indicator('beto').textContent()).toBe('50.0 %');
    // The campaign filter is offered; the conversation filters are not.
    const firstOptions = () =>
      page
        .locator('.report-filters select')
        .evaluateAll((els) => els.map((e) => e.querySelector('option')?.textContent));
    await expect.poll(firstOptions).toEqual(['All campaigns', 'All agents']);
    expect(await page.locator('.report-filters input[name="category"]').count()).toBe(0);
    await page.evaluate(() => document.querySelector('main.report')?.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'console-sales-report.png'), fullPage: true });
    copyFileSync(join(shots, 'console-sales-report.png'), '/tmp/sales-report.png');

    await page.locator('header.top select[aria-label="Language"]').selectOption('es');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Indicador de ventas');
    await expect.poll(() => verdict('beto').textContent()).toBe('Observado');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
