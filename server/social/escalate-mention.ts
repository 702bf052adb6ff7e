// Marketing hands a public item to the care team: the note is left in the conversation as a private note
// (what the agent reads first), the conversation gets at least high priority, and, when a team is named
// and nobody holds the conversation yet, it joins that team's queue. The item is `in_care` from then on.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { conversationToJson } from '#server/conversations/serialize.ts';
import { conversations, priorities, socialItems, teams } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { recordEvent } from '#server/events/record-event.ts';
import { queueInTx } from '#server/routing/enqueue.ts';
import type { ChannelKind } from '#shared/channels.ts';
import { lockMention } from './lock-mention.ts';
import { publishMentionChanges } from './publish-mentions.ts';

export async function escalateMention(
  ctx: HubContext,
  auth: Auth,
  itemId: number,
  body: { note: string; teamId?: number },
): Promise<void> {
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockMention(tx, auth.accountId, itemId);
    if (body.teamId !== undefined) {
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.id, body.teamId), eq(teams.accountId, auth.accountId)));
      if (!team) throw new AppError('validation_failed', `no team ${body.teamId} in this account`);
    }
    const now = ctx.clock.now();
    await tx
      .update(socialItems)
      .set({
        status: row.item.status === 'answered' ? 'answered' : 'in_care',
        escalation: { note: body.note, at: now.toISOString(), byUserId: auth.user.id },
      })
      .where(eq(socialItems.id, itemId));
    const note = await createOutboundInTx(ctx, tx, {
      accountId: auth.accountId,
      conversationId: row.item.conversationId,
      sender: { type: 'agent', id: auth.user.id },
      text: `Escalated from Mentions: ${body.note}`,
      private: true,
    });
    let c = note.conversation;
    const [fresh] = await tx.select().from(conversations).where(eq(conversations.id, c.id));
    c = fresh;
    if (body.teamId !== undefined && c.assigneeId === null && c.status !== 'resolved') {
      c = await queueInTx(ctx, tx, c, body.teamId, {
        priority: atLeastHigh(c.priority),
        reason: 'escalated',
      });
    } else if (atLeastHigh(c.priority) !== c.priority) {
      [c] = await tx
        .update(conversations)
        .set({ priority: atLeastHigh(c.priority) })
        .where(eq(conversations.id, c.id))
        .returning();
    }
    await recordEvent(
      tx,
      c,
      'social.escalated',
      { itemId: String(itemId), teamId: body.teamId ?? null },
      { type: 'user', id: auth.user.id },
    );
    return { note, conversation: c, channel: row.channel as ChannelKind };
  });
  afterOutboundCommit(ctx, result.note);
  ctx.publisher.conversationUpdated(
    result.conversation,
    conversationToJson(result.conversation, result.channel),
  );
  if (result.conversation.assigneeId === null) ctx.queue.wake('route');
  await publishMentionChanges(ctx, [itemId]);
}

const atLeastHigh = (p: (typeof priorities)[number]) =>
  priorities.indexOf(p) >= priorities.indexOf('high') ? p : 'high';
