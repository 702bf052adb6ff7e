// The real transport: Baileys' socket and media download. Loaded on the first start of a WhatsApp
// inbox (channels/whatsapp/index.ts), so a hub without one never loads Baileys.
import makeWASocket, {
  Browsers,
  downloadMediaMessage,
  makeCacheableSignalKeyStore,
} from '@whiskeysockets/baileys';
import type { WhatsappTransport } from './connection.ts';

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
