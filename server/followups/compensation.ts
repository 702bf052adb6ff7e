// Compensation, exactly QP-14's steps, each with who and when, each refused to the wrong role (403 with a
// code) and in the wrong state (409): the manager verifies the case and estimates the amount (Bs) with the
// reason → finance, notified in its own queue, credits the account with a reference → the follow-up's
// owner tells the customer (a message through the conversation's channel, or a logged call) → the manager
// closes it, and the follow-up with it.
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Auth } from '#server/auth/auth.ts';
import type { HubContext } from '#server/context.ts';
import { afterOutboundCommit, createOutboundInTx } from '#server/conversations/create-outbound.ts';
import { type Compensation, compensations, followUps } from '#server/db/followup-schema.ts';
import { conversations, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type {
  compensationCreateBody,
  compensationCreditBody,
  compensationTellBody,
} from '#shared/followups.schema.ts';
import { expectFollowUpStatus, isFollowUpManager, loadFollowUp } from './followup-access.ts';
import { recordFollowUpEvent } from './followup-events.ts';

type Step = 'estimated' | 'credited' | 'told' | 'closed';

function expectCompensationStatus(c: Compensation, allowed: Step, step: string): void {
  if (c.status !== allowed) {
    throw new AppError('invalid_state', `a compensation that is ${c.status} cannot be ${step}`, {
      details: { status: c.status },
    });
  }
}

function requireManager(auth: Auth): void {
  if (!isFollowUpManager(auth))
    throw new AppError('not_manager', 'the manager (supervisor, admin) takes this step of a compensation');
}

async function loadCompensation(
  tx: Parameters<Parameters<HubContext['db']['transaction']>[0]>[0],
  auth: Auth,
  id: number,
) {
  const [c] = await tx
    .select()
    .from(compensations)
    .where(and(eq(compensations.id, id), eq(compensations.accountId, auth.accountId)))
    .for('update');
  if (!c) throw new AppError('not_found', `no compensation ${id}`);
  return c;
}

/** The manager verifies the case and estimates the amount: finance hears of it in its queue. */
export async function estimateCompensation(
  ctx: HubContext,
  auth: Auth,
  followUpId: number,
  body: z.infer<typeof compensationCreateBody>,
): Promise<Compensation> {
  requireManager(auth);
  const row = await ctx.db.transaction(async (tx) => {
    const f = await loadFollowUp(ctx, auth, followUpId, { tx, lock: true });
    expectFollowUpStatus(f, ['open', 'forwarded'], 'compensated');
    const now = ctx.clock.now();
    const [c] = await tx
      .insert(compensations)
      .values({
        accountId: f.accountId,
        followUpId: f.id,
        amount: body.amount.toFixed(2),
        reason: body.reason,
        estimatedById: auth.user.id,
        estimatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!c) throw new AppError('already_compensated', 'this follow-up already has its compensation');
    await recordFollowUpEvent(
      tx,
      { accountId: f.accountId, followUpId: f.id, compensationId: c.id },
      'compensation.estimated',
      auth.user.id,
      null,
      { amount: c.amount, reason: c.reason },
    );
    return c;
  });
  await noticeRole(ctx, auth.accountId, 'finance', {
    type: 'compensation.estimated',
    compensationId: String(row.id),
    amount: row.amount,
  });
  return row;
}

/** Finance confirms the credit with its reference. */
export async function creditCompensation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: z.infer<typeof compensationCreditBody>,
): Promise<Compensation> {
  if (auth.user.role !== 'finance')
    throw new AppError('not_finance', 'finance credits the compensation to the account');
  const { row, ownerId } = await ctx.db.transaction(async (tx) => {
    const c = await loadCompensation(tx, auth, id);
    expectCompensationStatus(c, 'estimated', 'credited');
    const [row] = await tx
      .update(compensations)
      .set({
        status: 'credited',
        creditReference: body.reference,
        creditedById: auth.user.id,
        creditedAt: ctx.clock.now(),
      })
      .where(eq(compensations.id, c.id))
      .returning();
    await recordFollowUpEvent(
      tx,
      { accountId: c.accountId, followUpId: c.followUpId, compensationId: c.id },
      'compensation.credited',
      auth.user.id,
      null,
      { reference: body.reference },
    );
    const [f] = await tx
      .select({ ownerId: followUps.ownerId })
      .from(followUps)
      .where(eq(followUps.id, c.followUpId));
    return { row, ownerId: f?.ownerId ?? null };
  });
  if (ownerId)
    ctx.publisher.userNotice(ownerId, {
      type: 'compensation.credited',
      compensationId: String(row.id),
      followUpId: String(row.followUpId),
      amount: row.amount,
    });
  return row;
}

const toldText: Record<'es' | 'en' | 'ar', (amount: string, reference: string) => string> = {
  es: (a, r) =>
    `Le informamos que acreditamos en su cuenta una compensación de ${a} Bs (referencia ${r}). Disculpe las molestias.`,
  en: (a, r) =>
    `We have credited your account with a compensation of ${a} Bs (reference ${r}). We apologise for the inconvenience.`,
  ar: (a, r) =>
    `نود إعلامكم بأننا أضفنا إلى حسابكم تعويضاً بقيمة ${a} بوليفيانو (المرجع ${r}). نعتذر عن الإزعاج.`,
};

/** The follow-up's owner tells the customer the amount: a message through the channel, or a logged call. */
export async function tellCompensation(
  ctx: HubContext,
  auth: Auth,
  id: number,
  body: z.infer<typeof compensationTellBody>,
): Promise<Compensation> {
  const done = await ctx.db.transaction(async (tx) => {
    const c = await loadCompensation(tx, auth, id);
    const [f] = await tx.select().from(followUps).where(eq(followUps.id, c.followUpId));
    if (f.ownerId !== auth.user.id)
      throw new AppError('not_followup_owner', "the follow-up's owner tells the customer");
    expectCompensationStatus(c, 'credited', 'told');
    let outbound: Awaited<ReturnType<typeof createOutboundInTx>> | null = null;
    if (body.via === 'message') {
      const [conv] = await tx
        .select({ language: conversations.language })
        .from(conversations)
        .where(eq(conversations.id, f.conversationId));
      const lang = conv?.language === 'en' || conv?.language === 'ar' ? conv.language : 'es';
      outbound = await createOutboundInTx(ctx, tx, {
        accountId: c.accountId,
        conversationId: f.conversationId,
        sender: { type: 'agent', id: auth.user.id },
        text: toldText[lang](c.amount, c.creditReference ?? ''),
      });
    }
    const [row] = await tx
      .update(compensations)
      .set({
        status: 'told',
        toldVia: body.via,
        toldMessageId: outbound?.message.id ?? null,
        toldById: auth.user.id,
        toldAt: ctx.clock.now(),
      })
      .where(eq(compensations.id, c.id))
      .returning();
    await recordFollowUpEvent(
      tx,
      { accountId: c.accountId, followUpId: c.followUpId, compensationId: c.id },
      'compensation.told',
      auth.user.id,
      body.note ?? null,
      { via: body.via, messageId: outbound ? String(outbound.message.id) : null },
    );
    return { row, outbound };
  });
  if (done.outbound) afterOutboundCommit(ctx, done.outbound);
  return done.row;
}

/** The manager closes the compensation, and its follow-up: solved, and the customer told. */
export async function closeCompensation(ctx: HubContext, auth: Auth, id: number): Promise<Compensation> {
  requireManager(auth);
  return ctx.db.transaction(async (tx) => {
    const c = await loadCompensation(tx, auth, id);
    expectCompensationStatus(c, 'told', 'closed');
    const now = ctx.clock.now();
    const [row] = await tx
      .update(compensations)
      .set({ status: 'closed', closedById: auth.user.id, closedAt: now })
      .where(eq(compensations.id, c.id))
      .returning();
    const [f] = await tx
      .update(followUps)
      .set({ status: 'closed', closedAt: now, customerToldAt: c.toldAt, updatedAt: now })
      .where(and(eq(followUps.id, c.followUpId), eq(followUps.accountId, c.accountId)))
      .returning();
    const at = { accountId: c.accountId, followUpId: c.followUpId, compensationId: c.id };
    await recordFollowUpEvent(tx, at, 'compensation.closed', auth.user.id);
    if (f)
      await recordFollowUpEvent(tx, at, 'follow_up.closed', auth.user.id, null, {
        customerTold: true,
        by: 'compensation',
      });
    return row;
  });
}

async function noticeRole(
  ctx: HubContext,
  accountId: number,
  role: 'finance',
  notice: { type: string; [k: string]: unknown },
) {
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.role, role), eq(users.disabled, false)));
  for (const u of rows) ctx.publisher.userNotice(u.id, notice);
}
