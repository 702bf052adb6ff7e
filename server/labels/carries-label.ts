// The inbox's label filter as a SQL condition. The label must be one of the caller's account: an unknown
// id (or another account's) is a 422 unknown_label, the same answer either way.
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationLabels, conversations, labels } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';

export async function carriesLabel(ctx: HubContext, accountId: number, labelId: number): Promise<SQL> {
  const [label] = await ctx.db
    .select({ id: labels.id })
    .from(labels)
    .where(and(eq(labels.id, labelId), eq(labels.accountId, accountId)));
  if (!label) {
    throw new AppError('unknown_label', `no label ${labelId} in this account`, {
      details: { labelIds: [String(labelId)] },
    });
  }
  // Answered from conversation_labels_label_idx (label_id, conversation_id).
  return inArray(
    conversations.id,
    ctx.db
      .select({ id: conversationLabels.conversationId })
      .from(conversationLabels)
      .where(and(eq(conversationLabels.labelId, labelId), eq(conversationLabels.accountId, accountId))),
  );
}
