// The whole sale in a real Chromium, from "Next customer" to the terms mailed (DOMAIN.md §3, seed 002):
// the advisor takes the imported customer, records the checks and the accepted call, and opens the sale;
// the customer's two photos and PDF, sent from their WhatsApp (Meta's signed webhooks to the real route,
// the Graph API on loopback), appear in the CI front, CI back and letter slots of the open view without a
// reload; the CI photo opens in the viewer, which zooms and rotates; a CI review with "not expired"
// unticked sends the files back and the customer reads what is missing; new photos arrive; both parts are
// accepted; the registration refuses a wrong address with a correct example, takes one typed in lower
// case and shows it normalised, fills a gloss and registers; the Virtual Channels officer (a second
// browser context) approves it and marks it installed, and the customer's terms leave by e-mail with the
// PDF while the advisor's view follows live. In Arabic the view runs right to left without overflowing
// 1280 px. Screenshots: /tmp/sale-flow-*.png.
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import { client, eventually, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';
import { deliverCloud, importPortfolio, salesCloudInbox, salesMailInbox } from '#tests/helpers/sales.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import * as wa from '../channels/whatsapp_cloud/payloads.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

const TOKEN = 'EAAG-sale-flow-token';
const APP_SECRET = 'sale-flow-app-secret-0123';
const ana: wa.Customer = { waId: '59171234567', name: 'Ana Pérez' };

let t: TestHub;
let graph: GraphApi;
let imap: TestDovecot;
let smtp: SmtpCapture;
let browser: Browser;
let page: Page | undefined;
let officerPage: Page | undefined;
const pageErrors: string[] = [];
let inboxId = '';
let campaignId = '';
let saleId = '';
let conversationId = '';
let rosaEmail = '';
let veraEmail = '';
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/sale-flow-${name}.png`, fullPage: true });

/** A landscape PNG (a card: blue band on top, white below), so a quarter turn shows. */
function cardPng(w = 240, h = 150): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const head = Buffer.alloc(13);
  head.writeUInt32BE(w, 0);
  head.writeUInt32BE(h, 4);
  head.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const rgb = y < h / 3 ? [30, 64, 175] : x < w / 4 ? [200, 200, 200] : [250, 250, 250];
      rows.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
    }
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    sig,
    chunk('IHDR', head),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const deliver = (payload: unknown) => deliverCloud(t.url, inboxId, APP_SECRET, payload);

beforeAll(async () => {
  [t, graph, imap, smtp] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
    startDovecot(),
    startSmtpCapture(),
  ]);
  const acct = await seedAccount(t, 'Bluecom');
  inboxId = await salesCloudInbox(t.url, acct.adminToken, graph.url, {
    accessToken: TOKEN,
    appSecret: APP_SECRET,
  });
  const mailInboxId = await salesMailInbox(t.url, acct.adminToken, imap, smtp);
  const sup = await acct.user('supervisor', 'Sara Vargas');
  const supervisor = client(t.url, sup.token);
  rosaEmail = (await acct.user('agent', 'Rosa Quispe')).user.email;
  veraEmail = (await acct.user('back_office', 'Vera Mamani')).user.email;
  const campaign = await supervisor.post('/campaigns', {
    name: 'Duo Pack diciembre',
    products: ['DUO PACK'],
    documentsInboxId: inboxId,
    documentsTemplate: { name: 'pedido_documentos', language: 'es' },
    fallbackInboxId: mailInboxId,
  });
  expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  campaignId = campaign.body.data.id;
  await importPortfolio(
    t.url,
    sup.token,
    campaignId,
    'Nombre;CI;Celular;Correo\nAna Pérez;4123456;71234567;ana.perez@cliente.example\n',
  );
  browser = await launchChromium();
}, 90_000);
shotOnFailure('console-sale-flow', () => officerPage ?? page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
  await Promise.all([graph?.close(), imap?.stop(), smtp?.close()]);
});

const slot = (p: Page, name: string) => p.locator(`.sale-slot[data-slot=${name}]`);
const badge = (p: Page) => p.locator('.sale-head [data-col=status]');

describe('a sale from the next customer to the terms mailed', () => {
  it('the advisor takes the next customer, records the checks and the accepted call, and opens the sale', async () => {
    page = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, rosaEmail);
    await p.locator('header.top nav a[href="/sales"]').click();
    await p.locator('.sales-campaigns a', { hasText: 'Duo Pack diciembre' }).click();
    await p.getByRole('button', { name: 'Next customer' }).click();
    const card = p.locator('.sales-customer');
    await expect.poll(() => card.locator('h2').textContent()).toBe('Ana Pérez');
    await p.getByRole('radio', { name: 'Fibre' }).check();
    await p.getByRole('button', { name: 'Record checks' }).click();
    await p.getByRole('radio', { name: 'Accepted' }).check();
    await p.locator('select[name=product]').selectOption('DUO PACK');
    const sent = graph.messagesSent().length;
    await p.getByRole('button', { name: 'Record outcome' }).click();
    const result = p.locator('.sales-result');
    await expect.poll(() => result.getAttribute('data-result')).toBe('sale');
    saleId = /#(\d+)/.exec((await result.textContent()) ?? '')?.[1] ?? '';
    expect(saleId).toMatch(/^\d+$/);
    expect(await p.locator('.sales-documents-asked').textContent()).toBe(
      'The customer was asked for the CI photo and the signed letter.',
    );
    await shot(p, 'accepted');
    // Acceptance asked for the documents with the approved template, on the customer's WhatsApp.
    const asked = await eventually(async () =>
      graph
        .messagesSent()
        .slice(sent)
        .find((m) => m.to === ana.waId && m.type === 'template'),
    );
    expect(asked.template.name).toBe('pedido_documentos');
    await result.locator('a.sales-open-sale').click();
    await p.waitForURL(new RegExp(`/sales/s/${saleId}$`));
  });

  it('shows the photos and the PDF in their slots as they arrive, without a reload', async () => {
    const p = page!;
    await expect.poll(() => p.locator('.sale-head h1 bdi').textContent()).toBe('Ana Pérez');
    expect(await badge(p).textContent()).toBe('Awaiting documents');
    conversationId = ((await p.locator('a.sale-conversation').getAttribute('href')) ?? '').replace(
      '/conversations/',
      '',
    );
    expect(conversationId).toMatch(/^\d+$/);
    expect(await slot(p, 'ci_front').textContent()).toContain('Nothing received yet.');
    await p.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });

    graph.addMedia('9200000000000001', cardPng(), 'image/png');
    graph.addMedia('9200000000000002', cardPng(200, 130), 'image/png');
    graph.addMedia('9200000000000003', wa.files.pdf, 'application/pdf');
    await deliver(wa.image(ana, '9200000000000001', 'anverso').payload);
    await deliver(wa.image(ana, '9200000000000002', 'reverso').payload);
    await deliver(wa.document(ana, '9200000000000003', 'carta.pdf', 'mi carta').payload);
    for (const name of ['ci_front', 'ci_back', 'letter'])
      await expect.poll(() => slot(p, name).getAttribute('data-status')).toBe('received');
    // The thumbnails are loaded with the token, as blobs.
    await expect
      .poll(() => slot(p, 'ci_front').locator('.sale-thumb img').getAttribute('src'))
      .toMatch(/^blob:/);
    expect(await slot(p, 'letter').locator('.sale-pdf').textContent()).toContain('carta.pdf');
    expect(await slot(p, 'ci_back').locator('.sales-badge').textContent()).toBe('To review');
    expect(await p.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await shot(p, 'slots');
  });

  it('opens the CI front in the viewer, which zooms and rotates', async () => {
    const p = page!;
    await slot(p, 'ci_front').locator('.sale-thumb').click();
    const viewer = p.locator('dialog.viewer');
    await viewer.waitFor();
    const img = viewer.locator('.stage img');
    await img.waitFor();
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => img.getAttribute('data-zoom')).toBe('1.5');
    await viewer.getByRole('button', { name: 'Rotate' }).click();
    await expect.poll(() => img.getAttribute('data-turn')).toBe('90');
    // Turned a quarter, the wide card stands taller than it is wide.
    const box = await img.evaluate((e) => e.getBoundingClientRect().toJSON());
    expect(box.height).toBeGreaterThan(box.width);
    await shot(p, 'viewer');
    await p.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });

  it('a CI review with "not expired" unticked sends it back, and the customer reads what is missing', async () => {
    const p = page!;
    const ci = p.locator('form.sale-review[data-part=ci]');
    for (const key of ['ci_front', 'ci_back', 'ci_legible', 'ci_name_matches', 'ci_number_matches'])
      await ci.locator(`input[name=${key}]`).check();
    expect(await ci.locator('.sale-will-tell').textContent()).toContain('Un C.I. vigente (no vencido)');
    const before = graph.messagesSent().length;
    await ci.getByRole('button', { name: 'Send back to the customer' }).click();
    await expect.poll(() => slot(p, 'ci_front').getAttribute('data-status')).toBe('rejected');
    expect(await slot(p, 'ci_back').getAttribute('data-status')).toBe('rejected');
    expect(await slot(p, 'letter').getAttribute('data-status')).toBe('received');
    const told = await eventually(async () =>
      graph
        .messagesSent()
        .slice(before)
        .find((m) => m.to === ana.waId && m.type === 'text'),
    );
    expect(told.text.body).toContain('Un C.I. vigente (no vencido)');
    await expect
      .poll(() => ci.locator('.sale-review-result').textContent())
      .toContain('Missing: Un C.I. vigente');
    await shot(p, 'rejected');

    graph.addMedia('9200000000000004', cardPng(), 'image/png');
    graph.addMedia('9200000000000005', cardPng(200, 130), 'image/png');
    await deliver(wa.image(ana, '9200000000000004').payload);
    await deliver(wa.image(ana, '9200000000000005').payload);
    await expect.poll(() => slot(p, 'ci_front').getAttribute('data-status')).toBe('received');
    await expect.poll(() => slot(p, 'ci_back').getAttribute('data-status')).toBe('received');
    // The rejected photo is kept under the new one.
    expect(await slot(p, 'ci_front').locator('.sale-older .sale-file').getAttribute('data-status')).toBe(
      'rejected',
    );
  });

  it('both parts accepted: the documents are complete', async () => {
    const p = page!;
    const ci = p.locator('form.sale-review[data-part=ci]');
    for (const box of await ci.locator('input[type=checkbox]').all()) await box.check();
    await ci.locator('input[name=expiresOn]').fill('2031-05-20');
    await ci.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => slot(p, 'ci_front').getAttribute('data-status')).toBe('accepted');
    const letter = p.locator('form.sale-review[data-part=letter]');
    for (const box of await letter.locator('input[type=checkbox]').all()) await box.check();
    await letter.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => badge(p).textContent()).toBe('Documents complete');
    expect(await slot(p, 'letter').getAttribute('data-status')).toBe('accepted');
    expect(await letter.locator('.sale-review-result').textContent()).toBe('Accepted.');
  });

  it('registers: every missing field named, the address checked as typed, a gloss filled', async () => {
    const p = page!;
    const form = p.locator('form.sale-registration');
    await form.getByRole('button', { name: 'Register' }).click();
    const told = form.locator('.sale-told');
    await expect.poll(() => told.textContent()).toContain('Still to fill: Request type, Billing address');
    expect(await told.textContent()).toContain('CRM order number');

    const address = form.locator('input[name=installationAddress]');
    await address.fill('la paz 2020 entre lanza y antezana');
    await expect.poll(() => form.locator('.sale-address').getAttribute('data-check')).toBe('wrong');
    expect(await form.locator('.sale-address-wrong').textContent()).toContain('" - "');
    expect(await form.locator('.sale-example').textContent()).toBe('LA PAZ - 2020 ENTRE LANZA Y ANTEZANA');
    await shot(p, 'address-wrong');
    await address.fill('la paz - 2020 entre lanza y antezana');
    await expect
      .poll(() => form.locator('.sale-normalized').textContent())
      .toBe('LA PAZ - 2020 ENTRE LANZA Y ANTEZANA');

    await form.locator('select[name=requestType]').selectOption('member');
    await form.locator('input[name=billingAddress]').fill('LA PAZ - 2030 ESQUINA LANZA');
    await form.locator('input[name=billingCycle]').fill('15');
    await form.locator('input[name=category]').fill('RESIDENCIAL');
    await form.locator('input[name=subcategory]').fill('DUO');
    await form.locator('input[name=plan]').fill('DUO 50 MB');
    await form.getByRole('radio', { name: 'Fibre' }).check();
    await form.getByRole('checkbox', { name: 'ONT' }).check();
    await form.getByRole('checkbox', { name: 'Decoder' }).check();
    await form.locator('select[name=gloss]').selectOption('duo-pack.separate_invoice');
    await form.locator('input[name="gloss.houseDescription"]').fill('casa de 2 pisos puerta verde');
    await form.locator('input[name="gloss.reference"]').fill('4401234');
    await form.locator('input[name="gloss.askFor"]').fill('Ana Pérez');
    await form.locator('input[name="gloss.monthlyFee"]').fill('249');
    expect(await form.locator('.sale-gloss-preview p').textContent()).toContain(
      'CASA DE 2 PISOS PUERTA VERDE REFERENCIA 4401234. PASAR EN PREGUNTAR POR ANA PÉREZ',
    );
    await form.locator('input[name=crmOrder]').fill('SF-2026-000777');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => told.textContent()).toBe('Draft saved.');
    await shot(p, 'registration');
    await form.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => badge(p).textContent()).toBe('Registered');
    expect(await form.locator('input[name=crmOrder]').isDisabled()).toBe(true);
    expect(await form.locator('input[name=installationAddress]').inputValue()).toBe(
      'LA PAZ - 2020 ENTRE LANZA Y ANTEZANA',
    );
    expect(await p.locator('main.sales-page').textContent()).not.toMatch(
      /ci_front|ci_back|documents_complete|awaiting_documents|separate_invoice/,
    );
    await shot(p, 'registered');
  });

  it('the officer approves it and marks it installed: the terms leave by e-mail, and the advisor sees it live', async () => {
    officerPage = await consolePage(browser, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
    const o = officerPage;
    await logInConsole(o, t.url, veraEmail);
    await o.locator('header.top nav a[href="/sales"]').click();
    const row = o.locator(`table.handover-table tr[data-sale="${saleId}"]`);
    await row.waitFor();
    expect(await row.locator('.handover-due').getAttribute('data-level')).toBe('ok');
    await row.locator('[data-col=customer] a').click();
    await o.waitForURL(new RegExp(`/sales/s/${saleId}$`));
    const view = o.locator('article.handover-view');
    await expect
      .poll(() => view.locator('[data-field=installationAddress] dd').textContent())
      .toBe('LA PAZ - 2020 ENTRE LANZA Y ANTEZANA');
    expect(await view.locator('[data-field=crmOrder] dd').textContent()).toBe('SF-2026-000777');
    await view.getByRole('button', { name: 'Approve' }).click();
    await view.locator('textarea[name=note]').fill('Carpeta completa');
    await view.locator('form.handover-form').getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => view.locator('.sale-head [data-col=status]').textContent()).toBe('Approved');
    await view.getByRole('button', { name: 'Mark installed' }).click();
    await view.getByRole('button', { name: 'Yes, installed' }).click();
    await expect
      .poll(() => view.locator('.handover-terms').textContent())
      .toMatch(/^Terms e-mailed on .+\.$/);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('ana.perez@cliente.example'));
    const pdf = mail.parsed.attachments.find((x) => x.contentType === 'application/pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    // Every step, the advisor's and the officer's, in the sale's history with who did it.
    const timeline = await view.locator('.handover-timeline').textContent();
    expect(timeline).toMatch(/Approved \(in time\).*Vera Mamani.*Carpeta completa/);
    expect(timeline).toContain('Rosa Quispe');
    // The supervisor who imported the portfolio, by name: nobody reads "user #2".
    expect(timeline).toMatch(/Imported from the portfolio — \u2068Sara Vargas\u2069/);
    expect(timeline).not.toMatch(/user #\d/);
    expect(timeline).not.toContain('Other change');
    await shot(o, 'installed');
    // The advisor's open view followed without a reload.
    await expect.poll(() => badge(page!).textContent()).toBe('Installed');
    await shot(page!, 'advisor-installed');
  });

  it('reads right to left in Arabic, without overflowing 1280 px', async () => {
    const p = page!;
    await p.locator('select[aria-label="Language"]').selectOption('ar');
    await expect.poll(() => p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => badge(p).textContent()).toBe('مُركّبة');
    expect(await slot(p, 'letter').locator('h3').textContent()).toBe('الرسالة');
    const overflow = await p.evaluate(() => {
      const main = document.querySelector('main.sales-page') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        main: main.scrollWidth - main.clientWidth,
      };
    });
    expect(overflow).toEqual({ page: 0, main: 0 });
    await shot(p, 'ar');
  });
});
