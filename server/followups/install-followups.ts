// Wires follow-ups (QP-14) into the hub: a conversation that gets the complaint or claim category — a
// person's choice (conversation.changed) or the e-mail protocol's classifier (conversation.categorized) —
// opens its follow-up in the same transaction, once; and the due-date reminders are durable timers.
import type { HubContext } from '#server/context.ts';
import { installFollowUpTimers } from './due-reminder.ts';
import { FOLLOW_UP_OPENED, onFollowUpOpened, openForCategory } from './open-followup.ts';

export function installFollowUps(ctx: HubContext): void {
  ctx.events.on('conversation.changed', async (tx, e) => {
    await openForCategory(ctx, tx, e);
  });
  ctx.events.on('conversation.categorized', async (tx, e) => {
    await openForCategory(ctx, tx, { ...e, userId: null });
  });
  installFollowUpTimers(ctx);
  ctx.timers.on(FOLLOW_UP_OPENED, onFollowUpOpened);
}
