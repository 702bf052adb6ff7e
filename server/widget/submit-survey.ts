// survey:submit — the visitor rates their resolved conversation, once, with the agent who handled it
// (the assignee, else the last agent who wrote). Recorded as an event too, for the audit trail.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { storeRating } from '#server/protocol/store-rating.ts';
import type { surveyBody } from '#shared/widget.schema.ts';
import { currentConversation, type VisitorScope } from './visitor.ts';
import { readWidgetSettings } from './widget-settings.ts';

export async function submitSurvey(ctx: HubContext, v: VisitorScope, body: z.infer<typeof surveyBody>) {
  const conversation = await currentConversation(ctx, v);
  if (conversation?.status !== 'resolved') {
    throw new AppError('invalid_state', 'there is no resolved conversation to rate');
  }
  const [inbox] = await ctx.db
    .select({ settings: inboxes.settings })
    .from(inboxes)
    .where(eq(inboxes.id, v.inboxId));
  if (readWidgetSettings(inbox?.settings ?? {}).surveyEnabled === false) {
    throw new AppError('invalid_state', 'surveys are turned off for this chat');
  }
  const stored = await ctx.db.transaction((tx) =>
    storeRating(tx, conversation, body.rating, body.comment ?? null, 'widget'),
  );
  if (!stored) throw new AppError('already_rated', 'this conversation was already rated');
  return {};
}
