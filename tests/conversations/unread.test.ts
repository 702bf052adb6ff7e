// Unread counts the hub keeps per user (POST /conversations/:id/read, `unreadCount` on the list): the
// customer's messages after what that user last read, across reloads, and never going back.
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

beforeAll(async () => {
  t = await startTestHub();
  acme = await seedAccount(t);
});
afterAll(() => t?.destroy());

describe('unread counts', () => {
  it('counts the customer’s messages after what each user read', async () => {
    const inbox = await acme.apiInbox();
    const rosa = await acme.user('agent', 'Rosa');
    const admin = client(t.url, acme.adminToken);
    const say = (n: number) =>
      incoming(t.url, inbox, { externalId: `u-${n}`, contact: { externalId: 'ana' }, text: `mensaje ${n}` });
    const conv = (await say(1)).body.data.conversation;
    await say(2);
    expect(
      (await admin.post(`/conversations/${conv.id}/assign`, { assigneeId: String(rosa.user.id) })).status,
    ).toBe(200);
    const rosaApi = client(t.url, rosa.token);
    const unreadOf = async (api: ReturnType<typeof client>) =>
      (await api.get('/conversations?status=open')).body.data.find((c: any) => c.id === conv.id).unreadCount;
    expect(await unreadOf(rosaApi)).toBe(2);

    // An agent's reply is not unread for anybody; reading up to the newest clears Rosa's count only.
    expect(
      (await rosaApi.post(`/conversations/${conv.id}/messages`, { text: 'Hola Ana', private: true })).status,
    ).toBe(201);
    const read = await rosaApi.post(`/conversations/${conv.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.data.unreadCount).toBe(0);
    expect(await unreadOf(rosaApi)).toBe(0);
    expect(await unreadOf(admin)).toBe(2);

    // The customer writes again: one unread for Rosa.
    await say(3);
    expect(await unreadOf(rosaApi)).toBe(1);
    // Reading an older message does not move the mark back.
    const messages = (await rosaApi.get(`/conversations/${conv.id}/messages`)).body.data;
    const older = await rosaApi.post(`/conversations/${conv.id}/read`, { messageId: messages[0].id });
    expect(older.body.data.unreadCount).toBe(1);
    const newest = await rosaApi.post(`/conversations/${conv.id}/read`, { messageId: messages.at(-1).id });
    expect(newest.body.data).toEqual({ lastReadMessageId: messages.at(-1).id, unreadCount: 0 });
  });

  it('refuses bad input with a code and another conversation’s message as a mark', async () => {
    const inbox = await acme.apiInbox();
    const admin = client(t.url, acme.adminToken);
    const a = (await incoming(t.url, inbox, { externalId: 'x1', contact: { externalId: 'x' }, text: 'a' }))
      .body.data;
    const b = (await incoming(t.url, inbox, { externalId: 'y1', contact: { externalId: 'y' }, text: 'b' }))
      .body.data;
    const bad = await admin.post(`/conversations/${a.conversation.id}/read`, { messageId: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    // B's message id does not mark A read.
    const wrong = await admin.post(`/conversations/${a.conversation.id}/read`, { messageId: b.message.id });
    expect(wrong.status).toBe(200);
    expect(wrong.body.data.unreadCount).toBe(1);
    const missing = await admin.post('/conversations/999999/read', {});
    expect(missing.status).toBe(404);
  });
});
