// Files under DATA_DIR/attachments, content-addressed by SHA-256 (the same photo sent twice is stored
// once). The type is sniffed from the bytes, never taken from the client. What agents and visitors upload
// must be of an allowed type that matches what it claims, or it is refused. What a customer sent through
// a channel is kept whatever it is (a signature.asc, an smime.p7s, a forwarded message, a file of a type
// we do not know): what cannot be shown as its type is stored as application/octet-stream, which is only
// ever served as a download (nosniff); only the size limit refuses it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '#server/errors.ts';

const allowed = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/wav',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
]);

/** Declared types that name no particular format, so they cannot disagree with the content. */
const vague = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const aliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
};

export type StoredFile = { sha256: string; mime: string; size: number; storageKey: string };

export type AttachmentStore = {
  maxBytes: number;
  /** The file types accepted (sniffed from the bytes). */
  allowedTypes: readonly string[];
  /** `keepAnyType`: a file a customer sent through a channel, kept even when its type is not accepted. */
  put(data: Uint8Array, declaredMime?: string, opts?: { keepAnyType?: boolean }): Promise<StoredFile>;
  read(storageKey: string): Promise<Buffer>;
  pathOf(storageKey: string): string;
};

export function createAttachmentStore(dataDir: string, maxBytes: number): AttachmentStore {
  const root = join(dataDir, 'attachments');
  const pathOf = (key: string) => join(root, key);
  return {
    maxBytes,
    allowedTypes: [...allowed],
    pathOf,
    async put(data, declaredMime, opts = {}) {
      if (data.byteLength > maxBytes) {
        throw new AppError('attachment_too_large', `file is larger than the limit of ${maxBytes} bytes`);
      }
      if (data.byteLength === 0) throw new AppError('bad_request', 'file is empty');
      const declared = normalise(declaredMime);
      const mime = opts.keepAnyType ? await sniffKept(data, declared) : await sniff(data, declared);
      const sha256 = createHash('sha256').update(data).digest('hex');
      const storageKey = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      const target = pathOf(storageKey);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(dirname(target), { recursive: true });
        // Write aside and rename, so a reader never sees half a file. Each writer has its own temp name:
        // the same bytes arriving twice at once must not share (and lose) one temp file.
        const tmp = `${target}.${randomBytes(8).toString('hex')}.tmp`;
        await writeFile(tmp, data);
        await rename(tmp, target);
      }
      return { sha256, mime, size: data.byteLength, storageKey };
    },
    read: (key) => readFile(pathOf(key)),
  };
}

function normalise(mime: string | undefined): string {
  const base = (mime ?? '').split(';')[0].trim().toLowerCase();
  return aliases[base] ?? base;
}

async function sniff(data: Uint8Array, declared: string): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  let mime: string;
  if (detected) {
    mime = normalise(detected.mime);
  } else if (looksLikeText(data)) {
    mime = declared === 'text/csv' ? 'text/csv' : 'text/plain';
  } else {
    throw new AppError('attachment_type_not_allowed', 'the file type could not be recognised');
  }
  if (!allowed.has(mime))
    throw new AppError('attachment_type_not_allowed', `files of type ${mime} are not accepted`);
  const textual = mime.startsWith('text/') && declared.startsWith('text/');
  if (!vague.has(declared) && declared !== mime && !textual) {
    throw new AppError(
      'attachment_type_mismatch',
      `the file says it is ${declared} but its content is ${mime}`,
    );
  }
  return mime;
}

/** The type to keep a customer's file as: its own when it is shown safely and says so, else a download. */
async function sniffKept(data: Uint8Array, declared: string): Promise<string> {
  try {
    return await sniff(data, declared);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  // A mail as a file (a forwarded message, the original of an inbound mail), in whatever charset.
  if (declared === 'message/rfc822' && !(await fileTypeFromBuffer(data))) return 'message/rfc822';
  return 'application/octet-stream';
}

function looksLikeText(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, 64 * 1024), { stream: true });
    return true;
  } catch {
    return false;
  }
}
