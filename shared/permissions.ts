// What each role may do to a conversation it can see — one table, read by the hub (which enforces it,
// server/auth/permissions.ts) and by the console (which offers only what will be allowed). Seeing is a
// separate rule (server/conversations/visibility.ts). QA reads and evaluates: it may leave a private
// note, never write to the customer, take or move a conversation, or change its state. Marketing and
// finance work elsewhere and cannot be handed a conversation.
import type { z } from 'zod';
import type { roleSchema } from './api.schema.ts';

type Role = z.infer<typeof roleSchema>;

export type ConversationAction =
  /** A reply the customer receives (and typing shown to them). */
  | 'reply'
  /** A private note for colleagues. */
  | 'note'
  /** Assign, transfer, claim, change status, priority or category, retry a failed send. */
  | 'manage';

/** The roles that answer customers: the only ones routing or a colleague may give a conversation to. */
export const assigneeRoles = ['admin', 'supervisor', 'agent'] as const satisfies readonly Role[];

const allowed: Record<ConversationAction, readonly Role[]> = {
  reply: assigneeRoles,
  manage: assigneeRoles,
  note: [...assigneeRoles, 'qa'],
};

export function mayAct(role: Role, action: ConversationAction): boolean {
  return allowed[action].includes(role);
}
