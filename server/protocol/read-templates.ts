// The account's protocol templates as supervisors and admins read them: each protocol's edited template,
// or the seeded default while nobody has edited it (load-template.ts decides which).
import type { HubContext } from '#server/context.ts';
import { type ProtocolName, protocolNames } from '#shared/protocol.schema.ts';
import { loadTemplate } from './load-template.ts';

export function listTemplates(ctx: HubContext, accountId: number) {
  return Promise.all(protocolNames.map((p) => loadTemplate(ctx.db, accountId, p)));
}

export function readTemplate(ctx: HubContext, accountId: number, protocol: ProtocolName) {
  return loadTemplate(ctx.db, accountId, protocol);
}
