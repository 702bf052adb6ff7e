// Replace a conversation's labels with the given set. Any agent who may see the conversation may label
// it; every id must name a label of the caller's account (otherwise 422 unknown_label, whether it does
// not exist or belongs to another account). A change is recorded as one `labels.changed` event with
// the names added and removed, and published to the consoles that show the conversation.
import { and, eq, inArray } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversationLabels, conversations, labels } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { labelsOf } from './labels-of.ts';

export async function setConversationLabels(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
  labelIds: string[],
) {
  const { conversation, channel } = await loadVisible(ctx, auth, conversationId);
  const wanted = [...new Set(labelIds.map(Number))];
  const found = wanted.length
    ? await ctx.db
        .select({ id: labels.id, name: labels.name })
        .from(labels)
        .where(and(eq(labels.accountId, auth.accountId), inArray(labels.id, wanted)))
    : [];
  const missing = wanted.filter((id) => !found.some((l) => l.id === id));
  if (missing.length) {
    throw new AppError('unknown_label', `no label ${missing.join(', ')} in this account`, {
      details: { labelIds: missing.map(String) },
    });
  }
  const changed = await ctx.db.transaction(async (tx) => {
    // One change at a time per conversation, so the recorded added/removed are what really happened.
    await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for('update');
    const current = await tx
      .select({ id: labels.id, name: labels.name })
      .from(conversationLabels)
      .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
      .where(eq(conversationLabels.conversationId, conversationId));
    const added = found.filter((l) => !current.some((c) => c.id === l.id));
    const removed = current.filter((c) => !wanted.includes(c.id));
    if (removed.length) {
      await tx.delete(conversationLabels).where(
        and(
          eq(conversationLabels.conversationId, conversationId),
          inArray(
            conversationLabels.labelId,
            removed.map((l) => l.id),
          ),
        ),
      );
    }
    if (added.length) {
      await tx
        .insert(conversationLabels)
        .values(
          added.map((l) => ({
            conversationId,
            labelId: l.id,
            accountId: auth.accountId,
            addedBy: auth.user.id,
          })),
        )
        .onConflictDoNothing();
    }
    if (!added.length && !removed.length) return false;
    await recordEvent(
      tx,
      conversation,
      'labels.changed',
      {
        added: added.map((l) => l.name),
        removed: removed.map((l) => l.name),
        addedIds: added.map((l) => String(l.id)),
        removedIds: removed.map((l) => String(l.id)),
      },
      { type: 'user', id: auth.user.id },
    );
    return true;
  });
  const json = conversationToJson(conversation, channel, {
    labels: (await labelsOf(ctx.db, auth.accountId, [conversationId])).get(conversationId) ?? [],
  });
  if (changed) ctx.publisher.conversationUpdated(conversation, json);
  return json;
}
