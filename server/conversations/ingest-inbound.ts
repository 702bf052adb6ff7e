// ingestInbound: the one door every channel's traffic comes through. In one transaction: find or create
// the contact by identity, find, reopen or create the conversation by thread key, store the message once
// (a redelivery or an echo of our own send is a no-op), record events and enqueue follow-ups.
// A per-thread advisory lock makes concurrent arrivals on a new thread produce one conversation.
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { InboxInfo } from '#channels/types.ts';
import type { StoredFile } from '#server/attachments/store.ts';
import type { HubContext } from '#server/context.ts';
import type { Db, Tx } from '#server/db/client.ts';
import {
  type Attachment,
  attachments,
  type Contact,
  type Conversation,
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  type Inbox,
  type Message,
  messages,
} from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { ChannelKind, InboundMessage } from '#shared/channels.ts';
import { toE164 } from '#shared/phone.ts';

export type IngestResult = {
  duplicate: boolean;
  message: Message;
  attachments: Attachment[];
  conversation: Conversation;
  contact: Contact;
  conversationCreated: boolean;
  /** The message woke a pending or snoozed conversation. */
  woke?: boolean;
};

const DEFAULT_REOPEN_HOURS = 24;

// Customer HTML is shown to agents: scripts and styles never survive, and remote images are not loaded
// (a tracking pixel tells the sender the mail was read): their address moves to `data-remote-src`, for
// the console to load on the agent's request. Inline images (`cid:`) stay, and are served from the
// stored attachment (serialize.ts, through meta.inlineImages).
const htmlPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
  },
  allowedSchemesByTag: { img: ['cid'] },
  transformTags: {
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      delete rest['data-remote-src'];
      return {
        tagName,
        attribs: src && /^https?:\/\//i.test(src) ? { ...rest, 'data-remote-src': src } : { ...attribs },
      };
    },
  },
};

/** content id → sha256 of the stored file, for a mail's inline images. */
function inlineImages(files: PreparedFiles): Record<string, string> | null {
  const pairs = files.stored.filter((f) => f.contentId).map((f) => [f.contentId!, f.sha256]);
  return pairs.length ? Object.fromEntries(pairs) : null;
}

export type IngestInbox = InboxInfo & { teamId: number | null; settings: Record<string, unknown> };

/** What ingest needs of an inbox row. */
export const ingestInboxOf = (row: Inbox): IngestInbox => ({
  id: row.id,
  accountId: row.accountId,
  name: row.name,
  channel: row.channel as ChannelKind,
  token: row.token,
  teamId: row.teamId,
  settings: row.settings,
});

/** Files of an inbound message, stored before the transaction opens (file I/O never holds a lock). */
export type PreparedFiles = {
  stored: (StoredFile & { name: string; contentId?: string })[];
  /** The message as the channel delivered it (a mail's source), stored for "view original". */
  original?: StoredFile & { name: string };
  rejected: { name: string; reason: string }[];
};

export async function prepareFiles(ctx: HubContext, m: InboundMessage): Promise<PreparedFiles> {
  const prepared: PreparedFiles = { stored: [], rejected: [] };
  for (const a of m.attachments ?? []) {
    try {
      const file = await ctx.attachments.put(a.data, a.mime);
      prepared.stored.push({
        ...file,
        name: a.name ?? `attachment-${file.sha256.slice(0, 8)}`,
        ...(a.contentId ? { contentId: a.contentId } : {}),
      });
    } catch (err) {
      // A file we refuse must not cost the customer their message: keep the text, say what was dropped.
      if (!(err instanceof AppError)) throw err;
      prepared.rejected.push({ name: a.name ?? 'attachment', reason: err.message });
    }
  }
  if (m.original) {
    try {
      prepared.original = {
        ...(await ctx.attachments.put(m.original.data, 'text/plain')),
        name: m.original.name,
      };
    } catch (err) {
      // Too large to keep: the message itself is all there, only "view original" is not.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return prepared;
}

/** PostgreSQL text and jsonb cannot hold U+0000, which broken mail and buggy clients do send. */
function withoutNul(m: InboundMessage): InboundMessage {
  const clean = (v: string | undefined) => (v?.includes('\u0000') ? v.replaceAll('\u0000', '') : v);
  const metaJson = m.meta ? JSON.stringify(m.meta) : '';
  return {
    ...m,
    text: clean(m.text),
    html: clean(m.html),
    subject: clean(m.subject),
    sender: {
      ...m.sender,
      externalId: clean(m.sender.externalId)!,
      name: clean(m.sender.name),
      email: clean(m.sender.email),
      phone: clean(m.sender.phone),
    },
    externalId: clean(m.externalId)!,
    threadKey: clean(m.threadKey)!,
    // In JSON a NUL is the escape \u0000 — unless its backslash is itself escaped (a literal "\u0000").
    ...(metaJson.includes('\\u0000')
      ? { meta: JSON.parse(metaJson.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1')) }
      : {}),
  };
}

export async function ingestInTx(
  ctx: HubContext,
  tx: Tx,
  inbox: IngestInbox,
  raw: InboundMessage,
  files: PreparedFiles = { stored: [], rejected: [] },
): Promise<IngestResult> {
  const m = withoutNul(raw);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${String(inbox.id)}), hashtext(${m.threadKey}))`,
  );

  // Hot path: a known sender on a live thread costs one lookup, one insert and one update. Only a new
  // sender or a new/reopened thread takes the slower path below.
  const { known, live } = await lookupSenderAndThread(tx, inbox, m);
  let contact: Contact;
  let identityId: number;
  if (known) {
    contact = await fillBlanks(tx, known.contact, m);
    identityId = known.identityId;
  } else {
    ({ contact, identityId } = await createContact(tx, inbox, m));
  }
  let conversation = live;
  let created = false;
  if (!conversation) {
    // Before a conversation is created or reopened for it, make sure this is not a redelivery of a
    // message whose conversation has since been resolved.
    const seen = await existingMessage(tx, inbox.id, m, null);
    if (seen) return duplicateOf(tx, seen);
    ({ conversation, created } = await findOrOpenConversation(ctx, tx, inbox, contact, identityId, m));
  }

  // The hub's clock: service-level timers count from these instants (and tests move it).
  const now = ctx.clock.now();
  const [message] = await tx
    .insert(messages)
    .values({
      accountId: inbox.accountId,
      conversationId: conversation.id,
      inboxId: inbox.id,
      externalId: m.externalId,
      clientMessageId: m.clientMessageId ?? null,
      direction: 'in',
      senderType: 'contact',
      senderId: contact.id,
      text: m.text ?? null,
      html: m.html ? sanitizeHtml(m.html, htmlPolicy) : null,
      contentType: m.contentType ?? 'text',
      status: 'received',
      meta: {
        ...(m.meta ?? {}),
        ...(m.automated ? { automated: true } : {}),
        ...(m.timestamp ? { channelTimestamp: m.timestamp.toISOString() } : {}),
        ...(files.rejected.length ? { rejectedAttachments: files.rejected } : {}),
        ...(inlineImages(files) ? { inlineImages: inlineImages(files) } : {}),
        ...(files.original ? { originalSha256: files.original.sha256 } : {}),
      },
      createdAt: now,
    })
    // (inbox, external id) and (conversation, client message id) are unique: a redelivery inserts nothing.
    .onConflictDoNothing()
    .returning();
  if (!message) {
    const seen = await existingMessage(tx, inbox.id, m, conversation.id);
    if (!seen) throw new Error('message conflicted but no earlier copy was found');
    return duplicateOf(tx, seen);
  }

  const stored = await attachInbound(tx, inbox.accountId, message.id, m, files);

  let [updated] = await tx
    .update(conversations)
    .set({
      lastActivityAt: now,
      lastCustomerMessageAt: now,
      // The customer now waits for an answer (a survey answer on a resolved conversation does not).
      waitingSince: sql`case when ${conversations.status} = 'resolved' then null else coalesce(${conversations.waitingSince}, ${now}) end`,
      firstCustomerMessageAt: sql`coalesce(${conversations.firstCustomerMessageAt}, ${now})`,
      // A customer who writes again wakes a pending or snoozed conversation.
      status: sql`case when ${conversations.status} in ('pending', 'snoozed') then 'open' else ${conversations.status} end`,
      snoozedUntil: null,
      updatedAt: now,
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  const woke =
    (conversation.status === 'pending' || conversation.status === 'snoozed') && updated.status === 'open';
  if (woke)
    await recordEvent(tx, updated, 'conversation.reopened', {
      reason: 'customer_message',
      from: conversation.status,
    });

  for (const followUp of ctx.followUps) {
    // A follow-up that changes the conversation (routing sets its team) hands back the new row.
    updated =
      (await followUp(tx, {
        channel: inbox.channel,
        conversation: updated,
        message,
        conversationCreated: created,
        woke,
        wokeFrom: woke ? (conversation.status as 'pending' | 'snoozed') : undefined,
        contact,
        inbox,
      })) ?? updated;
  }
  return {
    duplicate: false,
    message,
    attachments: stored,
    conversation: updated,
    contact,
    conversationCreated: created,
    woke,
  };
}

async function duplicateOf(tx: Tx, message: Message): Promise<IngestResult> {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(eq(conversations.id, message.conversationId));
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
  const files = await tx.select().from(attachments).where(eq(attachments.messageId, message.id));
  return { duplicate: true, message, attachments: files, conversation, contact, conversationCreated: false };
}

function identityKey(inbox: InboxInfo, m: InboundMessage) {
  return and(
    eq(contactIdentities.accountId, inbox.accountId),
    eq(contactIdentities.channel, m.channel),
    eq(contactIdentities.externalId, m.sender.externalId),
  );
}

/** The sender's contact and identity, and the thread's live conversation, in one query. */
async function lookupSenderAndThread(tx: Tx, inbox: InboxInfo, m: InboundMessage) {
  const [row] = await tx
    .select({ contact: contacts, identityId: contactIdentities.id, live: conversations })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .leftJoin(
      conversations,
      and(
        eq(conversations.inboxId, inbox.id),
        eq(conversations.threadKey, m.threadKey),
        ne(conversations.status, 'resolved'),
      ),
    )
    .where(identityKey(inbox, m));
  if (row)
    return { known: { contact: row.contact, identityId: row.identityId }, live: row.live ?? undefined };
  // A new sender may still write on a live thread (a new participant of a mail thread, say).
  const [live] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.inboxId, inbox.id),
        eq(conversations.threadKey, m.threadKey),
        ne(conversations.status, 'resolved'),
      ),
    );
  return { known: undefined, live };
}

async function existingMessage(
  tx: Tx,
  inboxId: number,
  m: InboundMessage,
  conversationId: number | null,
): Promise<Message | undefined> {
  const [byExternal] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.inboxId, inboxId), eq(messages.externalId, m.externalId)));
  if (byExternal || !m.clientMessageId || conversationId === null) return byExternal;
  const [byClient] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, m.clientMessageId)));
  return byClient;
}

async function createContact(
  tx: Tx,
  inbox: InboxInfo,
  m: InboundMessage,
): Promise<{ contact: Contact; identityId: number }> {
  const phone = m.sender.phone ? (toE164(m.sender.phone) ?? m.sender.phone) : null;
  // A phone number the account already knows (an agent typed it, another channel gave it) is the same
  // person: the new identity joins that contact instead of making a second one.
  const [known] = phone
    ? await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.accountId, inbox.accountId), eq(contacts.phone, phone)))
        .orderBy(desc(contacts.id))
        .limit(1)
    : [];
  const [contact] = known
    ? [known]
    : await tx
        .insert(contacts)
        .values({
          accountId: inbox.accountId,
          name: m.sender.name ?? null,
          email: m.sender.email?.toLowerCase() ?? null,
          phone,
        })
        .returning();
  const [identity] = await tx
    .insert(contactIdentities)
    .values({
      accountId: inbox.accountId,
      contactId: contact.id,
      channel: m.channel,
      externalId: m.sender.externalId,
      display: m.sender.display ?? {},
    })
    .onConflictDoNothing()
    .returning();
  if (identity)
    return { contact: known ? await fillBlanks(tx, contact, m) : contact, identityId: identity.id };
  // The same sender on another thread created the identity first: use its contact.
  if (!known) await tx.delete(contacts).where(eq(contacts.id, contact.id));
  const [winner] = await tx
    .select({ contact: contacts, identityId: contactIdentities.id })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(identityKey(inbox, m));
  return winner;
}

/** A channel may learn a name or an address later; it never overwrites what an agent set. */
async function fillBlanks(tx: Tx, c: Contact, m: InboundMessage): Promise<Contact> {
  const patch: Partial<Contact> = {};
  if (!c.name && m.sender.name) patch.name = m.sender.name;
  if (!c.email && m.sender.email) patch.email = m.sender.email.toLowerCase();
  if (!c.phone && m.sender.phone) patch.phone = toE164(m.sender.phone) ?? m.sender.phone;
  if (Object.keys(patch).length === 0) return c;
  const [updated] = await tx
    .update(contacts)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(contacts.id, c.id))
    .returning();
  return updated;
}

async function findOrOpenConversation(
  ctx: HubContext,
  tx: Tx,
  inbox: IngestInbox,
  contact: Contact,
  identityId: number,
  m: InboundMessage,
): Promise<{ conversation: Conversation; created: boolean }> {
  // No live conversation on this thread: lookupSenderAndThread looked, under the thread's lock.
  const thread = and(eq(conversations.inboxId, inbox.id), eq(conversations.threadKey, m.threadKey));
  const reopenHours = Number(inbox.settings.reopenWithinHours ?? DEFAULT_REOPEN_HOURS);
  const [last] = await tx.select().from(conversations).where(thread).orderBy(desc(conversations.id)).limit(1);
  // An agent reopened it a moment ago (their change does not take the thread's lock): it is live again.
  if (last && last.status !== 'resolved') return { conversation: last, created: false };
  if (last) {
    for (const handler of ctx.resolvedReplyHandlers) {
      if (await handler(tx, { channel: inbox.channel, conversation: last, text: m.text ?? null })) {
        return { conversation: last, created: false };
      }
    }
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
      contactId: contact.id,
      contactIdentityId: identityId,
      threadKey: m.threadKey,
      subject: m.subject ?? null,
      teamId: inbox.teamId,
    })
    .returning();
  await recordEvent(tx, conversation, 'conversation.created', { channel: m.channel });
  return { conversation, created: true };
}

async function attachInbound(
  tx: Tx,
  accountId: number,
  messageId: number,
  m: InboundMessage,
  files: PreparedFiles,
): Promise<Attachment[]> {
  const rows: Attachment[] = [];
  const all = files.original ? [...files.stored, files.original] : files.stored;
  if (all.length) {
    const inserted = await tx
      .insert(attachments)
      .values(
        all.map(({ name, contentId: _cid, ...file }: PreparedFiles['stored'][number]) => ({
          accountId,
          messageId,
          ...file,
          originalName: name,
          uploadedByType: 'channel' as const,
        })),
      )
      .returning();
    rows.push(...inserted);
  }
  if (m.attachmentIds?.length) {
    const claimed = await tx
      .update(attachments)
      .set({ messageId })
      .where(
        and(
          eq(attachments.accountId, accountId),
          inArray(attachments.id, m.attachmentIds),
          isNull(attachments.messageId),
        ),
      )
      .returning();
    rows.push(...claimed);
  }
  return rows;
}

export async function recordEvent(
  tx: Tx | Db,
  conversation: Pick<Conversation, 'id' | 'accountId'>,
  type: string,
  data: Record<string, unknown> = {},
  actor: { type: 'user' | 'contact' | 'system' | 'channel'; id?: number | null } = { type: 'system' },
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
