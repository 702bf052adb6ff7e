// Outbound mail over a pooled SMTP connection per inbox: a proper reply in the customer's thread
// (In-Reply-To and References — nodemailer derives neither from the other), `Re:` once, the `[#id]` tag,
// text and HTML (the agent's formatting, or the text made HTML), cc and bcc, the agent's own subject (tag
// kept), attachments, the inbox signature, and our signed Message-ID. SMTP answers map to
// ChannelError codes: 4xx and network trouble are retried, 5xx is permanent, a refused login is AUTH.
import nodemailer from 'nodemailer';
import { ChannelError } from '../errors.ts';
import type { ChannelContext, OutboundMessage } from '../types.ts';
import type { EmailConfig } from './config.ts';
import { ourMessageId } from './message-id.ts';

const MAX_REFERENCES = 20;

export function smtpTransport(config: EmailConfig) {
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    auth: { user: config.smtp.user, pass: config.smtp.password },
    tls: { rejectUnauthorized: !config.allowInvalidCertificates },
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** `reply`: false for the first mail of a thread the hub starts (a transcript, terms): no `Re:` then. */
export function replySubject(subject: string | null, conversationId: number, reply = true): string {
  const base = (subject ?? '').replace(/^\s*((re|aw|rv|sv|fwd?)\s*:\s*)+/i, '').trim() || 'Your request';
  const tag = `[#${conversationId}]`;
  const tagged = base.includes(tag) ? base : `${base} ${tag}`;
  return reply ? `Re: ${tagged}` : tagged;
}

/** The first reference (the thread's root) and the newest ones: enough for every client to thread. */
export function trimReferences(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  return unique.length <= MAX_REFERENCES ? unique : [unique[0], ...unique.slice(-(MAX_REFERENCES - 1))];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The inbox signature and the protocol's invitation to the web page. */
export function signatureOf(config: EmailConfig): string {
  const invitation = config.webPageUrl ? `More answers and services any time at ${config.webPageUrl}` : '';
  return [config.signature?.trim(), invitation].filter(Boolean).join('\n');
}

export function createSmtpSender(ctx: ChannelContext<EmailConfig>) {
  const transport = smtpTransport(ctx.config);
  const domain = ctx.config.fromAddress.split('@')[1];
  return {
    async send(out: OutboundMessage): Promise<{ externalId: string; meta: Record<string, unknown> }> {
      // The address the customer wrote from (their identity), else the contact's address.
      const to = out.recipient.externalId.includes('@') ? out.recipient.externalId : out.recipient.email;
      if (!to) throw new ChannelError('PERMANENT', 'the contact has no e-mail address');
      if (out.signal.aborted) throw new ChannelError('TEMPORARY', 'the send was cancelled');
      const messageId = ourMessageId(ctx.secret ?? '', out.conversationId, out.messageId, domain);
      // In-Reply-To names the customer's mail this answers (not our own acknowledgement sent after it),
      // and References ends with it, as the reply's parent.
      const answered = out.answersExternalId?.startsWith('<') ? out.answersExternalId : undefined;
      const thread = out.threadExternalIds.filter((id) => id.startsWith('<') && id !== answered);
      const references = trimReferences(answered ? [...thread, answered] : thread);
      const signatureText = signatureOf(ctx.config);
      const text = `${out.text ?? ''}${signatureText ? `\n\n-- \n${signatureText}` : ''}`;
      const html = `${out.html ?? `<div>${escapeHtml(out.text ?? '').replace(/\n/g, '<br>')}</div>`}${
        signatureText ? `<div>-- <br>${escapeHtml(signatureText).replace(/\n/g, '<br>')}</div>` : ''
      }`;
      const subject = replySubject(
        out.email?.subject ?? out.subject,
        out.conversationId,
        references.length > 0,
      );
      const cc = out.email?.cc ?? [];
      const bcc = out.email?.bcc ?? [];
      try {
        await transport.sendMail({
          from: { name: ctx.config.fromName ?? '', address: ctx.config.fromAddress },
          to: out.recipient.name ? { name: out.recipient.name, address: to } : to,
          ...(cc.length ? { cc } : {}),
          ...(bcc.length ? { bcc } : {}),
          subject,
          messageId,
          ...(references.length ? { inReplyTo: answered ?? references.at(-1), references } : {}),
          text,
          html,
          attachments: await Promise.all(
            out.attachments.map(async (a) => ({
              filename: a.name,
              content: await a.read(),
              contentType: a.mime,
            })),
          ),
          headers: out.automatic ? { 'Auto-Submitted': 'auto-replied' } : {},
        });
      } catch (err) {
        throw smtpFailure(err);
      }
      return {
        externalId: messageId,
        meta: { email: { from: ctx.config.fromAddress, to: [to], cc, bcc, subject, messageId } },
      };
    },
    close() {
      transport.close();
    },
  };
}

/** Nodemailer's errors by their SMTP reply: a refused login, a refused mail (5xx), or worth a retry. */
function smtpFailure(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = err as { code?: string; responseCode?: number; message?: string };
  const message = e.message ?? String(err);
  if (e.code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534 || e.responseCode === 530) {
    return new ChannelError('AUTH', `the SMTP server refused the login: ${message}`, { cause: err });
  }
  if (e.responseCode && e.responseCode >= 500) {
    return new ChannelError('PERMANENT', `the SMTP server refused the mail: ${message}`, { cause: err });
  }
  return new ChannelError('TEMPORARY', `SMTP: ${message}`, { cause: err });
}
