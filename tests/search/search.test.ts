// GET /api/v1/search: the console's one search box. A contact is found by name, e-mail, phone digits,
// channel id and attribute values (the national ID "CI", a service number); a conversation by the words
// written in it. Results come newest first; an agent finds only the conversations they may open, and
// one account never finds another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';

let t: TestHub;
let acme: SeededAccount;
let other: SeededAccount;
let inbox: { id: string; token: string };
/** Conversation and contact ids by customer. */
const ana = { conversation: '', contact: '' };
const beto = { conversation: '', contact: '' };
const ciro = { conversation: '', contact: '' };
let agentA: string;
let agentB: { id: string; token: string };

type Hit = { id: string; conversations?: { id: string }[]; match?: { excerpt: string } };
const ids = (list: Hit[]) => list.map((x) => x.id);

async function write(externalId: string, customer: string, text: string, name?: string) {
  const r = await incoming(t.url, inbox, { externalId, contact: { externalId: customer, name }, text });
  expect(r.status).toBe(201);
  return { conversation: r.body.data.conversation.id, contact: r.body.data.conversation.contactId };
}

beforeAll(async () => {
  t = await startTestHub();
  acme = await seedAccount(t, 'Acme');
  other = await seedAccount(t, 'Other');
  inbox = await acme.apiInbox();
  const admin = client(t.url, acme.adminToken);
  Object.assign(ana, await write('m1', 'cust-ana', 'Quiero una recarga de saldo', 'Ana Mamani'));
  Object.assign(beto, await write('m2', 'cust-beto', 'Mi factura llegó con un cobro doble', 'Beto Choque'));
  Object.assign(ciro, await write('m3', 'cust-ciro', 'El saldo de mi recarga no aparece', 'Ciro Rojas'));
  expect(
    (
      await admin.patch(`/contacts/${ana.contact}`, {
        email: 'ana.mamani@example.test',
        phone: '+591 71234567',
        attributes: { nationalId: '4477889 LP', serviceNumber: 'FJ-20931' },
      })
    ).status,
  ).toBe(200);
  // Two agents of the account: Beto's conversation belongs to agent B, so agent A must not find it.
  agentA = (await acme.user('agent', 'Agent A')).token;
  agentB = await acme.user('agent', 'Agent B').then((u) => ({ id: String(u.user.id), token: u.token }));
  const assigned = await admin.post(`/conversations/${beto.conversation}/assign`, { assigneeId: agentB.id });
  expect(assigned.status).toBe(200);
  // Another account whose customer wrote the same words and has the same CI: never found from Acme.
  const theirs = await other.apiInbox();
  const r = await incoming(t.url, theirs, {
    externalId: 'o1',
    contact: { externalId: 'cust-ana', name: 'Ana Mamani' },
    text: 'Quiero una recarga de saldo',
  });
  await client(t.url, other.adminToken).patch(`/contacts/${r.body.data.conversation.contactId}`, {
    attributes: { nationalId: '4477889 LP' },
  });
});
afterAll(() => t?.destroy());

const search = async (q: string, token = acme.adminToken) => {
  const res = await client(t.url, token).get(`/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { contacts: Hit[]; conversations: Hit[] };
};

describe('search', () => {
  it('finds a contact by national ID (CI), in part too, with their conversation', async () => {
    for (const q of ['4477889', '77889', '4477889 lp']) {
      const r = await search(q);
      expect(ids(r.contacts), q).toEqual([ana.contact]);
      expect(ids(r.contacts[0].conversations ?? []), q).toEqual([ana.conversation]);
    }
    expect((await search('4477889')).contacts[0]).toMatchObject({
      name: 'Ana Mamani',
      attributes: { nationalId: '4477889 LP' },
      identities: [{ channel: 'api', externalId: 'cust-ana' }],
    });
  });

  it('finds a contact by service number, e-mail, phone digits, name and channel id', async () => {
    for (const q of ['FJ-20931', 'ana.mamani@', '7123 4567', '(591) 712', 'mamani', 'cust-ana']) {
      expect(ids((await search(q)).contacts), q).toEqual([ana.contact]);
    }
  });

  it('does not match attribute names, only their values', async () => {
    expect((await search('nationalId')).contacts).toEqual([]);
    expect((await search('serviceNumber')).contacts).toEqual([]);
  });

  it('finds conversations by the words written in them, in any order, newest first, with an excerpt', async () => {
    const r = await search('saldo recarga');
    expect(ids(r.conversations)).toEqual([ciro.conversation, ana.conversation]);
    expect(r.conversations[0].match?.excerpt).toBe('El saldo de mi recarga no aparece');
    expect(ids((await search('COBRO doble')).conversations)).toEqual([beto.conversation]);
    expect((await search('recarga inexistente')).conversations).toEqual([]);
  });

  it('orders contacts by their latest activity', async () => {
    // Every customer's channel id starts with "cust-": whoever wrote last comes first.
    await write('m4', 'cust-ana', 'Sigo esperando');
    expect(ids((await search('cust-')).contacts)[0]).toBe(ana.contact);
    await write('m5', 'cust-ciro', 'Hola?');
    const r = await search('cust-');
    expect(ids(r.contacts)).toHaveLength(3);
    expect(ids(r.contacts)[0]).toBe(ciro.contact);
  });

  it("shows an agent only the conversations they may see, also under a contact's name", async () => {
    const asA = await search('cobro', agentA);
    expect(asA.conversations).toEqual([]);
    const beto1 = await search('Beto', agentA);
    // The contact is the account's (as on GET /contacts); the conversation assigned to B is not listed.
    expect(ids(beto1.contacts)).toEqual([beto.contact]);
    expect(beto1.contacts[0].conversations).toEqual([]);
    // The unassigned, team-less pool is everyone's.
    expect(ids((await search('saldo recarga', agentA)).conversations)).toEqual([
      ciro.conversation,
      ana.conversation,
    ]);
    const asB = await search('cobro', agentB.token);
    expect(ids(asB.conversations)).toEqual([beto.conversation]);
  });

  it('never finds what another account has, even the same CI or the same words', async () => {
    const r = await search('4477889');
    expect(ids(r.contacts)).toEqual([ana.contact]);
    const theirs = await search('4477889', other.adminToken);
    expect(theirs.contacts).toHaveLength(1);
    expect(theirs.contacts[0].id).not.toBe(ana.contact);
    const words = await search('Quiero una recarga', other.adminToken);
    expect(words.conversations).toHaveLength(1);
    expect(ids(words.conversations)).not.toContain(ana.conversation);
  });

  it('takes % and _ literally and refuses a query too short or a role without access', async () => {
    expect(await search('%%')).toEqual({ contacts: [], conversations: [] });
    expect(await search('__')).toEqual({ contacts: [], conversations: [] });
    const short = await client(t.url, acme.adminToken).get('/search?q=a');
    expect({ status: short.status, code: short.body.error.code }).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    const finance = await acme.user('finance');
    const denied = await client(t.url, finance.token).get('/search?q=saldo');
    expect({ status: denied.status, code: denied.body.error.code }).toEqual({
      status: 403,
      code: 'forbidden',
    });
    const anon = await client(t.url).get('/search?q=saldo');
    expect(anon.status).toBe(401);
  });
});
