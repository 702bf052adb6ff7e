// A raw RFC 822 mail → what the hub needs: the message (text folded for display, full text kept, HTML,
// attachments with their content ids, who wrote to whom), its threading hints, whether a machine sent
// it, or — for a delivery status notification — which of our mails bounced and why.
import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { InboundAttachment } from '#shared/channels.ts';

export type ParsedInbound =
  | {
      kind: 'bounce';
      /** `failed`: the server gave up (final). `delayed`: it is still trying — a warning, not a failure. */
      action: 'failed' | 'delayed';
      originalMessageId: string | null;
      reason: string;
    }
  | {
      kind: 'message';
      messageId: string;
      from: { address: string; name?: string };
      subject: string;
      text: string;
      fullText: string;
      html?: string;
      attachments: InboundAttachment[];
      /** Ids this mail answers, most specific first: In-Reply-To, then References newest to oldest. */
      answers: string[];
      forwarded: boolean;
      automated: boolean;
      date?: Date;
      meta: Record<string, unknown>;
    };

export async function parseMail(raw: Buffer): Promise<ParsedInbound> {
  const mail = await simpleParser(raw, { skipImageLinks: true });
  const contentType = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  if (
    contentType?.value === 'multipart/report' &&
    contentType.params?.['report-type'] === 'delivery-status'
  ) {
    return bounceOf(mail);
  }
  const from = firstAddress(mail.from);
  const messageId =
    mail.messageId?.trim() || `<sha256.${createHash('sha256').update(raw).digest('hex')}@no-message-id>`;
  const references = Array.isArray(mail.references)
    ? mail.references
    : mail.references
      ? [mail.references]
      : [];
  const answers = [mail.inReplyTo, ...[...references].reverse()].filter((x): x is string =>
    Boolean(x?.trim()),
  );
  const fullText = mail.text ?? '';
  const subject = mail.subject ?? '';
  return {
    kind: 'message',
    messageId,
    from: from ?? { address: 'unknown@invalid' },
    subject,
    text: foldQuoted(fullText),
    fullText,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    attachments: mail.attachments
      .filter((a) => a.content?.length)
      .map((a) => ({
        data: a.content,
        name: a.filename ?? undefined,
        mime: a.contentType,
        ...(a.cid ? { contentId: a.cid } : {}),
      })),
    answers: [...new Set(answers)],
    forwarded: /^\s*(fwd?|fw|rv|tr|enc|wg)\s*:/i.test(subject),
    automated: isAutomated(mail, from?.address ?? ''),
    date: mail.date,
    meta: {
      email: {
        from: from?.address ?? null,
        to: addresses(mail.to),
        cc: addresses(mail.cc),
        subject,
        messageId,
        ...(fullText !== foldQuoted(fullText) ? { fullText } : {}),
      },
    },
  };
}

function firstAddress(
  a: AddressObject | AddressObject[] | undefined,
): { address: string; name?: string } | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return { address: v.address.toLowerCase(), ...(v.name ? { name: v.name } : {}) };
    }
  }
  return null;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((obj) =>
    obj.value.map((v) => v.address?.toLowerCase()).filter((x): x is string => !!x),
  );
}

// Headers only machines set: auto-replies and robots (RFC 3834, Microsoft's), and bulk mailers'
// tracking ids (Amazon SES and Gmail's Feedback-ID, Mailchimp, SendGrid, Mailgun, campaign tools).
const machineHeaders = [
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
  'feedback-id',
  'x-campaign',
  'x-campaign-id',
  'x-mailchimp-campaign',
  'x-mc-user',
  'x-sg-eid',
  'x-mailgun-sid',
  'x-mailer-recptid',
  'x-listmember',
];
// A robot's address: no-reply anywhere in the local part (gmail-noreply@, alerts.noreply@), or a
// mailer daemon, postmaster or bounce address at its start.
const robotAddress =
  /^[^@]*(?:^|[._+-])(?:no-?reply|do-?not-?reply)(?:[._+-][^@]*)?@|^(?:mailer-daemon|postmaster|bounces?)(?:[+.-][^@]*)?@/i;
// An address nobody receives at: none (our own `unknown@invalid` stand-in), no domain with a dot, or a
// name reserved never to resolve (RFC 2606's .invalid, RFC 6761's localhost).
const cannotReceive = (address: string) => {
  const domain = address.split('@')[1] ?? '';
  return !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) || /(^|\.)(invalid|localhost)$/i.test(domain);
};

/**
 * Mail a machine sent, or that no person could receive an answer to: never answered automatically.
 * Marked by the headers real senders set (RFC 3834's Auto-Submitted, Precedence, the List-* headers that
 * mailparser gathers under `list`, bulk mailers' ids, an empty Return-Path) and by robot addresses.
 */
function isAutomated(mail: ParsedMail, from: string): boolean {
  const h = (name: string) => {
    const v = mail.headers.get(name);
    return typeof v === 'string'
      ? v.toLowerCase().trim()
      : v
        ? String(
            (v as { value?: string; text?: string }).value ?? (v as { text?: string }).text ?? v,
          ).toLowerCase()
        : '';
  };
  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (['bulk', 'list', 'junk', 'auto_reply'].includes(h('precedence'))) return true;
  if (machineHeaders.some((name) => mail.headers.has(name))) return true;
  // List-Id, List-Unsubscribe, List-Post ... arrive as one `list` header object.
  if (mail.headers.has('list') || [...mail.headers.keys()].some((k) => k.startsWith('list-'))) return true;
  // Return-Path: <> (the null sender of bounces and robots) arrives as an address object with no address.
  const returnPath = mail.headers.get('return-path') as AddressObject | string | undefined;
  if (returnPath !== undefined) {
    const address =
      typeof returnPath === 'string' ? returnPath.replace(/[<>\s]/g, '') : firstAddress(returnPath)?.address;
    if (!address) return true;
  }
  return robotAddress.test(from) || cannotReceive(from);
}

/** The part of a reply the customer wrote: quoted history and the signature are folded away. */
export function foldQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex(
    (l, i) =>
      /^-{2,}\s*(original message|mensaje original|message d'origine)\s*-{2,}/i.test(l.trim()) ||
      /^(on|el|le|am)\s.+(wrote|escribió|a écrit|schrieb)\s*:\s*$/i.test(l.trim()) ||
      (/^>/.test(l) && lines.slice(i).every((r) => r.trim() === '' || r.startsWith('>'))) ||
      l === '-- ',
  );
  return (cut === -1 ? lines : lines.slice(0, cut)).join('\n').trimEnd();
}

function bounceOf(mail: ParsedMail): ParsedInbound {
  // Several recipients may be reported; the message failed only if one of them failed for good.
  // mailparser gives the delivery-status part as text (joined into mail.text) or as an attachment,
  // and the returned original (message/rfc822 or its headers) as an attachment: look in all of them.
  const parts = [
    ...mail.attachments.map((a) => ({ type: a.contentType, body: a.content.toString('utf8') })),
    { type: 'text/plain', body: mail.text ?? '' },
  ];
  let originalMessageId: string | null = null;
  let reason = 'the message could not be delivered';
  for (const { type, body } of parts) {
    if (!originalMessageId && (type === 'message/rfc822' || type === 'text/rfc822-headers')) {
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(body);
      if (id) originalMessageId = id[1];
    }
  }
  const actions = parts.flatMap(({ body }) =>
    [...body.matchAll(/^Action:[ \t]*(\w+)/gim)].map((m) => m[1].toLowerCase()),
  );
  // Only `failed` is final; `delayed` (and `relayed`, `expanded`, `delivered`) say the mail lives on.
  const action = actions.length && !actions.includes('failed') ? 'delayed' : 'failed';
  for (const { body } of parts) {
    // The diagnostic is on its own line and its folded continuations; an empty one says nothing (the
    // next field, Last-Attempt-Date, is not a reason).
    const diagnostic = /^Diagnostic-Code:[ \t]*(?:[\w-]+;[ \t]*)?(\S.*(?:\r?\n[ \t]+\S.*)*)/im.exec(body);
    const status = /^Status:[ \t]*(\d\.\d{1,3}\.\d{1,3})/im.exec(body);
    if (diagnostic) {
      reason = diagnostic[1].replace(/\s+/g, ' ').trim();
      break;
    }
    if (status) reason = `delivery ${action === 'delayed' ? 'delayed' : 'failed'} with status ${status[1]}`;
  }
  return { kind: 'bounce', action, originalMessageId, reason };
}
