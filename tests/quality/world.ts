// Seeds what quality works on, the way the hub would have left it: a customer's conversation (through the
// API inbox, so it has real messages), handled by an agent and resolved at a chosen instant, with a survey
// rating or a breached service-level target when asked. Only the outcome of routing and the survey is
// written directly — those paths have their own specs.
import { eq } from 'drizzle-orm';
import { conversationEvents, conversationRatings, conversations } from '#server/db/schema.ts';
import { incoming, type TestHub } from '#tests/helpers/hub.ts';

export type Inbox = { id: string; token: string };
export type Seeded = { id: string; messageIds: string[] };

let serial = 0;

export async function seedConversation(
  t: TestHub,
  inbox: Inbox,
  o: {
    agentId?: number | null;
    resolvedAt?: Date | null;
    rating?: number;
    breached?: boolean;
    messages?: number;
    ratedAt?: Date;
  } = {},
): Promise<Seeded> {
  const key = `q-${Date.now()}-${++serial}`;
  const messageIds: string[] = [];
  let conversationId = '';
  for (let i = 0; i < (o.messages ?? 1); i++) {
    const res = await incoming(t.url, inbox, {
      externalId: `${key}-m${i}`,
      contact: { externalId: key, name: `Customer ${serial}` },
      text: `message ${i} of ${key}`,
      threadKey: key,
    });
    if (res.status !== 201) throw new Error(`incoming: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as { data: { message: { id: string }; conversation: { id: string } } };
    conversationId = body.data.conversation.id;
    messageIds.push(body.data.message.id);
  }
  const db = t.hub.ctx.db;
  const id = Number(conversationId);
  const [c] = await db
    .update(conversations)
    .set({
      assigneeId: o.agentId ?? null,
      ...(o.resolvedAt ? { status: 'resolved' as const, resolvedAt: o.resolvedAt } : {}),
    })
    .where(eq(conversations.id, id))
    .returning();
  if (o.rating !== undefined)
    await db.insert(conversationRatings).values({
      accountId: c.accountId,
      conversationId: id,
      inboxId: c.inboxId,
      contactId: c.contactId,
      agentId: o.agentId ?? null,
      rating: o.rating,
      ...(o.ratedAt ? { createdAt: o.ratedAt } : {}),
    });
  if (o.breached)
    await db.insert(conversationEvents).values({
      accountId: c.accountId,
      conversationId: id,
      type: 'sla.breached',
      actorType: 'system',
      data: { target: 'first_response' },
    });
  return { id: conversationId, messageIds };
}
