// GET /channels: what each channel kind of this hub can do and its config's JSON Schema, so the console
// generates an inbox's settings form from the adapter's own zod schema instead of restating it.
import { z } from 'zod';
import { channelRegistry } from '#channels/registry.ts';
import type { AnyChannelDefinition } from '#channels/types.ts';
import { channelKindSchema } from '#shared/channels.ts';
import type { RouteTable } from './route.ts';

const channelJson = z
  .object({
    kind: channelKindSchema,
    capabilities: z.object({
      attachments: z.boolean(),
      typing: z.boolean(),
      receipts: z.boolean(),
      maxText: z.number().optional(),
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
  return Object.values(channelRegistry)
    .filter((d): d is AnyChannelDefinition => d !== undefined)
    .map((d) => ({
      kind: d.kind,
      capabilities: { ...d.capabilities },
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
      summary: 'Channel kinds this hub runs: capabilities and the JSON Schema of their inbox config (admin)',
      roles: ['admin'],
      response: z.object({ data: z.array(channelJson), nextCursor: z.null() }),
    },
    async () => ({ data: channels, nextCursor: null }),
  );
}
