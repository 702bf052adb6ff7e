// The procedure forms' cases for tests/server/isolation.test.ts: account A's admin finds none of B's forms
// or responses — not listed, not readable, not editable, not fillable, not exported (404) — and a form A
// defines is A's alone. B's form and response are made before B's snapshot (seedFormsOfB).
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

export type FormsOfB = { form: string; recarga: string; response: string };
type World = {
  t: TestHub;
  A: SeededAccount;
  B: SeededAccount;
  b: FormsOfB;
  aConversation: string;
  bConversation: string;
  bContact: string;
};

const B_KEY = 'b-secret-form';
const B_MARK = 'Secreto de B';

/** B's own form, and a 109 top-up filled in B's conversation by B's admin. */
export async function seedFormsOfB(t: TestHub, B: SeededAccount, bConversation: string): Promise<FormsOfB> {
  const api = client(t.url, B.adminToken);
  const made = await api.post('/forms', {
    key: B_KEY,
    name: { es: B_MARK },
    fields: [{ key: 'nota', type: 'text', label: { es: 'Nota' } }],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const recarga = (await api.get('/forms')).body.data.find(
    (f: { key: string }) => f.key === 'recarga-109',
  ).id;
  const filled = await api.post(`/conversations/${bConversation}/form-responses`, {
    formId: recarga,
    answers: {
      numero_fijacom: '4999999',
      titular_nombre: B_MARK,
      titular_ci: '1234567',
      es_titular: true,
      monto: 20,
    },
  });
  expect(filled.status, JSON.stringify(filled.body)).toBe(201);
  return { form: made.body.data.id, recarga, response: filled.body.data.id };
}

export function formsIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const a = () => client(world().t.url, world().A.adminToken);
  const bApi = () => client(world().t.url, world().B.adminToken);
  const notFound = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const res = await a().raw<any>(method, path, method === 'GET' ? undefined : (body ?? {}));
    expect({ status: res.status, code: res.body?.error?.code }, `${method} ${path}`).toEqual({
      status: 404,
      code: 'not_found',
    });
  };
  /** B's form and response exactly as B made them. */
  const bIntact = async () => {
    const { b, bConversation } = world();
    const form = await bApi().get(`/forms/${b.form}`);
    expect(form.body.data).toMatchObject({ key: B_KEY, version: 1, name: { es: B_MARK } });
    const responses = (await bApi().get(`/conversations/${bConversation}/form-responses`)).body.data;
    expect(responses.map((r: { id: string }) => r.id)).toEqual([b.response]);
  };
  const aText = async (path: string) => {
    const res = await a().get(path);
    expect(res.status, path).toBe(200);
    return JSON.stringify(res.body);
  };
  const definition = { name: { es: 'De A' }, fields: [{ key: 'x', type: 'text', label: { es: 'X' } }] };
  return [
    {
      route: 'GET /forms',
      run: async () => {
        const text = await aText('/forms');
        expect(text).toContain('recarga-109');
        expect(text).not.toContain(B_MARK);
        expect(text).not.toContain(`"id":"${world().b.form}"`);
        expect(text).not.toContain(`"id":"${world().b.recarga}"`);
      },
    },
    {
      route: 'GET /forms/{id}',
      run: () => notFound('GET', `/forms/${world().b.form}`),
    },
    {
      route: 'POST /forms',
      run: async () => {
        // The same key as B's: keys are per account. The form is A's.
        const res = await a().post('/forms', {
          key: B_KEY,
          ...definition,
          accountId: String(world().B.accountId),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.data.id).not.toBe(world().b.form);
        await bIntact();
      },
    },
    {
      route: 'PUT /forms/{id}',
      run: async () => {
        await notFound('PUT', `/forms/${world().b.form}`, definition);
        await notFound('PUT', `/forms/${world().b.recarga}`, { ...definition, active: false });
        await bIntact();
      },
    },
    {
      route: 'POST /conversations/{id}/form-responses',
      run: async () => {
        const { b, aConversation, bConversation } = world();
        const aRecarga = JSON.parse(await aText('/forms')).data.find(
          (f: { key: string }) => f.key === 'recarga-109',
        ).id;
        // A's form into B's conversation; B's form into A's conversation.
        await notFound('POST', `/conversations/${bConversation}/form-responses`, {
          formId: aRecarga,
          answers: {},
        });
        await notFound('POST', `/conversations/${aConversation}/form-responses`, {
          formId: b.form,
          answers: { nota: 'intruder' },
        });
        await bIntact();
      },
    },
    {
      route: 'GET /conversations/{id}/form-responses',
      run: () => notFound('GET', `/conversations/${world().bConversation}/form-responses`),
    },
    {
      route: 'GET /contacts/{id}/form-responses',
      run: () => notFound('GET', `/contacts/${world().bContact}/form-responses`),
    },
    {
      route: 'GET /form-responses',
      run: async () => {
        expect(await aText('/form-responses')).not.toContain(B_MARK);
        const byForm = await a().get(`/form-responses?formId=${world().b.recarga}`);
        expect(byForm.body.data).toEqual([]);
      },
    },
    {
      route: 'GET /form-responses/export',
      run: () => notFound('GET', `/form-responses/export?formId=${world().b.recarga}`),
    },
  ];
}
