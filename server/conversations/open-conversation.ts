// A message on a thread with no live conversation: it goes to the thread's last conversation when a
// subscriber claims it there (a survey answer) or when it was resolved within the inbox's reopen window
// (reopened); otherwise it starts a new conversation. Runs under the thread's lock (ingest-inbound.ts).
import { and, desc, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Contact, type Conversation, conversations } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { InboundMessage } from '#shared/channels.ts';
import type { IngestInbox } from './ingest-inbox.ts';

const DEFAULT_REOPEN_HOURS = 24;

export async function openConversation(
  ctx: HubContext,
  tx: Tx,
  inbox: IngestInbox,
  sender: { contact: Contact; identityId: number },
  m: InboundMessage,
): Promise<{ conversation: Conversation; created: boolean }> {
  const thread = and(eq(conversations.inboxId, inbox.id), eq(conversations.threadKey, m.threadKey));
  const reopenHours = Number(inbox.settings.reopenWithinHours ?? DEFAULT_REOPEN_HOURS);
  const [last] = await tx.select().from(conversations).where(thread).orderBy(desc(conversations.id)).limit(1);
  // An agent reopened it a moment ago (their change does not take the thread's lock): it is live again.
  if (last && last.status !== 'resolved') return { conversation: last, created: false };
  if (
    last &&
    (await ctx.events.claimResolvedReply(tx, {
      channel: inbox.channel,
      conversation: last,
      text: m.text ?? null,
    }))
  ) {
    return { conversation: last, created: false };
  }
  if (last?.resolvedAt && Date.now() - last.resolvedAt.getTime() < reopenHours * 3_600_000) {
    const [reopened] = await tx
      .update(conversations)
      .set({ status: 'open', resolvedAt: null, updatedAt: new Date() })
      .where(eq(conversations.id, last.id))
      .returning();
    await recordEvent(tx, reopened, 'conversation.reopened', { reason: 'customer_message' });
    return { conversation: reopened, created: false };
  }

  const [conversation] = await tx
    .insert(conversations)
    .values({
      accountId: inbox.accountId,
      inboxId: inbox.id,
      contactId: sender.contact.id,
      contactIdentityId: sender.identityId,
      threadKey: m.threadKey,
      subject: m.subject ?? null,
      language: m.language ?? null,
      teamId: inbox.teamId,
    })
    .returning();
  await recordEvent(tx, conversation, 'conversation.created', { channel: m.channel });
  return { conversation, created: true };
}
