// The sales settings and registration routes' cases for tests/server/isolation.test.ts: the settings are
// the account's own (A reads and changes only A's), and A's admin cannot save, register or even find B's
// sale (404). B's seeded sale (tests/sales/isolation-cases.ts) is the target.
import { expect } from 'vitest';
import { client, type SeededAccount, type TestHub } from '#tests/helpers/hub.ts';
import type { SalesOfB } from './isolation-cases.ts';

type World = { t: TestHub; A: SeededAccount; B: SeededAccount; b: SalesOfB };

const A_GLOSS = 'a-only.separate_invoice';
const B_GLOSS = 'b-only.separate_invoice';
const gloss = (key: string) => ({
  key,
  product: 'DUO PACK',
  billing: 'separate_invoice',
  text: 'SOLO {{x}}',
});

export function salesSettingsIsolationCases(
  world: () => World,
): { route: string; run: () => Promise<void> }[] {
  const a = () => client(world().t.url, world().A.adminToken);
  const bApi = () => client(world().t.url, world().B.adminToken);
  const keysOf = (res: { body: { data: { glosses: { key: string }[] } } }) =>
    res.body.data.glosses.map((g) => g.key);
  const notFound = async (method: 'PUT' | 'POST', path: (b: SalesOfB) => string, body: unknown) => {
    const b = world().b;
    const res = await a().raw<any>(method, path(b), body);
    expect({ status: res.status, code: res.body?.error?.code }, `${method} ${path(b)}`).toEqual({
      status: 404,
      code: 'not_found',
    });
    // Nothing reached B's sale: no registration step in its history.
    const detail = await bApi().get(`/sales/${b.sale}`);
    expect(detail.body.data).toMatchObject({ status: 'awaiting_documents', crmOrder: null });
    expect(detail.body.events.map((e: { type: string }) => e.type)).not.toContain('sale.registration_saved');
  };
  return [
    {
      route: 'GET /sales-settings',
      run: async () => {
        // B's admin keeps a gloss of B's own; A's admin does not read it.
        const own = await bApi().raw<any>('PUT', '/sales-settings', { glosses: [gloss(B_GLOSS)] });
        expect(own.status, JSON.stringify(own.body)).toBe(200);
        const res = await a().get('/sales-settings');
        expect(res.status).toBe(200);
        expect(keysOf(res)).not.toContain(B_GLOSS);
        expect(JSON.stringify(res.body)).not.toContain(B_GLOSS);
      },
    },
    {
      route: 'PUT /sales-settings',
      run: async () => {
        const res = await a().raw<any>('PUT', '/sales-settings', { glosses: [gloss(A_GLOSS)] });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(keysOf(res)).toEqual([A_GLOSS]);
        expect(keysOf(await bApi().get('/sales-settings'))).not.toContain(A_GLOSS);
      },
    },
    {
      route: 'POST /sales/address-check',
      run: async () => {
        // Checked against A's format (the default), whatever B's is.
        const res = await a().post('/sales/address-check', { address: 'la paz - 2030 esquina lanza' });
        expect(res.body).toEqual({ ok: true, normalized: 'LA PAZ - 2030 ESQUINA LANZA' });
      },
    },
    {
      route: 'PUT /sales/{id}/registration',
      run: () => notFound('PUT', (b) => `/sales/${b.sale}/registration`, { crmOrder: 'A-INTRUDER' }),
    },
    {
      route: 'POST /sales/{id}/register',
      run: () => notFound('POST', (b) => `/sales/${b.sale}/register`, {}),
    },
  ];
}
