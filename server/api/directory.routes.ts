// The floor's directory: who an agent can hand a conversation to (active colleagues with their presence
// and teams) and the teams. Every staff role that works conversations reads it (marketing too: it
// escalates social items to a care team) — an agent transfers to a
// colleague or a team without being allowed to read the users' admin data (e-mail, capacity, skills).
import type { HubContext } from '#server/context.ts';
import { loadDirectory } from '#server/directory/load-directory.ts';
import { directoryJson } from '#shared/api.schema.ts';
import type { RouteTable } from './route.ts';

export function directoryRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/directory',
      tag: 'Users',
      summary:
        'Colleagues who take conversations (name, role, presence, teams) and the teams, for assign and transfer',
      roles: ['admin', 'supervisor', 'agent', 'qa', 'marketing'],
      response: directoryJson,
    },
    async ({ auth }) => ({ data: await loadDirectory(ctx, auth.accountId) }),
  );
}
