// A real HTTP server on loopback standing in for Meta's Graph API (WhatsApp Cloud API), answering in the
// shapes Meta documents: it checks the bearer token, records every request (JSON bodies and multipart
// uploads), accepts sends with a new wamid, keeps uploaded media, serves received media (metadata from
// /<version>/<media-id>, then the bytes from the URL it names), and can be told to refuse the next send
// with a given Graph error. Given a `pageId`, it answers the Facebook Page calls too (graph-api-page.ts).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerPage, type PageState } from './graph-api-page.ts';

export type GraphRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, when there is one. */
  json?: any;
  /** A multipart upload's fields and file. */
  form?: { fields: Record<string, string>; file?: { name: string; type: string; data: Buffer } };
};

export type GraphFailure = {
  status: number;
  error?: { code: number; message: string; error_subcode?: number; error_data?: { details: string } };
  headers?: Record<string, string>;
};

export type GraphApi = Awaited<ReturnType<typeof startGraphApi>>;

export async function startGraphApi(opts: { accessToken: string; phoneNumberId?: string; pageId?: string }) {
  const page: PageState = {
    pageId: opts.pageId ?? '',
    objects: new Map(),
    pages: new Map(),
    likes: new Set(),
    unreadable: new Map(),
    stalled: new Set(),
    sends: [],
    comments: [],
    hidden: new Map(),
    deleted: new Set(),
    psidOfComment: new Map(),
  };
  const requests: GraphRequest[] = [];
  const failures: GraphFailure[] = [];
  const media = new Map<string, { data: Buffer; mime: string }>();
  const uploads = new Map<string, { data: Buffer; mime: string; name: string }>();
  let sent = 0;
  let base = '';

  const graphError = (status: number, code: number, message: string) => ({
    status,
    body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123' } },
  });

  async function answer(r: GraphRequest): Promise<{
    status: number;
    body: unknown;
    raw?: Buffer;
    type?: string;
    headers?: Record<string, string>;
  }> {
    // Messenger attachments come from Meta's CDN at an unguessable, short-lived address: no token there.
    const cdn = r.path.match(/^\/cdn\/([^/]+)$/);
    if (cdn && r.method === 'GET') {
      const file = media.get(decodeURIComponent(cdn[1]));
      return file
        ? { status: 200, body: null, raw: file.data, type: file.mime }
        : { status: 404, body: 'URL signature expired', type: 'text/plain' };
    }
    if (r.headers.authorization !== `Bearer ${opts.accessToken}`) {
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    const download = r.path.match(/^\/media-download\/([^/]+)$/);
    if (download && r.method === 'GET') {
      const file = media.get(decodeURIComponent(download[1]));
      return file
        ? { status: 200, body: null, raw: file.data, type: file.mime }
        : graphError(404, 100, 'Not found');
    }
    const m = r.path.match(/^\/(v\d+\.\d+)\/([^/]*)(?:\/(messages|media|comments|likes))?$/);
    if (!m) return graphError(400, 100, `Unknown path components: ${r.path}`);
    const [, , node, edge] = m;
    if (r.method === 'GET' && page.stalled.has(node)) await new Promise(() => {});
    if (opts.pageId && (edge === 'messages' || (node !== opts.phoneNumberId && !media.has(node)))) {
      const fail = r.method === 'POST' && edge === 'messages' ? failures.shift() : undefined;
      if (fail) {
        return {
          status: fail.status,
          body: fail.error
            ? { error: { type: 'OAuthException', fbtrace_id: 'AbCdEf123', ...fail.error } }
            : 'oops',
          headers: fail.headers,
        };
      }
      const answered = answerPage(page, r, node, edge);
      if (answered) return answered;
    }
    if (edge && node !== opts.phoneNumberId) {
      return graphError(400, 100, `Unsupported post request. Object with ID '${node}' does not exist`);
    }
    if (r.method === 'POST' && edge === 'messages') {
      const fail = failures.shift();
      if (fail) {
        return {
          status: fail.status,
          body: fail.error
            ? { error: { type: 'OAuthException', fbtrace_id: 'AbCdEf123', ...fail.error } }
            : 'oops',
          headers: fail.headers,
        };
      }
      const id = `wamid.${Buffer.from(`HBgLout${++sent}${Date.now()}`).toString('base64')}`;
      return {
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          contacts: [{ input: r.json?.to, wa_id: r.json?.to }],
          messages: [{ id, ...(r.json?.type === 'template' ? { message_status: 'accepted' } : {}) }],
        },
      };
    }
    if (r.method === 'POST' && edge === 'media') {
      const file = r.form?.file;
      if (!file || r.form?.fields.messaging_product !== 'whatsapp') {
        return graphError(400, 100, 'Param file must be a file with one of the supported types');
      }
      const id = `${9000000000000000 + uploads.size + 1}`;
      uploads.set(id, { data: file.data, mime: r.form?.fields.type ?? file.type, name: file.name });
      return { status: 200, body: { id } };
    }
    if (r.method === 'GET' && !edge) {
      const file = media.get(node);
      if (file) {
        return {
          status: 200,
          body: {
            messaging_product: 'whatsapp',
            url: `${base}/media-download/${encodeURIComponent(node)}`,
            mime_type: file.mime,
            sha256: createHash('sha256').update(file.data).digest('hex'),
            file_size: String(file.data.length),
            id: node,
          },
        };
      }
      if (node === opts.phoneNumberId) {
        return {
          status: 200,
          body: { verified_name: 'Acme Telecom', display_phone_number: '+1 555-078-3881', id: node },
        };
      }
      return graphError(
        400,
        100,
        `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      );
    }
    return graphError(400, 100, 'Unsupported request');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://graph.test');
      const r: GraphRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      };
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('application/json')) {
        try {
          r.json = JSON.parse(raw.toString('utf8'));
        } catch {}
      } else if (type.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
        const fields: Record<string, string> = {};
        let file: NonNullable<GraphRequest['form']>['file'];
        for (const [k, v] of form.entries()) {
          if (typeof v === 'string') fields[k] = v;
          else file = { name: v.name, type: v.type, data: Buffer.from(await v.arrayBuffer()) };
        }
        r.form = { fields, file };
      }
      requests.push(r);
      const a = await answer(r);
      res.writeHead(a.status, { 'content-type': a.type ?? 'application/json', ...(a.headers ?? {}) });
      res.end(a.raw ?? (typeof a.body === 'string' ? a.body : JSON.stringify(a.body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    uploads,
    /** The JSON bodies of the messages sent (accepted or not), oldest first. */
    messagesSent: () =>
      requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).map((r) => r.json),
    /** The Facebook Page's side: Messenger sends, comment replies, hidden and deleted comments. */
    page,
    /** Where a file a Messenger customer sent is served (Meta's CDN stands in here). */
    mediaUrl: (id: string) => `${base}/cdn/${encodeURIComponent(id)}`,
    /** A file a customer sent, to be fetched by its media id. */
    addMedia(id: string, data: Buffer, mime: string) {
      media.set(id, { data, mime });
    },
    /** The next message sends are refused, in order, with these answers. */
    failNextSend(...answers: GraphFailure[]) {
      failures.push(...answers);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
