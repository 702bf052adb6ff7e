// Which protocol a conversation follows and the account's template for it. An edited template is a row
// of protocol_templates (steps and settings); without one the seeded default applies.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#server/db/client.ts';
import { type Conversation, type Inbox, protocolTemplates } from '#server/db/schema.ts';
import { definitionOf } from '#server/inboxes/channel-facts.ts';
import {
  type ProtocolName,
  type ProtocolTemplate,
  protocolName,
  protocolTemplateBody,
} from '#shared/protocol.schema.ts';
import { seededTemplates } from './seeded-templates.ts';

/** The inbox's `settings.protocol` wins; else the channel's own family (the API channel has none). */
export function protocolForInbox(inbox: Pick<Inbox, 'channel' | 'settings'>): ProtocolName | null {
  const chosen = inbox.settings.protocol;
  if (chosen === 'none') return null;
  const parsed = protocolName.safeParse(chosen);
  if (parsed.success) return parsed.data;
  return definitionOf(inbox.channel)?.protocol.family ?? null;
}

/** The protocol remembered when the conversation was created, else the inbox's. */
export function protocolOfConversation(
  conversation: Pick<Conversation, 'meta'>,
  inbox: Pick<Inbox, 'channel' | 'settings'>,
): ProtocolName | null {
  const remembered = conversation.meta.protocol;
  if (remembered === null) return null;
  const parsed = protocolName.safeParse(remembered);
  return parsed.success ? parsed.data : protocolForInbox(inbox);
}

export async function loadTemplate(
  db: Db,
  accountId: number,
  protocol: ProtocolName,
): Promise<ProtocolTemplate & { custom: boolean; updatedAt: Date | null }> {
  const [row] = await db
    .select()
    .from(protocolTemplates)
    .where(and(eq(protocolTemplates.accountId, accountId), eq(protocolTemplates.protocol, protocol)));
  const seeded = seededTemplates[protocol];
  if (!row) return { ...seeded, custom: false, updatedAt: null };
  const parsed = protocolTemplateBody.safeParse({ name: row.name, settings: row.settings, steps: row.steps });
  // Saved rows were validated on the way in; one that no longer parses (an older shape) falls back.
  if (!parsed.success) return { ...seeded, custom: false, updatedAt: null };
  return {
    protocol,
    name: parsed.data.name ?? seeded.name,
    steps: parsed.data.steps,
    settings: parsed.data.settings,
    custom: true,
    updatedAt: row.updatedAt,
  };
}
