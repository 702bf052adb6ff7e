// GET /channels: what each channel kind of this hub can do (the facts its definition declares) and its
// config's JSON Schema. The console reads it instead of naming kinds, and generates an inbox's settings
// form from the adapter's own zod schema instead of restating it. Every signed-in user may read it (an
// agent's composer asks whether a conversation's channel takes a subject and cc): nothing in it is secret.
import { z } from 'zod';
import { channelDefinitions } from '#server/inboxes/channel-facts.ts';
import { channelKindSchema } from '#shared/channels.ts';
import type { RouteTable } from './route.ts';

const channelJson = z
  .object({
    kind: channelKindSchema,
    label: z.string(),
    /** How its inbound arrives: the hub's own widget, a REST call, a provider's webhook, a held connection. */
    inbound: z.enum(['widget', 'rest', 'webhook', 'connection']),
    capabilities: z.object({
      attachments: z.boolean(),
      /** The customer sees that an agent is typing. */
      typing: z.boolean(),
      /** Delivery and read receipts come back. */
      receipts: z.boolean(),
      maxText: z.number().optional(),
      /** Provider-approved templates, the only message allowed once the reply window closed. */
      templates: z.boolean(),
      /** Free-form replies only within this many hours of the customer's last message. */
      replyWindowHours: z.number().optional(),
      /** A subject, cc and bcc per reply, formatted replies (mail). */
      richEmail: z.boolean(),
      /** Public items (a page comment, a mention) besides private ones. */
      publicItems: z.boolean(),
      /** A customer's public item can be hidden or deleted. */
      hideDelete: z.boolean(),
      /** The customer is connected to the hub itself (typing, place in the queue). */
      live: z.boolean(),
      /** The satisfaction survey is asked in the channel's own interface. */
      nativeSurvey: z.boolean(),
    }),
    protocol: z.object({
      /** The protocol an inbox follows unless its settings choose another; null: none. */
      family: z.string().nullable(),
      /** Automatic messages per customer address per hour unless the inbox sets its own cap. */
      automaticRepliesPerHour: z.number().optional(),
    }),
    /** A JSON Schema (draft 2020-12) of the `config` that POST/PATCH /inboxes accept for this kind. */
    configSchema: z.record(z.string(), z.unknown()),
    /** Dotted config paths shown masked once saved: the console renders them as password fields. */
    secretFields: z.array(z.string()),
    /** Whether a created inbox returns a signing secret, once. */
    signingSecret: z.boolean(),
    /** Whether POST /inboxes/test-connection does more than validate the config. */
    testConnection: z.boolean(),
    /** Whether the provider pushes to /webhooks/<kind>/<inboxId>. */
    webhook: z.boolean(),
  })
  .meta({ id: 'Channel' });

function describeChannels(): z.infer<typeof channelJson>[] {
  return channelDefinitions().map((d) => ({
    kind: d.kind,
    label: d.label,
    inbound: d.inbound,
    capabilities: { ...d.capabilities },
    protocol: { ...d.protocol },
    // 'input': what an admin types (defaults optional); 'any' for refinements JSON Schema cannot say.
    configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    secretFields: [...d.secretFields],
    signingSecret: d.signingSecret,
    testConnection: typeof d.testConnection === 'function',
    webhook: d.webhook !== undefined,
  }));
}

export function channelRoutes(t: RouteTable): void {
  // The schemas never change while the process runs: converted once, when the route is declared.
  const channels = describeChannels();
  t.route(
    {
      method: 'get',
      path: '/channels',
      tag: 'Inboxes',
      summary: 'Channel kinds this hub runs: what each can do and the JSON Schema of its inbox config',
      response: z.object({ data: z.array(channelJson), nextCursor: z.null() }),
    },
    async () => ({ data: channels, nextCursor: null }),
  );
}
