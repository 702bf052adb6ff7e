// The WhatsApp channel over Baileys (a linked device of the business's phone). One process holds a
// session at a time (`singleOwner`: the hub takes a lease first). `transport` is the boundary to the
// real Baileys socket and media download; tests put a stand-in there (null: the real one).
// Baileys is large (it takes a second or two to load): it and the connection code are imported on the
// first start or send of a WhatsApp inbox (the hub prepares it before taking the lease), not when the hub boots.
import { noCapabilities } from '../capabilities.ts';
import type { ChannelConnection, ChannelDefinition } from '../types.ts';
import { type WhatsappConfig, whatsappConfigSchema } from './config.ts';
import type { WhatsappTransport } from './connection.ts';

export const whatsappChannel: ChannelDefinition<WhatsappConfig> & { transport: WhatsappTransport | null } = {
  kind: 'whatsapp',
  label: 'WhatsApp (linked device)',
  tag: { en: 'WhatsApp', es: 'WhatsApp', ar: 'واتساب' },
  inbound: 'connection',
  protocol: { family: 'social' },
  service: {
    sla: { firstResponseSeconds: 60, nextResponseSeconds: 300, resolutionSeconds: 86_400 },
    capacity: 3,
  },
  configSchema: whatsappConfigSchema,
  secretFields: [],
  signingSecret: false,
  singleOwner: true,
  capabilities: {
    ...noCapabilities,
    attachments: true,
    typing: true,
    receipts: true,
    maxText: 65536,
  },
  transport: null,
  // Inbound messages carry the sender's number in E.164 as both thread and identity (normalise.ts).
  phoneAddress: (e164) => ({ threadKey: e164, externalId: e164 }),
  create(ctx) {
    return loadedOnUse(async () => {
      const { createWhatsappConnection } = await import('./connection.ts');
      const transport =
        whatsappChannel.transport ?? (await import('./baileys-transport.ts')).baileysTransport;
      return createWhatsappConnection(ctx, transport);
    });
  },
};

/** A connection whose code is loaded (once) by its first start or send; stop before that does nothing. */
function loadedOnUse(load: () => Promise<ChannelConnection>): ChannelConnection {
  let loading: Promise<ChannelConnection> | undefined;
  const get = () => {
    loading ??= load();
    return loading;
  };
  return {
    prepare: async () => {
      await get().catch(() => {}); // a failed load is reported by start
    },
    start: async () => (await get()).start(),
    stop: async () => {
      // Never loaded, or failed to load (start already said why): nothing runs, nothing to stop.
      const connection = await loading?.catch(() => null);
      await connection?.stop();
    },
    send: async (out) => (await get()).send(out),
  };
}
