// The account's protocol templates, every protocol's (an edited one, else the seeded default): what the
// satisfaction report reads for the survey's step and the compliance report for the required steps.
import type { Db } from '#server/db/client.ts';
import { loadTemplate } from '#server/protocol/load-template.ts';
import { type ProtocolTemplate, protocolNames } from '#shared/protocol.schema.ts';

export async function accountTemplates(db: Db, accountId: number): Promise<ProtocolTemplate[]> {
  return Promise.all(protocolNames.map((p) => loadTemplate(db, accountId, p)));
}

/** Each protocol's survey step keys (a template step with action survey). */
export const surveySteps = (templates: ProtocolTemplate[]) =>
  templates.flatMap((t) =>
    t.steps.filter((s) => s.action === 'survey').map((s) => ({ protocol: t.protocol, key: s.key })),
  );
