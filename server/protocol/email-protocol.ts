// The e-mail channel's part of its protocol template (seeds/email.ts): identifying the mail as a request
// and which kind (PQR), and the inbox settings that older inboxes use to shape the automatic mails.
//
// Inbox settings (all optional): `language` ('en' | 'es' | 'ar'), `classifyRequests` (default true),
// `acknowledgement` and `followUp` (a text replacing the template's, or false to turn the step off;
// placeholders {reference}, {category}, {name}, {subject}), `automaticRepliesPerHour` (see protocol.ts).
import { and, eq, isNull } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { type Conversation, conversations, type Inbox, type Message } from '#server/db/schema.ts';
import { recordEvent } from '#server/events/record-event.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type { StepAction } from '#shared/protocol.schema.ts';
import type { ChannelProtocol } from './channel-protocol.ts';
import { classifyRequest } from './classify-request.ts';

/** Classifies a new mail unless the inbox turned it off or an agent already chose the category. */
async function classify(
  ctx: HubContext,
  s: { conversation: Conversation; inbox: Inbox; message?: Message },
): Promise<'done' | 'skipped' | 'turned_off'> {
  if (s.inbox.settings.classifyRequests === false) return 'turned_off';
  if (s.conversation.category) return 'done';
  const category = classifyRequest(s.conversation.subject, s.message?.text ?? null);
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ category, updatedAt: new Date() })
      .where(and(eq(conversations.id, s.conversation.id), isNull(conversations.category)))
      .returning();
    if (!row) return row;
    await recordEvent(tx, row, 'conversation.categorized', { category, by: 'protocol' });
    // A complaint or claim opens its follow-up (server/followups/install-followups.ts).
    return ctx.events.emit(tx, 'conversation.categorized', {
      channel: s.inbox.channel as ChannelKind,
      conversation: row,
      before: s.conversation,
    });
  });
  if (updated) {
    ctx.publisher.conversationUpdated(
      updated,
      conversationToJson(updated, s.inbox.channel as ChannelKind),
      s.conversation,
    );
    s.conversation = updated;
  }
  return 'done';
}

const overridable: Partial<Record<StepAction, string>> = {
  acknowledge: 'acknowledgement',
  follow_up: 'followUp',
};

export const emailProtocol: ChannelProtocol = {
  protocol: 'email',
  classify,
  inboxText(inbox, action) {
    const setting = overridable[action];
    if (!setting) return undefined;
    const v = inbox.settings[setting];
    if (v === false) return false;
    return typeof v === 'string' && v.trim() ? v : undefined;
  },
};
