// The documents over WhatsApp on a linked device (Baileys, its socket replaced by the stand-in at the
// transport boundary, as tests/channels/whatsapp does): no template there, so the request goes out as
// text to the customer's number, and the photo and the PDF the customer sends from that number land in
// the sale's slots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsappChannel } from '#channels/whatsapp/index.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { fakeTransport, waMessage } from '../channels/whatsapp/fake-baileys.ts';
import { files } from '../channels/whatsapp_cloud/payloads.ts';

const realTransport = whatsappChannel.transport;
let fake: ReturnType<typeof fakeTransport>;
let t: TestHub;
let acct: SeededAccount;
let rosa: ReturnType<typeof client>;
const jid = '59171230001@s.whatsapp.net';

beforeAll(async () => {
  fake = fakeTransport({ autoOpen: true });
  whatsappChannel.transport = fake.transport;
  t = await startTestHub();
  acct = await seedAccount(t, 'Bluecom');
}, 60_000);

afterAll(async () => {
  await t?.destroy();
  whatsappChannel.transport = realTransport;
});

describe('documents over a linked WhatsApp device', () => {
  it('asks in text, and the photo and the PDF from that number land in the slots', async () => {
    const admin = client(t.url, acct.adminToken);
    const inbox = await admin.post('/inboxes', {
      name: 'WhatsApp ventas',
      channel: 'whatsapp',
      config: { sendIntervalMs: 0 },
    });
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(201);
    await eventually(
      async () => (await admin.get(`/inboxes/${inbox.body.data.id}`)).body.data.health === 'ready',
    );
    const campaign = await admin.post('/campaigns', {
      name: 'Internet',
      products: ['INTERNET ADSL'],
      documentsInboxId: inbox.body.data.id,
      documentsText: 'Hola {{name}}: para su {{product}} envíenos la foto de su C.I. y la carta firmada.',
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const form = new FormData();
    form.append('file', new Blob(['Nombre,CI,Celular\nLuz Vargas,4777888,71230001\n']), 'cartera.csv');
    const imported = (await (
      await fetch(`${t.url}/api/v1/campaigns/${campaign.body.data.id}/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${acct.adminToken}` },
        body: form,
      })
    ).json()) as any;
    await eventually(
      async () => (await admin.get(`/portfolio-imports/${imported.data.id}`)).body.data.status === 'done',
    );

    rosa = client(t.url, (await acct.user('agent', 'Rosa')).token);
    const entry = (await rosa.post(`/campaigns/${campaign.body.data.id}/next`)).body.data;
    await rosa.post(`/portfolio-entries/${entry.id}/checks`, {
      impediment: null,
      technology: 'copper',
      capacity: true,
    });
    const sold = await rosa.post(`/portfolio-entries/${entry.id}/outcome`, {
      outcome: 'accepted',
      product: 'INTERNET ADSL',
    });
    expect(sold.body.documents).toMatchObject({ sent: true, via: 'whatsapp' });
    const request = await eventually(async () => fake.last().sent.find((s) => s.jid === jid));
    expect(request.content.text).toBe(
      'Hola Luz Vargas: para su INTERNET ADSL envíenos la foto de su C.I. y la carta firmada.',
    );

    fake.media.set('3AFOTO0001', files.png);
    fake.media.set('3ACARTA0001', files.pdf);
    fake
      .last()
      .upsert([
        waMessage(
          jid,
          { imageMessage: { mimetype: 'image/png', caption: 'mi carnet' } },
          { id: '3AFOTO0001', pushName: 'Luz' },
        ),
        waMessage(
          jid,
          { documentMessage: { mimetype: 'application/pdf', fileName: 'carta-firmada.pdf' } },
          { id: '3ACARTA0001', pushName: 'Luz' },
        ),
      ]);
    const saleId = sold.body.sale.id;
    const docs = await eventually(async () => {
      const d = (await rosa.get(`/sales/${saleId}`)).body.documents as any[];
      return d.length === 2 && d;
    });
    expect(docs.map((d) => [d.slot, d.status, d.attachment.mime]).sort()).toEqual([
      ['ci_front', 'received', 'image/png'],
      ['letter', 'received', 'application/pdf'],
    ]);
    // They arrived in the conversation the request opened, which is Rosa's.
    const conversation = (await rosa.get(`/conversations/${sold.body.documents.conversationId}/messages`))
      .body.data as any[];
    expect(conversation.filter((m) => m.direction === 'in').map((m) => m.attachments.length)).toEqual([1, 1]);
  });
});
