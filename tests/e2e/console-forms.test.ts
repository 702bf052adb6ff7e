// The 109 "Recarga de bolsillo" form filled inside a conversation, in a real Chromium (issue 18, item 5): an
// agent opens a conversation of a contact whose Fijacom number and CI the hub knows, picks the form (those
// answers come pre-filled), and the console's evaluator refuses a 6-digit number and 201 Bs as they type;
// answering that the requester is not the holder brings up the requester's name, CI and relationship, and
// saving without the relationship is refused beside it. The observation preview reads as the procedure
// asks. The form changed by an admin meanwhile (at most 100 Bs) is the hub's refusal, shown beside the
// amount. Saved: the response shows in the conversation and on the contact, and the form clears. The same
// in Arabic, right to left, without overflowing 1280 px. Screenshots: /tmp/forms-*.png.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { consolePage, launchChromium, logInConsole, shotOnFailure } from './helpers.ts';

let t: TestHub;
let account: SeededAccount;
let admin: ReturnType<typeof client>;
let browser: Browser;
let page: Page | undefined;
let agentEmail: string;
let formId: string;
let seededForm: any;
const conversations = { en: '', ar: '' };
const contacts = { en: '', ar: '' };
const pageErrors: string[] = [];
const shot = (p: Page, name: string) => p.screenshot({ path: `/tmp/forms-${name}.png`, fullPage: true });

/** The form's definition as PUT /forms/:id takes it, with the amount's ceiling changed. */
const withMax = (max: number) => ({
  name: seededForm.name,
  description: seededForm.description,
  observation: seededForm.observation,
  locale: seededForm.locale,
  active: true,
  fields: seededForm.fields.map((f: any) => (f.key === 'monto' ? { ...f, max } : f)),
});

async function conversationOf(
  inbox: { id: string; token: string },
  who: string,
  name: string,
  agentId: string,
) {
  const r = await incoming(t.url, inbox, {
    externalId: `msg-${who}`,
    contact: { externalId: who, name },
    text: 'Quiero recargar mi Fijacom',
  });
  expect(r.status).toBe(201);
  const id: string = r.body.data.conversation.id;
  expect((await admin.post(`/conversations/${id}/assign`, { assigneeId: agentId })).status).toBe(200);
  return { id, contactId: String(r.body.data.conversation.contactId) };
}

beforeAll(async () => {
  t = await startTestHub();
  account = await seedAccount(t, 'Fijacom');
  admin = client(t.url, account.adminToken);
  const agent = await account.user('agent', 'Rosa Quispe');
  agentEmail = agent.user.email;
  const forms = (await admin.get('/forms')).body.data;
  seededForm = forms.find((f: { key: string }) => f.key === 'recarga-109');
  formId = seededForm.id;
  const inbox = await account.apiInbox();
  const en = await conversationOf(inbox, 'juan', 'Juan Pérez Mamani', String(agent.user.id));
  const ar = await conversationOf(inbox, 'carla', 'Carla Rojas', String(agent.user.id));
  conversations.en = en.id;
  contacts.en = en.contactId;
  conversations.ar = ar.id;
  contacts.ar = ar.contactId;
  // What the hub already knows of Juan: his Fijacom line and his carnet.
  const patched = await admin.patch(`/contacts/${en.contactId}`, {
    attributes: { serviceNumber: '4123456', nationalId: '4567890' },
  });
  expect(patched.status).toBe(200);
  browser = await launchChromium();
});
shotOnFailure('console-forms', () => page);
afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await t?.destroy();
});

const field = (p: Page, key: string) => p.locator(`.forms-panel [data-field=${key}]`);
const input = (p: Page, key: string) => p.locator(`.forms-panel [name=${key}]`);
const errorOf = (p: Page, key: string) => p.locator(`.forms-panel [data-error-for=${key}]`);

async function openForm(p: Page, conversationId: string) {
  await p.goto(`${t.url}/conversations/${conversationId}`);
  await p.locator('.forms-panel select[name=form]').waitFor();
  await p.locator('.forms-panel select[name=form]').selectOption(formId);
  await p.locator('.forms-panel form[data-form=recarga-109]').waitFor();
}

describe('the 109 form in a conversation', () => {
  it('checks the answers as the agent types, demands the relationship, saves, and shows the response', async () => {
    page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, agentEmail);
    await openForm(p, conversations.en);
    // Pre-filled from the contact: the Fijacom number, the holder's name and CI.
    expect(await input(p, 'numero_fijacom').inputValue()).toBe('4123456');
    expect(await input(p, 'titular_nombre').inputValue()).toBe('Juan Pérez Mamani');
    expect(await input(p, 'titular_ci').inputValue()).toBe('4567890');
    await p.locator('.forms-prefilled').waitFor();
    expect(await field(p, 'numero_fijacom').locator('label').textContent()).toContain('Fijacom number');

    // A 6-digit number: refused once the agent leaves the field.
    await input(p, 'numero_fijacom').fill('412345');
    await input(p, 'numero_fijacom').press('Tab');
    await expect.poll(() => errorOf(p, 'numero_fijacom').textContent()).toContain('exactly 7 digits');
    expect(await errorOf(p, 'numero_fijacom').getAttribute('data-code')).toBe('wrong_digits');
    expect(await errorOf(p, 'numero_fijacom').getAttribute('data-source')).toBe('console');
    await input(p, 'numero_fijacom').fill('4123456');
    await expect.poll(() => errorOf(p, 'numero_fijacom').count()).toBe(0);

    // 201 Bs: refused as it is typed.
    await input(p, 'monto').fill('201');
    await expect.poll(() => errorOf(p, 'monto').textContent()).toBe('Must be at most 200 Bs.');
    await input(p, 'monto').fill('150');
    await expect.poll(() => errorOf(p, 'monto').count()).toBe(0);

    // The requester's fields appear only when the requester is not the holder.
    expect(await field(p, 'parentesco').count()).toBe(0);
    await field(p, 'es_titular').locator('input[value=no]').check();
    await field(p, 'parentesco').waitFor();
    expect(await field(p, 'solicitante_nombre').count()).toBe(1);
    expect(await field(p, 'solicitante_ci').count()).toBe(1);
    expect(await field(p, 'parentesco_detalle').count()).toBe(0);
    await input(p, 'solicitante_nombre').fill('Ana Pérez Rojas');
    await input(p, 'solicitante_ci').fill('7654321 lp');
    // Saving without the relationship: demanded beside it, nothing stored.
    await p.locator('.forms-panel button[type=submit]').click();
    await expect.poll(() => errorOf(p, 'parentesco').getAttribute('data-code')).toBe('required');
    expect(await errorOf(p, 'parentesco').textContent()).toBe('This answer is required.');
    expect(await p.locator('.forms-notice.bad').textContent()).toContain('Correct the marked answers');
    expect((await admin.get(`/conversations/${conversations.en}/form-responses`)).body.data).toEqual([]);

    await input(p, 'parentesco').selectOption('conyuge');
    await expect.poll(() => errorOf(p, 'parentesco').count()).toBe(0);
    const preview = p.locator('.forms-observation output');
    await expect
      .poll(() => preview.textContent())
      .toBe(
        'Recarga de bolsillo de 150.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890). ' +
          'Solicita: Ana Pérez Rojas, CI 7654321 LP, parentesco: Cónyuge.',
      );
    await shot(p, 'en-filled');

    // Meanwhile an admin lowers the ceiling to 100 Bs: the console's copy still takes 150, the hub refuses
    // it, beside the amount.
    expect((await admin.raw('PUT', `/forms/${formId}`, withMax(100))).status).toBe(200);
    try {
      await p.locator('.forms-panel button[type=submit]').click();
      await expect.poll(() => errorOf(p, 'monto').getAttribute('data-source')).toBe('hub');
      expect(await errorOf(p, 'monto').textContent()).toBe('Must be at most 100 Bs.');
      expect(await p.locator('.forms-notice.bad').textContent()).toContain('The hub refused');
      expect((await admin.get(`/conversations/${conversations.en}/form-responses`)).body.data).toEqual([]);
      await input(p, 'monto').fill('100');
      await expect.poll(() => errorOf(p, 'monto').count()).toBe(0);
      await p.locator('.forms-panel button[type=submit]').click();
      await expect.poll(() => p.locator('.forms-panel .forms-responses li').count()).toBe(1);
    } finally {
      expect((await admin.raw('PUT', `/forms/${formId}`, withMax(200))).status).toBe(200);
    }
    const observation =
      'Recarga de bolsillo de 100.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890). ' +
      'Solicita: Ana Pérez Rojas, CI 7654321 LP, parentesco: Cónyuge.';
    // Saved: listed in the section with who, and the form clears.
    const saved = p.locator('.forms-panel .forms-responses li');
    expect(await saved.locator('.forms-observation-text').textContent()).toBe(observation);
    expect(await saved.locator('.forms-by').textContent()).toContain('Rosa Quispe');
    expect(await p.locator('.forms-panel select[name=form]').inputValue()).toBe('');
    expect(await p.locator('.forms-panel form').count()).toBe(0);
    expect(await p.locator('.forms-notice').textContent()).toBe('Form saved.');
    // On the contact, too.
    const onContact = p.locator('.contact-panel .contact-forms .forms-responses li');
    await expect.poll(() => onContact.count()).toBe(1);
    expect(await onContact.locator('strong').textContent()).toBe('109 Fijacom top-up — pocket top-up');
    expect(await onContact.locator('.forms-observation-text').textContent()).toBe(observation);
    // What the hub stored: the answers as read, the hidden detail left out.
    const stored = (await admin.get(`/contacts/${contacts.en}/form-responses`)).body.data;
    expect(stored).toHaveLength(1);
    expect(stored[0].answers).toEqual({
      numero_fijacom: '4123456',
      titular_nombre: 'Juan Pérez Mamani',
      titular_ci: '4567890',
      es_titular: false,
      solicitante_nombre: 'Ana Pérez Rojas',
      solicitante_ci: '7654321 LP',
      parentesco: 'conyuge',
      monto: 100,
    });
    expect(stored[0].observation).toBe(observation);
    await shot(p, 'en-saved');
  });

  it('in Arabic: right to left, the same refusals in Arabic, saved, within 1280 px', async () => {
    page = await consolePage(browser, {
      locale: 'ar',
      viewport: { width: 1280, height: 900 },
      errors: pageErrors,
    });
    const p = page;
    await logInConsole(p, t.url, agentEmail);
    await openForm(p, conversations.ar);
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await p.locator('.forms-panel h3').textContent()).toBe('النماذج');
    expect(await field(p, 'numero_fijacom').locator('label').textContent()).toContain('رقم فيجاكوم');
    // Nothing to pre-fill from Carla's contact but her name.
    expect(await input(p, 'numero_fijacom').inputValue()).toBe('');
    await input(p, 'numero_fijacom').fill('412345');
    await input(p, 'numero_fijacom').press('Tab');
    await expect.poll(() => errorOf(p, 'numero_fijacom').textContent()).toContain('أرقام بالضبط');
    await input(p, 'numero_fijacom').fill('4987654');
    await input(p, 'titular_nombre').fill('Carla Rojas Flores');
    await input(p, 'titular_ci').fill('6543210-1A CB');
    await input(p, 'monto').fill('201');
    await expect.poll(() => errorOf(p, 'monto').textContent()).toBe('يجب ألا يزيد عن 200 بوليفيانو.');
    await input(p, 'monto').fill('50,5');
    await expect.poll(() => errorOf(p, 'monto').count()).toBe(0);
    // Not the holder: the relationship is demanded, in Arabic.
    await field(p, 'es_titular').locator('input[value=no]').check();
    await p.locator('.forms-panel button[type=submit]').click();
    await expect.poll(() => errorOf(p, 'parentesco').textContent()).toBe('هذه الإجابة مطلوبة.');
    // The holder herself, after all: the requester's fields go away.
    await field(p, 'es_titular').locator('input[value=yes]').check();
    await expect.poll(() => field(p, 'parentesco').count()).toBe(0);
    const observation =
      'Recarga de bolsillo de 50.50 Bs a la línea Fijacom 4987654, titular Carla Rojas Flores (CI 6543210-1A CB). ' +
      'Solicita el titular.';
    await expect.poll(() => p.locator('.forms-observation output').textContent()).toBe(observation);
    await shot(p, 'ar-filled');
    // Nothing spills out sideways: not the page, not the side panel.
    const overflow = await p.evaluate(() => {
      const side = document.querySelector('.side') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth,
        side: side.scrollWidth - side.clientWidth,
        fields: [...document.querySelectorAll('.forms-panel .forms-field')].filter((el) => {
          const r = el.getBoundingClientRect();
          const s = side.getBoundingClientRect();
          return r.left < s.left - 1 || r.right > s.right + 1;
        }).length,
      };
    });
    expect(overflow).toEqual({ page: 1280, side: 0, fields: 0 });
    await p.locator('.forms-panel button[type=submit]').click();
    const saved = p.locator('.forms-panel .forms-responses li');
    await expect.poll(() => saved.count()).toBe(1);
    expect(await saved.locator('.forms-observation-text').textContent()).toBe(observation);
    expect(await p.locator('.forms-notice').textContent()).toBe('تم حفظ النموذج.');
    const onContact = p.locator('.contact-panel .contact-forms .forms-responses li');
    await expect.poll(() => onContact.count()).toBe(1);
    expect(await onContact.locator('strong').textContent()).toBe('109 شحن فيجاكوم — شحن الرصيد');
    const stored = (await admin.get(`/contacts/${contacts.ar}/form-responses`)).body.data;
    expect(stored.map((r: { observation: string }) => r.observation)).toEqual([observation]);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot(p, 'ar-saved');
  });

  it('QA reads the responses in the conversation and on the contact, and is offered no form to fill', async () => {
    const qa = await account.user('qa', 'Quinn Calidad');
    page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    const p = page;
    const refused: string[] = [];
    p.on('response', (r) => {
      if (r.url().includes('form') && r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
    });
    await logInConsole(p, t.url, qa.user.email);
    await p.goto(`${t.url}/conversations/${conversations.en}`);
    const inSection = p.locator('.forms-panel .forms-responses li');
    await expect.poll(() => inSection.count()).toBe(1);
    await expect.poll(() => p.locator('.contact-panel .contact-forms .forms-responses li').count()).toBe(1);
    expect(await inSection.locator('.forms-observation-text').textContent()).toContain(
      'parentesco: Cónyuge.',
    );
    expect(await p.locator('.forms-panel select[name=form]').count()).toBe(0);
    expect(refused).toEqual([]);
  });

  it('a supervisor lists the responses from the Reports page and exports the 109 form as CSV', async () => {
    const supervisor = await account.user('supervisor', 'Sara Vargas');
    page = await consolePage(browser, { locale: 'en-US', errors: pageErrors });
    const p = page;
    await logInConsole(p, t.url, supervisor.user.email);
    await p.goto(`${t.url}/reports`);
    await p.locator('.reports .side-nav a[href="/reports/form-responses"]').click();
    await p.locator('main.form-responses-page').waitFor();
    const rows = p.locator('.form-responses-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first: Carla's, then Juan's, each with its agent and observation.
    const texts = await rows.allInnerTexts();
    expect(texts[0]).toContain('Solicita el titular.');
    expect(texts[1]).toContain('parentesco: Cónyuge.');
    expect(texts.every((x) => x.includes('Rosa Quispe'))).toBe(true);
    const exportButton = p.getByRole('button', { name: 'Export CSV' });
    expect(await exportButton.isDisabled()).toBe(true);
    await p.locator('select[name=formId]').selectOption(formId);
    const [download] = await Promise.all([p.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe('formulario-recarga-109.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(csv).toContain('4987654');
    expect(csv).toContain('Ana Pérez Rojas');
    await shot(p, 'responses');
  });
});
