// Attachments: uploads are sniffed from their bytes (never trusted from the client), stored once per
// content under DATA_DIR/attachments, refused with a coded 4xx when too large, mislabelled or of a
// forbidden type, and downloadable only by those who may see them. A file the hub refuses on an inbound
// message costs the customer the file, never the message.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  eventually,
  incoming,
  type SeededAccount,
  seedAccount,
  startTestHub,
  type TestHub,
} from '#tests/helpers/hub.ts';
import { startWebhookReceiver } from '#tests/helpers/webhook-receiver.ts';
import { connectVisitor, webchatInbox } from '#tests/helpers/widget.ts';

// A valid 1x1 transparent PNG.
const png = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const pdf = new Uint8Array(
  Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  ),
);
const text = new Uint8Array(Buffer.from('Olá, número de pedido: 4711 — ¡gracias! ✓\n', 'utf8'));

/** A DOS/PE header: "MZ", e_lfanew at 0x3c pointing at "PE\0\0". */
function windowsExe(): Uint8Array {
  const b = new Uint8Array(256);
  b.set([0x4d, 0x5a], 0);
  b[0x3c] = 0x80;
  b.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return b;
}
/** A 64-bit little-endian ELF header (a Linux executable). */
function elf(): Uint8Array {
  const b = new Uint8Array(128);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  b.set([2, 0, 0x3e, 0], 16);
  return b;
}
/** Bytes of no known format that are not text either (they contain NULs and invalid UTF-8). */
const garbage = Uint8Array.from({ length: 600 }, (_, i) => (i * 73 + 41) % 256);

/** A valid PNG followed by bytes unique to `tag`, so a test starts from content never stored before. */
const uniquePng = (tag: string) => new Uint8Array([...png, ...Buffer.from(tag)]);

async function upload(
  base: string,
  token: string,
  data: Uint8Array | null,
  name = 'file.bin',
  type = 'application/octet-stream',
  field = 'file',
) {
  const form = new FormData();
  if (data) form.append(field, new Blob([Buffer.from(data)], { type }), name);
  else form.append('note', 'no file here');
  const res = await fetch(`${base}/api/v1/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(base: string, token: string, id: string) {
  const res = await fetch(`${base}/api/v1/attachments/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function storedFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'attachments'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

const sha256 = async (data: Uint8Array) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from(data))).toString('hex');

let t: TestHub;
let acct: SeededAccount;
let other: SeededAccount;
let agent: Awaited<ReturnType<SeededAccount['user']>>;
let agent2: Awaited<ReturnType<SeededAccount['user']>>;

beforeAll(async () => {
  t = await startTestHub();
  acct = await seedAccount(t);
  other = await seedAccount(t, 'Other');
  agent = await acct.user('agent', 'Agent One');
  agent2 = await acct.user('agent', 'Agent Two');
});
afterAll(() => t?.destroy());

describe('uploading', () => {
  it('accepts a real PNG and answers 201 with the sniffed type, size and sha256', async () => {
    const r = await upload(t.url, acct.adminToken, png, 'pixel.png', 'image/png');
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      name: 'pixel.png',
      mime: 'image/png',
      size: png.byteLength,
      sha256: await sha256(png),
      url: `/api/v1/attachments/${r.body.data.id}`,
    });
  });

  it('stores the same bytes once on disk but gives each upload its own id', async () => {
    const bytes = uniquePng('dedupe');
    const before = storedFiles(t.dataDir).length;
    const a = await upload(t.url, acct.adminToken, bytes, 'a.png', 'image/png');
    const b = await upload(t.url, acct.adminToken, bytes, 'b.png', 'image/png');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.data.id).not.toBe(b.body.data.id);
    expect(a.body.data.sha256).toBe(b.body.data.sha256);
    const files = storedFiles(t.dataDir);
    expect(files).toHaveLength(before + 1);
    const onDisk = files.find((f) => f.endsWith(a.body.data.sha256))!;
    expect(new Uint8Array(readFileSync(onDisk))).toEqual(bytes);
  });

  it('stores one file when the same bytes are uploaded many times at once', async () => {
    const bytes = uniquePng('burst');
    const before = storedFiles(t.dataDir).length;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upload(t.url, acct.adminToken, bytes, `p${i}.png`, 'image/png')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(12);
    const files = storedFiles(t.dataDir);
    expect(files).toHaveLength(before + 1);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('accepts a real PDF', async () => {
    const r = await upload(t.url, acct.adminToken, pdf, 'invoice.pdf', 'application/pdf');
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ mime: 'application/pdf', size: pdf.byteLength, name: 'invoice.pdf' });
  });

  it('accepts a UTF-8 text file', async () => {
    const r = await upload(t.url, acct.adminToken, text, 'note.txt', 'text/plain;charset=utf-8');
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ mime: 'text/plain', size: text.byteLength });
  });

  it('keeps a non-ASCII file name as the user wrote it', async () => {
    const r = await upload(
      t.url,
      acct.adminToken,
      pdf,
      'presupuesto año 2024 — firmado.pdf',
      'application/pdf',
    );
    expect(r.status).toBe(201);
    expect(r.body.data.name).toBe('presupuesto año 2024 — firmado.pdf');
  });

  it('refuses PDF bytes that claim to be a PNG with 415 attachment_type_mismatch', async () => {
    const r = await upload(t.url, acct.adminToken, pdf, 'photo.png', 'image/png');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('attachment_type_mismatch');
  });

  it('refuses a Windows executable with 415 attachment_type_not_allowed, whatever it claims to be', async () => {
    for (const type of ['application/octet-stream', 'application/pdf']) {
      const r = await upload(t.url, acct.adminToken, windowsExe(), 'invoice.pdf.exe', type);
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('attachment_type_not_allowed');
    }
  });

  it('refuses a Linux executable with 415 attachment_type_not_allowed', async () => {
    const r = await upload(t.url, acct.adminToken, elf(), 'tool', 'application/octet-stream');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('attachment_type_not_allowed');
  });

  it('refuses binary garbage of no known type with 415', async () => {
    const before = storedFiles(t.dataDir).length;
    const r = await upload(t.url, acct.adminToken, garbage, 'data.bin');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('attachment_type_not_allowed');
    expect(storedFiles(t.dataDir)).toHaveLength(before);
  });

  it('answers 400 when the form has no file in the field "file"', async () => {
    const none = await upload(t.url, acct.adminToken, null);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('bad_request');
    const wrongField = await upload(t.url, acct.adminToken, png, 'p.png', 'image/png', 'upload');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.code).toBe('bad_request');
  });

  it('answers 401 to an upload without a token', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(png)], { type: 'image/png' }), 'p.png');
    const res = await fetch(`${t.url}/api/v1/attachments`, { method: 'POST', body: form });
    expect(res.status).toBe(401);
  });
});

describe('upload size limit', () => {
  let small: TestHub;
  let smallAcct: SeededAccount;
  beforeAll(async () => {
    small = await startTestHub({ MAX_UPLOAD_BYTES: '1024' });
    smallAcct = await seedAccount(small);
  });
  afterAll(() => small?.destroy());

  it('refuses a file over MAX_UPLOAD_BYTES with 413 attachment_too_large and stores nothing', async () => {
    const big = new Uint8Array(Buffer.from('x'.repeat(5000)));
    const r = await upload(small.url, smallAcct.adminToken, big, 'big.txt', 'text/plain');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('attachment_too_large');
    expect(storedFiles(small.dataDir)).toEqual([]);
  });

  it('answers 413 to a file far over the limit instead of dropping the connection', async () => {
    const huge = new Uint8Array(8 * 1024 * 1024).fill(0x61);
    const r = await upload(small.url, smallAcct.adminToken, huge, 'huge.txt', 'text/plain');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('attachment_too_large');
  });

  it('keeps the text of an inbound message whose file is over the limit, and says which file and why', async () => {
    const inbox = await smallAcct.apiInbox();
    const running = small.hub.ctx.channels.get(Number(inbox.id))!;
    const r = await small.hub.ingestor.ingest(running.inbox, {
      channel: 'api',
      inboxId: running.inbox.id,
      externalId: 'att-in-too-big',
      threadKey: 'contact:cust-big',
      sender: { externalId: 'cust-big', name: 'Bea' },
      text: 'the scan of my contract',
      attachments: [{ data: new Uint8Array(4096).fill(0x41), name: 'contract.txt', mime: 'text/plain' }],
    });
    const [msg] = (
      await client(small.url, smallAcct.adminToken).get(`/conversations/${r.conversation.id}/messages`)
    ).body.data;
    expect(msg.text).toBe('the scan of my contract');
    expect(msg.attachments).toEqual([]);
    expect(msg.rejectedAttachments).toEqual([
      { name: 'contract.txt', reason: expect.stringMatching(/larger than the limit/) },
    ]);
  });

  it('accepts a file of exactly MAX_UPLOAD_BYTES', async () => {
    const exact = new Uint8Array(Buffer.from('y'.repeat(1024)));
    const r = await upload(small.url, smallAcct.adminToken, exact, 'exact.txt', 'text/plain');
    expect(r.status).toBe(201);
    expect(r.body.data.size).toBe(1024);
  });
});

describe('downloading', () => {
  it('returns the exact bytes with the sniffed type and nosniff', async () => {
    const up = await upload(t.url, acct.adminToken, png, 'pixel.png', 'image/png');
    const r = await download(t.url, acct.adminToken, up.body.data.id);
    expect(r.status).toBe(200);
    expect(r.bytes).toEqual(png);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''pixel\.png$/);
  });

  it('serves a declared-vague upload with the type sniffed from its bytes, and text only as a download', async () => {
    const p = await upload(t.url, acct.adminToken, pdf, 'doc', 'application/octet-stream');
    expect(p.body.data.mime).toBe('application/pdf');
    const pr = await download(t.url, acct.adminToken, p.body.data.id);
    expect(pr.headers.get('content-type')).toBe('application/pdf');
    expect(pr.bytes).toEqual(pdf);

    const up = await upload(t.url, acct.adminToken, text, 'note.txt', 'text/plain');
    const r = await download(t.url, acct.adminToken, up.body.data.id);
    expect(r.status).toBe(200);
    expect(Buffer.from(r.bytes).toString('utf8')).toBe(Buffer.from(text).toString('utf8'));
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('lets only its uploader (and wide roles) fetch an attachment not yet sent', async () => {
    const up = await upload(t.url, agent.token, png, 'draft.png', 'image/png');
    expect(up.status).toBe(201);
    expect((await download(t.url, agent.token, up.body.data.id)).status).toBe(200);
    expect((await download(t.url, acct.adminToken, up.body.data.id)).status).toBe(200);
    const stranger = await download(t.url, agent2.token, up.body.data.id);
    expect(stranger.status).toBe(404);
    expect(stranger.bytes.byteLength).toBeLessThan(png.byteLength + 200);
    expect(Buffer.from(stranger.bytes).toString('utf8')).toContain('not_found');
    expect((await download(t.url, other.adminToken, up.body.data.id)).status).toBe(404);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await download(t.url, acct.adminToken, '999999999')).status).toBe(404);
    expect((await download(t.url, acct.adminToken, 'abc')).status).toBe(404);
  });
});

describe('attachments on messages', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let inbox: { id: string; token: string; secret: string };
  let conversationId: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    inbox = await acct.apiInbox(receiver.url);
    const first = await incoming(t.url, inbox, {
      externalId: 'att-in-1',
      contact: { externalId: 'cust-att', name: 'Ana' },
      text: 'I need help with my order',
    });
    conversationId = first.body.data.conversation.id;
  });
  afterAll(() => receiver?.close());

  it('lists the attachment on the reply, delivers it, and lets an agent who sees the conversation download it', async () => {
    const up = await upload(t.url, agent.token, pdf, 'label.pdf', 'application/pdf');
    const api = client(t.url, agent.token);
    const reply = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'Here is your return label',
      attachmentIds: [up.body.data.id],
    });
    expect(reply.status).toBe(201);
    expect(reply.body.data.attachments).toEqual([
      expect.objectContaining({ id: up.body.data.id, name: 'label.pdf', mime: 'application/pdf' }),
    ]);

    const listed = await api.get(`/conversations/${conversationId}/messages`);
    const stored = listed.body.data.find((m: any) => m.id === reply.body.data.id);
    expect(stored.attachments.map((a: any) => a.id)).toEqual([up.body.data.id]);

    // The conversation is in the unassigned pool, so the other agent sees it, and now the file too.
    const byColleague = await download(t.url, agent2.token, up.body.data.id);
    expect(byColleague.status).toBe(200);
    expect(byColleague.bytes).toEqual(pdf);

    const delivery = await eventually(async () =>
      receiver.deliveries.find((d) => d.body?.message?.id === reply.body.data.id),
    );
    expect(delivery.body.message.attachments.map((a: any) => a.sha256)).toEqual([await sha256(pdf)]);
  });

  it('hides a sent attachment from an agent who may not see its conversation and from another account', async () => {
    const admin = client(t.url, acct.adminToken);
    const up = await upload(t.url, acct.adminToken, png, 'private.png', 'image/png');
    const started = await incoming(t.url, inbox, {
      externalId: 'att-in-2',
      contact: { externalId: 'cust-att-2' },
      text: 'hello',
    });
    const id = started.body.data.conversation.id;
    const assigned = await admin.post(`/conversations/${id}/assign`, { assigneeId: String(agent.user.id) });
    expect(assigned.body.data.assigneeId).toBe(String(agent.user.id));
    const reply = await admin.post(`/conversations/${id}/messages`, {
      text: 'see attached',
      attachmentIds: [up.body.data.id],
    });
    expect(reply.status).toBe(201);
    expect((await download(t.url, agent.token, up.body.data.id)).status).toBe(200);
    expect((await download(t.url, agent2.token, up.body.data.id)).status).toBe(404);
    expect((await download(t.url, other.adminToken, up.body.data.id)).status).toBe(404);
  });

  it("refuses a colleague's unsent upload (ids are sequential), and a visitor's upload posted through an API inbox", async () => {
    // Agent One's draft file: Agent Two cannot see it, and may not send it either.
    const draft = await upload(t.url, agent.token, pdf, 'draft.pdf', 'application/pdf');
    expect((await download(t.url, agent2.token, draft.body.data.id)).status).toBe(404);
    const asColleague = await client(t.url, agent2.token).post(`/conversations/${conversationId}/messages`, {
      text: 'x',
      private: true,
      attachmentIds: [draft.body.data.id],
    });
    expect(asColleague.status).toBe(400);
    expect(asColleague.body.error.code).toBe('bad_request');
    expect((await download(t.url, agent2.token, draft.body.data.id)).status).toBe(404);
    // Still its uploader's to send.
    const own = await client(t.url, agent.token).post(`/conversations/${conversationId}/messages`, {
      text: 'your label',
      attachmentIds: [draft.body.data.id],
    });
    expect(own.status).toBe(201);

    // A widget visitor's upload cannot be moved into another customer's conversation by an API inbox.
    const chat = await webchatInbox(t, acct);
    const visitor = await connectVisitor(t, { inboxToken: chat.token });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'id-card.png');
    const up = await fetch(`${t.url}/api/v1/widget/attachments`, {
      method: 'POST',
      headers: { 'x-inbox-token': chat.token, 'x-visitor-token': visitor.session.visitorToken },
      body: form,
    });
    expect(up.status).toBe(201);
    const visitorFile = ((await up.json()) as { data: { id: string } }).data.id;
    const moved = await incoming(t.url, inbox, {
      externalId: 'att-steal',
      contact: { externalId: 'cust-thief' },
      text: 'look',
      attachmentIds: [visitorFile],
    });
    expect(moved.status).toBe(400);
    expect((moved.body as { error: { code: string } }).error.code).toBe('bad_request');
    // The visitor still sends it with their own message.
    const sent = await visitor.emit('message:send', {
      clientMessageId: 'card',
      text: 'mi carnet',
      attachmentIds: [visitorFile],
    });
    expect(sent.ok).toBe(true);
    expect(sent.message.attachments.map((a: { id: string }) => a.id)).toEqual([visitorFile]);
    visitor.close();
  });

  it('refuses with 400 an attachment already used, or of another account, and stores no message', async () => {
    const api = client(t.url, acct.adminToken);
    const count = async () =>
      (await api.get(`/conversations/${conversationId}/messages?limit=500`)).body.data.length;
    const up = await upload(t.url, acct.adminToken, png, 'once.png', 'image/png');
    const first = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'first',
      attachmentIds: [up.body.data.id],
    });
    expect(first.status).toBe(201);
    const before = await count();

    const again = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'again',
      attachmentIds: [up.body.data.id],
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('bad_request');

    const foreign = await upload(t.url, other.adminToken, png, 'theirs.png', 'image/png');
    expect(foreign.status).toBe(201);
    const stolen = await api.post(`/conversations/${conversationId}/messages`, {
      text: 'borrowed',
      attachmentIds: [foreign.body.data.id],
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('bad_request');

    expect(await count()).toBe(before);
    // The refused reply did not claim the other account's file: its owner can still send it.
    expect((await download(t.url, other.adminToken, foreign.body.data.id)).status).toBe(200);
    expect((await download(t.url, acct.adminToken, foreign.body.data.id)).status).toBe(404);
  });

  it('keeps every file a customer sent: an unknown or mismatched type only as a download', async () => {
    const ctx = t.hub.ctx;
    const running = ctx.channels.get(Number(inbox.id))!;
    const armored = Buffer.from(
      '-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE0000000000000000000000000000000=\n=abcd\n-----END PGP SIGNATURE-----\n',
    );
    const smime = new Uint8Array([
      0x30, 0x82, 0x05, 0x9a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
    ]);
    // A forwarded mail in Shift_JIS: not UTF-8 text, and still a mail.
    const forwarded = Buffer.concat([
      Buffer.from(
        'From: a@b.example\r\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\n',
      ),
      Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]),
    ]);
    const source = Buffer.concat([Buffer.from('Message-ID: <sjis@customer.example>\r\n'), forwarded]);
    const r = await t.hub.ingestor.ingest(running.inbox, {
      channel: 'api',
      inboxId: running.inbox.id,
      externalId: 'att-in-kept',
      threadKey: 'contact:cust-kept',
      sender: { externalId: 'cust-kept', name: 'Bea' },
      text: 'my invoice, signed, and a photo',
      // The mail as it arrived, in Shift_JIS: kept for "view original" whatever its charset.
      original: { data: source, name: 'original.eml' },
      attachments: [
        { data: windowsExe(), name: 'invoice.exe', mime: 'application/octet-stream' },
        { data: armored, name: 'signature.asc', mime: 'application/pgp-signature' },
        { data: smime, name: 'smime.p7s', mime: 'application/pkcs7-signature' },
        { data: forwarded, name: 'forwarded.eml', mime: 'message/rfc822' },
        { data: png, name: 'photo.png', mime: 'image/png' },
      ],
    });
    expect(r.duplicate).toBe(false);

    const api = client(t.url, acct.adminToken);
    const [msg] = (await api.get(`/conversations/${r.conversation.id}/messages`)).body.data;
    expect(msg.text).toBe('my invoice, signed, and a photo');
    expect(msg.rejectedAttachments).toBeUndefined();
    const byName = Object.fromEntries(msg.attachments.map((a: any) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual([
      'forwarded.eml',
      'invoice.exe',
      'photo.png',
      'signature.asc',
      'smime.p7s',
    ]);
    expect(byName['photo.png'].mime).toBe('image/png');
    expect(byName['forwarded.eml'].mime).toBe('message/rfc822');
    for (const name of ['invoice.exe', 'signature.asc', 'smime.p7s'])
      expect(byName[name].mime).toBe('application/octet-stream');
    // Served only as a download, never sniffed into something the browser would run or show.
    const exe = await download(t.url, agent.token, byName['invoice.exe'].id);
    expect(exe.bytes).toEqual(windowsExe());
    expect(exe.headers.get('content-type')).toBe('application/octet-stream');
    expect(exe.headers.get('x-content-type-options')).toBe('nosniff');
    expect(exe.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await download(t.url, agent.token, byName['forwarded.eml'].id)).bytes).toEqual(
      new Uint8Array(forwarded),
    );
    const original = await fetch(`${t.url}${msg.originalUrl}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('message/rfc822');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(new Uint8Array(source));
  });

  it('stores every message when many customers send the same picture at the same moment', async () => {
    const running = t.hub.ctx.channels.get(Number(inbox.id))!;
    const picture = uniquePng('forwarded-meme');
    const before = storedFiles(t.dataDir).length;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        t.hub.ingestor.ingest(running.inbox, {
          channel: 'api',
          inboxId: running.inbox.id,
          externalId: `meme-${i}`,
          threadKey: `contact:meme-${i}`,
          sender: { externalId: `meme-${i}` },
          text: `look ${i}`,
          attachments: [{ data: picture, name: 'meme.png', mime: 'image/png' }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const r of results) {
      if (r.status === 'fulfilled')
        expect(r.value.attachments.map((a) => a.originalName)).toEqual(['meme.png']);
    }
    expect(storedFiles(t.dataDir)).toHaveLength(before + 1);
  });
});
