// One line per channel kind. A kind that is not here yet cannot have an inbox created for it.
import type { ChannelKind } from '#shared/channels.ts';
import { apiChannel } from './api/index.ts';
import { emailChannel } from './email/index.ts';
import { facebookChannel } from './facebook/index.ts';
import { twitterChannel } from './twitter/index.ts';
import type { AnyChannelDefinition } from './types.ts';
import { webchatChannel } from './webchat/index.ts';
import { whatsappChannel } from './whatsapp/index.ts';
import { whatsappCloudChannel } from './whatsapp_cloud/index.ts';

export const channelRegistry: Partial<Record<ChannelKind, AnyChannelDefinition>> = {
  api: apiChannel as AnyChannelDefinition,
  email: emailChannel as AnyChannelDefinition,
  facebook: facebookChannel as AnyChannelDefinition,
  twitter: twitterChannel as AnyChannelDefinition,
  webchat: webchatChannel as AnyChannelDefinition,
  whatsapp_cloud: whatsappCloudChannel as AnyChannelDefinition,
  whatsapp: whatsappChannel as AnyChannelDefinition,
};
