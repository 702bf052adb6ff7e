// A social item as the Mentions desk shows it (shared/mentions.schema.ts): its row, the message it is
// (text, `meta.social` as the adapter left it) and the author's contact, scored under the account's
// settings so that the parts shown are the ones the stored score and tier came from.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import {
  contacts,
  conversations,
  inboxes,
  messages,
  type SocialItem,
  socialItems,
} from '#server/db/schema.ts';
import type { InfluenceSettings } from '#shared/influence.schema.ts';
import { scoreInfluence } from '#shared/influence.ts';
import type { MentionJson } from '#shared/mentions.schema.ts';
import { socialMetricsOf } from './influence-of.ts';
import { loadInfluenceSettings } from './influence-settings.ts';

type Loaded = {
  item: SocialItem;
  text: string | null;
  meta: Record<string, unknown>;
  channel: string;
  contactName: string | null;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export function mentionToJson(l: Loaded, settings: InfluenceSettings): MentionJson {
  const { item } = l;
  const social = (l.meta.social ?? {}) as Record<string, unknown>;
  const metrics = socialMetricsOf({ meta: l.meta });
  const author = (social.author ?? {}) as Record<string, unknown>;
  const influence = metrics ? scoreInfluence(metrics, settings) : null;
  return {
    id: String(item.id),
    conversationId: String(item.conversationId),
    messageId: String(item.messageId),
    inboxId: String(item.inboxId),
    channel: l.channel,
    kind: item.kind,
    text: l.text,
    url: str(social.url) ?? str(social.permalink),
    post: { id: str(social.postId), url: str(social.postUrl) ?? str(social.permalink) },
    author: {
      name: l.contactName ?? str(author.name),
      handle: metrics?.author.handle ?? str(author.handle),
      followers: metrics ? (metrics.author.followers ?? null) : null,
      verified: metrics?.author.verified ?? false,
      page: metrics?.author.page ?? false,
    },
    exposure: metrics?.item
      ? {
          likes: metrics.item.likes,
          replies: metrics.item.replies,
          reposts: metrics.item.reposts,
          quotes: metrics.item.quotes ?? null,
          views: metrics.item.views ?? null,
          measuredAt: metrics.item.measuredAt,
        }
      : null,
    influence,
    status: item.status,
    hidden: item.hiddenAt !== null,
    removed: item.removedAt !== null,
    liked: item.likedAt !== null,
    pendingAction: item.pendingAction,
    actionError: item.actionError,
    escalation: item.escalation
      ? {
          note: item.escalation.note,
          at: item.escalation.at,
          byUserId: item.escalation.byUserId === null ? null : String(item.escalation.byUserId),
        }
      : null,
    tierRaisedAt: item.tierRaisedAt?.toISOString() ?? null,
    createdAt: item.createdAt.toISOString(),
    refreshedAt: item.refreshedAt?.toISOString() ?? null,
    version: item.version,
  };
}

/** The rows as JSON, in the order given, under the account's current settings. */
export async function mentionsToJson(
  db: Db,
  accountId: number,
  rows: SocialItem[],
  settings?: InfluenceSettings,
): Promise<MentionJson[]> {
  if (rows.length === 0) return [];
  const s = settings ?? (await loadInfluenceSettings(db, accountId));
  const details = await db
    .select({
      id: messages.id,
      text: messages.text,
      meta: messages.meta,
      channel: inboxes.channel,
      contactName: contacts.name,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, messages.inboxId))
    .where(
      inArray(
        messages.id,
        rows.map((r) => r.messageId),
      ),
    );
  const byMessage = new Map(details.map((d) => [d.id, d]));
  return rows.map((item) => {
    const d = byMessage.get(item.messageId);
    return mentionToJson(
      {
        item,
        text: d?.text ?? null,
        meta: d?.meta ?? {},
        channel: d?.channel ?? '',
        contactName: d?.contactName ?? null,
      },
      s,
    );
  });
}

export async function mentionJsonOf(db: Db, accountId: number, itemId: number): Promise<MentionJson | null> {
  const [row] = await db
    .select()
    .from(socialItems)
    .where(and(eq(socialItems.id, itemId), eq(socialItems.accountId, accountId)));
  if (!row) return null;
  return (await mentionsToJson(db, row.accountId, [row]))[0] ?? null;
}
