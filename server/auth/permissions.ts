// The hub's side of shared/permissions.ts: refusals with a code, and the routing engine's filter.
import { inArray } from 'drizzle-orm';
import { type Role, users } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import { assigneeRoles, type ConversationAction, mayAct } from '#shared/permissions.ts';
import type { Auth } from './auth.ts';

export { mayAct } from '#shared/permissions.ts';

export function assertMayAct(auth: Auth, action: ConversationAction): void {
  if (mayAct(auth.user.role, action)) return;
  const what = {
    reply: 'reply to customers',
    note: 'add notes',
    manage: 'assign, transfer or change conversations',
  }[action];
  throw new AppError('forbidden', `the ${auth.user.role} role cannot ${what}`);
}

/** Refuses an assignee who could not work the conversation (wrong role or disabled). */
export function assertAssignable(user: { role: Role; disabled: boolean } | undefined): void {
  if (!user || user.disabled)
    throw new AppError('bad_request', 'assigneeId names no active user of this account');
  if (!mayAct(user.role, 'reply')) {
    throw new AppError(
      'bad_request',
      `a ${user.role} does not answer conversations: choose an agent, supervisor or admin`,
    );
  }
}

/** The SQL side of assigneeRoles, for the routing engine's and the directory's user queries. */
export const answersConversations = () => inArray(users.role, [...assigneeRoles]);
