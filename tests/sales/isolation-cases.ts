// The sales desk's cases for tests/server/isolation.test.ts: account A's admin finds none of B's
// campaigns, imports, portfolio entries or sales — not listed, not readable, not workable (404) — and
// campaign names are per account.
import { expect } from 'vitest';
import { saleDocuments } from '#server/db/sales-schema.ts';
import { client, eventually, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';

export type SalesOfB = {
  campaign: string;
  importId: string;
  entry: string;
  sale: string;
  freeEntry: string;
  document: string;
};
type World = { t: TestHub; A: SeededAccount; B: SeededAccount; b: SalesOfB };
type B = SalesOfB;

const B_NAME = 'B secret campaign';
const B_HOOK = 'https://b.example/sales-hook';

/** B's campaign with two customers: one sold by B's agent, one waiting (made before B's snapshot). */
export async function seedSalesOfB(t: TestHub, B: SeededAccount): Promise<SalesOfB> {
  const api = client(t.url, B.adminToken);
  expect((await api.raw('PUT', '/sales-webhook', { url: B_HOOK })).status).toBe(200);
  const campaign = (await api.post('/campaigns', { name: B_NAME, products: ['DUO PACK'] })).body.data.id;
  const form = new FormData();
  form.append('file', new Blob(['Nombre,CI\nBea Secreta,7000001\nBob Secreto,7000002\n']), 'b.csv');
  const res = await fetch(`${t.url}/api/v1/campaigns/${campaign}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${B.adminToken}` },
    body: form,
  });
  const importId = ((await res.json()) as { data: { id: string } }).data.id;
  await eventually(async () => (await api.get(`/portfolio-imports/${importId}`)).body.data.status === 'done');
  const agent = client(t.url, (await B.user('agent', 'B seller')).token);
  const entry = (await agent.post(`/campaigns/${campaign}/next`)).body.data.id;
  await agent.post(`/portfolio-entries/${entry}/checks`, {
    impediment: null,
    technology: 'fibre',
    capacity: true,
  });
  const sold = await agent.post(`/portfolio-entries/${entry}/outcome`, {
    outcome: 'accepted',
    product: 'DUO PACK',
  });
  expect(sold.status).toBe(200);
  const freeEntry = (await api.get(`/campaigns/${campaign}/entries?status=pending`)).body.data[0].id;
  // A file in B's sale (as if the customer had sent it: the WhatsApp path is tests/sales/documents.test.ts).
  const upload = new FormData();
  upload.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'carta-b.pdf');
  const file = (await (
    await fetch(`${t.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${B.adminToken}` },
      body: upload,
    })
  ).json()) as { data: { id: string } };
  const [doc] = await t.hub.ctx.db
    .insert(saleDocuments)
    .values({
      accountId: B.accountId,
      saleId: Number(sold.body.sale.id),
      slot: 'letter',
      attachmentId: Number(file.data.id),
    })
    .returning();
  return { campaign, importId, entry, sale: sold.body.sale.id, freeEntry, document: String(doc.id) };
}

export function salesIsolationCases(world: () => World): { route: string; run: () => Promise<void> }[] {
  const bWorld = async () => world().b;
  const a = () => client(world().t.url, world().A.adminToken);
  const notFound = async (method: 'GET' | 'POST' | 'PATCH', path: (b: B) => string, body?: unknown) => {
    const b = await bWorld();
    const res = await a().raw<any>(method, path(b), method === 'GET' ? undefined : (body ?? {}));
    expect({ status: res.status, code: res.body?.error?.code }, `${method} ${path(b)}`).toEqual({
      status: 404,
      code: 'not_found',
    });
  };
  return [
    {
      route: 'GET /campaigns',
      run: async () => {
        await bWorld();
        const res = await a().get('/campaigns');
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(B_NAME);
      },
    },
    {
      route: 'POST /campaigns',
      run: async () => {
        await bWorld();
        // B's campaign name is free in A.
        expect((await a().post('/campaigns', { name: B_NAME })).status).toBe(201);
      },
    },
    { route: 'GET /campaigns/{id}', run: () => notFound('GET', (b) => `/campaigns/${b.campaign}`) },
    {
      route: 'PATCH /campaigns/{id}',
      run: () => notFound('PATCH', (b) => `/campaigns/${b.campaign}`, { status: 'closed' }),
    },
    {
      route: 'POST /campaigns/{id}/imports',
      run: async () => {
        const b = await bWorld();
        const form = new FormData();
        form.append('file', new Blob(['Nombre,CI\nIntruso,9000001\n']), 'a.csv');
        const res = await fetch(`${world().t.url}/api/v1/campaigns/${b.campaign}/imports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${world().A.adminToken}` },
          body: form,
        });
        expect(res.status).toBe(404);
        const entries = await client(world().t.url, world().B.adminToken).get(
          `/campaigns/${b.campaign}/entries`,
        );
        expect(JSON.stringify(entries.body)).not.toContain('Intruso');
      },
    },
    {
      route: 'GET /campaigns/{id}/imports',
      run: () => notFound('GET', (b) => `/campaigns/${b.campaign}/imports`),
    },
    {
      route: 'GET /portfolio-imports/{id}',
      run: () => notFound('GET', (b) => `/portfolio-imports/${b.importId}`),
    },
    {
      route: 'GET /campaigns/{id}/entries',
      run: () => notFound('GET', (b) => `/campaigns/${b.campaign}/entries`),
    },
    {
      route: 'POST /campaigns/{id}/next',
      run: () => notFound('POST', (b) => `/campaigns/${b.campaign}/next`),
    },
    {
      route: 'GET /portfolio-entries/{id}',
      run: () => notFound('GET', (b) => `/portfolio-entries/${b.entry}`),
    },
    {
      route: 'POST /portfolio-entries/{id}/checks',
      run: () =>
        notFound('POST', (b) => `/portfolio-entries/${b.freeEntry}/checks`, {
          impediment: null,
          technology: 'copper',
          capacity: true,
        }),
    },
    {
      route: 'POST /portfolio-entries/{id}/outcome',
      run: () =>
        notFound('POST', (b) => `/portfolio-entries/${b.freeEntry}/outcome`, { outcome: 'no_answer' }),
    },
    {
      route: 'POST /portfolio-entries/{id}/release',
      run: () => notFound('POST', (b) => `/portfolio-entries/${b.freeEntry}/release`),
    },
    {
      route: 'GET /sales',
      run: async () => {
        const b = await bWorld();
        const res = await a().get('/sales');
        expect(res.status).toBe(200);
        expect(res.body.data.map((s: { id: string }) => s.id)).not.toContain(b.sale);
        const filtered = await a().get(`/sales?campaignId=${b.campaign}`);
        expect(filtered.body.data).toEqual([]);
      },
    },
    { route: 'GET /sales/{id}', run: () => notFound('GET', (b) => `/sales/${b.sale}`) },
    { route: 'GET /sales/{id}/pack', run: () => notFound('GET', (b) => `/sales/${b.sale}/pack`) },
    { route: 'POST /sales/{id}/approve', run: () => notFound('POST', (b) => `/sales/${b.sale}/approve`) },
    {
      route: 'POST /sales/{id}/return',
      run: () => notFound('POST', (b) => `/sales/${b.sale}/return`, { reasons: ['from A'] }),
    },
    { route: 'POST /sales/{id}/installed', run: () => notFound('POST', (b) => `/sales/${b.sale}/installed`) },
    {
      route: 'GET /sales-export',
      run: async () => {
        const res = await fetch(`${world().t.url}/api/v1/sales-export`, {
          headers: { authorization: `Bearer ${world().A.adminToken}` },
        });
        expect(res.status).toBe(200);
        const csv = await res.text();
        expect(csv).not.toContain('Bea Secreta');
        expect(csv.trim().split('\r\n')).toHaveLength(1);
      },
    },
    {
      route: 'GET /sales-webhook',
      run: async () => {
        const res = await a().get('/sales-webhook');
        expect(res.body.data.url).not.toBe(B_HOOK);
      },
    },
    {
      route: 'PUT /sales-webhook',
      run: async () => {
        const set = await a().raw<any>('PUT', '/sales-webhook', { url: 'https://a.example/hook' });
        expect(set.status).toBe(200);
        try {
          const b = await client(world().t.url, world().B.adminToken).get('/sales-webhook');
          expect(b.body.data.url).toBe(B_HOOK);
        } finally {
          await a().raw('PUT', '/sales-webhook', { url: null });
        }
      },
    },
    {
      route: 'POST /sales/{id}/request-documents',
      run: () => notFound('POST', (b) => `/sales/${b.sale}/request-documents`),
    },
    {
      route: 'GET /sales/{id}/documents/{documentId}/file',
      run: () => notFound('GET', (b) => `/sales/${b.sale}/documents/${b.document}/file`),
    },
    {
      route: 'POST /sales/{id}/documents/{documentId}/slot',
      run: () =>
        notFound('POST', (b) => `/sales/${b.sale}/documents/${b.document}/slot`, { slot: 'ci_front' }),
    },
    {
      route: 'POST /sales/{id}/documents/review',
      run: () =>
        notFound('POST', (b) => `/sales/${b.sale}/documents/review`, {
          part: 'letter',
          answers: { signature: true },
        }),
    },
  ];
}
