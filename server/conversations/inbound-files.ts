// An inbound message's files: stored content-addressed before the ingest transaction opens (file I/O never
// holds a lock), then tied to the message inside it. Every file is kept (an unknown type as a download);
// one the size limit refuses costs the customer only that file.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { StoredFile } from '#server/attachments/store.ts';
import type { HubContext } from '#server/context.ts';
import type { Tx } from '#server/db/client.ts';
import { type Attachment, attachments } from '#server/db/schema.ts';
import { AppError } from '#server/errors.ts';
import type { InboundMessage } from '#shared/channels.ts';

export type PreparedFiles = {
  stored: (StoredFile & { name: string; contentId?: string })[];
  /** The message as the channel delivered it (a mail's source), stored for "view original". */
  original?: StoredFile & { name: string };
  rejected: { name: string; reason: string }[];
};

export const noFiles = (): PreparedFiles => ({ stored: [], rejected: [] });

export async function prepareFiles(ctx: HubContext, m: InboundMessage): Promise<PreparedFiles> {
  const prepared = noFiles();
  for (const a of m.attachments ?? []) {
    try {
      // Whatever the customer sent is kept; a type we cannot show is stored as a download.
      const file = await ctx.attachments.put(a.data, a.mime, { keepAnyType: true });
      prepared.stored.push({
        ...file,
        name: a.name ?? `attachment-${file.sha256.slice(0, 8)}`,
        ...(a.contentId ? { contentId: a.contentId } : {}),
      });
    } catch (err) {
      // A file we refuse must not cost the customer their message: keep the text, say what was dropped.
      if (!(err instanceof AppError)) throw err;
      prepared.rejected.push({ name: a.name ?? 'attachment', reason: err.message });
    }
  }
  if (m.original) {
    try {
      // The bytes exactly as they came, in whatever charset: a mail, not text.
      prepared.original = {
        ...(await ctx.attachments.put(m.original.data, 'message/rfc822', { keepAnyType: true })),
        name: m.original.name,
      };
    } catch (err) {
      // Too large to keep: the message itself is all there, only "view original" is not.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return prepared;
}

/** What the message row keeps about its files: refusals, inline images (content id → sha256), original. */
export function filesMeta(files: PreparedFiles): Record<string, unknown> {
  const inline = files.stored.filter((f) => f.contentId).map((f) => [f.contentId!, f.sha256]);
  return {
    ...(files.rejected.length ? { rejectedAttachments: files.rejected } : {}),
    ...(inline.length ? { inlineImages: Object.fromEntries(inline) } : {}),
    ...(files.original ? { originalSha256: files.original.sha256 } : {}),
  };
}

/**
 * Ties the prepared files, and files uploaded beforehand (the widget's), to the stored message. A file
 * uploaded beforehand is claimed only by the contact who uploaded it: another customer's upload (ids are
 * sequential) is refused, and the message with it.
 */
export async function attachInbound(
  tx: Tx,
  accountId: number,
  messageId: number,
  m: InboundMessage,
  files: PreparedFiles,
  senderContactId: number,
): Promise<Attachment[]> {
  const rows: Attachment[] = [];
  const all = files.original ? [...files.stored, files.original] : files.stored;
  if (all.length) {
    const inserted = await tx
      .insert(attachments)
      .values(
        all.map(({ name, contentId: _cid, ...file }: PreparedFiles['stored'][number]) => ({
          accountId,
          messageId,
          ...file,
          originalName: name,
          uploadedByType: 'channel' as const,
        })),
      )
      .returning();
    rows.push(...inserted);
  }
  if (m.attachmentIds?.length) {
    const claimed = await tx
      .update(attachments)
      .set({ messageId })
      .where(
        and(
          eq(attachments.accountId, accountId),
          inArray(attachments.id, m.attachmentIds),
          isNull(attachments.messageId),
          eq(attachments.uploadedByType, 'contact'),
          eq(attachments.uploadedById, senderContactId),
        ),
      )
      .returning();
    if (claimed.length !== new Set(m.attachmentIds).size)
      throw new AppError(
        'bad_request',
        "an attachment id is unknown, already sent, or not this customer's upload",
      );
    rows.push(...claimed);
  }
  return rows;
}
