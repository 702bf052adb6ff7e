// Inbound mail: IMAP IDLE with a polling fallback, reconnect with backoff, and resume from the stored
// (uidValidity, lastUid) of the mailbox. The UID advances only after the hub committed the mail, so a
// crash re-reads it and the hub's (inbox, Message-ID) uniqueness stores it once. A changed UIDVALIDITY
// re-reads the whole mailbox, deduplicated the same way.
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { ChannelContext } from '../types.ts';
import type { EmailConfig } from './config.ts';
import { conversationOf, subjectTag } from './message-id.ts';
import { parseMail } from './parse-mail.ts';

type Cursor = { uidValidity: string; lastUid: number };
const FETCH_BATCH = 50;

export function imapClient(config: EmailConfig): ImapFlow {
  return new ImapFlow({
    host: config.imap.host,
    port: config.imap.port,
    secure: config.imap.secure,
    auth: { user: config.imap.user, pass: config.imap.password },
    logger: false,
    tls: { rejectUnauthorized: !config.allowInvalidCertificates },
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
  });
}

export function createImapReceiver(ctx: ChannelContext<EmailConfig>) {
  const mailbox = ctx.config.imap.mailbox ?? 'INBOX';
  const cursorKey = `imap:${mailbox}`;
  const pollMs = (ctx.config.pollSeconds ?? 60) * 1000;
  let client: ImapFlow | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function syncNew(c: ImapFlow): Promise<void> {
    if (!c.mailbox) return;
    const uidValidity = String(c.mailbox.uidValidity);
    let cursor = await ctx.cursor.get<Cursor>(cursorKey);
    if (!cursor || cursor.uidValidity !== uidValidity) {
      if (cursor)
        ctx.log.warn({ mailbox, from: cursor.uidValidity, to: uidValidity }, 'UIDVALIDITY changed: resync');
      cursor = { uidValidity, lastUid: 0 };
    }
    for (;;) {
      const batch = await c.fetchAll(`${cursor.lastUid + 1}:*`, { uid: true, source: true }, { uid: true });
      // `n:*` also answers the last message when n is past it: keep only what is new.
      const fresh = batch.filter((m) => m.uid > cursor!.lastUid && m.source).sort((a, b) => a.uid - b.uid);
      if (!fresh.length) return;
      for (const m of fresh.slice(0, FETCH_BATCH)) {
        await handle(m.source!);
        cursor = { uidValidity, lastUid: m.uid };
        await ctx.cursor.set(cursorKey, cursor);
      }
      if (fresh.length <= FETCH_BATCH) return;
    }
  }

  async function handle(raw: Buffer): Promise<void> {
    let mail: Awaited<ReturnType<typeof parseMail>>;
    try {
      mail = await parseMail(raw);
    } catch (err) {
      // A mail no parser can read still reaches an agent, with its source, instead of blocking the mailbox.
      ctx.log.warn({ err }, 'unreadable mail');
      const id = `<sha256.${createHash('sha256').update(raw).digest('hex')}@unreadable>`;
      await ctx.receive({
        channel: 'email',
        inboxId: ctx.inbox.id,
        externalId: id,
        threadKey: `mail:${id}`,
        sender: { externalId: 'unknown@invalid' },
        text: 'This e-mail could not be read. Its source is attached.',
        attachments: [{ data: raw, name: 'original.eml.txt', mime: 'text/plain' }],
        automated: true,
      });
      return;
    }
    if (mail.kind === 'bounce') {
      if (mail.originalMessageId) {
        await ctx.updateStatus({
          inboxId: ctx.inbox.id,
          externalId: mail.originalMessageId,
          status: 'failed',
          error: `bounced: ${mail.reason}`,
        });
      } else {
        ctx.log.warn({ reason: mail.reason }, 'a bounce that names no message of ours');
      }
      return;
    }
    const threadKey = mail.forwarded ? null : await threadOf(mail.answers, mail.subject);
    await ctx.receive({
      channel: 'email',
      inboxId: ctx.inbox.id,
      externalId: mail.messageId,
      threadKey: threadKey ?? `mail:${mail.messageId}`,
      sender: { externalId: mail.from.address, email: mail.from.address, name: mail.from.name },
      subject: mail.subject || undefined,
      text: mail.text,
      html: mail.html,
      contentType: 'email',
      attachments: mail.attachments,
      automated: mail.automated,
      timestamp: mail.date,
      meta: mail.meta,
    });
  }

  /** Threading, in order: ids we stored or sent; our signed Message-ID; the subject tag. Never the subject. */
  async function threadOf(answers: string[], subject: string): Promise<string | null> {
    const known = await ctx.resolveThread({ externalIds: answers });
    if (known) return known;
    if (ctx.secret) {
      for (const id of answers) {
        const conversationId = conversationOf(ctx.secret, id);
        if (conversationId !== null) {
          const key = await ctx.resolveThread({ externalIds: [], conversationId });
          if (key) return key;
        }
      }
    }
    const tagged = subjectTag(subject);
    return tagged === null ? null : ctx.resolveThread({ externalIds: [], conversationId: tagged });
  }

  async function run(): Promise<void> {
    let backoff = 1000;
    while (!stopped) {
      const c = imapClient(ctx.config);
      client = c;
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.on('error', (err: Error) => ctx.log.warn({ err }, 'imap connection error'));
      c.on('exists', () => wake?.());
      try {
        await c.connect();
        const lock = await c.getMailboxLock(mailbox);
        try {
          ctx.setHealth('ready');
          backoff = 1000;
          let open = true;
          void closed.then(() => {
            open = false;
            wake?.();
          });
          while (!stopped && open) {
            await syncNew(c);
            // imapflow IDLEs on its own while we wait; `exists` wakes us, the timer polls in case it does not.
            await sleep(pollMs);
          }
        } finally {
          lock.release();
        }
      } catch (err) {
        if (stopped) break;
        const e = err as { authenticationFailed?: boolean; message?: string; code?: string };
        ctx.setHealth(e.authenticationFailed ? 'needs_auth' : 'failed', e.message ?? String(err));
        ctx.log.warn({ err }, 'imap receiver failed; reconnecting');
      } finally {
        await c.logout().catch(() => c.close());
      }
      if (!stopped) {
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 60_000);
        ctx.setHealth('connecting');
      }
    }
  }

  return {
    start() {
      stopped = false;
      ctx.setHealth('connecting');
      loop = run();
    },
    async stop() {
      stopped = true;
      wake?.();
      client?.close();
      await loop?.catch(() => {});
      loop = null;
    },
    /** Look for new mail now (tests, and an admin's "check now"). */
    poke() {
      wake?.();
    },
  };
}
