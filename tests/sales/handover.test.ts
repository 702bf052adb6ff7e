// A sale from acceptance to installation through the real parts: the documents requested and sent over
// WhatsApp (Cloud API webhooks, the Graph API on loopback), reviewed, the request registered; the 24-hour
// hand-over deadline warns and breaches through the queue clock (no sleeping); the Virtual Channels
// officer returns a file with reasons and approves it once registered again; marking it installed mails
// the customer the terms and conditions as a PDF (Dovecot and an SMTP capture) and closes the sale; the
// account's signed webhook hears sale.registered and sale.installed; the CRM gets a CSV.
import { createHmac } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleSocketEvent } from '#shared/sales.schema.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import { type GraphApi, startGraphApi } from '#tests/helpers/graph-api.ts';
import {
  type ApiResponse,
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { deliverCloud, importPortfolio, salesCloudInbox, salesMailInbox } from '#tests/helpers/sales.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';
import * as wa from '../channels/whatsapp_cloud/payloads.ts';

const TOKEN = 'EAAG-handover-token';
const APP_SECRET = 'handover-app-secret-0123';

let t: TestHub;
let graph: GraphApi;
let imap: TestDovecot;
let smtp: SmtpCapture;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookSecret: string;
let acct: SeededAccount;
let admin: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let rosa: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let officerToken: string;
let inboxId: string;
let campaignId: string;
let saleId: string;
const officerHears: SaleSocketEvent[] = [];
const sockets: Socket[] = [];
const ana: wa.Customer = { waId: '59171239876', name: 'Ana Rojas' };

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
}

const deliver = (payload: unknown) => deliverCloud(t.url, inboxId, APP_SECRET, payload);

const allTicked = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, true]));
const ciKeys = [
  'ci_front',
  'ci_back',
  'ci_legible',
  'ci_not_expired',
  'ci_name_matches',
  'ci_number_matches',
];
const letterKeys = ['declaration', 'service', 'installation_address', 'reference_numbers', 'signature'];
const registration = {
  requestType: 'user',
  billingAddress: 'LA PAZ - 2030 ESQUINA LANZA',
  billingCycle: '10',
  category: 'RESIDENCIAL',
  subcategory: 'TV + INTERNET',
  plan: 'DUO 40',
  components: { access: 'fibre', equipment: ['ONT', 'DECODIFICADOR'] },
  installationAddress: 'la paz - 2030 esquina lanza',
  gloss: {
    key: 'duo-pack.separate_invoice',
    values: {
      houseDescription: 'casa de 1 piso',
      reference: '4256789',
      askFor: 'Ana Rojas',
      monthlyFee: '250',
    },
  },
  crmOrder: 'SF-2026-000777',
};
const saleOf = async () => (await rosa.get(`/sales/${saleId}`)).body;
const eventTypes = async () => ((await saleOf()).events as any[]).map((e) => e.type);

beforeAll(async () => {
  [t, graph, imap, smtp, hook] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
    startDovecot(),
    startSmtpCapture(),
    startWebhookReceiver(),
  ]);
  acct = await seedAccount(t, 'Bluecom');
  admin = client(t.url, acct.adminToken);
  inboxId = await salesCloudInbox(t.url, acct.adminToken, graph.url, {
    accessToken: TOKEN,
    appSecret: APP_SECRET,
  });
  const mailInboxId = await salesMailInbox(t.url, acct.adminToken, imap, smtp);
  supervisor = client(t.url, (await acct.user('supervisor', 'Sara')).token);
  rosa = client(t.url, (await acct.user('agent', 'Rosa')).token);
  const vera = await acct.user('back_office', 'Vera');
  officerToken = vera.token;
  officer = client(t.url, vera.token);
  const socket = connect(`${t.url}/agent`, { auth: { token: officerToken }, transports: ['websocket'] });
  sockets.push(socket);
  socket.on('sale:event', (e) => officerHears.push(e));
  await new Promise<void>((resolve) => socket.once('hello', () => resolve()));

  const webhook = await admin.raw<any>('PUT', '/sales-webhook', { url: hook.url });
  expect(webhook.status, JSON.stringify(webhook.body)).toBe(200);
  hookSecret = webhook.body.data.secret;
  expect(hookSecret).toMatch(/^\S{20,}$/);
  expect((await admin.get('/sales-webhook')).body.data).toEqual({ url: hook.url });

  campaignId = (
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
    'Nombre,CI,Celular\nAna Rojas,4555666,71239876\n',
  );
}, 90_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.destroy();
  await Promise.all([graph?.close(), imap?.stop(), smtp?.close(), hook?.close()]);
});

describe('from acceptance to registration', () => {
  it('the customer sends the documents over WhatsApp, the advisor accepts them and registers the request', async () => {
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
    expect(sold.body.documents).toMatchObject({ sent: true, via: 'whatsapp_cloud' });
    for (const [id, mime] of [
      ['9200000000000001', 'image/png'],
      ['9200000000000002', 'image/png'],
    ] as const) {
      graph.addMedia(id, wa.files.png, mime);
      await deliver(wa.image(ana, id).payload);
    }
    graph.addMedia('9200000000000003', wa.files.pdf, 'application/pdf');
    await deliver(wa.document(ana, '9200000000000003', 'carta.pdf').payload);
    await rosa.post(`/sales/${saleId}/documents/review`, {
      part: 'ci',
      answers: allTicked(ciKeys),
      expiresOn: '2032-01-01',
    });
    const docs = await rosa.post(`/sales/${saleId}/documents/review`, {
      part: 'letter',
      answers: allTicked(letterKeys),
    });
    expect(docs.body.data.status).toBe('documents_complete');
    const draft = await rosa.raw<any>('PUT', `/sales/${saleId}/registration`, registration);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    // The officer has nothing to see before the hand-over.
    expect((await officer.get('/sales')).body.data).toEqual([]);
    const reg = await rosa.post(`/sales/${saleId}/register`);
    expect(reg.status, JSON.stringify(reg.body)).toBe(200);
    expect(reg.body.data.status).toBe('registered');
    const due = Date.parse(reg.body.data.handoverDueAt) - Date.parse(reg.body.data.registeredAt);
    expect(due).toBe(24 * 3600_000);
  });

  it('prints the file to hand over: the three forms, the CI both sides and the letter, in one PDF', async () => {
    const res = await fetch(`${t.url}/api/v1/sales/${saleId}/pack`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pack = await PDFDocument.load(Buffer.from(await res.arrayBuffer()));
    // Request, contract, comodato; the CI's front and back as images; the letter's one page copied.
    expect(pack.getPageCount()).toBe(3 + 2 + 1);
    expect(pack.getTitle()).toBe(`Venta ${saleId} — Ana Rojas`);
    const qa = client(t.url, (await acct.user('qa')).token);
    expectError(await qa.get(`/sales/${saleId}/pack`), 403, 'forbidden');
  });

  it('the signed webhook tells the CRM side of the registration', async () => {
    const d = await eventually(async () => hook.deliveries.find((x) => x.body?.event === 'sale.registered'));
    const expected = `sha256=${createHmac('sha256', hookSecret).update(d.raw).digest('hex')}`;
    expect(d.headers['x-hub-signature-256']).toBe(expected);
    expect(d.body.sale).toMatchObject({
      id: saleId,
      status: 'registered',
      customerName: 'Ana Rojas',
      crmOrder: 'SF-2026-000777',
    });
    expect(d.body.registration).toMatchObject({
      installationAddress: 'LA PAZ - 2030 ESQUINA LANZA',
      plan: 'DUO 40',
    });
  });
});

describe('the 24-hour hand-over', () => {
  it('the officer sees it in the queue; four hours before the deadline a warning, at the deadline the breach', async () => {
    expect((await officer.get('/sales?status=registered')).body.data.map((s: any) => s.id)).toEqual([saleId]);
    // The officer opens the documents through the sale (no conversation is theirs to see).
    const file = (await officer.get(`/sales/${saleId}`)).body.documents[0].attachment.url;
    expect(
      (await fetch(`${t.url}${file}`, { headers: { authorization: `Bearer ${officerToken}` } })).status,
    ).toBe(200);
    await advanceClock(t, 19 * 3600_000);
    await settleQueue(t);
    expect(await eventTypes()).not.toContain('sale.handover_warning');
    await advanceClock(t, 1 * 3600_000 + 1000);
    await settleQueue(t);
    expect(await eventTypes()).toContain('sale.handover_warning');
    expect(await eventTypes()).not.toContain('sale.handover_breached');
    await advanceClock(t, 4 * 3600_000);
    await settleQueue(t);
    expect((await eventTypes()).filter((e) => e.startsWith('sale.handover'))).toEqual([
      'sale.handover_warning',
      'sale.handover_breached',
    ]);
    await eventually(async () =>
      officerHears.some((e) => e.type === 'handover_breached' && e.saleId === saleId),
    );
    expect(officerHears.find((e) => e.type === 'handover_warning')).toMatchObject({
      saleId,
      status: 'registered',
    });
  });

  it('the officer returns the file with the reasons; registered again, it gets a new deadline and is approved', async () => {
    expectError(await rosa.post(`/sales/${saleId}/approve`), 403, 'forbidden');
    expectError(await officer.post(`/sales/${saleId}/return`, { reasons: [] }), 400, 'validation_failed');
    const back = await officer.post(`/sales/${saleId}/return`, {
      reasons: ['Falta la firma en el contrato de comodato'],
    });
    expect(back.body.data.status).toBe('returned');
    expectError(await officer.post(`/sales/${saleId}/approve`), 409, 'invalid_state');
    const again = await rosa.post(`/sales/${saleId}/register`);
    expect(again.body.data.status).toBe('registered');
    const ok = await officer.post(`/sales/${saleId}/approve`, { note: 'Carpeta completa' });
    expect(ok.body.data.status).toBe('approved');
    const events = (await saleOf()).events as any[];
    expect(events.find((e) => e.type === 'sale.returned').data).toEqual({
      reasons: ['Falta la firma en el contrato de comodato'],
    });
    // Approved within the new 24 hours: in time.
    expect(events.find((e) => e.type === 'sale.approved')).toMatchObject({
      data: { inTime: true, note: 'Carpeta completa' },
    });
    // The old deadline's timers, still in the queue, do nothing to the registration after the return.
    await advanceClock(t, 25 * 3600_000);
    await settleQueue(t);
    expect((await eventTypes()).filter((e) => e === 'sale.handover_breached')).toHaveLength(1);
  });
});

describe('installation', () => {
  it('marks it installed: the customer is mailed the terms as a PDF, the sale closes, the webhook hears it', async () => {
    const contactId = (await saleOf()).data.contactId;
    expect((await admin.patch(`/contacts/${contactId}`, { email: 'ana.rojas@cliente.example' })).status).toBe(
      200,
    );
    const done = await officer.post(`/sales/${saleId}/installed`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'installed' });
    expect(done.body.data.termsMailedAt).not.toBeNull();
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('ana.rojas@cliente.example'));
    // The hub starts this thread: no "Re:", and the conversation's tag for the customer's answer.
    expect(mail.parsed.subject).toMatch(/^Términos y condiciones de su servicio \[#\d+\]$/);
    const pdf = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe('terminos-y-condiciones.pdf');
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    const events = (await saleOf()).events as any[];
    expect(events.slice(-2).map((e) => e.type)).toEqual(['sale.installed', 'sale.terms_mailed']);
    const installed = await eventually(async () =>
      hook.deliveries.find((x) => x.body?.event === 'sale.installed'),
    );
    expect(installed.body.sale.status).toBe('installed');
    expectError(await officer.post(`/sales/${saleId}/installed`), 409, 'invalid_state');
  });

  it('the CRM export lists the sale with its registration; the officer sees it, another role does not', async () => {
    const res = await fetch(`${t.url}/api/v1/sales-export`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^sale,status,customer,product,advisor,crm_order,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `${saleId},installed,Ana Rojas,DUO PACK,Rosa,SF-2026-000777,user,DUO 40,fibre,ONT / DECODIFICADOR,LA PAZ - 2030 ESQUINA LANZA`,
    );
    const qa = client(t.url, (await acct.user('qa')).token);
    expectError(await qa.get('/sales-export'), 403, 'forbidden');
  });
});
