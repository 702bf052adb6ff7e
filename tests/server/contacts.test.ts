// Contacts: an agent finds a customer by whatever they have at hand (name, e-mail, phone, the id a channel
// knows them by, a national ID kept in the attributes), edits attributes key by key, and merges two
// records of one person so that everything, including later messages, lands on one contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type SeededAccount, seedAccount, startTestHub, type TestHub } from '#tests/helpers/hub.ts';

type Inbox = { id: string; token: string };
type Customer = { externalId: string; name?: string; email?: string; phone?: string };

let t: TestHub;
let acct: SeededAccount;
let other: SeededAccount;
let inbox: Inbox;
let otherInbox: Inbox;
let seq = 0;

/** A customer writes into an API inbox; returns the stored message's conversation (with contactId). */
async function customerWrites(into: Inbox, contact: Customer, text = 'hello', threadKey?: string) {
  const r = await client(t.url).post(
    `/inboxes/${into.id}/incoming`,
    { externalId: `msg-${++seq}`, contact, text, ...(threadKey ? { threadKey } : {}) },
    { 'x-inbox-token': into.token },
  );
  expect(r.status).toBe(201);
  return r.body.data.conversation as { id: string; contactId: string };
}

const ids = (r: { body: any }) => r.body.data.map((c: any) => c.id);

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  other = await seedAccount(t, 'Other');
  inbox = await acct.apiInbox();
  otherInbox = await other.apiInbox();
});
afterAll(() => t?.destroy());

describe('contact search', () => {
  let lucia: string;
  let bruno: string;
  let luciaElsewhere: string;

  beforeAll(async () => {
    lucia = (
      await customerWrites(inbox, {
        externalId: 'crm-lucia-001',
        name: 'Lucía Torres',
        email: 'lucia.torres@example.test',
        phone: '+51 987 654 321',
      })
    ).contactId;
    bruno = (
      await customerWrites(inbox, {
        externalId: 'crm-bruno-002',
        name: 'Bruno Díaz',
        email: 'bd@example.test',
      })
    ).contactId;
    // The same person is also a customer of another account, which must never show up here.
    luciaElsewhere = (
      await customerWrites(otherInbox, {
        externalId: 'crm-lucia-001',
        name: 'Lucía Torres',
        email: 'lucia.torres@example.test',
        phone: '+51 987 654 321',
      })
    ).contactId;
  });

  it('finds a contact by part of the name, in any case', async () => {
    const r = await client(t.url, acct.adminToken).get('/contacts?q=TORRES');
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([lucia]);
    expect(r.body.data[0]).toMatchObject({ name: 'Lucía Torres', email: 'lucia.torres@example.test' });
  });

  it('finds a contact by e-mail and by phone', async () => {
    const api = client(t.url, acct.adminToken);
    expect(ids(await api.get('/contacts?q=lucia.torres%40example'))).toEqual([lucia]);
    expect(ids(await api.get('/contacts?q=bd%40example.test'))).toEqual([bruno]);
    expect(ids(await api.get(`/contacts?q=${encodeURIComponent('987 654')}`))).toEqual([lucia]);
  });

  it('finds a contact by the id a channel knows them by', async () => {
    const r = await client(t.url, acct.adminToken).get('/contacts?q=crm-bruno');
    expect(ids(r)).toEqual([bruno]);
  });

  it('finds a contact by an attribute value such as a national ID', async () => {
    const api = client(t.url, acct.adminToken);
    expect(ids(await api.get('/contacts?q=40123456'))).toEqual([]);
    const patched = await api.patch(`/contacts/${bruno}`, { attributes: { nationalId: '40123456' } });
    expect(patched.status).toBe(200);
    expect(ids(await api.get('/contacts?q=40123456'))).toEqual([bruno]);
  });

  it('treats % and _ in the search text literally', async () => {
    const api = client(t.url, acct.adminToken);
    expect(ids(await api.get(`/contacts?q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(ids(await api.get('/contacts?q=_'))).toEqual([]);
  });

  it("never returns another account's contacts", async () => {
    const mine = await client(t.url, acct.adminToken).get('/contacts?q=lucia');
    expect(ids(mine)).toEqual([lucia]);
    const theirs = await client(t.url, other.adminToken).get('/contacts?q=lucia');
    expect(ids(theirs)).toEqual([luciaElsewhere]);
    expect((await client(t.url, other.adminToken).get(`/contacts/${lucia}`)).status).toBe(404);
  });
});

describe('editing a contact', () => {
  it('merges attributes key by key and removes a key set to null', async () => {
    const api = client(t.url, acct.adminToken);
    const { contactId } = await customerWrites(inbox, { externalId: 'edit-1', name: 'Dora' });
    const first = await api.patch(`/contacts/${contactId}`, {
      attributes: { nationalId: 'DNI-7', tier: 'gold', city: 'Quito' },
    });
    expect(first.body.data.attributes).toEqual({ nationalId: 'DNI-7', tier: 'gold', city: 'Quito' });

    const second = await api.patch(`/contacts/${contactId}`, { attributes: { tier: null, city: 'Lima' } });
    expect(second.status).toBe(200);
    expect(second.body.data.attributes).toEqual({ nationalId: 'DNI-7', city: 'Lima' });

    const renamed = await api.patch(`/contacts/${contactId}`, {
      name: 'Dora Ruiz',
      email: 'DORA@Example.test',
    });
    expect(renamed.body.data).toMatchObject({
      name: 'Dora Ruiz',
      email: 'dora@example.test',
      attributes: { nationalId: 'DNI-7', city: 'Lima' },
    });

    const read = await api.get(`/contacts/${contactId}`);
    expect(read.body.data).toMatchObject({
      name: 'Dora Ruiz',
      attributes: { nationalId: 'DNI-7', city: 'Lima' },
    });
    expect(read.body.data.identities.map((i: any) => i.externalId)).toEqual(['edit-1']);
  });

  it("answers 404 to an edit of another account's contact and 400 to an invalid e-mail", async () => {
    const { contactId } = await customerWrites(inbox, { externalId: 'edit-2', name: 'Eva' });
    const foreign = await client(t.url, other.adminToken).patch(`/contacts/${contactId}`, { name: 'Hacked' });
    expect(foreign.status).toBe(404);
    const bad = await client(t.url, acct.adminToken).patch(`/contacts/${contactId}`, {
      email: 'not-an-email',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await client(t.url, acct.adminToken).get(`/contacts/${contactId}`)).body.data.name).toBe('Eva');
  });
});

describe('merging contacts', () => {
  it('moves identities and conversations to the target, fills its blanks, and hides the source', async () => {
    const api = client(t.url, acct.adminToken);
    const onWhatsapp = await customerWrites(inbox, {
      externalId: 'm-target',
      name: 'Carla',
      phone: '+54 9 11 0000',
    });
    const byMail = await customerWrites(inbox, {
      externalId: 'm-source',
      email: 'carla@example.test',
      phone: '+1 555 0100',
    });
    const target = onWhatsapp.contactId;
    const source = byMail.contactId;
    expect(target).not.toBe(source);
    await api.patch(`/contacts/${target}`, { attributes: { vip: false } });
    await api.patch(`/contacts/${source}`, { attributes: { vip: true, nationalId: 'S-123' } });

    const merged = await api.post(`/contacts/${target}/merge`, { sourceContactId: source });
    expect(merged.status).toBe(200);
    expect(merged.body.data).toMatchObject({
      id: target,
      name: 'Carla',
      email: 'carla@example.test',
      phone: '+54 9 11 0000',
      attributes: { vip: false, nationalId: 'S-123' },
    });
    expect(merged.body.data.identities.map((i: any) => i.externalId).sort()).toEqual([
      'm-source',
      'm-target',
    ]);

    const list = ids(await api.get('/contacts?limit=200'));
    expect(list).toContain(target);
    expect(list).not.toContain(source);
    expect(ids(await api.get('/contacts?q=m-source'))).toEqual([target]);

    const moved = await api.get(`/conversations/${byMail.id}`);
    expect(moved.body.data.contactId).toBe(target);
    const both = await api.get(`/conversations?contactId=${target}`);
    expect(ids(both).sort()).toEqual([onWhatsapp.id, byMail.id].sort());
    const msgs = await api.get(`/conversations/${byMail.id}/messages`);
    expect(msgs.body.data.map((m: any) => m.senderId)).toEqual([target]);
    const events = await api.get(`/conversations/${byMail.id}/events`);
    expect(events.body.data.map((e: any) => e.type)).toContain('contact.merged');

    // The customer writes again from the merged-away address: it lands on the target contact.
    const sameThread = await customerWrites(inbox, { externalId: 'm-source' }, 'any news?');
    expect(sameThread).toMatchObject({ id: byMail.id, contactId: target });
    const newThread = await customerWrites(
      inbox,
      { externalId: 'm-source' },
      'new topic',
      'm-source-topic-2',
    );
    expect(newThread.id).not.toBe(byMail.id);
    expect(newThread.contactId).toBe(target);
    expect(ids(await api.get('/contacts?q=m-source'))).toEqual([target]);

    // Merging the same source again finds nothing to merge.
    const again = await api.post(`/contacts/${target}/merge`, { sourceContactId: source });
    expect(again.status).toBe(404);
  });

  it('fills a name or phone an agent cleared to an empty string from the source', async () => {
    const api = client(t.url, acct.adminToken);
    const target = await customerWrites(inbox, { externalId: 'blank-t', name: 'Typo Nmae', phone: '000' });
    const source = await customerWrites(inbox, {
      externalId: 'blank-s',
      name: 'Gabriela',
      phone: '+34 600 000 000',
    });
    const cleared = await api.patch(`/contacts/${target.contactId}`, { name: '', phone: '' });
    expect(cleared.status).toBe(200);
    const merged = await api.post(`/contacts/${target.contactId}/merge`, {
      sourceContactId: source.contactId,
    });
    // Phones are kept in E.164, however they were written.
    expect(merged.body.data).toMatchObject({ name: 'Gabriela', phone: '+34600000000' });
  });

  it('refuses to merge a contact into itself with 400', async () => {
    const { contactId } = await customerWrites(inbox, { externalId: 'self-1', name: 'Self' });
    const r = await client(t.url, acct.adminToken).post(`/contacts/${contactId}/merge`, {
      sourceContactId: contactId,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad_request');
    expect(ids(await client(t.url, acct.adminToken).get('/contacts?q=self-1'))).toEqual([contactId]);
  });

  it("answers 404 to a merge involving another account's contact and moves nothing", async () => {
    const api = client(t.url, acct.adminToken);
    const mine = await customerWrites(inbox, { externalId: 'x-mine', name: 'Mine' });
    const theirs = await customerWrites(otherInbox, { externalId: 'x-theirs', name: 'Theirs' });

    const pull = await api.post(`/contacts/${mine.contactId}/merge`, { sourceContactId: theirs.contactId });
    expect(pull.status).toBe(404);
    const push = await api.post(`/contacts/${theirs.contactId}/merge`, { sourceContactId: mine.contactId });
    expect(push.status).toBe(404);

    const theirContact = await client(t.url, other.adminToken).get(`/contacts/${theirs.contactId}`);
    expect(theirContact.body.data.identities.map((i: any) => i.externalId)).toEqual(['x-theirs']);
    const theirConversation = await client(t.url, other.adminToken).get(`/conversations/${theirs.id}`);
    expect(theirConversation.body.data.contactId).toBe(theirs.contactId);
    const mineAfter = await api.get(`/contacts/${mine.contactId}`);
    expect(mineAfter.body.data.identities.map((i: any) => i.externalId)).toEqual(['x-mine']);
  });

  it('answers 400 to a merge without a valid sourceContactId', async () => {
    const { contactId } = await customerWrites(inbox, { externalId: 'nosrc-1' });
    const r = await client(t.url, acct.adminToken).post(`/contacts/${contactId}/merge`, {});
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
  });
});

describe('a conversation with its contact', () => {
  it('includes the contact with its channel identities', async () => {
    const conv = await customerWrites(inbox, {
      externalId: 'conv-contact-1',
      name: 'Iris',
      email: 'iris@example.test',
    });
    const r = await client(t.url, acct.adminToken).get(`/conversations/${conv.id}`);
    expect(r.status).toBe(200);
    expect(r.body.data.contact).toMatchObject({
      id: conv.contactId,
      name: 'Iris',
      email: 'iris@example.test',
      identities: [expect.objectContaining({ channel: 'api', externalId: 'conv-contact-1' })],
    });
  });
});
