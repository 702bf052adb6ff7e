// A conversation's protocol checklist: the template's steps with each one's status, who and when, and
// the compliance the reports and quality evaluation read ({done, required, ratio} over required steps; a
// skipped step is not done). Stored on the conversation (meta.protocolCompliance) when it is resolved.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { type ConversationStep, conversations } from '#server/db/schema.ts';
import type { ProtocolStep } from '#shared/protocol.schema.ts';
import type { ProtocolScope } from './scope.ts';
import { stepsOf } from './step-state.ts';

export type Compliance = { done: number; required: number; ratio: number };

export function complianceOf(steps: ProtocolStep[], state: Map<string, ConversationStep>): Compliance {
  const required = steps.filter((s) => s.required);
  const done = required.filter((s) => state.get(s.key)?.status === 'done').length;
  return {
    done,
    required: required.length,
    ratio: required.length ? Math.round((done / required.length) * 1000) / 1000 : 1,
  };
}

export async function checklistOf(db: Db, s: ProtocolScope) {
  const state = await stepsOf(db, s.conversation.id);
  return {
    conversationId: String(s.conversation.id),
    protocol: s.protocol,
    name: s.template.name,
    steps: s.template.steps.map((step) => {
      const row = state.get(step.key);
      return {
        key: step.key,
        title: step.title,
        kind: step.kind,
        trigger: step.trigger,
        required: step.required,
        status: row?.status ?? 'pending',
        doneBy: row?.doneByType
          ? { type: row.doneByType, id: row.doneById === null ? null : String(row.doneById) }
          : null,
        updatedAt: row ? row.updatedAt.toISOString() : null,
        data: row?.data ?? {},
      };
    }),
    compliance: complianceOf(s.template.steps, state),
  };
}

export async function storeCompliance(db: Db, s: ProtocolScope): Promise<Compliance> {
  const compliance = complianceOf(s.template.steps, await stepsOf(db, s.conversation.id));
  await db
    .update(conversations)
    .set({
      meta: sql`${conversations.meta} || ${JSON.stringify({ protocolCompliance: { ...compliance, protocol: s.protocol } })}::jsonb`,
    })
    .where(eq(conversations.id, s.conversation.id));
  return compliance;
}
