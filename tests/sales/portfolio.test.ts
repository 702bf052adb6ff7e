// The sales desk's portfolio over REST, on the real database: a supervisor makes a campaign and imports a
// 5,000-row file with bad rows (progress pushed over the agent socket, every refused line listed with its
// reason, existing contacts matched, a re-import adding nothing); advisors then take one customer at a
// time, record the two checks and the call's outcome — a failed check skips, no answer comes back later,
// a callback returns to the same advisor when due, an acceptance opens a sale — each step in the audit
// trail, and no advisor reads another's entries or sales.
import { eq, sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portfolioEntries } from '#server/db/sales-schema.ts';
import { contacts } from '#server/db/schema.ts';
import { errorBody } from '#shared/api.schema.ts';
import type { PortfolioImportProgress } from '#shared/sales.schema.ts';
import { advanceClock, settleQueue } from '#tests/helpers/clock.ts';
import {
  type ApiResponse,
  client,
  eventually,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acct: SeededAccount;
let supervisor: ReturnType<typeof client>;
let supervisorToken: string;
let supervisorId: number;
let rosa: ReturnType<typeof client>;
let rosaId: string;
let rosaToken: string;
let luisId: string;
let luis: ReturnType<typeof client>;
let officer: ReturnType<typeof client>;
let campaignId: string;
const sockets: Socket[] = [];

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}

async function upload(token: string, path: string, name: string, bytes: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${t.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

// Line numbers as a spreadsheet shows them: the header is line 1, row i (0-based) is line i + 2.
const ROWS = 5000;
const bad = new Map<number, string>([
  [10, 'missing_name'],
  [250, 'bad_phone'],
  [1999, 'no_identifier'],
  [3000, 'bad_service_number'],
  [4998, 'duplicate_in_file'],
]);
function portfolioCsv(): string {
  const lines = ['Nombre;CI;Celular;Nro servicio;Dirección;Zona'];
  for (let i = 0; i < ROWS; i++) {
    const ci = String(4_000_000 + i);
    const phone = `7${String(1_000_000 + i).padStart(7, '0')}`;
    const sn = String(4_400_000 + i);
    let row = [`Cliente ${i}`, ci, phone, sn, `LA PAZ - ${1000 + i} ENTRE LANZA Y ANTEZANA`, `Zona ${i % 7}`];
    switch (bad.get(i + 2)) {
      case 'missing_name':
        row[0] = '';
        break;
      case 'bad_phone':
        row[2] = '12';
        break;
      case 'no_identifier':
        row = [row[0], '', '', '', row[4], row[5]];
        break;
      case 'bad_service_number':
        row[3] = '12345';
        break;
      case 'duplicate_in_file':
        row[1] = String(4_000_000 + 7);
        break;
    }
    lines.push(row.join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t, 'Bluecom');
  const sup = await acct.user('supervisor', 'Sara');
  supervisorToken = sup.token;
  supervisorId = sup.user.id;
  supervisor = client(t.url, sup.token);
  const r = await acct.user('agent', 'Rosa');
  rosaToken = r.token;
  rosa = client(t.url, r.token);
  rosaId = String(r.user.id);
  const l = await acct.user('agent', 'Luis');
  luis = client(t.url, l.token);
  luisId = String(l.user.id);
  officer = client(t.url, (await acct.user('back_office', 'Vera')).token);
  // Two customers the hub already knows: one by CI (from a chat), one by phone (from WhatsApp).
  await t.hub.ctx.db.insert(contacts).values([
    { accountId: acct.accountId, name: 'Known by CI', attributes: { nationalId: '4000003' } },
    { accountId: acct.accountId, name: 'Known by phone', phone: '+59171000004' },
  ]);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.destroy();
});

describe('campaigns', () => {
  it('a supervisor creates one; names are unique; agents and the officer cannot create', async () => {
    const made = await supervisor.post('/campaigns', {
      name: 'Internet para fijos',
      products: ['INTERNET FTTH-GPON', 'DUO PACK'],
      promotions: ['Instalación gratis'],
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data).toMatchObject({
      name: 'Internet para fijos',
      status: 'active',
      maxAttempts: 3,
      entries: {},
    });
    campaignId = made.body.data.id;
    expectError(await supervisor.post('/campaigns', { name: 'internet PARA fijos' }), 409, 'conflict');
    expectError(
      await supervisor.post('/campaigns', { name: 'X', startsOn: '2026-12-31', endsOn: '2026-12-01' }),
      400,
      'validation_failed',
    );
    expectError(await rosa.post('/campaigns', { name: 'Mine' }), 403, 'forbidden');
    expectError(await officer.post('/campaigns', { name: 'Mine' }), 403, 'forbidden');
    expect((await rosa.get('/campaigns')).body.data.map((c: any) => c.id)).toEqual([campaignId]);
  });
});

describe('portfolio import', () => {
  let importId: string;

  it('5,000 rows with bad ones: progress pushed, refused lines listed with reasons, contacts matched', async () => {
    const socket = connect(`${t.url}/agent`, { auth: { token: supervisorToken }, transports: ['websocket'] });
    sockets.push(socket);
    const progress: PortfolioImportProgress[] = [];
    socket.on('portfolio:import', (p) => progress.push(p));
    await new Promise<void>((resolve) => socket.once('hello', () => resolve()));

    const res = await upload(
      supervisorToken,
      `/campaigns/${campaignId}/imports`,
      'cartera.csv',
      portfolioCsv(),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    importId = res.body.data.id;
    expect(res.body.data.total).toBe(ROWS - bad.size);
    expect(res.body.data.refused.map((r: any) => [r.line, r.code])).toEqual([...bad.entries()]);
    for (const r of res.body.data.refused) expect(r.message.length).toBeGreaterThan(5);

    const done = await eventually(async () => {
      const r = await supervisor.get(`/portfolio-imports/${importId}`);
      return r.body.data.status === 'done' && r.body.data;
    }, 60_000);
    expect(done).toMatchObject({
      processed: ROWS - bad.size,
      added: ROWS - bad.size,
      alreadyThere: 0,
      matchedContacts: 2,
    });
    // The pushed progress climbs to the end, and its last word is the finished import.
    await eventually(async () => progress.at(-1)?.status === 'done');
    const steps = progress.map((p) => p.processed);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ processed: ROWS - bad.size, refusedCount: bad.size });

    // The known customers were matched, not duplicated; the rest became contacts with their CI.
    const db = t.hub.ctx.db;
    const byCi = await db
      .select()
      .from(contacts)
      .where(sql`${contacts.attributes} ->> 'nationalId' = '4000003'`);
    expect(byCi.map((c) => c.name)).toEqual(['Known by CI']);
    expect(
      (await db.select().from(contacts).where(eq(contacts.phone, '+59171000004'))).map((c) => c.name),
    ).toEqual(['Known by phone']);
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(contacts)
      .where(eq(contacts.accountId, acct.accountId));
    // 4,995 entries: 2 found among the 2 known contacts, 4,993 new ones.
    expect(Number(n)).toBe(2 + (ROWS - bad.size - 2));
    const campaign = (await supervisor.get(`/campaigns/${campaignId}`)).body.data;
    expect(campaign.entries).toEqual({ pending: ROWS - bad.size });
  }, 120_000);

  it('re-importing the same file adds nothing', async () => {
    const res = await upload(
      supervisorToken,
      `/campaigns/${campaignId}/imports`,
      'cartera.csv',
      portfolioCsv(),
    );
    expect(res.status).toBe(202);
    const done = await eventually(async () => {
      const r = await supervisor.get(`/portfolio-imports/${res.body.data.id}`);
      return r.body.data.status === 'done' && r.body.data;
    }, 60_000);
    expect(done).toMatchObject({ added: 0, alreadyThere: ROWS - bad.size });
    const [{ n }] = await t.hub.ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(portfolioEntries)
      .where(eq(portfolioEntries.campaignId, Number(campaignId)));
    expect(Number(n)).toBe(ROWS - bad.size);
    const list = (await supervisor.get(`/campaigns/${campaignId}/imports`)).body.data;
    expect(list.map((i: any) => i.id)).toEqual([res.body.data.id, importId]);
  }, 120_000);

  it('a file the hub cannot use is a 400 and stores nothing; advisors may not import', async () => {
    const before = (await supervisor.get(`/campaigns/${campaignId}/imports`)).body.data.length;
    expectError(
      (await upload(
        supervisorToken,
        `/campaigns/${campaignId}/imports`,
        'x.csv',
        'Color;Tamaño\nrojo;grande\n',
      )) as any,
      400,
      'validation_failed',
    );
    expectError(
      (await upload(supervisorToken, `/campaigns/${campaignId}/imports`, 'x.csv', '')) as any,
      400,
      'validation_failed',
    );
    expect((await supervisor.get(`/campaigns/${campaignId}/imports`)).body.data.length).toBe(before);
    const rosaUpload = await fetch(`${t.url}/api/v1/campaigns/${campaignId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await acct.user('agent')).token}` },
      body: new FormData(),
    });
    expect(rosaUpload.status).toBe(403);
  });
});

describe('working the portfolio', () => {
  it('next customer: one at a time, in portfolio order, never the same to two advisors', async () => {
    const first = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(first).toMatchObject({
      name: 'Cliente 0',
      status: 'in_progress',
      advisorId: rosaId,
      sourceLine: 2,
    });
    // Asking again gives the one she holds, not a second.
    expect((await rosa.post(`/campaigns/${campaignId}/next`)).body.data.id).toBe(first.id);
    // Two advisors asking at the same moment get different customers.
    const [a, b] = await Promise.all([
      luis.post(`/campaigns/${campaignId}/next`),
      supervisor.post(`/campaigns/${campaignId}/next`),
    ]);
    expect(new Set([first.id, a.body.data.id, b.body.data.id]).size).toBe(3);
    await supervisor.post(`/portfolio-entries/${b.body.data.id}/release`);
  });

  it('a failed check skips the customer with the reason; the call needs both checks first', async () => {
    const entry = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expectError(
      await rosa.post(`/portfolio-entries/${entry.id}/outcome`, { outcome: 'declined', reason: 'x' }),
      409,
      'invalid_state',
    );
    const skipped = await rosa.post(`/portfolio-entries/${entry.id}/checks`, {
      impediment: null,
      technology: 'fibre',
      capacity: false,
    });
    expect(skipped.body.data).toMatchObject({
      status: 'skipped',
      capacity: false,
      outcomeReason: 'no technical capacity on fibre',
    });
    const next = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(next.id).not.toBe(entry.id);
    const imp = await rosa.post(`/portfolio-entries/${next.id}/checks`, {
      impediment: 'Deuda pendiente',
      technology: 'copper',
      capacity: true,
    });
    expect(imp.body.data).toMatchObject({ status: 'skipped', impediment: 'Deuda pendiente' });
    expectError(
      await rosa.post(`/portfolio-entries/${next.id}/checks`, {
        impediment: null,
        technology: 'fibre',
        capacity: true,
      }),
      409,
      'invalid_state',
    );
    expectError(
      await rosa.post(`/portfolio-entries/${next.id}/checks`, {
        impediment: null,
        technology: 'radio',
        capacity: true,
      }),
      400,
      'validation_failed',
    );
  });

  it('no answer comes back after a rest, and is closed as unreached after the attempts', async () => {
    const entry = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    await luis.post(`/portfolio-entries/${entry.id}/checks`, {
      impediment: null,
      technology: 'copper',
      capacity: true,
    });
    const r = await luis.post(`/portfolio-entries/${entry.id}/outcome`, { outcome: 'no_answer' });
    expect(r.body.data).toMatchObject({ status: 'pending', attempts: 1, outcome: 'no_answer' });
    expect(r.body.sale).toBeNull();
    // Not offered again before its time: Luis gets a fresh customer, then the rested one later.
    const fresh = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(fresh.id).not.toBe(entry.id);
    await luis.post(`/portfolio-entries/${fresh.id}/release`);
    await advanceClock(t, 61 * 60_000);
    // Fewest attempts first: the rested entry (1 attempt) waits behind the untouched ones.
    const again = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(again.attempts).toBe(0);
    await luis.post(`/portfolio-entries/${again.id}/release`);
    // In a campaign of one customer and two attempts, the rested entry comes back and closes.
    const small = (await supervisor.post('/campaigns', { name: 'Recontacto', maxAttempts: 2 })).body.data;
    const up = await upload(
      supervisorToken,
      `/campaigns/${small.id}/imports`,
      'uno.csv',
      'Nombre,CI\nAna Paz,5123456 LP\n',
    );
    expect(up.body.data).toMatchObject({ total: 1, refused: [] });
    await eventually(
      async () => (await supervisor.get(`/portfolio-imports/${up.body.data.id}`)).body.data.status === 'done',
    );
    const only = (await luis.post(`/campaigns/${small.id}/next`)).body.data;
    expect(only).toMatchObject({ name: 'Ana Paz', nationalId: '5123456 LP' });
    await luis.post(`/portfolio-entries/${only.id}/checks`, {
      impediment: null,
      technology: 'copper',
      capacity: true,
    });
    await luis.post(`/portfolio-entries/${only.id}/outcome`, { outcome: 'no_answer' });
    expect((await luis.post(`/campaigns/${small.id}/next`)).body.data).toBeNull();
    await advanceClock(t, 61 * 60_000);
    const back = (await luis.post(`/campaigns/${small.id}/next`)).body.data;
    expect(back).toMatchObject({ id: only.id, attempts: 1, technology: 'copper', capacity: true });
    const closed = await luis.post(`/portfolio-entries/${only.id}/outcome`, { outcome: 'no_answer' });
    expect(closed.body.data).toMatchObject({ status: 'unreached', attempts: 2 });
    expect((await luis.post(`/campaigns/${small.id}/next`)).body.data).toBeNull();
  });

  it('a callback returns to the same advisor when it is due, before any other customer', async () => {
    const entry = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    await rosa.post(`/portfolio-entries/${entry.id}/checks`, {
      impediment: null,
      technology: 'fibre',
      capacity: true,
    });
    const now = t.hub.ctx.clock.now().getTime();
    expectError(
      await rosa.post(`/portfolio-entries/${entry.id}/outcome`, {
        outcome: 'callback',
        callbackAt: new Date(now - 1000).toISOString(),
      }),
      400,
      'validation_failed',
    );
    const at = new Date(now + 2 * 3600_000).toISOString();
    const cb = await rosa.post(`/portfolio-entries/${entry.id}/outcome`, {
      outcome: 'callback',
      callbackAt: at,
    });
    expect(cb.body.data).toMatchObject({ status: 'callback', callbackAt: at });
    const other = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(other.id).not.toBe(entry.id);
    await rosa.post(`/portfolio-entries/${other.id}/release`);
    // When it comes due, Rosa hears of it wherever she is in the console (the queue's clock, no sleeping).
    const socket = connect(`${t.url}/agent`, { auth: { token: rosaToken }, transports: ['websocket'] });
    sockets.push(socket);
    const notices: Record<string, unknown>[] = [];
    socket.on('notice', (n) => notices.push(n));
    await new Promise<void>((resolve) => socket.once('hello', () => resolve()));
    await advanceClock(t, 3600_000);
    await settleQueue(t);
    expect(notices).toEqual([]);
    await advanceClock(t, 3600_000 + 1000);
    await settleQueue(t);
    await eventually(async () => notices.length === 1);
    expect(notices[0]).toEqual({
      type: 'sale.callback_due',
      campaignId,
      entryId: entry.id,
      customerName: entry.name,
      dueAt: at,
    });
    const trail = (await supervisor.get(`/portfolio-entries/${entry.id}`)).body.events;
    expect(trail.at(-1)).toMatchObject({
      type: 'entry.callback_due',
      actorId: null,
      data: { callbackAt: at },
    });
    // Luis never gets Rosa's callback; Rosa gets it first.
    const luisNext = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(luisNext.id).not.toBe(entry.id);
    await luis.post(`/portfolio-entries/${luisNext.id}/release`);
    expect((await rosa.post(`/campaigns/${campaignId}/next`)).body.data).toMatchObject({
      id: entry.id,
      status: 'in_progress',
    });
  });

  it('accepted opens a sale for an offered product, with the whole trail of who did what', async () => {
    const held = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expectError(
      await rosa.post(`/portfolio-entries/${held.id}/outcome`, {
        outcome: 'accepted',
        product: 'TELEVISION DTH',
      }),
      400,
      'validation_failed',
    );
    const r = await rosa.post(`/portfolio-entries/${held.id}/outcome`, {
      outcome: 'accepted',
      product: 'internet ftth-gpon',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ status: 'accepted', outcome: 'accepted', saleId: r.body.sale.id });
    expect(r.body.sale).toMatchObject({ status: 'awaiting_documents', advisorId: rosaId, entryId: held.id });
    const detail = (await rosa.get(`/sales/${r.body.sale.id}`)).body;
    // Others took and handed back this customer on the way (released); what was done to it is Rosa's.
    const steps = detail.events.filter((e: any) => !['entry.taken', 'entry.released'].includes(e.type));
    expect(steps.map((e: any) => [e.type, e.actorId])).toEqual([
      ['entry.imported', String(supervisorId)],
      ['entry.checked', rosaId],
      ['entry.called', rosaId],
      // The callback came due (the hub's step: no one's).
      ['entry.callback_due', null],
      ['entry.called', rosaId],
      ['sale.opened', rosaId],
      // This campaign names no WhatsApp or e-mail inbox: the documents could not be asked for.
      ['sale.documents_not_requested', rosaId],
    ]);
    expect(steps.map((e: any) => e.data.outcome ?? null)).toEqual([
      null,
      null,
      'callback',
      null,
      'accepted',
      null,
      null,
    ]);
    expect(r.body.documents).toEqual({
      sent: false,
      code: 'no_documents_inbox',
      reason: 'the campaign has no WhatsApp or e-mail inbox for documents',
    });
    expect(detail.events.filter((e: any) => e.type === 'entry.taken').at(-1).actorId).toBe(rosaId);
    // Another advisor sees neither the sale nor the entry; the officer sees no sale before hand-over.
    expectError(await luis.get(`/sales/${r.body.sale.id}`), 404, 'not_found');
    expectError(await luis.get(`/portfolio-entries/${held.id}`), 404, 'not_found');
    expect((await luis.get('/sales')).body.data).toEqual([]);
    expect((await rosa.get('/sales')).body.data.map((s: any) => s.id)).toEqual([r.body.sale.id]);
    expect((await officer.get('/sales')).body.data).toEqual([]);
    expect((await supervisor.get('/sales')).body.data.map((s: any) => s.id)).toEqual([r.body.sale.id]);
    // Declined closes with the reason.
    const next = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    await rosa.post(`/portfolio-entries/${next.id}/checks`, {
      impediment: null,
      technology: 'copper',
      capacity: true,
    });
    const d = await rosa.post(`/portfolio-entries/${next.id}/outcome`, {
      outcome: 'declined',
      reason: 'Ya tiene Internet',
    });
    expect(d.body.data).toMatchObject({ status: 'declined', outcomeReason: 'Ya tiene Internet' });
    const mine = (await rosa.get(`/campaigns/${campaignId}/entries`)).body.data;
    expect(mine.every((e: any) => e.advisorId === rosaId)).toBe(true);
    expect(mine.map((e: any) => e.status).sort()).toEqual(['accepted', 'declined', 'skipped', 'skipped']);
  });

  it('a customer taken and left untouched for 12 hours waits again, for anyone', async () => {
    const left = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    await advanceClock(t, 11 * 3600_000);
    // Still Luis's: Rosa is offered someone else.
    const meanwhile = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(meanwhile.id).not.toBe(left.id);
    await rosa.post(`/portfolio-entries/${meanwhile.id}/release`);
    await advanceClock(t, 3600_000 + 1000);
    const taken = (await rosa.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(taken).toMatchObject({ id: left.id, status: 'in_progress', advisorId: rosaId });
    const trail = (await supervisor.get(`/portfolio-entries/${left.id}`)).body.events;
    expect(trail.at(-1)).toMatchObject({
      type: 'entry.taken',
      actorId: rosaId,
      data: { from: 'in_progress', heldBy: luisId },
    });
    // Luis's next customer is a new one, not the one he left.
    const luisNext = (await luis.post(`/campaigns/${campaignId}/next`)).body.data;
    expect(luisNext.id).not.toBe(left.id);
    await luis.post(`/portfolio-entries/${luisNext.id}/release`);
    await rosa.post(`/portfolio-entries/${left.id}/release`);
  });

  it('a paused campaign offers no next customer', async () => {
    expect((await supervisor.patch(`/campaigns/${campaignId}`, { status: 'paused' })).status).toBe(200);
    expectError(await rosa.post(`/campaigns/${campaignId}/next`), 409, 'invalid_state');
    await supervisor.patch(`/campaigns/${campaignId}`, { status: 'active' });
  });
});
