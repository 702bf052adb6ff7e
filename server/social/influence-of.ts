// The one place the hub reads a social item's metrics: `messages.meta.social`, as the channel adapter put
// it there (shape: socialMetricsSchema in shared/influence.schema.ts). A message without metrics, or with
// metrics that do not parse, has no influence: it is never guessed.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { type Conversation, type Message, messages } from '#server/db/schema.ts';
import { type InfluenceSettings, type SocialMetrics, socialMetricsSchema } from '#shared/influence.schema.ts';
import { type Influence, scoreInfluence } from '#shared/influence.ts';
import { loadInfluenceSettings } from './influence-settings.ts';

export function socialMetricsOf(message: Pick<Message, 'meta'>): SocialMetrics | null {
  const parsed = socialMetricsSchema.safeParse(message.meta.social);
  return parsed.success ? parsed.data : null;
}

/** A message's influence under the account's settings, or null when it carries no metrics. */
export function influenceOfMessage(
  message: Pick<Message, 'meta'>,
  settings: InfluenceSettings,
): (Influence & { metrics: SocialMetrics }) | null {
  const metrics = socialMetricsOf(message);
  return metrics ? { ...scoreInfluence(metrics, settings), metrics } : null;
}

/**
 * A conversation's influence: that of its latest customer message carrying metrics. A public thread's
 * items are all public; a private conversation is scored by its author's reach alone (shared/influence.ts).
 */
export async function influenceOf(
  db: Db,
  conversation: Pick<Conversation, 'id' | 'accountId'>,
  settings?: InfluenceSettings,
): Promise<(Influence & { metrics: SocialMetrics; messageId: number }) | null> {
  const [latest] = await db
    .select({ id: messages.id, meta: messages.meta })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.direction, 'in'),
        // Adapters keep other details in meta.social too (post, parent): only a measured item counts.
        sql`${messages.meta} -> 'social' -> 'author' is not null`,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  if (!latest) return null;
  const scored = influenceOfMessage(
    latest,
    settings ?? (await loadInfluenceSettings(db, conversation.accountId)),
  );
  return scored && { ...scored, messageId: latest.id };
}
