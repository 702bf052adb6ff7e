// The console's search box: contacts and conversations for one query, each list newest first. Both
// halves respect what the caller may see (contacts are the account's; conversations only the visible).
import type { z } from 'zod';
import type { Auth } from '#server/auth/authenticate.ts';
import type { HubContext } from '#server/context.ts';
import type { SearchResult, searchQuery } from '#shared/search.schema.ts';
import { searchContacts } from './search-contacts.ts';
import { searchMessages } from './search-messages.ts';

export async function search(
  ctx: HubContext,
  auth: Auth,
  query: z.infer<typeof searchQuery>,
): Promise<SearchResult> {
  const [contacts, conversations] = await Promise.all([
    searchContacts(ctx, auth, query.q, query.limit),
    searchMessages(ctx, auth, query.q, query.limit),
  ]);
  return { contacts, conversations };
}
