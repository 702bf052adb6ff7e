// The e-mail protocol through the whole hub (real Dovecot in, real SMTP out): the request is classified
// and acknowledged with its reference, the conformity follow-up carries the web-page invitation and a
// signed survey link, the hosted survey page stores one rating with the agent, and a tampered link is
// refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mail, mid } from '#tests/channels/email/mails.ts';
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

let imap: TestDovecot;
let smtp: SmtpCapture;
let t: TestHub;
let acme: SeededAccount;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  [imap, smtp, t] = await Promise.all([startDovecot(), startSmtpCapture(), startTestHub()]);
  acme = await seedAccount(t, 'Comteco');
  api = client(t.url, acme.adminToken);
});
afterAll(async () => {
  await t?.destroy();
  await smtp?.close();
  await imap?.stop();
});

async function emailInbox(settings: Record<string, unknown>) {
  const mailbox = `Proto${Date.now()}`;
  await imap.createMailbox(mailbox);
  const res = await api.post('/inboxes', {
    name: 'Soporte',
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
      fromAddress: 'soporte@comteco.example',
      pollSeconds: 5,
    },
    settings,
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id as string, append: (raw: string) => imap.append(raw, mailbox) };
}

describe('e-mail protocol', () => {
  it('acknowledges, follows up with a signed survey link, and stores the rating from the survey page once', async () => {
    const inbox = await emailInbox({ language: 'es' });
    const agent = await acme.user('agent', 'Pedro Vargas');
    const address = `maria.${Date.now()}@customer.example`;
    const root = mid('proto');
    await inbox.append(
      mail({
        from: `María Luna <${address}>`,
        subject: 'Quiero cambiar mi plan',
        body: 'Necesito pasar al plan de 50 Mbps.',
        messageId: root,
      }),
    );
    const ack = await smtp.waitFor((m) => m.envelopeTo.includes(address));
    const conv = await eventually(
      async () => (await api.get(`/conversations?inboxId=${inbox.id}`)).body.data[0],
    );
    expect(ack.parsed.text).toContain(
      `Hemos recibido su petición y la registramos con el número de referencia [#${conv.id}]`,
    );

    await api.post(`/conversations/${conv.id}/assign`, { assigneeId: String(agent.user.id) });
    await client(t.url, agent.token).post(`/conversations/${conv.id}/messages`, {
      text: 'Listo, su plan cambia mañana.',
    });
    await smtp.waitFor(
      (m) => m.envelopeTo.includes(address) && (m.parsed.text ?? '').includes('plan cambia'),
    );
    expect((await api.post(`/conversations/${conv.id}/status`, { status: 'resolved' })).status).toBe(200);

    const followUp = await smtp.waitFor(
      (m) => m.envelopeTo.includes(address) && (m.parsed.text ?? '').includes('conforme'),
    );
    const text = followUp.parsed.text ?? '';
    expect(text).toContain(`Hemos cerrado su solicitud [#${conv.id}]`);
    expect(text).toContain('página web de Comteco');
    const link = text.match(/https?:\/\/\S+\/survey\/[\w.-]+/)?.[0];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    const page = await fetch(`${t.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Califique nuestra atención de 1 (mala) a 5 (excelente).');
    expect(html.match(/type="radio" name="rating"/g)).toHaveLength(5);

    // One changed character and the link names nothing.
    const parts = path.split('.');
    const body = parts[3];
    parts[3] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    const tampered = await fetch(`${t.url}${parts.join('.')}`);
    expect(tampered.status).toBe(404);
    expect(await tampered.text()).toContain('This survey link is not valid.');
    const forged = await fetch(`${t.url}/survey/v1.AAAA.BBBB.CCCC`, {
      method: 'POST',
      body: new URLSearchParams({ rating: '1' }),
    });
    expect(forged.status).toBe(404);

    const bad = await fetch(`${t.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams({ rating: '9' }),
    });
    expect(bad.status).toBe(400);
    const sent = await fetch(`${t.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams({ rating: '4', comment: 'Rápido y claro' }),
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('¡Gracias! Registramos su calificación.');
    const again = await fetch(`${t.url}${path}`, {
      method: 'POST',
      body: new URLSearchParams({ rating: '1' }),
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Esta conversación ya fue calificada.');

    const rated = (await api.get(`/conversations/${conv.id}`)).body.data;
    expect(rated.status).toBe('resolved');
    expect(rated.rating).toMatchObject({
      rating: 4,
      comment: 'Rápido y claro',
      agentId: String(agent.user.id),
    });

    const steps = Object.fromEntries(
      (await api.get(`/conversations/${conv.id}/protocol`)).body.data.steps.map((s: any) => [
        s.key,
        s.status,
      ]),
    );
    expect(steps).toMatchObject({
      classify: 'done',
      acknowledgement: 'done',
      advisor_identified: 'done',
      clear_information: 'done',
      follow_up: 'done',
      invite_web_page: 'done',
      survey: 'done',
      verify_request: 'pending',
    });
  });
});
