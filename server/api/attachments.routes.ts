// Upload (multipart field `file`) and authorised download. The upload's size is cut off by multer at the
// limit + 1 byte, so an oversized file is refused without being read whole.
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { loadVisibleAttachment } from '#server/attachments/load-visible-attachment.ts';
import { recordUpload } from '#server/attachments/record-upload.ts';
import type { StoredFile } from '#server/attachments/store.ts';
import type { HubContext } from '#server/context.ts';
import { attachmentToJson } from '#server/conversations/serialize.ts';
import { AppError } from '#server/errors.ts';
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
      const row = await recordUpload(ctx, auth, await receive(req, res));
      return { data: attachmentToJson(row) };
    },
  );

  t.route(
    { method: 'get', path: '/attachments/:id', tag, summary: 'Download a file the caller may see' },
    async ({ auth, params, res }) => {
      await sendStoredFile(ctx, await loadVisibleAttachment(ctx, auth, params.id), res);
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
export async function sendStoredFile(
  ctx: HubContext,
  row: StoredFile & { originalName: string },
  res: Response,
): Promise<void> {
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

function safeName(name: string): string {
  // Path separators and control characters (code points below 32) become underscores.
  const cleaned = [...name]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
    .join('')
    .trim();
  return cleaned.slice(0, 200) || 'file';
}
