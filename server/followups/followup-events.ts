// The follow-up audit trail: one row per step of a follow-up or its compensation (opened, forwarded,
// reassigned, reminded, closed; estimated, credited, told, closed), in the transaction that took the
// step, with who took it and when.
import type { Db, Tx } from '#server/db/client.ts';
import { followUpEvents } from '#server/db/followup-schema.ts';

export type FollowUpEventType =
  | 'follow_up.opened'
  | 'follow_up.forwarded'
  | 'follow_up.reassigned'
  | 'follow_up.due_reminded'
  | 'follow_up.closed'
  | 'compensation.estimated'
  | 'compensation.credited'
  | 'compensation.told'
  | 'compensation.closed';

export async function recordFollowUpEvent(
  tx: Tx | Db,
  at: { accountId: number; followUpId: number; compensationId?: number | null },
  type: FollowUpEventType,
  actorId: number | null,
  note: string | null = null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(followUpEvents).values({
    accountId: at.accountId,
    followUpId: at.followUpId,
    compensationId: at.compensationId ?? null,
    type,
    actorId,
    note,
    data,
  });
}
