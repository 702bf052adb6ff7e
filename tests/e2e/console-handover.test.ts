// The Virtual Channels officer's hand-over in a real Chromium (DOMAIN.md §3, steps 10–11): a sale brought
// to registration through the REST API (WhatsApp Cloud documents on the Graph API on loopback) shows in
// the officer's queue with its countdown; the hub's clock moved past the 24 hours (queue clock, no
// sleeping) raises the breach alert live; the officer returns the file with two reasons and the advisor's
// page (a second browser context) shows them; registered again, it is approved and marked installed — the
// view says the terms were e-mailed and the SMTP capture has the PDF; the CSV export downloads; in Arabic
// the queue and the sale read right to left without overflowing 1280 px. Screenshots: /tmp/handover-*.png.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import { client, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { deliverCloud, importPortfolio, salesCloudInbox, salesMailInbox } from '#tests/helpers/sales.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import * as wa from '../channels/whatsapp_cloud/payloads.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

const TOKEN = 'EAAG-handover-console-token';
const APP_SECRET = 'handover-console-secret-0123';
const ana: wa.Customer = { waId: '59171230001', name: 'Ana Rojas' };

let t: TestHub;
let graph: GraphApi;
let imap: TestDovecot;
let smtp: SmtpCapture;
let browser: Browser;
let officerPage: Page | undefined;
let advisorPage: Page | undefined;
const pageErrors: string[] = [];
let inboxId = '';
let saleId = '';
let rosa: ReturnType<typeof client>;
let rosaEmail = '';
let veraEmail = '';
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/handover-${name}.png`, fullPage: true });
const all = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, true]));

const deliver = (payload: unknown) => deliverCloud(t.url, inboxId, APP_SECRET, payload);

beforeAll(async () => {
  [t, graph, imap, smtp] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
    startDovecot(),
    startSmtpCapture(),
  ]);
  const acct = await seedAccount(t, 'Bluecom');
  const admin = client(t.url, acct.adminToken);
  inboxId = await salesCloudInbox(t.url, acct.adminToken, graph.url, {
    accessToken: TOKEN,
    appSecret: APP_SECRET,
  });
  const mailInboxId = await salesMailInbox(t.url, acct.adminToken, imap, smtp);
  const supervisor = client(t.url, (await acct.user('supervisor', 'Sara')).token);
  const rosaUser = await acct.user('agent', 'Rosa Quispe');
  rosa = client(t.url, rosaUser.token);
  rosaEmail = rosaUser.user.email;
  veraEmail = (await acct.user('back_office', 'Vera Mamani')).user.email;
  const campaignId = (
    await supervisor.post('/campaigns', {
      name: 'Duo Pack',
      products: ['DUO PACK'],
      documentsInboxId: inboxId,
      documentsTemplate: { name: 'pedido_documentos', language: 'es' },
      fallbackInboxId: mailInboxId,
    })
  ).body.data.id;
  await importPortfolio(
    t.url,
    acct.adminToken,
    campaignId,
    'Nombre,CI,Celular\nAna Rojas,4555666,71230001\n',
  );
  // The advisor's part (steps 1–9) through the API: the call, the documents over WhatsApp, the review.
  const entry = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
  await rosa.post(`/portfolio-entries/${entry.id}/checks`, {
    impediment: null,
    technology: 'fibre',
    capacity: true,
  });
  const sold = await rosa.post(`/portfolio-entries/${entry.id}/outcome`, {
    outcome: 'accepted',
    product: 'DUO PACK',
  });
  saleId = sold.body.sale.id;
  graph.addMedia('9300000000000001', wa.files.png, 'image/png');
  await deliver(wa.image(ana, '9300000000000001').payload);
  graph.addMedia('9300000000000002', wa.files.png, 'image/png');
  await deliver(wa.image(ana, '9300000000000002').payload);
  graph.addMedia('9300000000000003', wa.files.pdf, 'application/pdf');
  await deliver(wa.document(ana, '9300000000000003', 'carta.pdf').payload);
  await rosa.post(`/sales/${saleId}/documents/review`, {
    part: 'ci',
    answers: all([
      'ci_front',
      'ci_back',
      'ci_legible',
      'ci_not_expired',
      'ci_name_matches',
      'ci_number_matches',
    ]),
    expiresOn: '2032-01-01',
  });
  await rosa.post(`/sales/${saleId}/documents/review`, {
    part: 'letter',
    answers: all(['declaration', 'service', 'installation_address', 'reference_numbers', 'signature']),
  });
  const draft = await rosa.raw<{ data: unknown }>('PUT', `/sales/${saleId}/registration`, {
    requestType: 'user',
    billingAddress: 'LA PAZ - 2030 ESQUINA LANZA',
    billingCycle: '10',
    category: 'RESIDENCIAL',
    subcategory: 'TV + INTERNET',
    plan: 'DUO 40',
    components: { access: 'fibre', equipment: ['ONT', 'DECODIFICADOR'] },
    installationAddress: 'LA PAZ - 2030 ESQUINA LANZA',
    gloss: {
      key: 'duo-pack.separate_invoice',
      values: {
        houseDescription: 'casa de 1 piso',
        reference: '4256789',
        askFor: 'Ana Rojas',
        monthlyFee: '250',
      },
    },
    crmOrder: 'SF-2026-000901',
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  const reg = await rosa.post(`/sales/${saleId}/register`);
  expect(reg.body.data?.status, JSON.stringify(reg.body)).toBe('registered');
  const contactId = reg.body.data.contactId;
  expect((await admin.patch(`/contacts/${contactId}`, { email: 'ana.rojas@cliente.example' })).status).toBe(
    200,
  );
  browser = await launchChromium();
}, 120_000);
shotOnFailure('console-handover', () => officerPage);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
  await Promise.all([graph?.close(), imap?.stop(), smtp?.close()]);
});

const row = (p: Page) => p.locator(`table.handover-table tr[data-sale="${saleId}"]`);
const alertOf = (p: Page, kind: string) => p.locator(`.sale-alert.${kind}[data-sale="${saleId}"]`);

describe("the Virtual Channels officer's hand-over", () => {
  it('the queue shows the registered sale with the countdown to its 24-hour deadline', async () => {
    officerPage = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const p = officerPage;
    await logInConsole(p, t.url, veraEmail);
    await p.locator('header.top nav a[href="/sales"]').click();
    await row(p).waitFor();
    expect(await row(p).locator('[data-col=customer]').textContent()).toBe('Ana Rojas');
    expect(await row(p).textContent()).toContain('Rosa Quispe');
    const due = row(p).locator('.handover-due');
    expect(await due.getAttribute('data-level')).toBe('ok');
    expect(await due.textContent()).toMatch(/^2[34] h \d+ min left$/);
    await shot(p, 'queue');
  });

  it('the hub clock past the deadline: the warning, then the breach, arrive live and name the customer', async () => {
    const p = officerPage!;
    await advanceClock(t, 20 * 3600_000 + 1000);
    await settleQueue(t);
    await alertOf(p, 'handover_warning').waitFor();
    expect(await alertOf(p, 'handover_warning').textContent()).toContain('Ana Rojas');
    await advanceClock(t, 4 * 3600_000);
    await settleQueue(t);
    await alertOf(p, 'handover_breached').waitFor();
    expect(await alertOf(p, 'handover_breached').textContent()).toContain(
      'The 24-hour deadline for the sale of \u2068Ana Rojas\u2069 has passed.',
    );
    await expect.poll(() => row(p).locator('.handover-due').getAttribute('data-level')).toBe('late');
    // The breach replaces the warning: one line for the sale.
    expect(await alertOf(p, 'handover_warning').count()).toBe(0);
    await shot(p, 'breached');
  });

  it('returns the file with two reasons; the advisor reads them on the sale', async () => {
    const p = officerPage!;
    advisorPage = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const a = advisorPage;
    await logInConsole(a, t.url, rosaEmail);
    await a.goto(`${t.url}/sales/s/${saleId}`);
    await expect.poll(() => a.locator('.sale-head [data-col=status]').textContent()).toBe('Registered');

    await row(p).locator('[data-col=customer] a').click();
    await p.waitForURL(new RegExp(`/sales/s/${saleId}$`));
    const view = p.locator('article.handover-view');
    await expect
      .poll(() => view.locator('[data-field=installationAddress] dd').textContent())
      .toBe('LA PAZ - 2030 ESQUINA LANZA');
    expect(await view.locator('[data-field=crmOrder] dd').textContent()).toBe('SF-2026-000901');
    expect(await view.locator('.sale-slot').count()).toBe(3);
    expect(
      await view.locator('.handover-timeline li[data-event="sale.handover_breached"]').textContent(),
    ).toContain('the hub');
    await view.getByRole('button', { name: 'Return to advisor' }).click();
    await view.getByRole('button', { name: 'CI copy missing' }).click();
    const reasons = view.locator('textarea[name=reasons]');
    await reasons.press('End');
    await reasons.pressSequentially('Falta la firma en el comodato');
    await shot(p, 'return');
    await view.locator('form.handover-form').getByRole('button', { name: 'Return to advisor' }).click();
    await expect.poll(() => view.locator('.sale-head [data-col=status]').textContent()).toBe('Returned');

    await expect.poll(() => a.locator('.sale-head [data-col=status]').textContent()).toBe('Returned');
    expect(await a.locator('.sale-returned-reasons li').allTextContents()).toEqual([
      'CI copy missing',
      'Falta la firma en el comodato',
    ]);
    await alertOf(a, 'returned').waitFor();
    expect(await alertOf(a, 'returned').textContent()).toContain('Ana Rojas');
    await shot(a, 'advisor-returned');
    await a.locator('.sale-head a[href="/sales"]').click();
    await expect
      .poll(() => a.locator(`table.sales-table tr[data-sale="${saleId}"] [data-col=status]`).textContent())
      .toBe('Returned');
  });

  it('registered again, approved and marked installed: the terms are e-mailed with the PDF', async () => {
    const p = officerPage!;
    const view = p.locator('article.handover-view');
    expect((await rosa.post(`/sales/${saleId}/register`)).body.data.status).toBe('registered');
    const approve = view.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    await approve.click();
    await view.locator('textarea[name=note]').fill('Carpeta completa');
    await view.locator('form.handover-form').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => view.locator('.sale-head [data-col=status]').textContent()).toBe('Approved');
    expect(await view.locator('.handover-timeline li[data-event="sale.approved"]').textContent()).toMatch(
      /Approved \(in time\).*Vera Mamani.*Carpeta completa/,
    );
    // Every step of the history in words, the entry's own (import, checks, call) too.
    expect(await view.locator('.handover-timeline').textContent()).not.toContain('Other change');
    await view.getByRole('button', { name: 'Mark installed' }).click();
    await view.getByRole('button', { name: 'Yes, installed' }).click();
    await expect
      .poll(() => view.locator('.handover-terms').textContent())
      .toMatch(/^Terms e-mailed on .+\.$/);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('ana.rojas@cliente.example'));
    const pdf = mail.parsed.attachments.find((x) => x.contentType === 'application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    await shot(p, 'installed');
  });

  it('downloads the CSV export of the installed sales', async () => {
    const p = officerPage!;
    await p.locator('.sale-head a[href="/sales"]').click();
    await p.locator('[data-queue=installed]').click();
    await row(p).waitFor();
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ventas.csv');
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toContain(`${saleId},installed,Ana Rojas,DUO PACK,Rosa Quispe,SF-2026-000901`);
  });

  it('reads right to left in Arabic, without overflowing 1280 px', async () => {
    const p = officerPage!;
    await p.locator('select[aria-label="Language"]').selectOption('ar');
    await expect.poll(() => p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => p.locator('[data-queue=installed]').textContent()).toBe('مركّبة');
    const overflow = () =>
      p.evaluate(() => {
        const main = document.querySelector('main.sales-page') as HTMLElement;
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main: main.scrollWidth - main.clientWidth,
        };
      });
    expect(await overflow()).toEqual({ page: 0, main: 0 });
    await shot(p, 'ar-queue');
    await row(p).locator('[data-col=customer] a').click();
    await expect.poll(() => p.locator('.handover-terms').textContent()).toMatch(/^أُرسلت الشروط بالبريد/);
    expect(await overflow()).toEqual({ page: 0, main: 0 });
    await shot(p, 'ar-sale');
  });
});
