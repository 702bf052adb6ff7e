// Canned responses over REST: admins and supervisors keep them, every agent searches the ones offered
// to them (account-wide plus their teams'), a shortcut is unique per account whatever its case, and bad
// input is a 400 with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '#shared/api.schema.ts';
import {
  type ApiResponse,
  client,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
let acct: SeededAccount;
let admin: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;
let member: ReturnType<typeof client>;
let outsider: ReturnType<typeof client>;
let teamId: string;

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}
const shortcuts = (res: ApiResponse<any>) => res.body.data.map((c: { shortcut: string }) => c.shortcut);

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  admin = client(t.url, acct.adminToken);
  supervisor = client(t.url, (await acct.user('supervisor', 'Sofía')).token);
  const inTeam = await acct.user('agent', 'Rosa');
  member = client(t.url, inTeam.token);
  outsider = client(t.url, (await acct.user('agent', 'Luis')).token);
  teamId = await makeTeam(t, acct, {
    name: 'Billing',
    strategy: 'manual',
    memberIds: [String(inTeam.user.id)],
  });
});
afterAll(() => t?.destroy());

describe('canned responses', () => {
  it('lets an admin create one and returns it with its placeholders untouched', async () => {
    const res = await admin.post('/canned-responses', {
      shortcut: 'Saludo',
      title: 'Greeting',
      text: 'Hola {contact.name}, soy {agent.name}. ¿En qué puedo ayudarle?',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      shortcut: 'saludo',
      title: 'Greeting',
      text: 'Hola {contact.name}, soy {agent.name}. ¿En qué puedo ayudarle?',
      teamId: null,
    });
    expect(res.body.data.id).toMatch(/^\d+$/);
  });

  it('lets a supervisor create, change and delete', async () => {
    const made = await supervisor.post('/canned-responses', {
      shortcut: 'bye',
      title: 'Farewell',
      text: 'Chau',
    });
    expect(made.status).toBe(201);
    const changed = await supervisor.patch(`/canned-responses/${made.body.data.id}`, {
      text: 'Gracias por escribirnos, {contact.name}.',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({
      shortcut: 'bye',
      text: 'Gracias por escribirnos, {contact.name}.',
    });
    expect(changed.body.data.updatedAt >= made.body.data.updatedAt).toBe(true);
    const gone = await supervisor.raw('DELETE', `/canned-responses/${made.body.data.id}`);
    expect(gone.status).toBe(200);
    expect(shortcuts(await admin.get('/canned-responses'))).not.toContain('bye');
    expectError(await supervisor.raw('DELETE', `/canned-responses/${made.body.data.id}`), 404, 'not_found');
  });

  it('searches by shortcut or title prefix and by words in the text, shortcut matches first', async () => {
    for (const body of [
      { shortcut: 'saldo', title: 'Balance check', text: 'Puede consultar su saldo marcando *105#' },
      { shortcut: 'recarga', title: 'Top-up', text: 'Las recargas se acreditan al instante' },
      { shortcut: 'horario', title: 'Opening hours', text: 'Atendemos de 8 a 20, saludos' },
      { shortcut: 'pct_50', title: 'Half off', text: 'Descuento del 50%' },
    ]) {
      expect((await admin.post('/canned-responses', body)).status).toBe(201);
    }
    expect(shortcuts(await member.get('/canned-responses?q=sal'))).toEqual(['saldo', 'saludo', 'horario']);
    expect(shortcuts(await member.get('/canned-responses?q=saludo'))).toEqual(['saludo', 'horario']);
    expect(shortcuts(await member.get('/canned-responses?q=/SAL'))).toEqual(['saldo', 'saludo', 'horario']);
    expect(shortcuts(await member.get('/canned-responses?q=top'))).toEqual(['recarga']);
    expect(shortcuts(await member.get('/canned-responses?q=instante'))).toEqual(['recarga']);
    // LIKE wildcards in the search are literal characters.
    expect(shortcuts(await member.get('/canned-responses?q=pct_'))).toEqual(['pct_50']);
    expect(shortcuts(await member.get('/canned-responses?q=s_l'))).toEqual([]);
    expect(shortcuts(await member.get(`/canned-responses?q=${encodeURIComponent('%')}`))).toEqual(['pct_50']);
    expect(shortcuts(await member.get('/canned-responses?q=nothing-like-this'))).toEqual([]);
    const all = await member.get('/canned-responses');
    expect(all.body.nextCursor).toBeNull();
    expect(shortcuts(all)).toEqual(['horario', 'pct_50', 'recarga', 'saldo', 'saludo']);
    expect(shortcuts(await member.get('/canned-responses?limit=2'))).toEqual(['horario', 'pct_50']);
  });

  it("offers a team's responses to its members only; managers see them all", async () => {
    const made = await admin.post('/canned-responses', {
      shortcut: 'factura',
      title: 'Invoice copy',
      text: 'Le enviamos la copia de su factura',
      teamId,
    });
    expect(made.status).toBe(201);
    expect(made.body.data.teamId).toBe(teamId);
    expect(shortcuts(await member.get('/canned-responses?q=fact'))).toEqual(['factura']);
    expect(shortcuts(await outsider.get('/canned-responses?q=fact'))).toEqual([]);
    expect(shortcuts(await outsider.get('/canned-responses'))).not.toContain('factura');
    expect(shortcuts(await supervisor.get('/canned-responses?q=fact'))).toEqual(['factura']);
    // Made account-wide, everyone is offered it.
    const opened = await admin.patch(`/canned-responses/${made.body.data.id}`, { teamId: null });
    expect(opened.body.data.teamId).toBeNull();
    expect(shortcuts(await outsider.get('/canned-responses?q=fact'))).toEqual(['factura']);
  });

  it('refuses a shortcut already taken, in any case, with 409 naming it', async () => {
    const dup = await admin.post('/canned-responses', { shortcut: 'SALUDO', title: 'Again', text: 'Hola' });
    expectError(dup, 409, 'conflict');
    expect(dup.body.error.message).toContain('/saludo');
    const other = (await admin.get('/canned-responses?q=recarga')).body.data[0];
    const renamed = await admin.patch(`/canned-responses/${other.id}`, { shortcut: 'Saldo' });
    expectError(renamed, 409, 'conflict');
    // Saving a response under its own shortcut is no clash.
    expect(
      (await admin.patch(`/canned-responses/${other.id}`, { shortcut: 'recarga', title: 'Top up' })).status,
    ).toBe(200);
    expect(shortcuts(await admin.get('/canned-responses?q=saludo'))).toEqual(['saludo', 'horario']);
  });

  it('answers bad input with 400 validation_failed and stores nothing', async () => {
    const ok = { shortcut: 'valid', title: 'Valid', text: 'Valid text' };
    for (const body of [
      {},
      { ...ok, shortcut: 'two words' },
      { ...ok, shortcut: 'ñandú' },
      { ...ok, shortcut: '' },
      { ...ok, shortcut: 'x'.repeat(41) },
      { ...ok, shortcut: '/slash' },
      { ...ok, title: '   ' },
      { ...ok, text: '' },
      { ...ok, text: 42 },
      { ...ok, teamId: 'abc' },
    ]) {
      expectError(await admin.post('/canned-responses', body), 400, 'validation_failed');
    }
    const one = (await admin.get('/canned-responses?q=saldo')).body.data[0];
    expectError(await admin.patch(`/canned-responses/${one.id}`, {}), 400, 'validation_failed');
    expectError(
      await admin.patch(`/canned-responses/${one.id}`, { shortcut: 'a b' }),
      400,
      'validation_failed',
    );
    expectError(await admin.get('/canned-responses?limit=0'), 400, 'validation_failed');
    expectError(await admin.post('/canned-responses', { ...ok, teamId: '999999' }), 400, 'bad_request');
    expectError(await admin.patch('/canned-responses/999999', { title: 'x' }), 404, 'not_found');
    expect(shortcuts(await admin.get('/canned-responses?q=valid'))).toEqual([]);
  });

  it('does not let an agent create, change or delete, and needs a login to read', async () => {
    const one = (await admin.get('/canned-responses?q=saldo')).body.data[0];
    expectError(
      await member.post('/canned-responses', { shortcut: 'mine', title: 'Mine', text: 'x' }),
      403,
      'forbidden',
    );
    expectError(await member.patch(`/canned-responses/${one.id}`, { text: 'changed' }), 403, 'forbidden');
    expectError(await member.raw('DELETE', `/canned-responses/${one.id}`), 403, 'forbidden');
    expectError(await client(t.url).get('/canned-responses'), 401, 'unauthenticated');
    expect((await admin.get('/canned-responses?q=saldo')).body.data[0]).toEqual(one);
    expect(shortcuts(await admin.get('/canned-responses?q=mine'))).toEqual([]);
  });
});
