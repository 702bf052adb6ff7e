// The language a step speaks and its placeholders: {contact.name}, {agent.name}, {company} (the account's
// name), {reference} ([#123]), {subject}, and for e-mail {name} (with a polite fallback) and {category}.
import { eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { accounts, type Conversation, contacts, type Inbox, users } from '#server/db/schema.ts';
import { type Language, type Localized, languages, type ProtocolTemplate } from '#shared/protocol.schema.ts';
import { categoryName } from './category-names.ts';

export const referenceOf = (conversationId: number) => `[#${conversationId}]`;

/**
 * The language the hub speaks to this customer: theirs when the conversation knows it (the widget's
 * locale, stored when the conversation began), else the inbox's `settings.language`, else the template's.
 * A language the templates have no text for (`fr`) falls through to the next.
 */
export function languageOf(s: {
  conversation: Pick<Conversation, 'language'>;
  inbox: Pick<Inbox, 'settings'>;
  template: Pick<ProtocolTemplate, 'settings'>;
}): Language {
  const known = (l: unknown) =>
    languages.find((x) => typeof l === 'string' && l.slice(0, 2).toLowerCase() === x);
  return known(s.conversation.language) ?? known(s.inbox.settings.language) ?? s.template.settings.language;
}

export function pick(text: Localized | undefined, language: Language): string | null {
  if (!text) return null;
  return text[language] ?? text.en ?? text.es ?? text.ar ?? null;
}

export type TextValues = Record<string, string>;

export async function textValues(
  db: Db,
  conversation: Conversation,
  language: Language,
): Promise<TextValues> {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
  const [account] = await db.select().from(accounts).where(eq(accounts.id, conversation.accountId));
  const [agent] = conversation.assigneeId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, conversation.assigneeId))
    : [];
  const contactName = contact?.name?.trim() ?? '';
  const polite = { en: 'there', es: 'cliente', ar: 'عميلنا العزيز' }[language];
  return {
    'contact.name': contactName,
    name: contactName || polite,
    'agent.name': agent?.name ?? '',
    company: account?.name ?? '',
    reference: referenceOf(conversation.id),
    subject: conversation.subject ?? '',
    category: categoryName(conversation.category, language),
  };
}

/** Fills the placeholders it knows; an empty value leaves no stray space before punctuation. */
export function fill(template: string, values: TextValues): string {
  return template
    .replace(/\{([a-z]+(?:\.[a-z]+)?)\}/gi, (whole, key: string) => values[key] ?? whole)
    .replace(/ +([!,.?:;])/g, '$1');
}
