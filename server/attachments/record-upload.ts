// A staff member's upload, stored and not yet sent: it becomes part of a message when a reply names its
// id in attachmentIds. Until then only its uploader (and the account's supervisors) may fetch it.
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { attachments } from '#server/db/schema.ts';
import type { StoredFile } from './store.ts';

export async function recordUpload(
  ctx: HubContext,
  auth: Auth,
  upload: { stored: StoredFile; name: string },
) {
  const [row] = await ctx.db
    .insert(attachments)
    .values({
      accountId: auth.accountId,
      ...upload.stored,
      originalName: upload.name,
      uploadedByType: 'user',
      uploadedById: auth.user.id,
    })
    .returning();
  return row;
}
