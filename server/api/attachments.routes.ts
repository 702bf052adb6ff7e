// Upload (multipart field `file`) and authorised download. The upload's size is cut off by multer at the
// limit + 1 byte, so an oversized file is refused without being read whole.
import { and, eq } from 'drizzle-orm';
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { StoredFile } from '#server/attachments/store.ts';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { attachmentToJson } from '#server/conversations/serialize.ts';
import { type Attachment, attachments, messages } from '#server/db/schema.ts';
import { AppError, notFound } from '#server/errors.ts';
import { wideRoles } from '#server/realtime/rooms.ts';
import { attachmentJson } from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

const tag = 'Attachments';

export function attachmentRoutes(ctx: HubContext, t: RouteTable): void {
  const receive = uploadReceiver(ctx);

  t.route(
    {
      method: 'post',
      path: '/attachments',
      tag,
      summary: 'Upload a file (multipart/form-data, field "file"); use its id in attachmentIds of a reply',
      multipart: true,
      roles: ['admin', 'supervisor', 'agent'],
      response: z.object({ data: attachmentJson }),
      status: 201,
    },
    async ({ auth, req, res }) => {
      const { stored, name } = await receive(req, res);
      const [row] = await ctx.db
        .insert(attachments)
        .values({
          accountId: auth.accountId,
          ...stored,
          originalName: name,
          uploadedByType: 'user',
          uploadedById: auth.user.id,
        })
        .returning();
      return { data: attachmentToJson(row) };
    },
  );

  t.route(
    { method: 'get', path: '/attachments/:id', tag, summary: 'Download a file the caller may see' },
    async ({ auth, params, res }) => {
      const [row] = await ctx.db
        .select()
        .from(attachments)
        .where(and(eq(attachments.id, params.id), eq(attachments.accountId, auth.accountId)));
      if (!row) throw notFound('attachment');
      await assertMaySee(ctx, auth, row.messageId, row.uploadedByType === 'user' ? row.uploadedById : null);
      await sendStoredFile(ctx, row, res);
    },
  );
}

/** Reads a multipart upload (field `file`), cut off at the size limit, and stores it (type sniffed). */
export function uploadReceiver(ctx: HubContext) {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers and fetch send a file name's UTF-8 bytes as they are; busboy would read them as latin1.
    defParamCharset: 'utf8',
    limits: { fileSize: ctx.attachments.maxBytes, files: 1, fields: 5 },
  }).single('file');
  return async (req: Request, res: Response): Promise<{ stored: StoredFile; name: string }> => {
    await new Promise<void>((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return reject(
            new AppError('attachment_too_large', `files are limited to ${ctx.attachments.maxBytes} bytes`),
          );
        }
        reject(new AppError('bad_request', `unreadable upload: ${(err as Error).message}`, { cause: err }));
      }),
    );
    if (!req.file)
      throw new AppError('bad_request', 'send the file as multipart/form-data in the field "file"');
    const stored = await ctx.attachments.put(req.file.buffer, req.file.mimetype);
    return { stored, name: safeName(req.file.originalname) };
  };
}

/** Sends a stored file so that it can never run as a page of ours. */
export async function sendStoredFile(ctx: HubContext, row: Attachment, res: Response): Promise<void> {
  res.setHeader('content-type', row.mime);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'");
  // Only images and PDFs open inline; everything else downloads, so a file can never run as a page.
  const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf';
  res.setHeader(
    'content-disposition',
    `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.originalName)}`,
  );
  await new Promise<void>((resolve, reject) =>
    res.sendFile(ctx.attachments.pathOf(row.storageKey), (err) => (err ? reject(err) : resolve())),
  );
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

function safeName(name: string): string {
  // Path separators and control characters (code points below 32) become underscores.
  const cleaned = [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .trim();
  return cleaned.slice(0, 200) || 'file';
}
