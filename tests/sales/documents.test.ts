// The sale's documents over WhatsApp (Cloud API: Meta's signed webhooks to the real route, the Graph API
// on loopback): an accepted call sends the customer the approved template asking for the CI photo and the
// signed letter; the photos and the PDF the customer sends land in the sale's slots; a failed review
// item reaches the customer in words and the slots wait for new files; once the CI and the letter are
// accepted the sale's documents are complete. A customer with no number gets no request, and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { deliverCloud, importPortfolio, salesCloudInbox } from '#tests/helpers/sales.ts';
import * as wa from '../channels/whatsapp_cloud/payloads.ts';

const TOKEN = 'EAAG-sales-access-token';
const APP_SECRET = 'sales-app-secret-0123456789';

let t: TestHub;
let graph: GraphApi;
let acct: SeededAccount;
let supervisor: ReturnType<typeof client>;
let supervisorToken: string;
let rosa: ReturnType<typeof client>;
let rosaToken: string;
let luis: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let inboxId: string;
let campaignId: string;
let saleId: string;
let conversationId: string;
const ana: wa.Customer = { waId: '59171234567', name: 'Ana Pérez' };

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
}

const deliver = (payload: unknown) => deliverCloud(t.url, inboxId, APP_SECRET, payload);

const importRows = (csv: string) => importPortfolio(t.url, supervisorToken, campaignId, csv);

/** Rosa takes the next customer, both checks pass, and the customer accepts. */
async function sellNext(product = 'DUO PACK') {
  const entry = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
  await rosa.post(`/portfolio-entries/${entry.id}/checks`, {
    impediment: null,
    technology: 'fibre',
    capacity: true,
  });
  const res = await rosa.post(`/portfolio-entries/${entry.id}/outcome`, { outcome: 'accepted', product });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const sale = async () => (await rosa.get(`/sales/${saleId}`)).body;
const slots = async () =>
  Object.fromEntries(
    ((await sale()).documents as any[])
      .slice()
      .reverse()
      .map((d) => [d.slot, d.status]),
  );

beforeAll(async () => {
  [t, graph] = await Promise.all([
    startTestHub(),
    startGraphApi({ accessToken: TOKEN, phoneNumberId: wa.PHONE_NUMBER_ID }),
  ]);
  acct = await seedAccount(t, 'Bluecom');
  inboxId = await salesCloudInbox(t.url, acct.adminToken, graph.url, {
    accessToken: TOKEN,
    appSecret: APP_SECRET,
  });
  const sup = await acct.user('supervisor', 'Sara');
  supervisorToken = sup.token;
  supervisor = client(t.url, sup.token);
  const r = await acct.user('agent', 'Rosa');
  rosaToken = r.token;
  rosa = client(t.url, r.token);
  luis = client(t.url, (await acct.user('agent', 'Luis')).token);
  officer = client(t.url, (await acct.user('back_office', 'Vera')).token);
}, 60_000);

afterAll(async () => {
  await t?.destroy();
  await graph?.close();
});

describe('asking for the documents', () => {
  it('a Cloud API inbox needs an approved template to write first', async () => {
    expectError(
      await supervisor.post('/campaigns', {
        name: 'Sin plantilla',
        products: ['DUO PACK'],
        documentsInboxId: inboxId,
      }),
      400,
      'validation_failed',
    );
    const made = await supervisor.post('/campaigns', {
      name: 'Duo Pack diciembre',
      products: ['DUO PACK'],
      documentsInboxId: inboxId,
      documentsTemplate: { name: 'pedido_documentos', language: 'es' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data.documentsText).toContain('fotografía de su C.I.');
    campaignId = made.body.data.id;
    await importRows('Nombre;CI;Celular\nAna Pérez;4123456;71234567\nBeto Sin Fono;4999999;\n');
  });

  it('an accepted call sends the template to the customer from a conversation assigned to the advisor', async () => {
    const body = await sellNext();
    expect(body.documents).toMatchObject({ sent: true, via: 'whatsapp_cloud' });
    saleId = body.sale.id;
    conversationId = body.documents.conversationId;
    expect(body.sale.conversationId).toBe(conversationId);
    const sent = await eventually(async () => graph.messagesSent().find((m) => m.to === ana.waId));
    expect(sent).toMatchObject({
      type: 'template',
      template: {
        name: 'pedido_documentos',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana Pérez' },
              { type: 'text', text: 'DUO PACK' },
            ],
          },
        ],
      },
    });
    const conversation = (await rosa.get(`/conversations/${conversationId}`)).body.data;
    expect(conversation).toMatchObject({
      assigneeId: String((await rosa.get('/me')).body.data.id),
      status: 'open',
    });
    const events = (await sale()).events.map((e: any) => e.type);
    expect(events.slice(-2)).toEqual(['sale.opened', 'sale.documents_requested']);
  });

  it('a customer with no number gets no request, and the sale says why', async () => {
    const body = await sellNext();
    expect(body.documents).toEqual({
      sent: false,
      code: 'no_phone_or_email',
      reason: 'the customer has no phone number or e-mail address',
    });
    expect(body.sale.conversationId).toBeNull();
    const again = await rosa.post(`/sales/${body.sale.id}/request-documents`);
    expect(again.body.data).toEqual({
      sent: false,
      code: 'no_phone_or_email',
      reason: 'the customer has no phone number or e-mail address',
    });
  });
});

describe('documents arriving and their review', () => {
  it("the customer's photos and PDF land in the CI front, back and letter slots", async () => {
    graph.addMedia('9100000000000001', wa.files.png, 'image/png');
    graph.addMedia('9100000000000002', wa.files.png, 'image/png');
    graph.addMedia('9100000000000003', wa.files.pdf, 'application/pdf');
    await deliver(wa.image(ana, '9100000000000001', 'anverso').payload);
    await deliver(wa.image(ana, '9100000000000002', 'reverso').payload);
    await deliver(wa.document(ana, '9100000000000003', 'carta.pdf', 'mi carta').payload);
    expect(await slots()).toEqual({ ci_front: 'received', ci_back: 'received', letter: 'received' });
    const docs = (await sale()).documents as any[];
    const letter = docs.find((d) => d.slot === 'letter');
    expect(letter.attachment).toMatchObject({ name: 'carta.pdf', mime: 'application/pdf' });
    // The officer, who sees no conversations, opens the file through the sale once it is handed over;
    // the advisor now.
    const file = await fetch(`${t.url}${letter.attachment.url}`, {
      headers: { authorization: `Bearer ${rosaToken}` },
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(wa.files.pdf)).toBe(true);
    expect((await fetch(`${t.url}${letter.attachment.url}`)).status).toBe(401);
  });

  it('a failed item reaches the customer in words, and the rejected slots wait for new files', async () => {
    const before = graph.messagesSent().length;
    const res = await rosa.post(`/sales/${saleId}/documents/review`, {
      part: 'ci',
      answers: {
        ci_front: true,
        ci_back: true,
        ci_legible: true,
        ci_not_expired: true,
        ci_name_matches: true,
        ci_number_matches: true,
      },
      // Ticked as valid, but its date has passed: not accepted.
      expiresOn: '2020-01-31',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.status).toBe('awaiting_documents');
    expect(await slots()).toEqual({ ci_front: 'rejected', ci_back: 'rejected', letter: 'received' });
    const told = await eventually(async () =>
      graph
        .messagesSent()
        .slice(before)
        .find((m) => m.to === ana.waId),
    );
    expect(told.type).toBe('text');
    expect(told.text.body).toContain('Un C.I. vigente (no vencido)');
    expect(told.text.body).not.toContain('Que su C.I. se lea con claridad');
    // The customer sends the CI again: both sides fill the waiting slots.
    graph.addMedia('9100000000000004', wa.files.png, 'image/png');
    graph.addMedia('9100000000000005', wa.files.png, 'image/png');
    await deliver(wa.image(ana, '9100000000000004').payload);
    await deliver(wa.image(ana, '9100000000000005').payload);
    expect(await slots()).toEqual({ ci_front: 'received', ci_back: 'received', letter: 'received' });
  });

  it('ticking "not expired" needs the date; only the advisor side reviews', async () => {
    const answers = { ci_not_expired: true };
    expectError(
      await rosa.post(`/sales/${saleId}/documents/review`, { part: 'ci', answers }),
      400,
      'validation_failed',
    );
    expectError(
      await officer.post(`/sales/${saleId}/documents/review`, { part: 'ci', answers }),
      403,
      'forbidden',
    );
    expectError(
      await luis.post(`/sales/${saleId}/documents/review`, { part: 'ci', answers }),
      404,
      'not_found',
    );
  });

  it('a file in the wrong slot is moved and reviewed again', async () => {
    const docs = (await sale()).documents as any[];
    const back = docs.find((d) => d.slot === 'ci_back');
    const moved = await rosa.post(`/sales/${saleId}/documents/${back.id}/slot`, { slot: 'ci_back' });
    expect(moved.status).toBe(200);
    expect((await sale()).events.at(-1)).toMatchObject({
      type: 'sale.document_moved',
      data: { slot: 'ci_back' },
    });
  });

  it('the CI and the letter accepted: the documents are complete', async () => {
    const ci = await rosa.post(`/sales/${saleId}/documents/review`, {
      part: 'ci',
      answers: {
        ci_front: true,
        ci_back: true,
        ci_legible: true,
        ci_not_expired: true,
        ci_name_matches: true,
        ci_number_matches: true,
      },
      expiresOn: '2031-05-20',
    });
    expect(ci.body.data.status).toBe('awaiting_documents');
    const letter = await rosa.post(`/sales/${saleId}/documents/review`, {
      part: 'letter',
      answers: {
        declaration: true,
        service: true,
        installation_address: true,
        reference_numbers: true,
        signature: true,
      },
    });
    expect(letter.body.data.status).toBe('documents_complete');
    expect(await slots()).toEqual({ ci_front: 'accepted', ci_back: 'accepted', letter: 'accepted' });
    const events = (await sale()).events as any[];
    expect(events.at(-1)).toMatchObject({ type: 'sale.documents_complete' });
    const reviews = events.filter((e) => e.type === 'sale.documents_reviewed');
    expect(reviews.map((e) => [e.data.part, e.data.failed])).toEqual([
      ['ci', ['ci_not_expired']],
      ['ci', []],
      ['letter', []],
    ]);
    // More files after that do not disturb the accepted slots.
    graph.addMedia('9100000000000006', wa.files.png, 'image/png');
    await deliver(wa.image(ana, '9100000000000006').payload);
    expect(await slots()).toEqual({ ci_front: 'accepted', ci_back: 'accepted', letter: 'accepted' });
  });
});
