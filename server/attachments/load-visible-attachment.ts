// An attachment a staff member may download: one of a conversation they may see, or their own upload
// not sent yet. Anything else is "not found", so a download cannot tell which ids exist.
import { and, eq } from 'drizzle-orm';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { type Attachment, attachments, messages } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { wideRoles } from '#server/realtime/rooms.ts';

export async function loadVisibleAttachment(ctx: HubContext, auth: Auth, id: number): Promise<Attachment> {
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.accountId, auth.accountId)));
  if (!row) throw notFound('attachment');
  await assertMaySee(ctx, auth, row.messageId, row.uploadedByType === 'user' ? row.uploadedById : null);
  return row;
}

async function assertMaySee(
  ctx: HubContext,
  auth: Auth,
  messageId: number | null,
  uploaderId: number | null,
) {
  if (messageId === null) {
    // Not sent yet: only its uploader (and the account's supervisors) may fetch it.
    if (uploaderId === auth.user.id || wideRoles.includes(auth.user.role)) return;
    throw notFound('attachment');
  }
  const [m] = await ctx.db
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!m) throw notFound('attachment');
  await loadVisible(ctx, auth, m.conversationId).catch(() => {
    throw notFound('attachment');
  });
}
