// The composer in a real Chromium. E-mail: the reply has the customer's copies offered as cc, its own
// subject, bold and a list from the formatting buttons (and a preview), a file attached with its upload
// shown — and the mail a real SMTP server receives carries all of it. Chat: a reply written while the
// browser is offline waits in the timeline and is delivered once, by itself, when the network returns;
// a pasted image is uploaded and sent. Screenshots land in tests/.tmp/e2e/console-composer-*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { type SmtpCapture, startSmtpCapture } from '#tests/helpers/smtp-capture.ts';
import { mail, mid } from '../channels/email/mails.ts';
import { consolePage, launchChromium, logInConsole, shots } from './helpers.ts';

let t: TestHub;
let imap: TestDovecot;
let smtp: SmtpCapture;
let account: SeededAccount;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let agentId: string;
const agentEmail = 'lucia.composer@example.test';
const pageErrors: string[] = [];

beforeAll(async () => {
  [t, imap, smtp] = await Promise.all([startTestHub(), startDovecot(), startSmtpCapture()]);
  account = await seedAccount(t);
  const admin = client(t.url, account.adminToken);
  const agent = await admin.post('/users', {
    name: 'Lucía Mamani',
    email: agentEmail,
    password: 'correct horse battery',
    role: 'agent',
  });
  expect(agent.status).toBe(201);
  agentId = agent.body.data.id;
  browser = await launchChromium();
  page = await consolePage(browser, {
    viewport: { width: 1280, height: 860 },
    locale: 'es-BO',
    errors: pageErrors,
  });
  context = page.context();
  await logInConsole(page, t.url, agentEmail);
});
afterAll(async () => {
  await browser?.close();
  await t?.destroy();
  await smtp?.close();
  await imap?.stop();
});

async function openConversation(id: string) {
  await page.goto(`${t.url}/conversations/${id}`);
  await page.locator('.composer textarea').waitFor();
}

describe('console composer', () => {
  it('writes an e-mail reply with subject, cc, formatting and an attachment, and the mail carries them', async () => {
    await imap.createMailbox('Composer');
    const admin = client(t.url, account.adminToken);
    const inbox = await admin.post('/inboxes', {
      name: 'Ventas correo',
      channel: 'email',
      config: {
        imap: {
          host: imap.host,
          port: imap.port,
          secure: false,
          user: imap.user,
          password: imap.password,
          mailbox: 'Composer',
        },
        smtp: { host: smtp.host, port: smtp.port, secure: false, user: smtp.user, password: smtp.password },
        fromAddress: 'ventas@acme.example',
        pollSeconds: 5,
      },
      settings: { acknowledgement: false },
    });
    expect(inbox.status).toBe(201);
    const root = mid('composer');
    await imap.append(
      mail({
        from: 'Carla Rojas <carla@cliente.example>',
        to: 'ventas@acme.example',
        subject: 'Quiero el plan Pro',
        body: 'Buenas tardes, quiero contratar el plan Pro.',
        messageId: root,
        headers: { Cc: 'Esposo <marco@cliente.example>, ventas@acme.example' },
      }),
      'Composer',
    );
    const conv = await eventually(async () => {
      const list = (await admin.get(`/conversations?inboxId=${inbox.body.data.id}`)).body.data;
      return list[0];
    });
    expect((await admin.post(`/conversations/${conv.id}/assign`, { assigneeId: agentId })).status).toBe(200);
    await openConversation(conv.id);

    // The customer's copies are offered (not our own address), the subject defaults to the thread's.
    const cc = page.getByLabel('CC', { exact: true });
    await expect.poll(() => cc.inputValue(), { timeout: 15_000 }).toBe('marco@cliente.example');
    expect(await page.getByLabel('Asunto').getAttribute('placeholder')).toBe('Quiero el plan Pro');
    await page.getByLabel('Asunto').fill('Contrato del plan Pro');
    await cc.fill('marco@cliente.example, no-es-correo');
    await expect.poll(() => page.locator('.composer [role=alert]').textContent()).toContain('no-es-correo');
    expect(await page.locator('.composer button[type=submit]').isDisabled()).toBe(true);
    await cc.fill('marco@cliente.example');

    const box = page.locator('.composer textarea');
    await box.fill('Estimada Carla, necesitamos:\nsu CI\nla carta firmada');
    // Select "Carla" and make it bold; select the two last lines and make them a list.
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(9, 14));
    await page.getByRole('button', { name: 'Negrita (Ctrl+B)' }).click();
    await box.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('su CI');
      el.setSelectionRange(at, el.value.length);
    });
    await page.getByRole('button', { name: 'Lista con viñetas' }).click();
    expect(await box.inputValue()).toBe('Estimada **Carla**, necesitamos:\n- su CI\n- la carta firmada');
    await page.getByRole('button', { name: 'Vista previa' }).click();
    const preview = page.locator('.mail-preview');
    expect(await preview.innerHTML()).toContain('<strong>Carla</strong>');
    expect(await preview.locator('li').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'console-composer-email-preview.png') });
    await page.getByRole('button', { name: 'Editar', exact: true }).click();

    await page.locator('.composer input[type=file]').setInputFiles({
      name: 'requisitos.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
    });
    await page.locator('.uploads li[data-state="done"]').waitFor();
    await page.locator('.composer textarea').press('Control+Enter');

    const sent = await smtp.waitFor((m) => m.envelopeTo.includes('carla@cliente.example'));
    expect(sent.parsed.subject).toBe(`Re: Contrato del plan Pro [#${conv.id}]`);
    expect(JSON.stringify(sent.parsed.headers.get('cc'))).toContain('marco@cliente.example');
    expect(sent.parsed.html).toContain('<strong>Carla</strong>');
    expect(sent.parsed.html).toContain('<li>la carta firmada</li>');
    expect(sent.parsed.attachments.map((a) => a.filename)).toEqual(['requisitos.pdf']);
    // The timeline shows the mail's subject and copies and the formatted text; the composer is clear.
    const mine = page.locator('.msg.out').last();
    await expect
      .poll(() => mine.locator('.mail-head').textContent(), { timeout: 15_000 })
      .toContain('Contrato del plan Pro');
    expect(await mine.locator('.mail-head').textContent()).toContain('marco@cliente.example');
    expect(await mine.locator('.text.formatted strong').textContent()).toBe('Carla');
    expect(await mine.locator('a', { hasText: 'requisitos.pdf' }).count()).toBe(1);
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 15_000 }).toBe('sent');
    expect(await page.locator('.composer textarea').inputValue()).toBe('');
    expect(await page.getByLabel('Asunto').inputValue()).toBe('');
    await page.screenshot({ path: join(shots, 'console-composer-email-sent.png') });
  });

  it('keeps a reply written offline in the timeline and delivers it once when the network returns', async () => {
    const inbox = await account.apiInbox();
    const first = await incoming(t.url, inbox, {
      externalId: 'offline-1',
      contact: { externalId: 'pablo', name: 'Pablo Choque' },
      text: 'Hola, ¿mi recarga?',
    });
    const convId = first.body.data.conversation.id;
    const admin = client(t.url, account.adminToken);
    expect((await admin.post(`/conversations/${convId}/assign`, { assigneeId: agentId })).status).toBe(200);
    await openConversation(convId);

    await context.setOffline(true);
    await page.locator('.composer textarea').fill('Su recarga ya fue acreditada.');
    await page.locator('.composer textarea').press('Enter');
    const waiting = page.locator('.msg.pending');
    await waiting.waitFor();
    expect(await waiting.getAttribute('data-status')).toBe('waiting');
    expect(await waiting.textContent()).toContain('Esperando la conexión');
    expect(await page.locator('.composer [role=status]').textContent()).toContain('Sin conexión');
    expect(await page.locator('.composer textarea').inputValue()).toBe('');
    await page.screenshot({ path: join(shots, 'console-composer-offline.png') });
    // Nothing reached the hub meanwhile.
    const texts = async () =>
      ((await admin.get(`/conversations/${convId}/messages`)).body.data as { text: string | null }[])
        .map((m) => m.text)
        .filter((x) => x === 'Su recarga ya fue acreditada.');
    expect(await texts()).toHaveLength(0);

    await context.setOffline(false);
    await eventually(async () => (await texts()).length === 1, 30_000);
    await page.locator('.msg.out:not(.pending)', { hasText: 'Su recarga ya fue acreditada.' }).waitFor();
    await expect.poll(() => page.locator('.msg.pending').count()).toBe(0);
    // Sent once, even with every flush trigger having fired.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await texts()).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('hub.outbox'))).toBe('[]');

    // A pasted screenshot becomes an attachment of the next reply.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.locator('.composer textarea').focus();
    await page.evaluate((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'captura.png', { type: 'image/png' }));
      document
        .querySelector('.composer textarea')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    await page.locator('.uploads li[data-state="done"]').waitFor();
    await page.locator('.composer textarea').fill('Aquí la captura');
    await page.locator('.composer textarea').press('Enter');
    const withImage = await eventually(async () =>
      ((await admin.get(`/conversations/${convId}/messages`)).body.data as any[]).find(
        (m) => m.text === 'Aquí la captura',
      ),
    );
    expect(withImage.attachments.map((a: { name: string }) => a.name)).toEqual(['captura.png']);
    expect(pageErrors).toEqual([]);
  });
});
