// E-mail through the whole hub: a real Dovecot mailbox in, the hub's ingest, outbox and protocol steps,
// a real SMTP server out. Each spec reads its own mailbox (its own inbox), so they stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourMessageId } from '#channels/email/message-id.ts';
import { settleQueue } from '#tests/helpers/clock.ts';
import { startDovecot, type TestDovecot } from '#tests/helpers/dovecot.ts';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import type { CapturedMail } from '#tests/helpers/smtp-capture.ts';
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { awkwardCorpus, bounce, mail, mid } from './mails.ts';

let imap: TestDovecot;
let smtp: SmtpCapture;
let t: TestHub;
let acme: SeededAccount;
let api: ReturnType<typeof client>;
let boxes = 0;
let senders = 0;

beforeAll(async () => {
  [imap, smtp, t] = await Promise.all([startDovecot(), startSmtpCapture(), startTestHub()]);
  acme = await seedAccount(t);
  api = client(t.url, acme.adminToken);
});
afterAll(async () => {
  await t?.destroy();
  await smtp?.close();
  await imap?.stop();
});

function emailConfig(mailbox: string, extra: Record<string, unknown> = {}) {
  return {
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
    ...extra,
  };
}

type Inbox = { id: string; secret: string; mailbox: string; append(raw: string | Buffer): Promise<void> };

/** A new e-mail inbox reading a new mailbox, created the way an admin does it. */
async function emailInbox(
  settings: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<Inbox> {
  const mailbox = `Box${++boxes}`;
  await imap.createMailbox(mailbox);
  const res = await api.post('/inboxes', {
    name: `Support ${mailbox}`,
    channel: 'email',
    config: emailConfig(mailbox, extra),
    settings,
  });
  expect(res.status).toBe(201);
  expect(res.body.data.health).toBe('ready');
  return {
    id: res.body.data.id,
    secret: res.body.data.secret,
    mailbox,
    append: (raw) => imap.append(raw, mailbox),
  };
}

/** A customer address no other spec uses (the automatic-reply cap counts per address). */
const customer = (name = 'Ana Perez') => {
  const address = `customer${++senders}.${Date.now()}@customer.example`;
  return { address, from: `${name} <${address}>` };
};

async function conversations(inbox: Inbox): Promise<any[]> {
  const res = await api.get(`/conversations?inboxId=${inbox.id}&limit=200`);
  expect(res.status).toBe(200);
  return res.body.data;
}
async function messagesOf(conversationId: string): Promise<any[]> {
  const res = await api.get(`/conversations/${conversationId}/messages`);
  expect(res.status).toBe(200);
  return res.body.data;
}
/** The conversation holding the message with this Message-ID, once it arrived. */
async function conversationOfMail(inbox: Inbox, messageId: string): Promise<any> {
  return eventually(async () => {
    for (const c of await conversations(inbox)) {
      if ((await messagesOf(c.id)).some((m) => m.externalId === messageId)) return c;
    }
    return undefined;
  });
}
const mailTo = (address: string, pick: (m: CapturedMail) => boolean = () => true) =>
  smtp.waitFor((m) => m.envelopeTo.includes(address) && pick(m));

describe('e-mail through the hub', () => {
  it('turns a new mail into a conversation, classifies it and acknowledges it with the reference', async () => {
    const inbox = await emailInbox();
    const who = customer('José Peña');
    const id = mid('new');
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Reclamo: cobro indebido en mi factura',
        body: 'Me cobraron dos veces la recarga. Solicito la devolución.',
        messageId: id,
      }),
    );
    const conv = await conversationOfMail(inbox, id);
    expect(conv).toMatchObject({
      channel: 'email',
      subject: 'Reclamo: cobro indebido en mi factura',
      status: 'open',
    });
    const [first] = await messagesOf(conv.id);
    expect(first).toMatchObject({
      direction: 'in',
      contentType: 'email',
      text: 'Me cobraron dos veces la recarga. Solicito la devolución.',
    });
    expect(first.email).toMatchObject({ from: who.address, to: ['support@hub.example'], messageId: id });
    const contact = (await api.get(`/conversations/${conv.id}`)).body.data.contact;
    expect(contact).toMatchObject({ name: 'José Peña', email: who.address });

    const ack = await mailTo(who.address);
    expect(ack.parsed.text).toContain(`[#${conv.id}]`);
    expect(ack.parsed.text).toContain('claim');
    expect(ack.parsed.inReplyTo).toBe(id);
    expect(ack.parsed.subject).toBe(`Re: Reclamo: cobro indebido en mi factura [#${conv.id}]`);
    expect(String(ack.parsed.headers.get('auto-submitted'))).toBe('auto-replied');
    const after = (await api.get(`/conversations/${conv.id}`)).body.data;
    expect(after.category).toBe('claim');
    const events = (await api.get(`/conversations/${conv.id}/events`)).body.data;
    expect(events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['conversation.categorized', 'protocol.step']),
    );
    expect(events.find((e: any) => e.type === 'protocol.step').data).toMatchObject({
      step: 'acknowledgement',
      outcome: 'done',
    });
    // The acknowledgement is an automatic message, not the agent's first reply.
    expect(after.firstAgentReplyAt).toBeNull();

    // The agent's reply answers the customer's mail, not our acknowledgement that came after it; the
    // acknowledgement stays in References, before the mail answered.
    const sent = await api.post(`/conversations/${conv.id}/messages`, { text: 'Revisamos su factura.' });
    expect(sent.status).toBe(201);
    const reply = await mailTo(who.address, (m) => m.parsed.text?.includes('Revisamos su factura') ?? false);
    expect(reply.parsed.inReplyTo).toBe(id);
    const references = [reply.parsed.references ?? []].flat();
    expect(references).toContain(ack.parsed.messageId);
    expect(references.at(-1)).toBe(id);
  });

  it('threads replies by In-Reply-To, by References only, by our signed Message-ID only and by subject tag only', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const root = mid('root');
    await inbox.append(
      mail({ from: who.from, subject: 'No signal', body: 'My line has no signal.', messageId: root }),
    );
    const conv = await conversationOfMail(inbox, root);

    // The agent answers; the customer's client gets a proper reply.
    const sent = await api.post(`/conversations/${conv.id}/messages`, { text: 'Please restart the modem.' });
    expect(sent.status).toBe(201);
    const reply = await mailTo(who.address);
    expect(reply.parsed.inReplyTo).toBe(root);
    expect(reply.parsed.references).toBe(root);
    expect(reply.parsed.subject).toBe(`Re: No signal [#${conv.id}]`);
    expect(reply.parsed.text).toContain('Please restart the modem.');
    const stored = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === sent.body.data.id && m.status === 'sent'),
    );
    expect(stored.externalId).toBe(reply.parsed.messageId);

    const ids = {
      inReplyTo: mid('r1'),
      referencesOnly: mid('r2'),
      signedOnly: mid('r3'),
      tagOnly: mid('r4'),
    };
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Re: No signal',
        body: 'Restarted, still nothing.',
        messageId: ids.inReplyTo,
        inReplyTo: reply.parsed.messageId,
      }),
    );
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Re: No signal',
        body: 'refs only',
        messageId: ids.referencesOnly,
        references: ['<unknown@elsewhere.example>', root],
      }),
    );
    // A client that kept only a Message-ID of ours the hub never stored (say, a lost message): the
    // signature alone proves which conversation it belongs to.
    const signed = ourMessageId(inbox.secret, Number(conv.id), 987654321, 'acme.example');
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Re: something else',
        body: 'signed only',
        messageId: ids.signedOnly,
        inReplyTo: signed,
      }),
    );
    await inbox.append(
      mail({
        from: who.from,
        subject: `Still broken [#${conv.id}]`,
        body: 'tag only',
        messageId: ids.tagOnly,
      }),
    );
    for (const id of Object.values(ids)) expect((await conversationOfMail(inbox, id)).id).toBe(conv.id);
    expect((await messagesOf(conv.id)).find((m) => m.externalId === ids.inReplyTo).text).toBe(
      'Restarted, still nothing.',
    );

    // Never by subject alone; a forwarded mail is a new request; a forged signature or another
    // inbox's conversation number threads nothing.
    const sameSubject = mid('subject-only');
    const forwarded = mid('fwd');
    const forged = mid('forged');
    const other = await emailInbox({ acknowledgement: false });
    const otherRoot = mid('other');
    await other.append(mail({ from: who.from, subject: 'Other inbox', body: 'x', messageId: otherRoot }));
    const otherConv = await conversationOfMail(other, otherRoot);
    const foreignTag = mid('foreign-tag');
    await inbox.append(
      mail({ from: who.from, subject: 'No signal', body: 'new problem, same words', messageId: sameSubject }),
    );
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Fwd: No signal',
        body: 'forwarding',
        messageId: forwarded,
        inReplyTo: reply.parsed.messageId,
      }),
    );
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Re: x',
        body: 'forged',
        messageId: forged,
        inReplyTo: ourMessageId('not-the-secret', Number(conv.id), 1, 'acme.example'),
      }),
    );
    await inbox.append(
      mail({ from: who.from, subject: `Re: x [#${otherConv.id}]`, body: 'foreign', messageId: foreignTag }),
    );
    const separate = await Promise.all(
      [sameSubject, forwarded, forged, foreignTag].map((id) => conversationOfMail(inbox, id)),
    );
    const separateIds = new Set(separate.map((c) => c.id));
    expect(separateIds.size).toBe(4);
    expect(separateIds.has(conv.id)).toBe(false);
    expect(separateIds.has(otherConv.id)).toBe(false);
  });

  it('marks our message failed with the reason when it bounces, without a new conversation', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const root = mid('bounce-root');
    await inbox.append(
      mail({ from: who.from, subject: 'Invoice copy', body: 'Please send my invoice.', messageId: root }),
    );
    const conv = await conversationOfMail(inbox, root);
    const sent = await api.post(`/conversations/${conv.id}/messages`, { text: 'Here it is.' });
    const reply = await mailTo(who.address);
    await eventually(
      async () => (await messagesOf(conv.id)).find((m) => m.id === sent.body.data.id)?.status === 'sent',
    );

    // First the server says it is still trying (mailbox full): a warning on the message, still sent.
    await inbox.append(
      bounce(reply.parsed.messageId!, who.address, {
        action: 'delayed',
        diagnostic: 'smtp; 452 4.2.2 Mailbox full, will retry for 5 days',
      }),
    );
    const delayed = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === sent.body.data.id && m.warning),
    );
    expect(delayed).toMatchObject({
      status: 'sent',
      warning: expect.stringMatching(/delivery delayed: 452 4\.2\.2 Mailbox full/),
    });
    expect(delayed.error).toBeUndefined();
    // Then it gives up: now the message failed, and the warning has given way to the reason.
    await inbox.append(bounce(reply.parsed.messageId!, who.address));
    const failed = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === sent.body.data.id && m.status === 'failed'),
    );
    expect(failed.error).toMatch(/bounced: 550 5\.1\.1.*User unknown/);
    expect(failed.warning).toBeUndefined();
    // A later mail proves the bounce was read; it made no conversation of its own.
    const later = mid('after-bounce');
    await inbox.append(mail({ from: who.from, subject: 'Another thing', body: 'x', messageId: later }));
    await conversationOfMail(inbox, later);
    expect((await conversations(inbox)).length).toBe(2);
    const events = (await api.get(`/conversations/${conv.id}/events`)).body.data;
    expect(events.some((e: any) => e.type === 'message.failed' || e.type === 'message.status_changed')).toBe(
      true,
    );
  });

  it('never answers a machine, and caps automatic replies per address per hour', async () => {
    const inbox = await emailInbox({ automaticRepliesPerHour: 2 });
    const robot = customer('Vacation Robot');
    const ooo = mid('ooo');
    await inbox.append(
      mail({
        from: robot.from,
        subject: 'Out of office',
        body: 'I am away until Monday.',
        messageId: ooo,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      }),
    );
    const oooConv = await conversationOfMail(inbox, ooo);
    expect((await messagesOf(oooConv.id))[0].automated).toBe(true);
    const skipped = await eventually(async () =>
      ((await api.get(`/conversations/${oooConv.id}/events`)).body.data as any[]).find(
        (e) => e.type === 'protocol.step',
      ),
    );
    expect(skipped.data).toMatchObject({
      step: 'acknowledgement',
      outcome: 'skipped',
      reason: 'automated_sender',
    });

    // A person writing three new requests within the hour gets two acknowledgements.
    const who = customer();
    const ids = [mid('cap1'), mid('cap2'), mid('cap3')];
    for (const [i, id] of ids.entries()) {
      await inbox.append(
        mail({
          from: who.from,
          subject: `Request ${i + 1}`,
          body: 'Necesito un duplicado de factura.',
          messageId: id,
        }),
      );
    }
    const convs = await Promise.all(ids.map((id) => conversationOfMail(inbox, id)));
    const outcomes = await eventually(async () => {
      const steps = await Promise.all(
        convs.map(
          async (c) =>
            ((await api.get(`/conversations/${c.id}/events`)).body.data as any[]).find(
              (e) => e.type === 'protocol.step',
            )?.data,
        ),
      );
      return steps.every(Boolean) ? steps : undefined;
    });
    expect(outcomes.filter((o) => o.outcome === 'done').length).toBe(2);
    expect(outcomes.filter((o) => o.outcome === 'skipped' && o.reason === 'hourly_cap').length).toBe(1);
    // Every delivery the steps queued has run: what reached the SMTP server is all there will be.
    await settleQueue(t);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(who.address)).length).toBe(2);
    expect(smtp.mails.some((m) => m.envelopeTo.includes(robot.address))).toBe(false);
  });

  it('follows up on conformity after resolution, and the customer’s answer reopens the conversation', async () => {
    const inbox = await emailInbox({ acknowledgement: false, language: 'es' });
    const who = customer('María');
    const root = mid('conformity');
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Sugerencia para la app',
        body: 'Sería bueno poder pagar con QR.',
        messageId: root,
      }),
    );
    const conv = await conversationOfMail(inbox, root);
    expect(
      await eventually(async () => (await api.get(`/conversations/${conv.id}`)).body.data.category),
    ).toBe('suggestion');
    await api.post(`/conversations/${conv.id}/messages`, { text: 'Gracias, lo trasladamos al equipo.' });
    await mailTo(who.address);
    const resolved = await api.post(`/conversations/${conv.id}/status`, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    const followUp = await mailTo(who.address, (m) => (m.parsed.text ?? '').includes('conforme'));
    expect(followUp.parsed.text).toContain(`[#${conv.id}]`);
    expect(followUp.parsed.text).toContain('Hola María');
    expect(String(followUp.parsed.headers.get('auto-submitted'))).toBe('auto-replied');

    const answer = mid('not-happy');
    await inbox.append(
      mail({
        from: who.from,
        subject: followUp.parsed.subject!,
        body: 'No, todavía falta.',
        messageId: answer,
        inReplyTo: followUp.parsed.messageId,
      }),
    );
    expect((await conversationOfMail(inbox, answer)).id).toBe(conv.id);
    expect((await api.get(`/conversations/${conv.id}`)).body.data.status).toBe('open');
  });

  it('lets an agent correct the category, and refuses a malformed one with a code', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const root = mid('cat');
    await inbox.append(
      mail({ from: who.from, subject: 'Queja', body: 'Pésimo servicio, inaceptable.', messageId: root }),
    );
    const conv = await conversationOfMail(inbox, root);
    expect(
      await eventually(async () => (await api.get(`/conversations/${conv.id}`)).body.data.category),
    ).toBe('complaint');
    const set = await api.post(`/conversations/${conv.id}/category`, { category: 'claim' });
    expect(set.status).toBe(200);
    expect(set.body.data.category).toBe('claim');
    const bad = await api.post(`/conversations/${conv.id}/category`, { category: 'Not A Slug!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('sends the agent’s own subject, cc, bcc and formatting, and keeps them on the message', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer('Rosa Quispe');
    const root = mid('compose');
    await inbox.append(mail({ from: who.from, subject: 'Consulta de plan', body: 'Hola', messageId: root }));
    const conv = await conversationOfMail(inbox, root);
    const text = 'Estimada **Rosa**:\n\n- CI vigente\n- carta firmada\n\nVea https://acme.example/planes';
    const sent = await api.post(`/conversations/${conv.id}/messages`, {
      text,
      format: 'markdown',
      email: { subject: 'Requisitos del plan', cc: ['jefa@customer.example'], bcc: ['audit@acme.example'] },
    });
    expect(sent.status).toBe(201);
    // Before it is sent, the console already shows what the agent set.
    expect(sent.body.data).toMatchObject({
      format: 'markdown',
      email: { subject: 'Requisitos del plan', cc: ['jefa@customer.example'], bcc: ['audit@acme.example'] },
    });
    expect(sent.body.data.html).toContain('<strong>Rosa</strong>');

    const out = await mailTo(who.address, (m) => (m.parsed.text ?? '').includes('carta firmada'));
    expect(out.parsed.subject).toBe(`Re: Requisitos del plan [#${conv.id}]`);
    expect(out.parsed.inReplyTo).toBe(root);
    const header = (name: string) => JSON.stringify(out.parsed.headers.get(name) ?? null);
    expect(header('cc')).toContain('jefa@customer.example');
    // Bcc goes to the envelope only, never into a header the customer sees.
    expect(out.envelopeTo).toEqual(
      expect.arrayContaining([who.address, 'jefa@customer.example', 'audit@acme.example']),
    );
    expect(out.raw.toString('utf8')).not.toContain('audit@acme.example');
    // The plain part is the source as typed; the HTML part is formatted and signed off like any reply.
    expect(out.parsed.text).toContain('**Rosa**');
    expect(out.parsed.html).toContain('<strong>Rosa</strong>');
    expect(out.parsed.html).toContain('<ul><li>CI vigente</li><li>carta firmada</li></ul>');
    expect(out.parsed.html).toContain('<a href="https://acme.example/planes">');

    const stored = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === sent.body.data.id && m.status === 'sent'),
    );
    expect(stored.email).toMatchObject({
      from: 'support@acme.example',
      to: [who.address],
      cc: ['jefa@customer.example'],
      subject: `Re: Requisitos del plan [#${conv.id}]`,
      messageId: stored.externalId,
    });
    // The conversation keeps its subject: the customer's next mail threads by the tag anyway.
    expect((await api.get(`/conversations/${conv.id}`)).body.data.subject).toBe('Consulta de plan');
  });

  it('refuses e-mail fields where they make no sense, with a code', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const root = mid('compose-bad');
    await inbox.append(mail({ from: who.from, subject: 'x', body: 'y', messageId: root }));
    const conv = await conversationOfMail(inbox, root);
    const note = await api.post(`/conversations/${conv.id}/messages`, {
      text: 'internal',
      private: true,
      email: { cc: ['a@b.example'] },
    });
    expect(note.status).toBe(400);
    expect(note.body.error.code).toBe('validation_failed');
    const badCc = await api.post(`/conversations/${conv.id}/messages`, {
      text: 'x',
      email: { cc: ['not an address'] },
    });
    expect(badCc.status).toBe(400);
    expect(badCc.body.error.code).toBe('validation_failed');
    // An API-channel conversation has no subject or cc.
    const apiInbox = await acme.apiInbox();
    const chat = await incoming(t.url, apiInbox, {
      externalId: `x-${Date.now()}`,
      contact: { externalId: `c-${Date.now()}` },
      text: 'hola',
    });
    expect(chat.status).toBe(201);
    const chatConv = chat.body.data.conversation;
    const wrong = await api.post(`/conversations/${chatConv.id}/messages`, {
      text: 'x',
      format: 'markdown',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('bad_request');
    expect(wrong.body.error.message).toMatch(/e-mail conversations only/);
  });

  it('retries a refused send and shows a refused login to the agent as AUTH with the reason', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const root = mid('retry');
    await inbox.append(mail({ from: who.from, subject: 'Retry', body: 'x', messageId: root }));
    const conv = await conversationOfMail(inbox, root);
    smtp.failNext('temporary');
    const first = await api.post(`/conversations/${conv.id}/messages`, { text: 'Second time lucky.' });
    await mailTo(who.address, (m) => (m.parsed.text ?? '').includes('Second time lucky.'));
    const sent = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === first.body.data.id && m.status === 'sent'),
    );
    expect(sent.errorCode).toBeUndefined();

    const patched = await api.patch(`/inboxes/${inbox.id}`, {
      config: {
        ...emailConfig(inbox.mailbox),
        smtp: { ...emailConfig(inbox.mailbox).smtp, password: 'wrong-password' },
      },
    });
    expect(patched.status).toBe(200);
    const doomed = await api.post(`/conversations/${conv.id}/messages`, { text: 'Never arrives.' });
    const failed = await eventually(async () =>
      (await messagesOf(conv.id)).find((m) => m.id === doomed.body.data.id && m.status === 'failed'),
    );
    expect(failed.errorCode).toBe('AUTH');
    expect(failed.error).toMatch(/refused the login/);
  });

  it('brings in every mail that arrived while the hub was down, once', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const who = customer();
    const warm = mid('warm');
    await inbox.append(mail({ from: who.from, subject: 'before', body: 'x', messageId: warm }));
    await conversationOfMail(inbox, warm);
    await t.stop();
    const ids = Array.from({ length: 20 }, (_, i) => mid(`down${i}`));
    for (const [i, id] of ids.entries())
      await inbox.append(
        mail({ from: customer().from, subject: `While down ${i}`, body: `mail ${i}`, messageId: id }),
      );
    // A reply to one of them, read in the same batch as the mail it answers, joins its conversation.
    const replyWhileDown = mid('down-reply');
    await inbox.append(
      mail({
        from: who.from,
        subject: 'Re: While down 3',
        body: 'and one more thing',
        messageId: replyWhileDown,
        inReplyTo: ids[3],
      }),
    );
    t = await t.restart();
    api = client(t.url, acme.adminToken);
    await eventually(async () => (await conversations(inbox)).length >= 21, 60_000);
    expect((await conversationOfMail(inbox, replyWhileDown)).id).toBe(
      (await conversationOfMail(inbox, ids[3])).id,
    );
    // Restarting again reads nothing twice.
    await t.stop();
    t = await t.restart();
    api = client(t.url, acme.adminToken);
    const sentinel = mid('sentinel');
    await inbox.append(mail({ from: who.from, subject: 'after restarts', body: 'x', messageId: sentinel }));
    await conversationOfMail(inbox, sentinel);
    const all = await conversations(inbox);
    expect(all.length).toBe(22);
    const externalIds = (await Promise.all(all.map((c) => messagesOf(c.id))))
      .flat()
      .filter((m) => m.direction === 'in')
      .map((m) => m.externalId);
    expect(new Set(externalIds).size).toBe(externalIds.length);
    for (const id of [...ids, replyWhileDown]) expect(externalIds).toContain(id);
  });

  it('stores awkward real-world MIME safely and keeps reading the mailbox', async () => {
    const inbox = await emailInbox({ acknowledgement: false });
    const corpus = awkwardCorpus();
    for (const c of corpus) await inbox.append(c.raw);
    const sentinel = mid('sentinel');
    await inbox.append(mail({ subject: 'sentinel', body: 'x', messageId: sentinel }));
    await conversationOfMail(inbox, sentinel);
    // Mails of one read are committed side by side: the big one may land after the sentinel.
    const convs = await eventually(async () => {
      const all = await conversations(inbox);
      return all.length >= corpus.length + 1 ? all : undefined;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await conversations(inbox)).length).toBe(corpus.length + 1);
    const bySubject = (s: string) => convs.find((c) => c.subject === s);
    const [nestedMessage] = await messagesOf(bySubject('photo of my ID').id);
    // Scripts and remote images are gone; the inline image points at the stored attachment.
    expect(nestedMessage.html).not.toContain('<script');
    expect(nestedMessage.html).not.toMatch(/\ssrc="https?:/);
    expect(nestedMessage.html).toContain('data-remote-src="http://tracker.example/p.gif"');
    // The mail exactly as it arrived is kept, apart from the customer's files.
    expect(nestedMessage.attachments.map((a: any) => a.name)).toEqual(['ci.png']);
    const original = await fetch(`${t.url}${nestedMessage.originalUrl}`, {
      headers: { authorization: `Bearer ${acme.adminToken}` },
    });
    expect(original.status).toBe(200);
    expect(await original.text()).toContain('Content-ID: <idcard@x>');
    const image = nestedMessage.attachments.find(
      (a: any) => a.sha256 === nestedMessage.inlineImages['idcard@x'],
    );
    expect(image.mime).toBe('image/png');
    expect(nestedMessage.html).toContain(`<img src="${image.url}"`);
    expect(nestedMessage.html).not.toContain('cid:');
    const download = await fetch(`${t.url}${image.url}`, {
      headers: { authorization: `Bearer ${acme.adminToken}` },
    });
    expect(download.status).toBe(200);
    const [latin] = await messagesOf(bySubject('Factura de señal').id);
    expect(latin.text).toBe('No tengo señal desde el lunes, ¿pueden revisar?');
    const [nul] = await messagesOf(bySubject('NULsubject').id);
    expect(nul.text).toBe('beforeafter');
    const [big] = await messagesOf(bySubject('big file').id);
    expect(big.attachments[0].size).toBe(3 * 1024 * 1024);
    expect((await api.get('/me')).status).toBe(200);
  });

  it('tests a mailbox’s settings and says which step failed', async () => {
    const check = async (patch: (c: any) => void) => {
      const config: any = emailConfig('INBOX');
      patch(config);
      const res = await api.post('/inboxes/test-connection', { channel: 'email', config });
      expect(res.status).toBe(200);
      expect(res.body.data.ok).toBe(res.body.data.checks.every((c: any) => c.ok));
      return res.body.data.checks as { step: string; ok: boolean; detail?: string }[];
    };
    const good = await check(() => {});
    expect(good.every((s) => s.ok)).toBe(true);
    expect(good.map((s) => s.step)).toEqual([
      'imap dns',
      'imap connect',
      'imap login',
      'imap mailbox INBOX',
      'smtp dns',
      'smtp connect',
      'smtp login',
    ]);

    const failing = (steps: { step: string; ok: boolean; detail?: string }[]) => steps.find((s) => !s.ok);
    expect(
      failing(
        await check((c) => {
          c.imap.host = 'no-such-host.invalid';
        }),
      ),
    ).toMatchObject({ step: 'imap dns' });
    expect(
      failing(
        await check((c) => {
          c.imap.password = 'wrong';
        }),
      ),
    ).toMatchObject({ step: 'imap login' });
    expect(
      failing(
        await check((c) => {
          c.imap.mailbox = 'Nope';
        }),
      ),
    ).toMatchObject({ step: 'imap mailbox Nope' });
    expect(
      failing(
        await check((c) => {
          c.imap.secure = true;
        }),
      ),
    ).toMatchObject({ step: 'imap tls' });
    expect(
      failing(
        await check((c) => {
          c.smtp.port = 1;
        }),
      ),
    ).toMatchObject({ step: 'smtp connect' });
    expect(
      failing(
        await check((c) => {
          c.smtp.password = 'wrong';
        }),
      ),
    ).toMatchObject({ step: 'smtp login' });
    const bad = await api.post('/inboxes/test-connection', { channel: 'email', config: { imap: {} } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_config');
  });
});
