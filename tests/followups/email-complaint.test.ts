// A complaint mailed in (issue 18 item 3): the e-mail protocol's classifier sets the category, and that
// opens the follow-up by itself, owned by the account's follow-up employee — no person touched it. An
// agent correcting the category to `claim` afterwards opens no second one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import {
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { mail, mid } from '../channels/email/mails.ts';

let imap: TestDovecot;
let smtp: SmtpCapture;
let t: TestHub;
let acme: SeededAccount;

beforeAll(async () => {
  [imap, smtp, t] = await Promise.all([startDovecot(), startSmtpCapture(), startTestHub()]);
  acme = await seedAccount(t, 'Mailed complaints');
}, 60_000);
afterAll(async () => {
  await t?.destroy();
  await smtp?.close();
  await imap?.stop();
});

it('opens the follow-up of a complaint the protocol classified, once', async () => {
  const api = client(t.url, acme.adminToken);
  const owner = await acme.user('follow_up', 'Fátima');
  const mailbox = 'Complaints';
  await imap.createMailbox(mailbox);
  const inbox = await api.post('/inboxes', {
    name: 'Support',
    channel: 'email',
    config: {
      imap: {
        host: imap.host,
        port: imap.port,
        secure: false,
        user: imap.user,
        password: imap.password,
        mailbox,
      },
      smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password },
      fromAddress: 'support@acme.example',
      fromName: 'Acme Support',
      pollSeconds: 5,
    },
    settings: { acknowledgement: false },
  });
  expect(inbox.status, JSON.stringify(inbox.body)).toBe(201);
  const address = `complainer.${Date.now()}@customer.example`;
  await imap.append(
    mail({
      from: `Rosa <${address}>`,
      subject: 'Queja',
      body: 'Pésimo servicio, inaceptable.',
      messageId: mid('fu'),
    }),
    mailbox,
  );
  const conv = await eventually(async () => {
    const list = (await api.get(`/conversations?inboxId=${inbox.body.data.id}`)).body.data;
    return list[0]?.category ? list[0] : undefined;
  });
  expect(conv.category).toBe('complaint');
  const opened = await eventually(async () => {
    const list = (await api.get('/follow-ups')).body.data.filter((f: any) => f.conversationId === conv.id);
    return list.length ? list : undefined;
  });
  expect(opened).toHaveLength(1);
  expect(opened[0]).toMatchObject({ kind: 'complaint', origin: 'category', ownerId: String(owner.user.id) });
  const events = (await api.get(`/follow-ups/${opened[0].id}`)).body.events;
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ type: 'follow_up.opened', actorId: null });

  expect((await api.post(`/conversations/${conv.id}/category`, { category: 'claim' })).status).toBe(200);
  const after = (await api.get('/follow-ups')).body.data.filter((f: any) => f.conversationId === conv.id);
  expect(after.map((f: any) => f.id)).toEqual([opened[0].id]);
});
