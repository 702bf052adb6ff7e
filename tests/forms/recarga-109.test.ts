// The 109 top-up (seed 000) as the floor records it over REST, on the real database: every account finds the
// "Recarga de bolsillo" form among its forms; an agent fills it inside a conversation; the amount above
// 200 Bs, 0 Bs and a 6-digit Fijacom number are refused per field with es/en/ar messages and nothing is
// stored; the requester's relationship is demanded only when they are not the holder; the stored answers
// and observation show on the conversation (and its timeline), on the contact, in the supervisors' list and
// in the CSV export; an agent cannot fill it where they may not see, QA cannot fill it at all.
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
let rosa: ReturnType<typeof client>;
let rosaId: string;
let luis: ReturnType<typeof client>;
let qa: ReturnType<typeof client>;
let formId: string;
let conversation: string;
let contact: string;
let hidden: string;

const holder = {
  numero_fijacom: '4123456',
  titular_nombre: 'Juan Pérez Mamani',
  titular_ci: '4567890',
  es_titular: true,
  monto: '200',
};
const relative = {
  ...holder,
  monto: '30',
  es_titular: false,
  solicitante_nombre: 'Ana Pérez Rojas',
  solicitante_ci: '7654321 LP',
  parentesco: 'conyuge',
};

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

const fill = (api: ReturnType<typeof client>, conv: string, answers: Record<string, unknown>) =>
  api.post(`/conversations/${conv}/form-responses`, { formId, answers });

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Fijacom');
  admin = client(t.url, acct.adminToken);
  const r = await acct.user('agent', 'Rosa');
  rosa = client(t.url, r.token);
  rosaId = String(r.user.id);
  const l = await acct.user('agent', 'Luis');
  luis = client(t.url, l.token);
  qa = client(t.url, (await acct.user('qa', 'Quality')).token);
  const inbox = await acct.apiInbox();
  const first = await incoming(t.url, inbox, {
    externalId: 'call-1',
    contact: { externalId: 'juan', name: 'Juan Pérez' },
    text: 'Quiero recargar mi Fijacom',
  });
  conversation = first.body.data.conversation.id;
  contact = first.body.data.conversation.contactId;
  // Rosa works the first; Luis holds the second, which Rosa may not see.
  expect((await admin.post(`/conversations/${conversation}/assign`, { assigneeId: rosaId })).status).toBe(
    200,
  );
  const second = await incoming(t.url, inbox, {
    externalId: 'call-2',
    contact: { externalId: 'other', name: 'Otra persona' },
    text: 'hola',
  });
  hidden = second.body.data.conversation.id;
  expect(
    (await admin.post(`/conversations/${hidden}/assign`, { assigneeId: String(l.user.id) })).status,
  ).toBe(200);
});
afterAll(() => t?.destroy());

describe('the seeded form', () => {
  it('is among every account’s forms, once, with the seed’s Spanish wording', async () => {
    const list = await rosa.get('/forms');
    expect(list.status).toBe(200);
    const forms = list.body.data.filter((f: any) => f.key === 'recarga-109');
    expect(forms).toHaveLength(1);
    formId = forms[0].id;
    expect(forms[0]).toMatchObject({ active: true, version: 1, locale: 'es' });
    expect(forms[0].name.es).toContain('Recarga de bolsillo');
    expect(forms[0].description.es).toContain('hasta 200 Bs. por 14000 Mb');
    expect(forms[0].fields.map((f: any) => f.key)).toEqual([
      'numero_fijacom',
      'titular_nombre',
      'titular_ci',
      'es_titular',
      'solicitante_nombre',
      'solicitante_ci',
      'parentesco',
      'parentesco_detalle',
      'monto',
    ]);
    // Asked again (another tab, another node): still one.
    expect((await admin.get('/forms')).body.data.filter((f: any) => f.key === 'recarga-109')).toHaveLength(1);
    // Another account has its own.
    const other = await seedAccount(t, 'Other operator');
    const theirs = (await client(t.url, other.adminToken).get('/forms')).body.data;
    expect(theirs.map((f: any) => f.key)).toEqual(['recarga-109']);
    expect(theirs[0].id).not.toBe(formId);
  });
});

describe('filling it in a conversation', () => {
  it('refuses 201 Bs, 0 Bs and a 6-digit number, per field, storing nothing', async () => {
    const over = await fill(rosa, conversation, { ...holder, monto: '201' });
    expectError(over, 400, 'invalid_answers');
    expect(over.body.error.fields).toEqual([
      {
        field: 'monto',
        code: 'too_large',
        message: {
          es: 'Debe ser como máximo 200 Bs.',
          en: 'Must be at most 200 Bs.',
          ar: 'يجب ألا يزيد عن 200 بوليفيانو.',
        },
      },
    ]);
    const zero = await fill(rosa, conversation, { ...holder, monto: 0 });
    expectError(zero, 400, 'invalid_answers');
    expect(zero.body.error.fields.map((f: any) => [f.field, f.code])).toEqual([['monto', 'too_small']]);
    const short = await fill(rosa, conversation, { ...holder, numero_fijacom: '412345' });
    expectError(short, 400, 'invalid_answers');
    expect(short.body.error.fields.map((f: any) => [f.field, f.code])).toEqual([
      ['numero_fijacom', 'wrong_digits'],
    ]);
    expect((await rosa.get(`/conversations/${conversation}/form-responses`)).body.data).toEqual([]);
  });

  it('takes 200 Bs from the holder, without the requester’s fields, and composes the observation', async () => {
    const res = await fill(rosa, conversation, {
      ...holder,
      parentesco: 'hijo',
      solicitante_nombre: 'ignored',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      formId,
      formKey: 'recarga-109',
      formVersion: 1,
      conversationId: conversation,
      contactId: contact,
      userId: rosaId,
      userName: 'Rosa',
      answers: {
        numero_fijacom: '4123456',
        titular_nombre: 'Juan Pérez Mamani',
        titular_ci: '4567890',
        es_titular: true,
        monto: 200,
      },
      observation:
        'Recarga de bolsillo de 200.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890). Solicita el titular.',
    });
    expect(Object.keys(res.body.data.answers)).not.toContain('parentesco');
    expect(Object.keys(res.body.data.answers)).not.toContain('solicitante_nombre');
  });

  it('demands the relationship when the requester is not the holder, and records it in the observation', async () => {
    const missing = await fill(rosa, conversation, { ...relative, parentesco: null });
    expectError(missing, 400, 'invalid_answers');
    expect(missing.body.error.fields.map((f: any) => [f.field, f.code])).toEqual([
      ['parentesco', 'required'],
    ]);
    const res = await fill(rosa, conversation, relative);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.answers).toMatchObject({ parentesco: 'conyuge', solicitante_ci: '7654321 LP' });
    expect(res.body.data.observation).toBe(
      'Recarga de bolsillo de 30.00 Bs a la línea Fijacom 4123456, titular Juan Pérez Mamani (CI 4567890). ' +
        'Solicita: Ana Pérez Rojas, CI 7654321 LP, parentesco: Cónyuge.',
    );
  });

  it('shows each response on the conversation’s timeline with who filled it', async () => {
    const events = (await admin.get(`/conversations/${conversation}/events`)).body.data.filter(
      (e: any) => e.type === 'form.submitted',
    );
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actorType: 'user',
      actorId: rosaId,
      data: { formId, formKey: 'recarga-109', formVersion: 1 },
    });
    expect(events[1].data.observation).toContain('parentesco: Cónyuge');
  });

  it('refuses an agent on a conversation they may not see (404), and QA altogether (403)', async () => {
    expectError(await fill(rosa, hidden, holder), 404, 'not_found');
    expectError(await fill(qa, conversation, holder), 403, 'forbidden');
    // Luis, who holds it, may.
    expect((await fill(luis, hidden, { ...holder, monto: '10' })).status).toBe(201);
    expect((await admin.get(`/conversations/${hidden}/form-responses`)).body.data).toHaveLength(1);
    expectError(await rosa.get(`/conversations/${hidden}/form-responses`), 404, 'not_found');
  });
});

describe('where responses show', () => {
  it('on the contact, newest first', async () => {
    const res = await rosa.get(`/contacts/${contact}/form-responses`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => r.answers.monto)).toEqual([30, 200]);
    // Luis's customer's response is not this contact's.
    expect(res.body.data.every((r: any) => r.contactId === contact)).toBe(true);
  });

  it('in the list for supervisors, admins and QA, by form, agent and period; not for agents', async () => {
    const all = await qa.get(`/form-responses?formId=${formId}`);
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(3);
    const byRosa = await admin.get(`/form-responses?agent=${rosaId}`);
    expect(byRosa.body.data.map((r: any) => r.userName)).toEqual(['Rosa', 'Rosa']);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/form-responses?from=${today}&to=${today}`)).body.data).toHaveLength(3);
    expect((await admin.get('/form-responses?to=2020-01-01')).body.data).toHaveLength(0);
    const paged = await admin.get('/form-responses?limit=2');
    expect(paged.body.data).toHaveLength(2);
    const rest = await admin.get(`/form-responses?limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expectError(await rosa.get('/form-responses'), 403, 'forbidden');
    expectError(await admin.get('/form-responses?from=yesterday'), 400, 'validation_failed');
  });

  it('in the CSV export: a column per field in the definition’s order, then observation, agent and date', async () => {
    const res = await fetch(`${t.url}/api/v1/form-responses/export?formId=${formId}&agent=${rosaId}`, {
      headers: { authorization: `Bearer ${acct.adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'response,numero_fijacom,titular_nombre,titular_ci,es_titular,solicitante_nombre,solicitante_ci,parentesco,' +
        'parentesco_detalle,monto,observation,agent,date,conversation,contact',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      ',4123456,Juan Pérez Mamani,4567890,No,Ana Pérez Rojas,7654321 LP,Cónyuge,,30.00,',
    );
    expect(lines[1]).toContain(',Rosa,');
    expect(lines[2]).toContain(',Sí,,,,,200.00,');
    expect(lines[2]).toMatch(/,Rosa,\d{4}-\d{2}-\d{2}T/);
    const noForm = await fetch(`${t.url}/api/v1/form-responses/export`, {
      headers: { authorization: `Bearer ${acct.adminToken}` },
    });
    expect(noForm.status).toBe(400);
  });
});
