// Inbound mail: IMAP IDLE with a polling fallback, reconnect with backoff, and resume from the stored
// (uidValidity, lastUid) of the mailbox. The UID advances only after the hub committed the mail, so a
// crash re-reads it and the hub's (inbox, Message-ID) uniqueness stores it once. A changed UIDVALIDITY
// re-reads the whole mailbox, deduplicated the same way.
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { InboundMessage } from '#shared/channels.ts';
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
    // imapflow waits 15 s of quiet before it IDLEs; new mail should not wait that long after a read.
    autoIdleDelay: 1000,
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
    // UIDs first, then the sources a batch at a time: a resync of a large mailbox never holds it all.
    const found = await c.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
    // `n:*` also answers the last message when n is past it: keep only what is new.
    const uids = (found || []).filter((uid) => uid > cursor!.lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length && !stopped; i += FETCH_BATCH) {
      const batch = await c.fetchAll(
        uids.slice(i, i + FETCH_BATCH),
        { uid: true, source: true },
        { uid: true },
      );
      batch.sort((a, b) => a.uid - b.uid);
      // Each mail is parsed and threaded in order, and handed to the hub without waiting for the one
      // before to commit: the hub writes them in a few group commits instead of one transaction each.
      // A reply to a mail of the same batch finds its thread through `inBatch`, not the database.
      const inBatch = new Map<string, string>();
      const handed: Promise<void>[] = [];
      try {
        for (const m of batch) {
          if (stopped) break;
          if (!m.source) continue;
          const { done } = await handle(m.source, inBatch);
          // Observed now (settled below): a failure must not surface as an unhandled rejection meanwhile.
          done.catch(() => {});
          handed.push(done);
        }
      } catch (err) {
        await Promise.allSettled(handed); // none left unobserved
        throw err;
      }
      const settled = await Promise.allSettled(handed);
      if (settled.some((r) => r.status === 'rejected')) {
        if (stopped) return;
        // One mail the hub cannot take must not stop the mailbox: take them one at a time (what did
        // commit is recognised by its Message-ID), and keep a mail that still fails as a notice with
        // its source. If even that fails the hub itself is in trouble: nothing is marked read, and the
        // mailbox is read again from here after a reconnect.
        for (const m of batch) {
          if (!m.source) continue;
          try {
            await (await handle(m.source, inBatch)).done;
          } catch (err) {
            ctx.log.warn(
              { err, uid: m.uid },
              'a mail could not be stored; keeping it as a notice with its source',
            );
            await ctx.receive(notice(m.source, 'This e-mail could not be stored', err));
          }
        }
      }
      if (stopped) return;
      cursor = { uidValidity, lastUid: batch.at(-1)!.uid };
      await ctx.cursor.set(cursorKey, cursor);
    }
  }

  /**
   * Parses and threads one mail; returns the hand-over to the hub, already started (wrapped, so that
   * awaiting handle() does not wait for the commit).
   */
  async function handle(raw: Buffer, inBatch: Map<string, string>): Promise<{ done: Promise<void> }> {
    let mail: Awaited<ReturnType<typeof parseMail>>;
    try {
      mail = await parseMail(raw);
    } catch (err) {
      // A mail no parser can read still reaches an agent, with its source, instead of blocking the mailbox.
      ctx.log.warn({ err }, 'unreadable mail');
      return { done: ctx.receive(notice(raw, 'This e-mail could not be read', err)) };
    }
    if (mail.kind === 'bounce') {
      if (mail.originalMessageId) {
        return {
          // A delay notice (mailbox full, the server retries) is a warning; only a failure is final.
          done: ctx.updateStatus({
            inboxId: ctx.inbox.id,
            externalId: mail.originalMessageId,
            status: mail.action,
            error: `${mail.action === 'delayed' ? 'delivery delayed' : 'bounced'}: ${mail.reason}`,
          }),
        };
      }
      ctx.log.warn({ reason: mail.reason }, 'a bounce that names no message of ours');
      return { done: Promise.resolve() };
    }
    const threaded = mail.forwarded ? null : await threadOf(mail.answers, mail.subject, inBatch);
    const threadKey = threaded ?? `mail:${mail.messageId}`;
    inBatch.set(mail.messageId, threadKey);
    return {
      done: ctx.receive({
        channel: 'email',
        inboxId: ctx.inbox.id,
        externalId: mail.messageId,
        threadKey,
        sender: { externalId: mail.from.address, email: mail.from.address, name: mail.from.name },
        subject: mail.subject || undefined,
        text: mail.text,
        html: mail.html,
        contentType: 'email',
        attachments: mail.attachments,
        automated: mail.automated,
        timestamp: mail.date,
        meta: mail.meta,
        original: { data: raw, name: 'original.eml' },
      }),
    };
  }

  /** A mail the hub could not read or store, as a message an agent sees, with the source attached. */
  function notice(raw: Buffer, what: string, err: unknown): InboundMessage {
    const id = `<sha256.${createHash('sha256').update(raw).digest('hex')}@unreadable>`;
    const reason = err instanceof Error ? err.message : String(err);
    return {
      channel: 'email',
      inboxId: ctx.inbox.id,
      externalId: id,
      threadKey: `mail:${id}`,
      sender: { externalId: 'unknown@invalid' },
      text: `${what} (${reason.slice(0, 300)}). Its source is attached.`,
      attachments: [{ data: raw, name: 'original.eml', mime: 'message/rfc822' }],
      automated: true,
    };
  }

  /** Threading, in order: ids we stored or sent; our signed Message-ID; the subject tag. Never the subject. */
  async function threadOf(
    answers: string[],
    subject: string,
    inBatch: Map<string, string>,
  ): Promise<string | null> {
    const local = answers.find((id) => inBatch.has(id));
    if (local) return inBatch.get(local)!;
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
        await c.mailboxOpen(mailbox);
        ctx.setHealth('ready');
        settleFirst();
        backoff = 1000;
        let open = true;
        void closed.then(() => {
          open = false;
          wake?.();
        });
        while (!stopped && open) {
          // The lock is held only while reading: imapflow starts IDLE by itself once the connection is
          // free, and `exists` wakes us; the timer polls in case a server never says anything.
          const lock = await c.getMailboxLock(mailbox);
          try {
            await syncNew(c);
          } finally {
            lock.release();
          }
          await sleep(pollMs);
        }
      } catch (err) {
        if (stopped) break;
        const e = err as { authenticationFailed?: boolean; message?: string; code?: string };
        ctx.setHealth(e.authenticationFailed ? 'needs_auth' : 'failed', e.message ?? String(err));
        settleFirst();
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

  // start() waits for the first connection attempt (bounded), so the inbox's health is known after it.
  let settleFirst: () => void = () => {};

  return {
    async start() {
      stopped = false;
      ctx.setHealth('connecting');
      const first = new Promise<void>((resolve) => {
        settleFirst = resolve;
      });
      loop = run();
      await Promise.race([first, new Promise((r) => setTimeout(r, 10_000).unref())]);
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
