// Attachment upload through XHR (fetch has no upload progress), then the id goes in message:send.
import type { Attachment } from '../types.ts';

export function uploadFile(
  base: string,
  headers: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base}/api/v1/widget/attachments`);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { data?: Attachment; error?: { code: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status < 300 && body.data) resolve(body.data);
      else reject(new Error(body.error?.code ?? `http_${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** allowedTypes holds MIME types, `type/*` wildcards or `.ext` suffixes; an empty list allows anything. */
export const typeAllowed = (allowed: string[], file: { type: string; name: string }) =>
  !allowed.length ||
  allowed.some((a) =>
    a.endsWith('/*')
      ? file.type.startsWith(a.slice(0, -1))
      : a.startsWith('.')
        ? file.name.toLowerCase().endsWith(a.toLowerCase())
        : file.type === a,
  );
