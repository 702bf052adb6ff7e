// The console's REST client: JSON over /api/v1 with the agent's bearer token; errors keep the hub's code.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The hub's `error.details`: the accounts to choose from, how long to wait... */
    readonly details?: unknown,
    /** The hub's whole `error` object, for the keys a route adds (a form's refused `fields`). */
    readonly error?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The hub's envelope: `{data}` for one thing, `{data, nextCursor}` for a page. */
export type Reply<T> = { data: T; nextCursor?: string | null };

export type Api = {
  get<T = unknown>(path: string): Promise<Reply<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<Reply<T>>;
  patch<T = unknown>(path: string, body: unknown): Promise<Reply<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<Reply<T>>;
  del<T = unknown>(path: string): Promise<Reply<T>>;
  /** A file the hub sends as an attachment (a report's CSV or Excel), with the name it gives it. */
  download(path: string): Promise<{ blob: Blob; filename: string }>;
  /** POST /auth/login answers {token, user}, outside the envelope. */
  login<U>(email: string, password: string, accountId?: string): Promise<{ token: string; user: U }>;
  /** POST /attachments (multipart), reporting the share sent so far (0..1); abortable. */
  upload<T = unknown>(
    file: File,
    onProgress?: (sent: number) => void,
    signal?: AbortSignal,
  ): Promise<Reply<T>>;
};

export function createApi(token: () => string | null, onUnauthenticated: () => void): Api {
  // biome-ignore lint/suspicious/noExplicitAny: the JSON's shape is the caller's type parameter
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token() ? { authorization: `Bearer ${token()}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'offline', 'the hub cannot be reached');
    }
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) {
      if (res.status === 401 && path !== '/auth/login') onUnauthenticated();
      throw new ApiError(
        res.status,
        json?.error?.code ?? 'error',
        json?.error?.message ?? res.statusText,
        json?.error?.details,
        json?.error ?? undefined,
      );
    }
    return json;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    patch: (p, b) => call('PATCH', p, b),
    put: (p, b) => call('PUT', p, b),
    del: (p) => call('DELETE', p),
    login: (email, password, accountId) => call('POST', '/auth/login', { email, password, accountId }),
    download: async (path) => {
      let res: Response;
      try {
        res = await fetch(`/api/v1${path}`, {
          headers: token() ? { authorization: `Bearer ${token()}` } : {},
        });
      } catch {
        throw new ApiError(0, 'offline', 'the hub cannot be reached');
      }
      if (!res.ok) {
        const json = await res.json().catch(() => null);
        if (res.status === 401) onUnauthenticated();
        throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText);
      }
      return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
    },
    // XMLHttpRequest: fetch cannot tell how much of a request body has gone out yet.
    upload: (file, onProgress, signal) =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/v1/attachments');
        const bearer = token();
        if (bearer) xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
        xhr.onerror = () => reject(new ApiError(0, 'offline', 'the hub cannot be reached'));
        xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was cancelled'));
        xhr.onload = () => {
          let json: { data?: unknown; error?: { code?: string; message?: string } } | null = null;
          try {
            json = JSON.parse(xhr.responseText);
          } catch {}
          if (xhr.status >= 200 && xhr.status < 300 && json) return resolve(json as Reply<never>);
          if (xhr.status === 401) onUnauthenticated();
          reject(
            new ApiError(xhr.status, json?.error?.code ?? 'error', json?.error?.message ?? xhr.statusText),
          );
        };
        signal?.addEventListener('abort', () => xhr.abort());
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      }),
  };
}

/** The name in a Content-Disposition header (RFC 6266: filename* in UTF-8 first), else "download". */
export function filenameOf(header: string | null): string {
  if (!header) return 'download';
  const star = header.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {}
  }
  return (
    header.match(/filename\s*=\s*"([^"]*)"/i)?.[1] ??
    header.match(/filename\s*=\s*([^;]+)/i)?.[1].trim() ??
    'download'
  );
}
