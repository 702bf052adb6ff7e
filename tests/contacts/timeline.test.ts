// GET /contacts/:id/timeline: one contact's messages across channels and conversations (a merged
// contact's included), paged back in time, and only from conversations the caller may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { makeTeam } from '#tests/helpers/routing.ts';

let t: TestHub;
let acme: SeededAccount;

beforeAll(async () => {
  t = await startTestHub();
  acme = await seedAccount(t);
});
afterAll(() => t?.destroy());

describe('contact timeline', () => {
  it('brings every conversation of a person together, merged ones included, oldest first, paged back', async () => {
    const admin = client(t.url, acme.adminToken);
    const crm = await acme.apiInbox();
    const shop = await acme.apiInbox();
    const say = (
      inbox: { id: string; token: string },
      who: string,
      id: string,
      thread: string,
      text: string,
    ) =>
      incoming(t.url, inbox, {
        externalId: id,
        contact: { externalId: who, name: 'Ana' },
        text,
        threadKey: thread,
      });
    const first = (await say(crm, 'ana-crm', 't1', 'a', 'primera consulta')).body.data.conversation;
    await say(crm, 'ana-crm', 't2', 'a', 'sigo esperando');
    const second = (await say(crm, 'ana-crm', 't3', 'b', 'otro tema')).body.data.conversation;
    // The same person on another inbox is another contact until an agent merges them.
    const other = (await say(shop, 'ana-shop', 't4', 'c', 'desde la tienda')).body.data.conversation;
    expect(other.contactId).not.toBe(first.contactId);
    expect(
      (await admin.post(`/contacts/${first.contactId}/merge`, { sourceContactId: other.contactId })).status,
    ).toBe(200);

    const all = await admin.get(`/contacts/${first.contactId}/timeline`);
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: any) => m.text)).toEqual([
      'primera consulta',
      'sigo esperando',
      'otro tema',
      'desde la tienda',
    ]);
    expect(all.body.data.map((m: any) => m.conversation.id)).toEqual([
      first.id,
      first.id,
      second.id,
      other.id,
    ]);
    expect(all.body.data[0].conversation).toEqual({ id: first.id, channel: 'api', status: 'open' });
    expect(all.body.nextCursor).toBeNull();

    // Two at a time, back in time.
    const newest = await admin.get(`/contacts/${first.contactId}/timeline?limit=2`);
    expect(newest.body.data.map((m: any) => m.text)).toEqual(['otro tema', 'desde la tienda']);
    const older = await admin.get(
      `/contacts/${first.contactId}/timeline?limit=2&before=${newest.body.nextCursor}`,
    );
    expect(older.body.data.map((m: any) => m.text)).toEqual(['primera consulta', 'sigo esperando']);
    expect(older.body.nextCursor).toBeNull();

    // The merged-away contact has no timeline of its own any more.
    const gone = await admin.get(`/contacts/${other.contactId}/timeline`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('not_found');
  });

  it('shows an agent only the conversations they may see', async () => {
    const admin = client(t.url, acme.adminToken);
    const rosa = await acme.user('agent', 'Rosa');
    const crm = await acme.apiInbox();
    const team = await makeTeam(t, acme, { name: 'Otro equipo', strategy: 'manual', memberIds: [] });
    const mine = (
      await incoming(t.url, crm, {
        externalId: 'v1',
        contact: { externalId: 'beto' },
        text: 'para Rosa',
        threadKey: 'x',
      })
    ).body.data.conversation;
    const theirs = (
      await incoming(t.url, crm, {
        externalId: 'v2',
        contact: { externalId: 'beto' },
        text: 'de otro equipo',
        threadKey: 'y',
      })
    ).body.data.conversation;
    expect(
      (await admin.post(`/conversations/${mine.id}/assign`, { assigneeId: String(rosa.user.id) })).status,
    ).toBe(200);
    expect((await admin.post(`/conversations/${theirs.id}/assign`, { teamId: team })).status).toBe(200);
    const seen = await client(t.url, rosa.token).get(`/contacts/${mine.contactId}/timeline`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.map((m: any) => m.text)).toEqual(['para Rosa']);
    const bad = await client(t.url, rosa.token).get(`/contacts/${mine.contactId}/timeline?before=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
