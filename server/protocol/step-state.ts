// A conversation's checklist state (conversation_steps): one row per step that something happened to.
// A detection by the hub never overrides what an agent decided (`onlyIfPending`).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import {
  type Conversation,
  type ConversationStep,
  conversationSteps,
  conversations,
} from '#server/db/schema.ts';
import type { StepStatus } from '#shared/protocol.schema.ts';

export type StepActor = { type: 'user' | 'system' | 'contact'; id: number | null };

export async function stepsOf(db: Db, conversationId: number): Promise<Map<string, ConversationStep>> {
  const rows = await db
    .select()
    .from(conversationSteps)
    .where(eq(conversationSteps.conversationId, conversationId));
  return new Map(rows.map((r) => [r.stepKey, r]));
}

/** Upserts a step's status; returns false when `onlyIfPending` kept a decided step as it was. */
export async function setStep(
  db: Db,
  conversation: Pick<Conversation, 'id' | 'accountId'>,
  key: string,
  status: StepStatus,
  opts: { by: StepActor | null; data?: Record<string, unknown>; onlyIfPending?: boolean; now?: Date },
): Promise<boolean> {
  // The conversation first, then its step: the conversation_steps_brief trigger (migration 0022) updates
  // the conversation after the step, and a transaction that already holds the conversation (a message
  // being stored) may be about to write this very step — taking them in the other order could deadlock.
  if (!('rollback' in db)) return db.transaction((tx) => setStep(tx, conversation, key, status, opts));
  await db.execute(
    sql`select 1 from ${conversations} where ${conversations.id} = ${conversation.id} for update`,
  );
  const data = opts.data ?? {};
  const by = status === 'pending' ? null : opts.by;
  const now = opts.now ?? new Date();
  const rows = await db
    .insert(conversationSteps)
    .values({
      accountId: conversation.accountId,
      conversationId: conversation.id,
      stepKey: key,
      status,
      data,
      doneByType: by?.type ?? null,
      doneById: by?.id ?? null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [conversationSteps.conversationId, conversationSteps.stepKey],
      set: {
        status,
        data: sql`${conversationSteps.data} || ${JSON.stringify(data)}::jsonb`,
        doneByType: by?.type ?? null,
        doneById: by?.id ?? null,
        updatedAt: now,
      },
      ...(opts.onlyIfPending ? { setWhere: sql`${conversationSteps.status} = 'pending'` } : {}),
    })
    .returning({ key: conversationSteps.stepKey });
  return rows.length > 0;
}

/** Merges data into a step without changing its status (the identification's progress). */
export async function mergeStepData(
  db: Db,
  conversation: Pick<Conversation, 'id' | 'accountId'>,
  key: string,
  data: Record<string, unknown>,
): Promise<void> {
  await db
    .insert(conversationSteps)
    .values({
      accountId: conversation.accountId,
      conversationId: conversation.id,
      stepKey: key,
      status: 'pending',
      data,
    })
    .onConflictDoUpdate({
      target: [conversationSteps.conversationId, conversationSteps.stepKey],
      set: { data: sql`${conversationSteps.data} || ${JSON.stringify(data)}::jsonb`, updatedAt: new Date() },
    });
}
