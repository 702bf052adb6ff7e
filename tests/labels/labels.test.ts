// Conversation labels over REST and the agent socket: admins and supervisors keep the account's labels
// (a name unique whatever its case, a "#rrggbb" colour), every agent who sees a conversation sets its
// labels, each change is recorded with who made it and what was added and removed, other consoles hear
// of it live, the inbox filters by label page by page, and deleting a label takes it off everything.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '#shared/api.schema.ts';
import {
  type ApiResponse,
  client,
  eventually,
  incoming,
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
let rosa: ReturnType<typeof client>;
let rosaId: string;
let luisToken: string;
let luis: ReturnType<typeof client>;
let inbox: { id: string; token: string };
const sockets: Socket[] = [];

function expectError(res: ApiResponse<any>, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({
    status,
    code,
  });
  expect(errorBody.safeParse(res.body).success).toBe(true);
}
const put = (api: ReturnType<typeof client>, id: string, labelIds: string[]) =>
  api.raw<any>('PUT', `/conversations/${id}/labels`, { labelIds });
const names = (c: { labels: { name: string }[] }) => c.labels.map((l) => l.name);
let n = 0;
async function conversation(): Promise<string> {
  n += 1;
  const r = await incoming(t.url, inbox, {
    externalId: `m-${n}`,
    contact: { externalId: `c-${n}`, name: `Cliente ${n}` },
    text: `hola ${n}`,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return (r.body as any).data.conversation.id;
}
async function label(name: string, color = '#336699'): Promise<string> {
  const r = await admin.post('/labels', { name, color });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.data.id;
}
async function listen(token: string) {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const conversations: any[] = [];
  socket.on('conversation:updated', (e) => conversations.push(e.conversation));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return conversations;
}

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  admin = client(t.url, acct.adminToken);
  supervisor = client(t.url, (await acct.user('supervisor', 'Sofía')).token);
  const r = await acct.user('agent', 'Rosa');
  rosa = client(t.url, r.token);
  rosaId = String(r.user.id);
  const l = await acct.user('agent', 'Luis');
  luisToken = l.token;
  luis = client(t.url, l.token);
  inbox = await acct.apiInbox();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.destroy();
});

describe('labels', () => {
  it('lets admins and supervisors create, rename, recolour and delete; every role reads them', async () => {
    const made = await admin.post('/labels', {
      name: ' Portabilidad ',
      color: '#1A2B3C',
      description: 'ported',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.data).toMatchObject({ name: 'Portabilidad', color: '#1a2b3c', description: 'ported' });
    expect(made.body.data.id).toMatch(/^\d+$/);
    const id = made.body.data.id;

    const changed = await supervisor.patch(`/labels/${id}`, { name: 'portabilidad-móvil', color: '#00aa00' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data).toMatchObject({ id, name: 'portabilidad-móvil', color: '#00aa00' });

    for (const role of ['agent', 'qa', 'marketing', 'finance'] as const) {
      const reader = client(t.url, (await acct.user(role)).token);
      const res = await reader.get('/labels');
      expect(res.status, role).toBe(200);
      expect(res.body.data.find((x: any) => x.id === id)).toMatchObject({ name: 'portabilidad-móvil' });
    }
    expectError(await rosa.post('/labels', { name: 'x', color: '#000000' }), 403, 'forbidden');
    expectError(await rosa.patch(`/labels/${id}`, { name: 'hijacked' }), 403, 'forbidden');
    expectError(await rosa.raw('DELETE', `/labels/${id}`), 403, 'forbidden');

    const gone = await supervisor.raw<any>('DELETE', `/labels/${id}`);
    expect(gone.status).toBe(200);
    expect((await admin.get('/labels')).body.data.map((x: any) => x.id)).not.toContain(id);
  });

  it('answers bad input with a 400, an unknown label with a 404, each with a code', async () => {
    expectError(await admin.post('/labels', { name: 'venta', color: 'red' }), 400, 'validation_failed');
    expectError(await admin.post('/labels', { name: 'venta', color: '#12345' }), 400, 'validation_failed');
    expectError(await admin.post('/labels', { name: '   ', color: '#123456' }), 400, 'validation_failed');
    expectError(
      await admin.post('/labels', { name: 'x'.repeat(51), color: '#123456' }),
      400,
      'validation_failed',
    );
    expectError(await admin.post('/labels', { color: '#123456' }), 400, 'validation_failed');
    const id = await label('venta');
    expectError(await admin.patch(`/labels/${id}`, {}), 400, 'validation_failed');
    expectError(await admin.patch(`/labels/${id}`, { color: '#zzzzzz' }), 400, 'validation_failed');
    expectError(await admin.patch('/labels/999999', { name: 'nada' }), 404, 'not_found');
    expectError(await admin.raw('DELETE', '/labels/999999'), 404, 'not_found');
    expectError(await admin.raw('DELETE', '/labels/abc'), 404, 'not_found');
    const after = (await admin.get('/labels')).body.data.find((x: any) => x.id === id);
    expect(after).toMatchObject({ name: 'venta', color: '#336699' });
  });

  it('refuses a name already used in the account, whatever its case, with a 409', async () => {
    const id = await label('Reclamo-Factura');
    expectError(await admin.post('/labels', { name: 'reclamo-factura', color: '#000000' }), 409, 'conflict');
    expectError(
      await supervisor.post('/labels', { name: 'RECLAMO-FACTURA', color: '#000000' }),
      409,
      'conflict',
    );
    const other = await label('consulta');
    expectError(await admin.patch(`/labels/${other}`, { name: 'reclamo-FACTURA' }), 409, 'conflict');
    // Its own name in another case is no clash.
    const self = await admin.patch(`/labels/${id}`, { name: 'reclamo-factura' });
    expect(self.status, JSON.stringify(self.body)).toBe(200);
    const all = (await admin.get('/labels')).body.data.map((x: any) => x.name.toLowerCase());
    expect(all.filter((x: string) => x === 'reclamo-factura')).toHaveLength(1);
  });

  it('lets an agent who sees the conversation replace its labels, recording each change with its actor', async () => {
    const a = await label('alta');
    const b = await label('baja', '#aa0000');
    const c = await label('Cambio');
    const conv = await conversation();

    const first = await put(rosa, conv, [b, a, a]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.id).toBe(conv);
    expect(first.body.data.labels).toEqual([
      { id: a, name: 'alta', color: '#336699' },
      { id: b, name: 'baja', color: '#aa0000' },
    ]);
    const second = await put(rosa, conv, [b, c]);
    expect(names(second.body.data)).toEqual(['baja', 'Cambio']);
    // The same set again changes nothing and records nothing.
    expect((await put(rosa, conv, [c, b])).status).toBe(200);

    expect(names((await admin.get(`/conversations/${conv}`)).body.data)).toEqual(['baja', 'Cambio']);
    const events = (await admin.get(`/conversations/${conv}/events`)).body.data.filter(
      (e: any) => e.type === 'labels.changed',
    );
    expect(events.map((e: any) => ({ actor: [e.actorType, e.actorId], ...e.data }))).toEqual([
      { actor: ['user', rosaId], added: ['alta', 'baja'], removed: [], addedIds: [a, b], removedIds: [] },
      { actor: ['user', rosaId], added: ['Cambio'], removed: ['alta'], addedIds: [c], removedIds: [a] },
    ]);

    const cleared = await put(rosa, conv, []);
    expect(cleared.body.data.labels).toEqual([]);
  });

  it('refuses unknown label ids with a 422 and a conversation the agent cannot see with a 404', async () => {
    const a = await label('vip');
    const conv = await conversation();
    expect((await put(rosa, conv, [a])).status).toBe(200);
    const unknown = await put(rosa, conv, [a, '999999']);
    expectError(unknown, 422, 'unknown_label');
    expect(unknown.body.error.details).toEqual({ labelIds: ['999999'] });
    expectError(await put(rosa, conv, ['x1']), 400, 'validation_failed');
    expectError(await admin.raw('PUT', `/conversations/${conv}/labels`, {}), 400, 'validation_failed');
    expectError(await put(rosa, '999999', [a]), 404, 'not_found');

    // Luis is not in the team the conversation now belongs to: he cannot see it, nor label it.
    const team = await makeTeam(t, acct, { name: 'Ventas', strategy: 'manual', memberIds: [rosaId] });
    expect((await admin.post(`/conversations/${conv}/assign`, { teamId: team })).status).toBe(200);
    expectError(await put(luis, conv, []), 404, 'not_found');
    expect(names((await rosa.get(`/conversations/${conv}`)).body.data)).toEqual(['vip']);
    expect((await put(rosa, conv, [])).status).toBe(200);
  });

  it('publishes the new labels to the other consoles that show the conversation', async () => {
    const a = await label('urgente-live', '#ff0000');
    const conv = await conversation();
    const heardByLuis = await listen(luisToken);
    const heardByAdmin = await listen(acct.adminToken);
    expect((await put(rosa, conv, [a])).status).toBe(200);
    for (const heard of [heardByLuis, heardByAdmin]) {
      const update = await eventually(async () =>
        heard.find((c) => c.id === conv && c.labels?.some((l: any) => l.id === a)),
      );
      expect(update.labels).toEqual([{ id: a, name: 'urgente-live', color: '#ff0000' }]);
    }
  });

  it('filters the inbox by label, page by page, with the labels of every row', async () => {
    const tag = await label('portabilidad');
    const other = await label('otro');
    const labelled: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await conversation();
      if (i !== 2) {
        labelled.push(id);
        expect((await put(rosa, id, i === 0 ? [tag, other] : [tag])).status).toBe(200);
      }
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/conversations?label=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await rosa.get(q);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      for (const c of page.body.data) {
        expect(names(c)).toContain('portabilidad');
        seen.push(c.id);
      }
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([...labelled].sort());
    // Rows of the unfiltered list carry their labels too (none is an empty list).
    const all = (await admin.get('/conversations?limit=200')).body.data;
    const first = all.find((c: any) => c.id === labelled[0]);
    expect(names(first)).toEqual(['otro', 'portabilidad']);
    expect(all.every((c: any) => Array.isArray(c.labels))).toBe(true);

    expectError(await rosa.get('/conversations?label=999999'), 422, 'unknown_label');
    expectError(await rosa.get('/conversations?label=abc'), 400, 'validation_failed');
  });

  it('deleting a label takes it off its conversations, records it and tells the consoles', async () => {
    const doomed = await label('temporal', '#999999');
    const kept = await label('permanente');
    const one = await conversation();
    const two = await conversation();
    expect((await put(rosa, one, [doomed, kept])).status).toBe(200);
    expect((await put(rosa, two, [doomed])).status).toBe(200);
    const heard = await listen(acct.adminToken);

    expect((await admin.raw('DELETE', `/labels/${doomed}`)).status).toBe(200);
    expect(names((await admin.get(`/conversations/${one}`)).body.data)).toEqual(['permanente']);
    expect((await admin.get(`/conversations/${two}`)).body.data.labels).toEqual([]);
    const events = (await admin.get(`/conversations/${two}/events`)).body.data.filter(
      (e: any) => e.type === 'labels.changed',
    );
    expect(events.at(-1)).toMatchObject({
      actorType: 'user',
      actorId: String(acct.admin.id),
      data: { added: [], removed: ['temporal'], reason: 'label_deleted' },
    });
    await eventually(async () => heard.some((c) => c.id === two && c.labels?.length === 0));
    expectError(await admin.get(`/conversations?label=${doomed}`), 422, 'unknown_label');
    expectError(await put(rosa, one, [doomed]), 422, 'unknown_label');
    // The name is free again.
    expect((await admin.post('/labels', { name: 'Temporal', color: '#000000' })).status).toBe(201);
  });

  it('renaming or recolouring a label tells the consoles that show its conversations', async () => {
    const renamed = await label('Traslado de línea', '#7c3aed');
    const other = await label('otra cosa');
    const one = await conversation();
    const two = await conversation();
    expect((await put(rosa, one, [renamed, other])).status).toBe(200);
    expect((await put(rosa, two, [other])).status).toBe(200);
    const heard = await listen(acct.adminToken);

    expect((await admin.patch(`/labels/${renamed}`, { name: 'Traslado', color: '#0ea5e9' })).status).toBe(
      200,
    );
    const fresh = await eventually(async () => heard.find((c) => c.id === one));
    expect(fresh.labels.map((l: any) => [l.name, l.color])).toEqual([
      ['otra cosa', '#336699'],
      ['Traslado', '#0ea5e9'],
    ]);
    // A description changes nothing shown: no push. Nor does a conversation without the label hear of it.
    expect((await admin.patch(`/labels/${renamed}`, { description: 'Cambio de operador' })).status).toBe(200);
    // A fence: recolouring the label both carry pushes both, after anything the description change sent
    // (one socket delivers in order). Once the fence is heard, whatever else came is in the list.
    expect((await admin.patch(`/labels/${other}`, { color: '#111111' })).status).toBe(200);
    await eventually(async () => heard.some((c) => c.id === two));
    await eventually(async () => heard.filter((c) => c.id === one).length >= 2);
    expect(heard.filter((c) => c.id === one)).toHaveLength(2);
    expect(heard.filter((c) => c.id === two)).toHaveLength(1);
    expect(heard.at(-1).labels.find((l: any) => l.name === 'otra cosa').color).toBe('#111111');
  });
});
