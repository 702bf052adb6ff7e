// The WhatsApp channel over Baileys (a linked device of the business's phone). One process holds a
// session at a time (`singleOwner`: the hub takes a lease first). `transport` is the boundary to the
// real Baileys socket and media download; tests put a stand-in there.
import makeWASocket, {
  Browsers,
  downloadMediaMessage,
  makeCacheableSignalKeyStore,
} from '@whiskeysockets/baileys';
import type { ChannelDefinition } from '../types.ts';
import { type WhatsappConfig, whatsappConfigSchema } from './config.ts';
import { createWhatsappConnection, type WhatsappTransport } from './connection.ts';

export const baileysTransport: WhatsappTransport = {
  makeSocket: ({ auth, logger, importHistory, getMessage }) =>
    makeWASocket({
      auth: { creds: auth.creds, keys: makeCacheableSignalKeyStore(auth.keys, logger) },
      logger,
      browser: Browsers.ubuntu('Omnichannel hub'),
      markOnlineOnConnect: false,
      syncFullHistory: importHistory,
      shouldSyncHistoryMessage: () => importHistory,
      getMessage,
    }),
  downloadMedia: (msg, sock, logger) =>
    downloadMediaMessage(
      msg,
      'buffer',
      {},
      { logger, reuploadRequest: (sock as ReturnType<typeof makeWASocket>).updateMediaMessage },
    ),
};

export const whatsappChannel: ChannelDefinition<WhatsappConfig> & { transport: WhatsappTransport } = {
  kind: 'whatsapp',
  configSchema: whatsappConfigSchema,
  secretFields: [],
  signingSecret: false,
  singleOwner: true,
  capabilities: { attachments: true, typing: true, receipts: true, maxText: 65536 },
  transport: baileysTransport,
  create(ctx) {
    return createWhatsappConnection(ctx, whatsappChannel.transport);
  },
};
