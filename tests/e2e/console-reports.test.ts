// The Reports pages in a real Chromium: a supervisor opens the service-level report, sees the chart drawn
// and the counts of the seeded conversations in the table, drills from a number to the conversations
// behind it, exports the table as CSV (the same rows as on screen) and Excel, reads it in Spanish and in
// Arabic (right to left), and prints the monthly report on one A4 page; finance lands on the reports, an
// agent sees only their own figures, and the visitor's rating shows on the conversation.
// Screenshots: tests/.tmp/e2e/console-reports-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversations as conversationsTable } from '#server/db/schema.ts';
import { storeRating } from '#server/protocol/store-rating.ts';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const people: Record<'supervisor' | 'finance' | 'rosa' | 'beto', { id: string; email: string }> = {} as never;
/** Rosa's two conversations, Beto's one, and one nobody answered. */
const ids = { rosa: [] as string[], beto: '', unanswered: '' };
const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
const reportPath = `/reports/service-level?from=${weekAgo}&to=${today}`;

const newPage = (locale = 'en-US') =>
  consolePage(browser, { viewport: { width: 1280, height: 900 }, locale, errors: pageErrors });
/** A screenshot of the report from its top (a drill-down may have left it scrolled). */
const shot = async (p: Page, name: string) => {
  await p.evaluate(() => document.querySelector('main.report')?.scrollTo(0, 0));
  await p.screenshot({ path: join(shots, `console-reports-${name}.png`) });
};

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  for (const [key, role, name] of [
    ['supervisor', 'supervisor', 'Sara Vargas'],
    ['finance', 'finance', 'Fernando Cuentas'],
    ['rosa', 'agent', 'Rosa Quispe'],
    ['beto', 'agent', 'Beto Rojas'],
  ] as const) {
    const u = await account.user(role, name);
    people[key] = { id: String(u.user.id), email: u.user.email };
  }
  const inbox = await account.apiInbox();
  const seeded: string[] = [];
  for (const [i, name] of ['Ana Pérez', 'Carla Mamani', 'Diego Flores', 'Elena Choque'].entries()) {
    const r = await incoming(t.url, inbox, {
      externalId: `m-${i}`,
      contact: { externalId: `c-${i}`, name },
      text: `Hola, soy ${name}`,
    });
    expect(r.status).toBe(201);
    seeded.push(r.body.data.conversation.id);
  }
  ids.rosa = seeded.slice(0, 2);
  ids.beto = seeded[2];
  ids.unanswered = seeded[3];
  const login = async (email: string) =>
    (await client(t.url).post('/auth/login', { email, password: 'correct horse battery' })).body.token;
  const tokens = { rosa: await login(people.rosa.email), beto: await login(people.beto.email) };
  for (const [who, id] of [
    ['rosa', ids.rosa[0]],
    ['rosa', ids.rosa[1]],
    ['beto', ids.beto],
  ] as const) {
    const assigned = await admin.post(`/conversations/${id}/assign`, { assigneeId: people[who].id });
    expect(assigned.status).toBe(200);
    const reply = await client(t.url, tokens[who]).post(`/conversations/${id}/messages`, {
      text: 'Buenas tardes, ¿en qué le ayudo?',
    });
    expect(reply.status).toBe(201);
  }
  // The customer rates Rosa's first conversation (as "reply 1–5" on a messaging channel stores it).
  const [first] = await t.hub.ctx.db
    .select()
    .from(conversationsTable)
    .where(eq(conversationsTable.id, Number(ids.rosa[0])));
  await storeRating(t.hub.ctx.db, first, 4, 'Muy amable, gracias', 'reply');
  browser = await launchChromium();
  page = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    const name = test.task.name.slice(0, 30).replace(/\W+/g, '-');
    await page?.screenshot({ path: join(shots, `console-reports-failed-${name}.png`) });
  }
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const table = (p: Page, key: string) => p.locator(`section.report-table[data-table="${key}"]`);
const cell = (p: Page, tableKey: string, row: string, col: string) =>
  table(p, tableKey).locator(`tr[data-row="${row}"] td[data-col="${col}"]`);
const drilled = (p: Page) =>
  p.locator('.report-drill li[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
/** Whether the chart's canvas has anything painted on it. */
const painted = (p: Page, tableKey: string) =>
  table(p, tableKey)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });

describe('reports in Chromium', () => {
  it('shows a supervisor the service level as a chart and a table of the seeded conversations', async () => {
    await logInConsole(page, t.url, people.supervisor.email);
    await page.locator('header.top nav a', { hasText: 'Reports' }).click();
    await page.waitForURL(/\/reports\/service-level\?from=/);
    await page.goto(`${t.url}${reportPath}`);
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    await table(page, 'byHour').locator('.report-chart[data-chart="bar"]').waitFor();
    expect(await painted(page, 'byDay')).toBeGreaterThan(1000);
    expect(await table(page, 'byDay').locator('tbody tr').count()).toBe(7);
    expect(await cell(page, 'byDay', today, 'registered').textContent()).toBe('4');
    expect(await table(page, 'byDay').locator('tfoot td[data-col="registered"]').textContent()).toBe('4');
    expect(await cell(page, 'byChannel', 'api', 'answered').textContent()).toBe('3');
    expect(await cell(page, 'byChannel', 'api', 'notAnswered').textContent()).toBe('1');
    // How it is counted, from the hub, under the title.
    expect(await page.locator('.report-counting li').count()).toBeGreaterThan(0);
    await shot(page, '1-service-level');
  });

  it('drills from a number to the conversations behind it, and opens one', async () => {
    await cell(page, 'byChannel', 'api', 'notAnswered').locator('button.drill').click();
    await page.locator('.report-drill[data-metric="not_answered"] li[data-id]').first().waitFor();
    expect(await drilled(page)).toEqual([ids.unanswered]);
    await table(page, 'byDay').locator('tfoot td[data-col="registered"] button.drill').click();
    await page.locator('.report-drill[data-metric="registered"]').waitFor();
    await page.locator('.report-drill li[data-id]').nth(3).waitFor();
    expect((await drilled(page)).sort()).toEqual([...ids.rosa, ids.beto, ids.unanswered].sort());
    await shot(page, '2-drill');
    await page.locator(`.report-drill li[data-id="${ids.beto}"] a`).click();
    await page.waitForURL(`**/conversations/${ids.beto}`);
    await page.locator('section.conversation').waitFor();
    await page.goBack();
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    expect(page.url()).toBe(`${t.url}${reportPath}`);
  });

  it('exports the table as CSV with the rows on screen, and as Excel', async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      table(page, 'byDay').locator('.report-export button', { hasText: 'CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`service-level-byDay-${weekAgo}_${today}.csv`);
    const lines = readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const [header, ...rows] = lines.map((l) => l.split(','));
    const headings = await table(page, 'byDay').locator('thead th').allTextContents();
    expect(header).toEqual(headings.map((h) => h.trim()));
    const onScreen = await table(page, 'byDay')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-row'),
          tr.querySelector('[data-col="registered"]')?.textContent,
        ]),
      );
    expect(rows.map((r) => [r[0], r[1]])).toEqual([...onScreen, ['Total', '4']]);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      table(page, 'byChannel').locator('.report-export button', { hasText: 'Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`service-level-byChannel-${weekAgo}_${today}.xlsx`);
    const sheet = await readSheet(readFileSync(await xlsx.path()));
    expect(sheet[0].slice(0, 4)).toEqual(['Channel', 'Target', 'Contacts', 'Answered']);
    expect(sheet[1].slice(2, 4)).toEqual([4, 3]);
  });

  it('reads in Spanish, and right to left in Arabic', async () => {
    await page.locator('header.top select[aria-label="Language"]').selectOption('es');
    await page.locator('.report-head h1', { hasText: 'Nivel de servicio' }).waitFor();
    await table(page, 'byDay').locator('h2', { hasText: 'Por día' }).waitFor();
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    expect(await table(page, 'byDay').locator('thead th').first().textContent()).toBe('Día');
    // How it is counted, in the console's own Spanish for each note the hub sends.
    const counted = (key: string) => page.locator(`.report-counting li[data-note="${key}"]`);
    expect(await counted('registered').textContent()).toMatch(
      /^Un contacto es una conversación que el cliente/,
    );
    await shot(page, '3-es');
    // A note that mentions the account's QP-14 threshold says it in Spanish, with the hub's number.
    await page.locator('.reports > nav a[href^="/reports/abandoned?"]').click();
    await page.locator('main.report[data-report="abandoned"][aria-busy="false"]').waitFor();
    expect(await counted('unansweredThreshold').textContent()).toBe(
      'Sin respuesta (QP-14): un contacto que esperó su primera respuesta más tiempo que el umbral que define la gerencia. El umbral es de 60 s (ajustes de enrutamiento).',
    );
    await page.locator('.reports > nav a[href^="/reports/service-level?"]').click();
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    await page.locator('header.top select[aria-label="Idioma"]').selectOption('ar');
    await page.locator('.report-head h1', { hasText: 'مستوى الخدمة' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    expect(await painted(page, 'byDay')).toBeGreaterThan(1000);
    // The reports list sits on the right, the table's first column too.
    const nav = await page.locator('.reports > nav').boundingBox();
    expect(nav!.x).toBeGreaterThan(600);
    // The notes in Arabic, laid out right to left.
    expect(await counted('registered').textContent()).toMatch(/^جهة الاتصال محادثةٌ بدأها العميل/);
    expect(await counted('registered').evaluate((li) => getComputedStyle(li).direction)).toBe('rtl');
    await shot(page, '4-ar');
    await cell(page, 'byChannel', 'api', 'answered').locator('button.drill').click();
    await page.locator('.report-drill li[data-id]').nth(2).waitFor();
    await shot(page, '5-ar-drill');
    await page.keyboard.press('Escape');
    await page.locator('.report-drill').waitFor({ state: 'detached' });
    await page.locator('header.top select[aria-label="اللغة"]').selectOption('en');
  });

  it('prints the monthly service-level report on one A4 page', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed++;
      };
    });
    await page.locator('button.print-month').click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1);
    const month = today.slice(0, 7);
    expect(new URL(page.url()).searchParams.get('from')).toBe(`${month}-01`);
    expect(new URL(page.url()).searchParams.get('to')?.slice(0, 7)).toBe(month);
    await page.emulateMedia({ media: 'print' });
    await page.locator('.print-header .regulator [data-col="registered"] dd', { hasText: '4' }).waitFor();
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.report-filters').isVisible()).toBe(false);
    expect(await table(page, 'byHour').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(shots, 'console-reports-6-print.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    // On screen at the width of an A4 page's printable area, as the printed page lays it out.
    await page.setViewportSize({ width: 703, height: 1032 });
    await table(page, 'byDay').locator('.report-chart[data-chart="line"]').waitFor();
    await shot(page, '6-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens every report from the list, and drills into the week’s heatmap', async () => {
    await page.goto(`${t.url}${reportPath}`);
    await page.locator('.reports > nav a').first().waitFor();
    // The reports themselves (the procedure forms' responses are a page of their own, linked after them).
    expect(await page.locator('.reports > nav a.reports-forms-link').getAttribute('href')).toBe(
      '/reports/form-responses',
    );
    const names = await page
      .locator('.reports > nav a:not(.reports-forms-link)')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')?.split('?')[0].replace('/reports/', '')));
    expect(names).toEqual([
      'service-level',
      'volume',
      'times',
      'abandoned',
      'satisfaction',
      'compliance',
      'attendance',
      'agents',
      'sales',
    ]);
    for (const name of names) {
      await page.locator(`.reports > nav a[href^="/reports/${name}?"]`).click();
      await page.locator(`main.report[data-report="${name}"][aria-busy="false"]`).waitFor();
      // Each shows its tables, or says the hub does not answer it yet; the range stays.
      const tables = await page.locator('section.report-table').count();
      const missing = await page.locator('main.report [role=alert]').count();
      expect(tables > 0 || missing > 0, name).toBe(true);
      expect(new URL(page.url()).searchParams.get('from')).toBe(weekAgo);
    }
    // The agents' table sorts by any column: the most replies first, then the fewest.
    await page.locator('.reports > nav a[href^="/reports/agents?"]').click();
    const agents = table(page, 'agents');
    await agents.locator('thead th[data-col="repliesSent"] button').click();
    await agents.locator('thead th[data-col="repliesSent"][aria-sort="descending"]').waitFor();
    const byReplies = () =>
      agents
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.querySelector('[data-col="agent"]')?.textContent,
            Number(tr.querySelector('[data-col="repliesSent"]')?.textContent),
          ]),
        );
    const most = await byReplies();
    expect(most.slice(0, 2)).toEqual([
      ['Rosa Quispe', 2],
      ['Beto Rojas', 1],
    ]);
    await agents.locator('thead th[data-col="repliesSent"] button').click();
    await agents.locator('thead th[data-col="repliesSent"][aria-sort="ascending"]').waitFor();
    expect((await byReplies()).map(([, n]) => n)).toEqual(most.map(([, n]) => n).reverse());
    await shot(page, '7-agents');

    await page.locator('.reports > nav a[href^="/reports/volume?"]').click();
    const heatmap = table(page, 'heatmap');
    await heatmap.locator('.report-chart[data-chart="matrix"]').waitFor();
    expect(await heatmap.locator('tbody tr').count()).toBe(7);
    const busiest = heatmap.locator('tbody td[data-col^="h"] button.drill').first();
    expect(await busiest.textContent()).toBe('4');
    await heatmap.screenshot({ path: join(shots, 'console-reports-7-volume-heatmap.png') });
    await busiest.click();
    await page.locator('.report-drill li[data-id]').nth(3).waitFor();
    expect((await drilled(page)).sort()).toEqual([...ids.rosa, ids.beto, ids.unanswered].sort());
    await shot(page, '7-volume');
    await page.keyboard.press('Escape');
  });

  it('opens the reports as finance’s home page', async () => {
    const finance = await newPage();
    await logInConsole(finance, t.url, people.finance.email);
    await finance.waitForURL(/\/reports\/service-level\?from=/);
    await table(finance, 'byDay').locator('tfoot td[data-col="registered"]', { hasText: '4' }).waitFor();
    expect(await finance.locator('header.top nav a.active').textContent()).toBe('Reports');
    await shot(finance, '8-finance');
    await finance.context().close();
  });

  it('shows an agent only their own figures, and the rating on their conversation', async () => {
    const rosa = await newPage();
    await logInConsole(rosa, t.url, people.rosa.email);
    await rosa.locator('header.top nav a', { hasText: 'My figures' }).click();
    await rosa.locator('main.report .badge', { hasText: 'Your own figures only' }).waitFor();
    await rosa.goto(`${t.url}${reportPath}`);
    await table(rosa, 'byDay').locator('tfoot td[data-col="registered"]', { hasText: '2' }).waitFor();
    expect(await rosa.locator('.report-filters label', { hasText: 'Agent' }).count()).toBe(0);
    await table(rosa, 'byDay').locator('tfoot td[data-col="registered"] button.drill').click();
    await rosa.locator('.report-drill li[data-id]').nth(1).waitFor();
    expect((await drilled(rosa)).sort()).toEqual([...ids.rosa].sort());
    await shot(rosa, '9-agent');
    await rosa.goto(`${t.url}/conversations/${ids.rosa[0]}`);
    const rating = rosa.locator('section.conversation .conversation-rating');
    await rating.waitFor();
    expect(await rating.locator('.stars .muted').textContent()).toBe('4 of 5');
    expect(await rating.locator('blockquote').textContent()).toBe('Muy amable, gracias');
    await shot(rosa, '10-rating');
    await rosa.context().close();
  });
});
