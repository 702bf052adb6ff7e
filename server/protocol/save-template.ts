// An admin's edit of a protocol template (validated at the edge by protocolTemplateBody), and going back
// to the seeded default by deleting the edit. Conversations keep their protocol; the steps they see
// are the template's current ones.
import { and, eq } from 'drizzle-orm';
import type { HubContext } from '#server/context.ts';
import { protocolTemplates } from '#server/db/schema.ts';
import type { ProtocolName, ProtocolTemplateBody } from '#shared/protocol.schema.ts';
import { loadTemplate } from './load-template.ts';
import { seededTemplates } from './seeded-templates.ts';

export async function saveTemplate(
  ctx: HubContext,
  accountId: number,
  protocol: ProtocolName,
  body: ProtocolTemplateBody,
) {
  const name = body.name ?? seededTemplates[protocol].name;
  const { steps } = body;
  const settings = (body.settings ?? {}) as Record<string, unknown>;
  const now = new Date();
  await ctx.db
    .insert(protocolTemplates)
    .values({ accountId, protocol, name, steps, settings, updatedAt: now })
    .onConflictDoUpdate({
      target: [protocolTemplates.accountId, protocolTemplates.protocol],
      set: { name, steps, settings, updatedAt: now },
    });
  return loadTemplate(ctx.db, accountId, protocol);
}

export async function resetTemplate(ctx: HubContext, accountId: number, protocol: ProtocolName) {
  await ctx.db
    .delete(protocolTemplates)
    .where(and(eq(protocolTemplates.accountId, accountId), eq(protocolTemplates.protocol, protocol)));
  return loadTemplate(ctx.db, accountId, protocol);
}

export function templateToJson(t: Awaited<ReturnType<typeof loadTemplate>>) {
  return {
    protocol: t.protocol,
    name: t.name,
    custom: t.custom,
    updatedAt: t.updatedAt ? t.updatedAt.toISOString() : null,
    settings: t.settings,
    steps: t.steps,
  };
}
