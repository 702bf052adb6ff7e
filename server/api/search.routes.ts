import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import { search } from '#server/search/search.ts';
import { searchQuery, searchResultJson } from '#shared/search.schema.ts';
import type { RouteTable } from './route.ts';

// The same staff roles as GET /contacts; roles that see no conversations get contacts only.
const staff = ['admin', 'supervisor', 'agent', 'qa', 'marketing'] as const;

export function searchRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/search',
      tag: 'Search',
      summary:
        'Search contacts (name, e-mail, phone digits, channel id, attributes such as nationalId) and the visible conversations by message text',
      roles: staff,
      query: searchQuery,
      response: z.object({ data: searchResultJson }),
    },
    async ({ auth, query }) => ({ data: await search(ctx, auth, query) }),
  );
}
