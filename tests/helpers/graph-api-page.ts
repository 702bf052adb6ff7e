// The Facebook Page side of the loopback Graph API (tests/helpers/graph-api.ts), answering in the shapes
// Meta documents: Messenger sends (POST /{page-id}/messages, JSON or multipart with `filedata`, to a
// PSID or, for a private reply, to a `comment_id`), comment replies (POST /{comment-id}/comments), hiding
// (POST /{comment-id} {is_hidden}) and deletion (DELETE /{comment-id}), and the Page itself (GET).

/** The parts of a recorded request (graph-api.ts's GraphRequest) a Page call is answered from. */
type GraphRequest = {
  method: string;
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

export type PageState = {
  pageId: string;
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
