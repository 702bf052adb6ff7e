// Create, list, rename/recolour and delete an account's labels. A name is unique per account whatever
// its case (the unique index is on lower(name)); a taken one is a 409 that names it, also when two saves
// race. Renaming or recolouring one, the consoles that show a conversation carrying it hear of it.
// Deleting a label takes it off every conversation: each records the change and the consoles that show
// one hear of it.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { conversationEvents, conversationLabels, type Label, labels } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import type { LabelBody, LabelJson, LabelPatch } from '#shared/labels.schema.ts';
import { publishLabelled } from './publish-labelled.ts';

export function labelToJson(r: Label): LabelJson {
  return {
    id: String(r.id),
    name: r.name,
    color: r.color,
    description: r.description,
    createdAt: r.createdAt.toISOString(),
  };
}

const taken = (name: string) => new AppError('conflict', `the label name "${name}" is already used`);
const mine = (accountId: number, id: number) => and(eq(labels.id, id), eq(labels.accountId, accountId));

export async function listLabels(ctx: HubContext, accountId: number): Promise<LabelJson[]> {
  const rows = await ctx.db
    .select()
    .from(labels)
    .where(eq(labels.accountId, accountId))
    .orderBy(sql`lower(${labels.name})`, labels.id);
  return rows.map(labelToJson);
}

async function checkName(ctx: HubContext, accountId: number, name: string, exceptId?: number) {
  const [clash] = await ctx.db
    .select({ id: labels.id })
    .from(labels)
    .where(
      and(
        eq(labels.accountId, accountId),
        eq(sql`lower(${labels.name})`, name.toLowerCase()),
        exceptId === undefined ? undefined : ne(labels.id, exceptId),
      ),
    );
  if (clash) throw taken(name);
}

/** The unique index still decides when two saves of one name race past the check. */
async function orTaken<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if (name && (e.code ?? e.cause?.code) === '23505') throw taken(name);
    throw err;
  }
}

export async function createLabel(ctx: HubContext, accountId: number, body: LabelBody) {
  await checkName(ctx, accountId, body.name);
  const [row] = await orTaken(body.name, () =>
    ctx.db
      .insert(labels)
      .values({ accountId, name: body.name, color: body.color, description: body.description ?? null })
      .returning(),
  );
  return labelToJson(row);
}

export async function updateLabel(ctx: HubContext, accountId: number, id: number, body: LabelPatch) {
  const [existing] = await ctx.db.select({ id: labels.id }).from(labels).where(mine(accountId, id));
  if (!existing) throw notFound('label');
  if (body.name !== undefined) await checkName(ctx, accountId, body.name, id);
  const patch: Partial<Label> = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.color !== undefined) patch.color = body.color;
  if (body.description !== undefined) patch.description = body.description;
  const [row] = await orTaken(body.name, () =>
    ctx.db.update(labels).set(patch).where(mine(accountId, id)).returning(),
  );
  // A new name or colour shows at once on every console that shows a conversation carrying it.
  if (body.name !== undefined || body.color !== undefined) {
    const on = await ctx.db
      .select({ conversationId: conversationLabels.conversationId })
      .from(conversationLabels)
      .where(and(eq(conversationLabels.accountId, accountId), eq(conversationLabels.labelId, id)));
    await publishLabelled(
      ctx,
      accountId,
      on.map((r) => r.conversationId),
    );
  }
  return labelToJson(row);
}

export async function deleteLabel(ctx: HubContext, auth: Auth, id: number) {
  const { row, conversationIds } = await ctx.db.transaction(async (tx) => {
    const [label] = await tx.select().from(labels).where(mine(auth.accountId, id)).for('update');
    if (!label) throw notFound('label');
    const on = await tx
      .select({ conversationId: conversationLabels.conversationId })
      .from(conversationLabels)
      .where(and(eq(conversationLabels.accountId, auth.accountId), eq(conversationLabels.labelId, id)));
    const ids = on.map((r) => r.conversationId);
    // The cascade takes it off the conversations; the audit trail says so on each of them.
    await tx.delete(labels).where(mine(auth.accountId, id));
    if (ids.length)
      await tx.insert(conversationEvents).values(
        ids.map((conversationId) => ({
          accountId: auth.accountId,
          conversationId,
          type: 'labels.changed',
          actorType: 'user' as const,
          actorId: auth.user.id,
          data: { added: [], removed: [label.name], reason: 'label_deleted' },
        })),
      );
    return { row: label, conversationIds: ids };
  });
  await publishLabelled(ctx, auth.accountId, conversationIds);
  return labelToJson(row);
}
