// The conversation's history: every change anyone makes (an agent, the customer, the hub, a channel) is
// one row in conversation_events, written in the transaction that made the change. Reports, the
// timeline and the audit trail read these rows; nothing else is their source.
import type { Db, Tx } from '#server/db/client.ts';
import { type Conversation, conversationEvents } from '#server/db/schema.ts';

export type EventActor = { type: 'user' | 'contact' | 'system' | 'channel'; id?: number | null };

export async function recordEvent(
  tx: Tx | Db,
  conversation: Pick<Conversation, 'id' | 'accountId'>,
  type: string,
  data: Record<string, unknown> = {},
  actor: EventActor = { type: 'system' },
): Promise<void> {
  await tx.insert(conversationEvents).values({
    accountId: conversation.accountId,
    conversationId: conversation.id,
    type,
    actorType: actor.type,
    actorId: actor.id ?? null,
    data,
  });
}
