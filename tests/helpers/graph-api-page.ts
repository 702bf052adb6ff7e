// The Facebook Page side of the loopback Graph API (tests/helpers/graph-api.ts), answering in the shapes
// Meta documents: Messenger sends (POST /{page-id}/messages, JSON or multipart with `filedata`, to a
// PSID or, for a private reply, to a `comment_id`), comment replies (POST /{comment-id}/comments), hiding
// (POST /{comment-id} {is_hidden}) and deletion (DELETE /{comment-id}), liking (POST /{id}/likes), the
// Page itself (GET), and reads of comments, posts and other Pages with the fields asked for, one by one
// (GET /{id}?fields=) or several at once (GET /?ids=a,b&fields=, failing whole with #803 on a missing id).

/** The parts of a recorded request (graph-api.ts's GraphRequest) a Page call is answered from. */
type GraphRequest = {
  method: string;
  query?: URLSearchParams;
  json?: Record<string, unknown>;
  form?: { fields: Record<string, string>; file?: { name: string; type: string; data: Buffer } };
};

export type MessengerSend = {
  recipient: { id?: string; comment_id?: string };
  messaging_type?: string;
  tag?: string;
  message: { text?: string; metadata?: string; attachment?: { type: string; payload: unknown } };
  file?: { name: string; type: string; data: Buffer };
};

/** A comment or post Graph can be asked about (GET /{id}, GET /?ids=), with its public counts. */
export type GraphObject =
  | { type: 'comment'; likes: number; replies: number; permalink_url: string; created_time: string }
  | {
      type: 'post';
      reactions: number;
      comments: number;
      shares: number;
      permalink_url: string;
      created_time: string;
    };

/** Another Page, as GET /{page-id}?fields=followers_count,... answers about it. */
export type OtherPage = {
  name: string;
  username?: string;
  followers_count: number;
  fan_count: number;
  verification_status: 'blue_verified' | 'gray_verified' | 'not_verified';
};

export type PageState = {
  pageId: string;
  objects: Map<string, GraphObject>;
  pages: Map<string, OtherPage>;
  /** Objects the Page liked (POST /{id}/likes). */
  likes: Set<string>;
  /** Reads of these ids fail with this Graph answer. */
  unreadable: Map<string, { status: number; error: Record<string, unknown> }>;
  /** Reads of these ids are never answered (Meta having a bad minute). */
  stalled: Set<string>;
  sends: MessengerSend[];
  comments: { parentId: string; id: string; message?: string; file?: string }[];
  hidden: Map<string, boolean>;
  deleted: Set<string>;
  /** The PSID Meta gives the author of a comment answered privately. */
  psidOfComment: Map<string, string>;
};

type Answer = { status: number; body: unknown };
const notFound = (node: string): Answer => ({
  status: 400,
  body: {
    error: {
      message: `Unsupported request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: 'AbCdEf123',
    },
  },
});

/** The Messenger send as JSON, whichever way it came (multipart fields are JSON strings). */
function messengerSendOf(r: GraphRequest): MessengerSend | null {
  if (r.json) return r.json as unknown as MessengerSend;
  const f = r.form?.fields;
  if (!f?.recipient || !f.message) return null;
  return {
    recipient: JSON.parse(f.recipient),
    message: JSON.parse(f.message),
    ...(f.messaging_type ? { messaging_type: f.messaging_type } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(r.form?.file ? { file: r.form.file } : {}),
  };
}

/** The fields each object type has; asking one for a field of the other is Graph's error #100. */
const objectFields = {
  comment: new Set(['id', 'like_count', 'comment_count', 'permalink_url', 'created_time', 'message', 'from']),
  post: new Set([
    'id',
    'shares',
    'reactions',
    'comments',
    'permalink_url',
    'created_time',
    'message',
    'from',
  ]),
} as const;
const pageFields = new Set(['id', 'name', 'username', 'followers_count', 'fan_count', 'verification_status']);

/** `reactions.summary(total_count)` → `reactions`: the field an edge modifier hangs on. */
const fieldNames = (fields: string | null) =>
  (fields ?? 'id')
    .split(/,(?![^(]*\))/)
    .map((f) => f.trim().split(/[.{(]/)[0])
    .filter(Boolean);

const nonexisting = (field: string, nodeType: string): Answer => ({
  status: 400,
  body: {
    error: {
      message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
      type: 'OAuthException',
      code: 100,
      fbtrace_id: 'AbCdEf123',
    },
  },
});

/** One object's fields as Graph answers them: only those asked for, and its id. */
function readObject(page: PageState, id: string, fields: string | null): Answer {
  const o = page.objects.get(id);
  if (o && !page.deleted.has(id)) {
    const names = fieldNames(fields);
    const bad = names.find((f) => !objectFields[o.type].has(f));
    if (bad) return nonexisting(bad, o.type === 'comment' ? 'Comment' : 'Post');
    const all: Record<string, unknown> =
      o.type === 'comment'
        ? { like_count: o.likes, comment_count: o.replies }
        : {
            // Graph leaves `shares` out until the post has been shared.
            ...(o.shares > 0 ? { shares: { count: o.shares } } : {}),
            reactions: { data: [], summary: { total_count: o.reactions, viewer_reaction: 'NONE' } },
            comments: {
              data: [],
              summary: { order: 'ranked', total_count: o.comments, can_comment: true },
            },
          };
    Object.assign(all, { permalink_url: o.permalink_url, created_time: o.created_time });
    return {
      status: 200,
      body: { ...Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]])), id },
    };
  }
  const other = page.pages.get(id);
  if (other) {
    const names = fieldNames(fields);
    const bad = names.find((f) => !pageFields.has(f));
    if (bad) return nonexisting(bad, 'Page');
    const all: Record<string, unknown> = { ...other };
    return {
      status: 200,
      body: { ...Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]])), id },
    };
  }
  // A person (not readable with a Page token), a deleted item, or nothing at all: Graph says the same.
  return notFound(id);
}

/** GET /?ids=a,b&fields=...: one answer keyed by id; a missing id fails the whole request (#803). */
function readMany(page: PageState, ids: string[], fields: string | null): Answer {
  const missing = ids.filter((id) => page.deleted.has(id) || (!page.objects.has(id) && !page.pages.has(id)));
  if (missing.length) {
    return {
      status: 404,
      body: {
        error: {
          message: `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`,
          type: 'OAuthException',
          code: 803,
          fbtrace_id: 'AbCdEf123',
        },
      },
    };
  }
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const a = readObject(page, id, fields);
    if (a.status !== 200) return a;
    out[id] = a.body;
  }
  return { status: 200, body: out };
}

/** Null: not a Page request; the caller answers it (WhatsApp, media) or refuses it. */
export function answerPage(page: PageState, r: GraphRequest, node: string, edge?: string): Answer | null {
  if (node === page.pageId && edge === 'messages' && r.method === 'POST') {
    const send = messengerSendOf(r);
    if (!send || (!send.recipient.id && !send.recipient.comment_id)) {
      return {
        status: 400,
        body: { error: { message: '(#100) param recipient must be non-empty.', code: 100 } },
      };
    }
    page.sends.push(send);
    const commentId = send.recipient.comment_id;
    const psid = commentId
      ? (page.psidOfComment.get(commentId) ?? `psid-of-${commentId}`)
      : (send.recipient.id as string);
    return { status: 200, body: { recipient_id: psid, message_id: `m_${page.sends.length}_${Date.now()}` } };
  }
  if (node === page.pageId && !edge && r.method === 'GET') {
    return { status: 200, body: { name: 'Acme Telecom', id: page.pageId } };
  }
  if (r.method === 'GET' && !edge) {
    const fields = r.query?.get('fields') ?? null;
    if (!node) {
      const ids = (r.query?.get('ids') ?? '').split(',').filter(Boolean);
      for (const id of ids) {
        const fail = page.unreadable.get(id);
        if (fail) return { status: fail.status, body: { error: fail.error } };
      }
      return readMany(page, ids, fields);
    }
    const fail = page.unreadable.get(node);
    if (fail) return { status: fail.status, body: { error: fail.error } };
    return readObject(page, node, fields);
  }
  if (edge === 'likes' && r.method === 'POST') {
    if (page.deleted.has(node) || !page.objects.has(node)) return notFound(node);
    page.likes.add(node);
    return { status: 200, body: { success: true } };
  }
  if (edge === 'comments' && r.method === 'POST') {
    if (page.deleted.has(node)) return notFound(node);
    const id = `${node.split('_')[0]}_${900000 + page.comments.length + 1}`;
    const given = r.json?.message ?? r.form?.fields.message;
    const message = typeof given === 'string' ? given : undefined;
    page.comments.push({ parentId: node, id, message, file: r.form?.file?.name });
    return { status: 200, body: { id } };
  }
  if (!edge && r.method === 'POST' && typeof r.json?.is_hidden === 'boolean') {
    if (page.deleted.has(node)) return notFound(node);
    page.hidden.set(node, r.json?.is_hidden === true);
    return { status: 200, body: { success: true } };
  }
  if (!edge && r.method === 'DELETE') {
    if (page.deleted.has(node)) return notFound(node);
    page.deleted.add(node);
    return { status: 200, body: { success: true } };
  }
  return null;
}
