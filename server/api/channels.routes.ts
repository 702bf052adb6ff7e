// GET /channels: what each channel kind of this hub can do (the facts its definition declares) and its
// config's JSON Schema. The console reads it instead of naming kinds, and generates an inbox's settings
// form from the adapter's own zod schema instead of restating it. Every signed-in user may read it (an
// agent's composer asks whether a conversation's channel takes a subject and cc): nothing in it is secret.
import { z } from 'zod';
import { channelDefinitions } from '#server/inboxes/channel-facts.ts';
import { channelJson } from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

function describeChannels(): z.infer<typeof channelJson>[] {
  return channelDefinitions().map((d) => ({
    kind: d.kind,
    label: d.label,
    tag: { ...d.tag },
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
    usage: typeof d.usage === 'function',
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
