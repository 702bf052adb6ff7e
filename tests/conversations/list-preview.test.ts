// What an inbox row shows besides its id: the customer's name and the last thing said (private notes left
// out, long text cut, whitespace folded), on the list and on the live updates that come with a message,
// and one row alone for a conversation that a live update without them brought into a console's list.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acme: SeededAccount;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  acme = await seedAccount(t);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.destroy();
});

async function listen(token: string) {
  const socket = connect(`${t.url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  const heard: any[] = [];
  socket.on('conversation:updated', (e) => heard.push(e.conversation));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return heard;
}

describe('inbox rows', () => {
  it('carry the contact name and the last message that is not a note', async () => {
    const inbox = await acme.apiInbox();
    const admin = client(t.url, acme.adminToken);
    const row = async (id: string) =>
      (await admin.get('/conversations?status=open&limit=50')).body.data.find((c: any) => c.id === id);
    const heard = await listen(acme.adminToken);

    const first = await incoming(t.url, inbox, {
      externalId: 'p-1',
      contact: { externalId: 'lucia', name: 'Lucía Flores' },
      text: 'Quiero  portar\nmi número',
    });
    const id = first.body.data.conversation.id as string;
    expect(await row(id)).toMatchObject({
      contactName: 'Lucía Flores',
      lastMessage: { text: 'Quiero portar mi número', direction: 'in', contentType: 'text' },
    });
    const live = await eventually(async () => heard.find((c) => c.id === id && c.lastMessage));
    expect(live).toMatchObject({
      contactName: 'Lucía Flores',
      lastMessage: { text: 'Quiero portar mi número' },
    });

    // The agent's reply becomes the preview; a private note after it does not.
    const long = `Claro, ${'le explico los pasos. '.repeat(20)}`;
    expect((await admin.post(`/conversations/${id}/messages`, { text: long })).status).toBe(201);
    expect(
      (await admin.post(`/conversations/${id}/messages`, { text: 'nota: VIP', private: true })).status,
    ).toBe(201);
    const after = (await row(id)).lastMessage;
    expect(after.direction).toBe('out');
    expect(after.text.startsWith('Claro, le explico los pasos.')).toBe(true);
    expect(after.text).toHaveLength(140);
    expect(after.text.endsWith('…')).toBe(true);
    await eventually(async () => heard.some((c) => c.id === id && c.lastMessage?.direction === 'out'));
    expect(heard.some((c) => c.lastMessage?.text?.includes('VIP'))).toBe(false);

    // A customer who gave no name: the row has no name to show (the console shows the number).
    const other = await incoming(t.url, inbox, {
      externalId: 'p-2',
      contact: { externalId: 'sin-nombre' },
      text: 'hola',
    });
    expect(await row(other.body.data.conversation.id)).toMatchObject({
      contactName: null,
      lastMessage: { text: 'hola' },
    });
  });

  it('come one at a time for a conversation a live update brought into a list, if it passes its filters', async () => {
    const inbox = await acme.apiInbox();
    const admin = client(t.url, acme.adminToken);
    const r = await incoming(t.url, inbox, {
      externalId: 'p-3',
      contact: { externalId: 'jorge', name: 'Jorge Condori' },
      text: 'El router parpadea en rojo',
    });
    const id = r.body.data.conversation.id as string;
    // A reassignment's update says nothing of the name or the preview: the console asks for the row.
    const one = await admin.get(`/conversations?status=open&assigneeId=none&id=${id}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual([
      expect.objectContaining({
        id,
        contactName: 'Jorge Condori',
        lastMessage: expect.objectContaining({ text: 'El router parpadea en rojo' }),
        unreadCount: 1,
        labels: [],
      }),
    ]);
    expect(one.body.nextCursor).toBeNull();
    // Moved on meanwhile (resolved, or taken by someone): that list has no row for it.
    expect((await admin.get(`/conversations?status=resolved&id=${id}`)).body.data).toEqual([]);
    expect((await admin.get('/conversations?id=x1')).status).toBe(400);
  });
});
