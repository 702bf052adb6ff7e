// Opening a follow-up. A conversation that gets the complaint or claim category (a person's choice or the
// e-mail protocol's classifier) opens one by itself, once: a partial unique index keeps re-categorising
// from opening a second. Anyone who can see a conversation can also schedule one from it (an activation,
// an installation, a paid visit). The owner is the one named, else the account's follow_up user with the
// fewest open follow-ups (a round robin that evens out), else the conversation's agent.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext, TimerJob } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import type { Tx } from '#server/db/client.ts';
import { type FollowUp, followUps } from '#server/db/followup-schema.ts';
import { type Conversation, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { followUpCreateBody, followUpKinds } from '#shared/followups.schema.ts';
import { scheduleFollowUpDue } from './due-reminder.ts';
import { recordFollowUpEvent } from './followup-events.ts';

/** Categories that open a follow-up, and the kind they open. */
export const categoryKinds: Record<string, (typeof followUpKinds)[number]> = {
  complaint: 'complaint',
  claim: 'claim',
};
/** A follow-up the hub opened is due the next day. */
export const AUTOMATIC_DUE_MS = 24 * 3600_000;

const ownerRoles = ['admin', 'supervisor', 'follow_up', 'agent'] as const;

/** A user of the account who may own a follow-up: 422 invalid_owner otherwise. */
export async function checkOwner(
  tx: Tx | HubContext['db'],
  accountId: number,
  ownerId: number,
): Promise<void> {
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, ownerId),
        eq(users.accountId, accountId),
        eq(users.disabled, false),
        inArray(users.role, [...ownerRoles]),
      ),
    );
  if (!u) throw new AppError('invalid_owner', `user ${ownerId} cannot own a follow-up in this account`);
}

async function defaultOwner(tx: Tx, c: Conversation): Promise<number | null> {
  const [fu] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, c.accountId), eq(users.role, 'follow_up'), eq(users.disabled, false)))
    .orderBy(
      asc(
        sql`(select count(*) from ${followUps} where ${followUps.ownerId} = ${users.id} and ${followUps.status} in ('open', 'forwarded'))`,
      ),
      asc(users.id),
    )
    .limit(1);
  return fu?.id ?? c.assigneeId ?? null;
}

export async function openFollowUpInTx(
  ctx: HubContext,
  tx: Tx,
  c: Conversation,
  input: {
    kind: (typeof followUpKinds)[number];
    origin: 'category' | 'manual';
    dueAt: Date;
    ownerId?: number | null;
    note?: string | null;
    actorId: number | null;
  },
): Promise<FollowUp | null> {
  // A person's follow-up with nobody else to own it is theirs.
  const ownerId =
    input.ownerId ?? (await defaultOwner(tx, c)) ?? (input.origin === 'manual' ? input.actorId : null);
  const [row] = await tx
    .insert(followUps)
    .values({
      accountId: c.accountId,
      conversationId: c.id,
      contactId: c.contactId,
      kind: input.kind,
      origin: input.origin,
      ownerId,
      dueAt: input.dueAt,
      note: input.note ?? null,
      createdById: input.actorId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await recordFollowUpEvent(
    tx,
    { accountId: row.accountId, followUpId: row.id },
    'follow_up.opened',
    input.actorId,
    input.note ?? null,
    {
      kind: row.kind,
      origin: row.origin,
      ownerId: ownerId === null ? null : String(ownerId),
      dueAt: row.dueAt.toISOString(),
    },
  );
  await scheduleFollowUpDue(ctx, tx, row);
  return row;
}

/** The domain-event subscriber: a conversation newly in a complaint/claim category opens its follow-up. */
export async function openForCategory(
  ctx: HubContext,
  tx: Tx,
  e: { conversation: Conversation; before: Conversation; userId?: number | null },
): Promise<void> {
  const kind = e.conversation.category ? categoryKinds[e.conversation.category] : undefined;
  if (!kind || e.before.category === e.conversation.category) return;
  const opened = await openFollowUpInTx(ctx, tx, e.conversation, {
    kind,
    origin: 'category',
    dueAt: new Date(ctx.clock.now().getTime() + AUTOMATIC_DUE_MS),
    actorId: e.userId ?? null,
  });
  // Told after the commit: a timer due now, scheduled in this transaction, rolls back with it.
  if (opened?.ownerId) {
    await ctx.timers.schedule(tx, {
      kind: FOLLOW_UP_OPENED,
      dueAt: ctx.clock.now().toISOString(),
      accountId: opened.accountId,
      followUpId: opened.id,
    });
  }
}

export const FOLLOW_UP_OPENED = 'follow_up.opened';

/** The timer of an automatic opening: tells its owner, if it is still theirs and open. */
export async function onFollowUpOpened(ctx: HubContext, job: TimerJob): Promise<void> {
  const [f] = await ctx.db
    .select()
    .from(followUps)
    .where(eq(followUps.id, Number(job.followUpId)));
  if (f && (f.status === 'open' || f.status === 'forwarded')) notifyOwner(ctx, f);
}

export function notifyOwner(ctx: HubContext, f: FollowUp): void {
  if (!f.ownerId) return;
  ctx.publisher.userNotice(f.ownerId, {
    type: 'follow_up.assigned',
    conversationId: String(f.conversationId),
    followUpId: String(f.id),
    kind: f.kind,
    dueAt: f.dueAt.toISOString(),
  });
}

/** POST /conversations/:id/follow-ups: anyone who sees the conversation schedules one. */
export async function createFollowUp(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
  body: z.infer<typeof followUpCreateBody>,
): Promise<FollowUp> {
  const { conversation } = await loadVisible(ctx, auth, conversationId);
  if (body.ownerId !== undefined) await checkOwner(ctx.db, auth.accountId, Number(body.ownerId));
  const row = await ctx.db.transaction(async (tx) => {
    const f = await openFollowUpInTx(ctx, tx, conversation, {
      kind: body.kind,
      origin: 'manual',
      dueAt: new Date(body.dueAt),
      ownerId: body.ownerId !== undefined ? Number(body.ownerId) : undefined,
      note: body.note ?? null,
      actorId: auth.user.id,
    });
    if (!f) throw new AppError('conflict', 'the follow-up could not be opened');
    return f;
  });
  if (row.ownerId !== auth.user.id) notifyOwner(ctx, row);
  return row;
}
