// A web-chat visitor's upload: stored under their contact (created now if this is their first act), so
// that they can fetch it back before it is part of a message. Its id goes in message:send.attachmentIds.
import type { StoredFile } from '#server/attachments/store.ts';
import type { HubContext } from '#server/context.ts';
import { attachments } from '#server/db/schema.ts';
import { ensureVisitorContact, type VisitorScope } from './visitor.ts';

export async function recordVisitorUpload(
  ctx: HubContext,
  v: VisitorScope,
  upload: { stored: StoredFile; name: string },
) {
  return ctx.db.transaction(async (tx) => {
    const contact = await ensureVisitorContact(tx, v);
    const [inserted] = await tx
      .insert(attachments)
      .values({
        accountId: v.accountId,
        ...upload.stored,
        originalName: upload.name,
        uploadedByType: 'contact',
        uploadedById: contact.id,
      })
      .returning();
    return inserted;
  });
}
