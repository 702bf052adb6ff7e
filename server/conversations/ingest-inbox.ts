// What ingest needs of an inbox row: the adapter's view of it plus the team new conversations go to and
// the inbox's settings (reopen window, protocol).
import type { InboxInfo } from '#channels/types.ts';
import type { Inbox } from '#server/db/schema.ts';
import type { ChannelKind } from '#shared/channels.ts';

export type IngestInbox = InboxInfo & { teamId: number | null; settings: Record<string, unknown> };

export const ingestInboxOf = (row: Inbox): IngestInbox => ({
  id: row.id,
  accountId: row.accountId,
  name: row.name,
  channel: row.channel as ChannelKind,
  token: row.token,
  teamId: row.teamId,
  settings: row.settings,
});
