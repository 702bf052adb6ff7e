// A real HTTP server on loopback standing in for X API v2, answering in the shapes X documents: it
// checks the OAuth 1.0a user signature header names the account's keys, serves the mentions timeline
// (since_id, max_results, pagination_token, newest first) and DM events (newest first, paginated) with
// the authors expanded, accepts posts and DMs with new ids, hides replies and deletes posts, records
// every request, looks posts up by id (GET /2/tweets?ids=, a deleted one as a "Not Found" error beside
// the data), takes likes (POST /2/users/:id/likes), and can be told to answer the next read or write
// with an X error (429 with x-rate-limit-reset, 401, 403, 5xx).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ME,
  snowflake,
  type XDmEventPayload,
  type XPostPayload,
  type XProblem,
  type XUserPayload,
} from '#tests/channels/twitter/payloads.ts';

export type XRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  json?: Record<string, unknown>;
};

export type XApi = Awaited<ReturnType<typeof startXApi>>;

export async function startXApi(opts: { apiKey: string; accessToken: string }) {
  const requests: XRequest[] = [];
  const mentions: XPostPayload[] = [];
  const dms: XDmEventPayload[] = [];
  const users = new Map<string, XUserPayload>();
  const referenced = new Map<string, XPostPayload>();
  const deleted = new Set<string>();
  const readFailures: XProblem[] = [];
  const writeFailures: XProblem[] = [];

  const newestFirst = <T extends { id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));

  function page<T extends { id: string }>(all: T[], q: URLSearchParams) {
    const size = Number(q.get('max_results') ?? 10);
    const from = Number(q.get('pagination_token') ?? 0);
    const items = all.slice(from, from + size);
    const next = from + size < all.length ? String(from + size) : undefined;
    return { items, next };
  }

  function answer(r: XRequest): { status: number; body: unknown; headers?: Record<string, string> } {
    const auth = String(r.headers.authorization ?? '');
    if (
      !auth.startsWith('OAuth ') ||
      !auth.includes(`oauth_consumer_key="${encodeURIComponent(opts.apiKey)}"`) ||
      !auth.includes(`oauth_token="${encodeURIComponent(opts.accessToken)}"`) ||
      !auth.includes('oauth_signature=')
    ) {
      return {
        status: 401,
        body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      };
    }
    if (r.method === 'GET') {
      const fail = readFailures.shift();
      if (fail) return fail;
    }
    if (r.method !== 'GET') {
      const fail = writeFailures.shift();
      if (fail) return fail;
    }
    if (r.method === 'GET' && r.path === '/2/users/me') return { status: 200, body: { data: ME } };
    const m = r.path.match(/^\/2\/users\/(\d+)\/mentions$/);
    if (r.method === 'GET' && m) {
      const since = r.query.get('since_id');
      const all = newestFirst(mentions.filter((p) => !since || BigInt(p.id) > BigInt(since)));
      const { items, next } = page(all, r.query);
      if (!items.length) return { status: 200, body: { meta: { result_count: 0 } } };
      const refs = items.flatMap((p) =>
        (p.referenced_tweets ?? []).map((t) => referenced.get(t.id)).filter((t) => t),
      );
      return {
        status: 200,
        body: {
          data: items,
          includes: {
            users: [...new Set(items.map((p) => p.author_id))].map((id) => users.get(id)),
            ...(refs.length ? { tweets: refs } : {}),
          },
          meta: {
            result_count: items.length,
            newest_id: all[0].id,
            oldest_id: items.at(-1)?.id,
            ...(next ? { next_token: next } : {}),
          },
        },
      };
    }
    if (r.method === 'GET' && r.path === '/2/dm_events') {
      const { items, next } = page(newestFirst(dms), r.query);
      const senders = [...new Set(items.map((e) => e.sender_id))].map((id) => users.get(id) ?? ME);
      return {
        status: 200,
        body: {
          ...(items.length ? { data: items, includes: { users: senders } } : {}),
          meta: { result_count: items.length, ...(next ? { next_token: next } : {}) },
        },
      };
    }
    if (r.method === 'GET' && r.path === '/2/tweets') {
      const ids = (r.query.get('ids') ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.length > 100) {
        return {
          status: 400,
          body: {
            errors: [
              {
                parameters: { ids: [r.query.get('ids') ?? ''] },
                message: 'The `ids` query parameter value is not valid',
              },
            ],
            title: 'Invalid Request',
            detail: 'One or more parameters to your request was invalid.',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          },
        };
      }
      const known = new Map([...mentions, ...referenced.values()].map((p) => [p.id, p]));
      const found = ids.map((id) => known.get(id)).filter((p) => p !== undefined && !deleted.has(p.id));
      const gone = ids.filter((id) => !found.some((p) => p?.id === id));
      const authors = [...new Set(found.map((p) => p!.author_id))].map((id) => users.get(id)).filter(Boolean);
      return {
        status: 200,
        body: {
          ...(found.length ? { data: found, includes: { users: authors } } : {}),
          ...(gone.length
            ? {
                errors: gone.map((id) => ({
                  value: id,
                  detail: `Could not find tweet with ids: [${id}].`,
                  title: 'Not Found Error',
                  resource_type: 'tweet',
                  parameter: 'ids',
                  resource_id: id,
                  type: 'https://api.twitter.com/2/problems/resource-not-found',
                })),
              }
            : {}),
        },
      };
    }
    const like = r.path.match(/^\/2\/users\/(\d+)\/likes$/);
    if (r.method === 'POST' && like) {
      if (like[1] !== ME.id) {
        return {
          status: 403,
          body: {
            title: 'Forbidden',
            type: 'about:blank',
            status: 403,
            detail: 'You are not permitted to perform this action.',
          },
        };
      }
      return { status: 200, body: { data: { liked: true } } };
    }
    if (r.method === 'POST' && r.path === '/2/tweets') {
      const id = snowflake();
      return { status: 201, body: { data: { id, text: r.json?.text, edit_history_tweet_ids: [id] } } };
    }
    const hide = r.path.match(/^\/2\/tweets\/(\d+)\/hidden$/);
    if (r.method === 'PUT' && hide)
      return { status: 200, body: { data: { hidden: r.json?.hidden === true } } };
    if (r.method === 'DELETE' && /^\/2\/tweets\/\d+$/.test(r.path)) {
      return { status: 200, body: { data: { deleted: true } } };
    }
    const dm = r.path.match(/^\/2\/dm_conversations\/(with\/)?([^/]+)\/messages$/);
    if (r.method === 'POST' && dm) {
      const target = decodeURIComponent(dm[2]);
      const conversation = dm[1] ? [ME.id, target].sort().join('-') : target;
      return { status: 201, body: { data: { dm_conversation_id: conversation, dm_event_id: snowflake() } } };
    }
    return {
      status: 404,
      body: { title: 'Not Found Error', type: 'about:blank', status: 404, detail: r.path },
    };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x.test');
      const r: XRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      };
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw && String(req.headers['content-type']).startsWith('application/json')) r.json = JSON.parse(raw);
      requests.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...(a.headers ?? {}) });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    /** Someone mentions the account (the post it answers, if any, is served as an expansion). */
    mention(p: XPostPayload, author: XUserPayload, answers?: XPostPayload) {
      users.set(author.id, author);
      if (answers) referenced.set(answers.id, answers);
      mentions.push(p);
    },
    /** The post is gone from X (its author deleted it): lookups leave it out. */
    remove(postId: string) {
      deleted.add(postId);
    },
    dm(e: XDmEventPayload, sender: XUserPayload) {
      users.set(sender.id, sender);
      dms.push(e);
    },
    reads: (path: string) => requests.filter((r) => r.method === 'GET' && r.path === path),
    writes: () => requests.filter((r) => r.method !== 'GET'),
    failNextRead(...p: XProblem[]) {
      readFailures.push(...p);
    },
    failNextWrite(...p: XProblem[]) {
      writeFailures.push(...p);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
