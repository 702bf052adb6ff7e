// What a channel can do when it says nothing: each definition spreads this and names only what it has,
// and a kind with no adapter yet (server/inboxes/channel-facts.ts) can do none of it.
import type { ChannelCapabilities } from './types.ts';

export const noCapabilities: ChannelCapabilities = {
  attachments: false,
  typing: false,
  receipts: false,
  textLength: 'characters',
  templates: false,
  richEmail: false,
  publicItems: false,
  hideDelete: false,
  like: false,
  live: false,
  nativeSurvey: false,
};
