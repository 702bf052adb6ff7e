// Who routing may count on right now: online, not disabled, and of a role that answers customers.
import { and, eq } from 'drizzle-orm';
import { answersConversations } from '#server/auth/permissions.ts';
import { users } from '#server/db/schema.ts';

export const availableToAnswer = () =>
  and(eq(users.presence, 'online'), eq(users.disabled, false), answersConversations());
