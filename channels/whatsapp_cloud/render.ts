// Text for the WhatsApp messages that are not text: what an agent reads in the conversation (and what
// search finds). The structured original is kept beside it in the message's meta.
import type { GraphErrorItem, MessageBody, SharedContact } from './webhook.schema.ts';

export function renderLocation(l: NonNullable<MessageBody['location']>): string {
  const place = [l.name, l.address].filter(Boolean).join(', ');
  const map = `https://www.google.com/maps/search/?api=1&query=${l.latitude},${l.longitude}`;
  return [`📍 ${place || 'Location'} (${l.latitude}, ${l.longitude})`, l.url, map].filter(Boolean).join('\n');
}

function contactName(c: SharedContact): string {
  return (
    c.name?.formatted_name?.trim() ||
    [c.name?.first_name, c.name?.last_name].filter(Boolean).join(' ').trim() ||
    'Contact'
  );
}

const typed = (value: string | undefined, type: string | undefined) =>
  value ? `${value}${type ? ` (${type})` : ''}` : null;

/** One block per shared contact card: name, phones, e-mails, organisation, addresses, links, birthday. */
export function renderContacts(contacts: SharedContact[]): string {
  return contacts
    .map((c) => {
      const org = [c.org?.company, c.org?.department, c.org?.title].filter(Boolean).join(', ');
      const lines = [
        `👤 ${contactName(c)}`,
        ...(c.phones ?? []).map((p) => typed(p.phone ?? (p.wa_id ? `+${p.wa_id}` : undefined), p.type)),
        ...(c.emails ?? []).map((e) => typed(e.email, e.type)),
        org || null,
        ...(c.addresses ?? []).map((a) =>
          typed(
            [a.street, a.city, a.state, a.zip, a.country].filter(Boolean).join(', ') || undefined,
            a.type,
          ),
        ),
        ...(c.urls ?? []).map((u) => typed(u.url, u.type)),
        c.birthday ? `Birthday: ${c.birthday}` : null,
      ];
      return lines.filter((l): l is string => Boolean(l)).join('\n');
    })
    .join('\n\n');
}

/** What the customer chose: a reply button, a list row, or a WhatsApp Flow's answer. */
export function renderInteractive(i: NonNullable<MessageBody['interactive']>): string {
  if (i.button_reply) return i.button_reply.title;
  if (i.list_reply) return [i.list_reply.title, i.list_reply.description].filter(Boolean).join(' — ');
  if (i.nfm_reply) return i.nfm_reply.body ?? 'Form sent';
  return `[${i.type}]`;
}

export function renderErrors(errors: GraphErrorItem[] | undefined): string | null {
  if (!errors?.length) return null;
  return errors
    .map((e) => {
      const head = e.title ?? e.message ?? 'error';
      const details = e.error_data?.details;
      return `${head}${details && details !== head ? `: ${details}` : ''}${e.code !== undefined ? ` (#${e.code})` : ''}`;
    })
    .join('; ');
}
