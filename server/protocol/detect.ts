// The agent steps the hub can see happen: the agent was online when the conversation reached them, the
// request arrived, the first reply answered it, the agent introduced themself (their first name, or "my
// name is" / "mi nombre es" / "le saluda" / "soy" / "اسمي"). An agent step on `assigned` without a
// detection is the assignment itself (e-mail: "identify the advisor who will answer").
import { eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { users } from '#server/db/schema.ts';
import type { ProtocolStep } from '#shared/protocol.schema.ts';
import type { ProtocolScope } from './scope.ts';
import type { StepActor } from './step-state.ts';
import type { TriggerEvent } from './trigger-event.ts';

const introductions = [
  /\bmy name is\b/i,
  /\bmi nombre es\b/i,
  /\ble saluda\b/i,
  /(^|[\s,.!¡])soy\s/i,
  /اسمي/,
];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function introducesSelf(text: string, agentName: string | null): boolean {
  if (introductions.some((r) => r.test(text))) return true;
  const first = agentName?.trim().split(/\s+/)[0] ?? '';
  if (first.length < 2) return false;
  return new RegExp(`(^|[^\\p{L}])${escapeRegex(first)}($|[^\\p{L}])`, 'iu').test(text);
}

export async function detects(
  ctx: HubContext,
  s: ProtocolScope,
  step: ProtocolStep,
  e: TriggerEvent,
): Promise<StepActor | null> {
  const message = e.message;
  switch (step.detect) {
    case undefined: {
      const assignee = e.assigneeId ?? s.conversation.assigneeId;
      return step.trigger === 'assigned' && assignee ? { type: 'user', id: assignee } : null;
    }
    case 'agent_online': {
      const assignee = e.assigneeId ?? s.conversation.assigneeId;
      if (!assignee) return null;
      const [u] = await ctx.db.select({ presence: users.presence }).from(users).where(eq(users.id, assignee));
      return u?.presence === 'online' ? { type: 'user', id: assignee } : null;
    }
    case 'request_received':
      return message?.direction === 'in' ? { type: 'contact', id: s.conversation.contactId } : null;
    case 'answered':
      return message?.senderType === 'agent' ? { type: 'user', id: message.senderId } : null;
    case 'agent_introduced': {
      if (message?.senderType !== 'agent' || !message.text) return null;
      const [u] = message.senderId
        ? await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, message.senderId))
        : [];
      return introducesSelf(message.text, u?.name ?? null) ? { type: 'user', id: message.senderId } : null;
    }
  }
}
