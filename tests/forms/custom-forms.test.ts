// An account's own procedure forms over REST, on the real database: an admin defines one with a field that
// appears only when another answer asks for it and a computed observation, an agent fills it through the
// conversation's route; a definition the floor could not fill is refused with its code; editing bumps the
// version while earlier responses keep theirs (and the export keeps their columns); an inactive form is
// not offered to agents nor filled; only admins and supervisors define forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '#shared/api.schema.ts';
import {
  type ApiResponse,
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acct: SeededAccount;
let admin: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let agent: ReturnType<typeof client>;
let conversation: string;
let formId: string;

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

const visit = {
  key: 'visita-tecnica',
  name: { es: 'Visita técnica', en: 'Technician visit' },
  fields: [
    {
      key: 'servicio',
      type: 'choice',
      label: { es: 'Servicio' },
      options: [
        { value: 'internet', label: { es: 'Internet', en: 'Internet', ar: 'إنترنت' } },
        { value: 'tv', label: { es: 'Televisión', en: 'TV', ar: 'تلفزيون' } },
      ],
    },
    { key: 'paga', type: 'yes_no', label: { es: '¿Visita pagada?' } },
    {
      key: 'costo',
      type: 'amount',
      label: { es: 'Costo (Bs)' },
      min: 1,
      max: 500,
      showIf: { field: 'paga', equals: true },
    },
    { key: 'fecha', type: 'date', label: { es: 'Fecha' } },
    { key: 'contacto', type: 'phone', label: { es: 'Teléfono de referencia' }, required: false },
  ],
  observation:
    'Visita de {{servicio}} el {{fecha}}{{#if paga}}, costo {{costo}} Bs{{else}}, sin costo{{/if}}.' +
    '{{#if contacto}} Referencia {{contacto}}.{{/if}}',
};

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Custom forms');
  admin = client(t.url, acct.adminToken);
  supervisor = client(t.url, (await acct.user('supervisor', 'Sara')).token);
  agent = client(t.url, (await acct.user('agent', 'Ana')).token);
  const inbox = await acct.apiInbox();
  const res = await incoming(t.url, inbox, {
    externalId: 'm-1',
    contact: { externalId: 'c-1', name: 'Cliente' },
    text: 'Necesito una visita',
  });
  conversation = res.body.data.conversation.id;
});
afterAll(() => t?.destroy());

describe('defining a form', () => {
  it('lets an admin define one with a conditional field, and the agent is offered it', async () => {
    const res = await admin.post('/forms', visit);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    formId = res.body.data.id;
    expect(res.body.data).toMatchObject({ key: 'visita-tecnica', version: 1, active: true, locale: 'es' });
    const offered = (await agent.get('/forms')).body.data.map((f: any) => f.key);
    expect(offered).toEqual(expect.arrayContaining(['recarga-109', 'visita-tecnica']));
    expect((await agent.get(`/forms/${formId}`)).body.data.fields).toHaveLength(5);
  });

  it('refuses a bad definition with the code of what is wrong', async () => {
    const withFields = (fields: unknown[], more: Record<string, unknown> = {}) =>
      admin.post('/forms', { key: 'bad', name: { es: 'Mala' }, fields, ...more });
    const text = (key: string, more: Record<string, unknown> = {}) => ({
      key,
      type: 'text',
      label: { es: key },
      ...more,
    });
    expectError(await withFields([text('a'), text('a')]), 400, 'form_duplicate_key');
    expectError(
      await withFields([text('a', { showIf: { field: 'ghost', equals: 'x' } })]),
      400,
      'form_unknown_field',
    );
    expectError(
      await withFields([text('a', { pattern: { regex: '([0-9]', reason: { es: 'dígitos' } } })]),
      400,
      'form_invalid_pattern',
    );
    expectError(await withFields([text('a')], { observation: 'Para {{b}}' }), 400, 'form_unknown_field');
    expectError(
      await withFields([text('a')], { observation: '{{#if a}}sin cerrar' }),
      400,
      'form_bad_template',
    );
    expectError(await withFields([{ key: 'a', type: 'choice', label: { es: 'a' } }]), 400, 'form_bad_rule');
    expectError(
      await withFields([{ key: 'a', type: 'colour', label: { es: 'a' } }]),
      400,
      'validation_failed',
    );
    expectError(await withFields([]), 400, 'validation_failed');
    // A key the account already uses.
    expectError(await admin.post('/forms', visit), 409, 'conflict');
    expect((await admin.get('/forms')).body.data.map((f: any) => f.key)).not.toContain('bad');
  });

  it('is for admins and supervisors only', async () => {
    expectError(await agent.post('/forms', { ...visit, key: 'by-agent' }), 403, 'forbidden');
    expectError(await agent.raw('PUT', `/forms/${formId}`, visit), 403, 'forbidden');
    const bySupervisor = await supervisor.post('/forms', { ...visit, key: 'by-supervisor' });
    expect(bySupervisor.status).toBe(201);
  });
});

describe('filling it', () => {
  it('asks for the conditional field only when the answer that shows it is given', async () => {
    const base = { servicio: 'tv', fecha: '2026-12-10' };
    const paid = await agent.post(`/conversations/${conversation}/form-responses`, {
      formId,
      answers: { ...base, paga: true },
    });
    expectError(paid, 400, 'invalid_answers');
    expect(paid.body.error.fields.map((f: any) => [f.field, f.code])).toEqual([['costo', 'required']]);
    const ok = await agent.post(`/conversations/${conversation}/form-responses`, {
      formId,
      answers: { ...base, paga: 'sí', costo: '120,5', contacto: '71234567' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.data.answers).toEqual({
      servicio: 'tv',
      paga: true,
      costo: 120.5,
      fecha: '2026-12-10',
      contacto: '+59171234567',
    });
    expect(ok.body.data.observation).toBe(
      'Visita de Televisión el 2026-12-10, costo 120.50 Bs. Referencia +59171234567.',
    );
    const free = await agent.post(`/conversations/${conversation}/form-responses`, {
      formId,
      answers: { ...base, paga: false, costo: '999' },
    });
    expect(free.status, JSON.stringify(free.body)).toBe(201);
    expect(free.body.data.answers).not.toHaveProperty('costo');
    expect(free.body.data.observation).toBe('Visita de Televisión el 2026-12-10, sin costo.');
  });

  it('refuses a body that is not answers, and a form of no one', async () => {
    expectError(
      await agent.post(`/conversations/${conversation}/form-responses`, {
        formId,
        answers: { paga: { x: 1 } },
      }),
      400,
      'validation_failed',
    );
    expectError(
      await agent.post(`/conversations/${conversation}/form-responses`, { formId: '999999', answers: {} }),
      404,
      'not_found',
    );
  });
});

describe('editing it', () => {
  it('bumps the version; earlier responses keep theirs and the export keeps their columns', async () => {
    const edited = {
      ...visit,
      fields: [
        ...visit.fields.filter((f) => f.key !== 'contacto'),
        { key: 'tecnico', type: 'text', label: { es: 'Técnico' } },
      ],
      observation: 'Visita de {{servicio}} el {{fecha}} con {{tecnico}}.',
    };
    delete (edited as { key?: string }).key;
    const res = await admin.raw<any>('PUT', `/forms/${formId}`, edited);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.version).toBe(2);
    const now = await agent.post(`/conversations/${conversation}/form-responses`, {
      formId,
      answers: { servicio: 'internet', paga: false, fecha: '2026-12-11', tecnico: 'Pedro' },
    });
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    expect(now.body.data).toMatchObject({
      formVersion: 2,
      observation: 'Visita de Internet el 2026-12-11 con Pedro.',
    });
    const versions = (await admin.get(`/conversations/${conversation}/form-responses`)).body.data.map(
      (r: any) => r.formVersion,
    );
    expect(versions).toEqual([2, 1, 1]);
    const csv = await (
      await fetch(`${t.url}/api/v1/form-responses/export?formId=${formId}`, {
        headers: { authorization: `Bearer ${acct.adminToken}` },
      })
    ).text();
    expect(csv.replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
      'response,servicio,paga,costo,fecha,tecnico,contacto,observation,agent,date,conversation,contact',
    );
  });

  it('takes a deactivated form away from agents and refuses new responses to it', async () => {
    const res = await admin.raw<any>('PUT', `/forms/${formId}`, { ...visit, key: undefined, active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await agent.get('/forms')).body.data.map((f: any) => f.key)).not.toContain('visita-tecnica');
    expect((await admin.get('/forms?active=false')).body.data.map((f: any) => f.key)).toEqual([
      'visita-tecnica',
    ]);
    expectError(
      await agent.post(`/conversations/${conversation}/form-responses`, {
        formId,
        answers: { servicio: 'tv', paga: false, fecha: '2026-12-12' },
      }),
      409,
      'invalid_state',
    );
  });
});
