// Pure logic of the contact panel's edit form and merge dialog: the PATCH body for what changed, the
// identities grouped per channel for the side-by-side comparison, the merge request for the contact
// that is kept, and the message for each error the merge endpoint answers with.
import type { Key } from '../i18n.tsx';
import type { Conversation } from '../types.ts';

export type Contact = NonNullable<Conversation['contact']>;
export type ContactForm = {
  name: string;
  email: string;
  phone: string;
  nationalId: string;
  serviceNumber: string;
};

const attr = (c: Contact, k: string) => {
  const v = c.attributes[k];
  return v == null ? '' : typeof v === 'string' ? v : String(v);
};

export const formOf = (c: Contact): ContactForm => ({
  name: c.name ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  nationalId: attr(c, 'nationalId'),
  serviceNumber: attr(c, 'serviceNumber'),
});

/** Only what the agent changed; a cleared field becomes null (the hub removes an attribute set to null). */
export function patchBody(c: Contact, f: ContactForm): Record<string, unknown> {
  const before = formOf(c);
  const body: Record<string, unknown> = {};
  const attributes: Record<string, string | null> = {};
  for (const k of ['name', 'email', 'phone'] as const) {
    if (f[k].trim() !== before[k]) body[k] = f[k].trim() || null;
  }
  for (const k of ['nationalId', 'serviceNumber'] as const) {
    if (f[k].trim() !== before[k]) attributes[k] = f[k].trim() || null;
  }
  if (Object.keys(attributes).length) body.attributes = attributes;
  return body;
}

/** Channel → its external ids, channels in first-seen order. */
export function identitiesByChannel(c: Contact): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const i of c.identities ?? []) out.set(i.channel, [...(out.get(i.channel) ?? []), i.externalId]);
  return [...out];
}

/** POST /contacts/:kept/merge {sourceContactId: other}. */
export const mergeRequest = (kept: Contact, other: Contact) => ({
  path: `/contacts/${kept.id}/merge`,
  body: { sourceContactId: other.id },
});

/** The merge endpoint's refusals: itself (400 bad_request), already merged or gone (404 not_found). */
export function mergeErrorKey(err: { code?: string }): Key | null {
  if (err.code === 'bad_request') return 'mergeErrSelf';
  if (err.code === 'not_found') return 'mergeErrGone';
  return null;
}

/** "12", or "200+" when the page was full. */
export const countLabel = (n: number, more: boolean) => (more ? `${n}+` : String(n));
