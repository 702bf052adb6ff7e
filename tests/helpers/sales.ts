// The sales desk's test steps that several specs take: a customer's WhatsApp Cloud message posted to the
// real webhook route, signed as Meta signs it, a portfolio file imported and waited for, and the
// account's e-mail inbox for the fallback request and the terms (the test Dovecot and SMTP capture).
import { expect } from 'vitest';
import { PHONE_NUMBER_ID, signature } from '../channels/whatsapp_cloud/payloads.ts';
import type { TestDovecot } from './dovecot.ts';
import { client, eventually } from './hub.ts';
import type { SmtpCapture } from './smtp-capture.ts';

/** Posts a Cloud API webhook payload to the inbox's route, signed with the app secret; expects 200. */
export async function deliverCloud(
  hubUrl: string,
  inboxId: string,
  appSecret: string,
  payload: unknown,
): Promise<void> {
  const raw = JSON.stringify(payload);
  const res = await fetch(`${hubUrl}/webhooks/whatsapp_cloud/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(appSecret, raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
}

/** Imports a CSV into a campaign (multipart, as the console does) and waits until the worker is done. */
export async function importPortfolio(
  hubUrl: string,
  token: string,
  campaignId: string,
  csv: string,
): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([csv]), 'cartera.csv');
  const res = await fetch(`${hubUrl}/api/v1/campaigns/${campaignId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as { data: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(202);
  const api = client(hubUrl, token);
  await eventually(
    async () => (await api.get(`/portfolio-imports/${body.data.id}`)).body.data.status === 'done',
  );
  return body.data;
}

/** The sales e-mail inbox ("Correo ventas", no acknowledgement) on the test IMAP and SMTP; its id. */
export async function salesMailInbox(
  hubUrl: string,
  adminToken: string,
  imap: TestDovecot,
  smtp: SmtpCapture,
): Promise<string> {
  await imap.createMailbox('Ventas');
  const mail = await client(hubUrl, adminToken).post('/inboxes', {
    name: 'Correo ventas',
    channel: 'email',
    config: {
      imap: {
        host: imap.host,
        port: imap.port,
        secure: false,
        user: imap.user,
        password: imap.password,
        mailbox: 'Ventas',
      },
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password },
      fromAddress: 'ventas@bluecom.example',
    },
    settings: { acknowledgement: false },
  });
  expect(mail.status, JSON.stringify(mail.body)).toBe(201);
  return mail.body.data.id;
}

/** The sales WhatsApp Cloud inbox ("WhatsApp ventas") on the loopback Graph API; its id. */
export async function salesCloudInbox(
  hubUrl: string,
  adminToken: string,
  graphUrl: string,
  secrets: { accessToken: string; appSecret: string },
): Promise<string> {
  const inbox = await client(hubUrl, adminToken).post('/inboxes', {
    name: 'WhatsApp ventas',
    channel: 'whatsapp_cloud',
    config: {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      verifyToken: 'verify-me',
      graphBaseUrl: graphUrl,
    },
  });
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(201);
  return inbox.body.data.id;
}
