// A conversation's protocol checklist for an agent who may see the conversation (404 otherwise; 409 when
// it follows no protocol).
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { checklistOf } from './checklist.ts';
import { protocolOfVisible } from './tick-step.ts';

export async function loadChecklist(ctx: HubContext, auth: Auth, conversationId: number) {
  return checklistOf(ctx.db, await protocolOfVisible(ctx, auth, conversationId));
}
