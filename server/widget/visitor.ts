// A visitor's side of the data: the web-chat inbox a token names, the visitor's contact (created on first
// need, through the same identity ingest uses), and their conversation — the newest on their thread.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { messagesToJson } from '#server/conversations/messages-json.ts';
import type { Tx } from '#server/db/client.ts';
import {
  type Contact,
  type Conversation,
  contactIdentities,
  contacts,
  conversations,
  type Inbox,
  inboxes,
  messages,
} from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { definitionOf } from '#server/inboxes/channel-facts.ts';
/** What a widget socket (or visitor REST call) knows of its visitor; kept small, one per socket. */
import type { VisitorScope } from '#server/realtime/namespaces.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { widgetMessage } from './widget-link.ts';

export type { VisitorScope };

/** The inbox a widget connects to: one whose channel's inbound is the widget (web chat). */
export async function webchatInboxByToken(ctx: HubContext, token: string): Promise<Inbox> {
  const [inbox] = await ctx.db.select().from(inboxes).where(eq(inboxes.token, token));
  if (!inbox || !definitionOf(inbox.channel)?.widget)
    throw new AppError('inbox_not_found', 'unknown inbox token');
  return inbox;
}

/** The visitor's thread, as their channel keys it (web chat: one per visitor and inbox). */
export const threadKeyOf = (v: VisitorScope) => definitionOf(v.channel)!.widget!.threadKey(v);

/** Who the inbox's row makes a visitor of. */
export const visitorScopeOf = (inbox: Inbox, externalId: string): VisitorScope => ({
  inboxId: inbox.id,
  accountId: inbox.accountId,
  channel: inbox.channel as ChannelKind,
  externalId,
});

export async function currentConversation(ctx: HubContext, v: VisitorScope): Promise<Conversation | null> {
  const [c] = await ctx.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.inboxId, v.inboxId), eq(conversations.threadKey, threadKeyOf(v))))
    .orderBy(desc(conversations.id))
    .limit(1);
  return c ?? null;
}

export async function visitorContact(ctx: HubContext | { db: Tx }, v: VisitorScope) {
  const [row] = await ctx.db
    .select({ contact: contacts, identityId: contactIdentities.id })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(
      and(
        eq(contactIdentities.accountId, v.accountId),
        eq(contactIdentities.channel, v.channel),
        eq(contactIdentities.externalId, v.externalId),
      ),
    );
  return row ?? null;
}

/** The visitor's contact, created (with its identity on the inbox's channel) when the visitor has none yet. */
export async function ensureVisitorContact(tx: Tx, v: VisitorScope): Promise<Contact> {
  const known = await visitorContact({ db: tx }, v);
  if (known) return known.contact;
  const [contact] = await tx.insert(contacts).values({ accountId: v.accountId }).returning();
  const [identity] = await tx
    .insert(contactIdentities)
    .values({ accountId: v.accountId, contactId: contact.id, channel: v.channel, externalId: v.externalId })
    .onConflictDoNothing()
    .returning();
  if (identity) return contact;
  // Another device of the same visitor created it first.
  await tx.delete(contacts).where(eq(contacts.id, contact.id));
  const winner = await visitorContact({ db: tx }, v);
  if (!winner) throw new Error('visitor identity conflicted but none was found');
  return winner.contact;
}

export function visitorContactJson(c: Contact | null) {
  if (!c) return null;
  return { id: String(c.id), name: c.name, email: c.email, phone: c.phone, attributes: c.attributes };
}

const HISTORY = 200;

/** Public messages of a conversation (never private notes), oldest first, as the widget shows them. */
export async function publicHistory(ctx: HubContext, conversationId: number, beforeId?: number) {
  const rows = await ctx.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.private, false),
        beforeId ? lt(messages.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(HISTORY);
  rows.reverse();
  return (await messagesToJson(ctx.db, rows)).map(widgetMessage);
}
