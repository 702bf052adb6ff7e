// Responses as each place shows them: a conversation's (to whoever may see it), a contact's (the contact
// panel: an agent only those filled in conversations they may see, or by themselves), and the account's
// list for supervisors, admins and QA filtered by form, period and agent — newest first, paged by id.
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Auth } from '#server/auth/auth.ts';
import { loadContact } from '#server/contacts/load-contact.ts';
import type { HubContext } from '#server/context.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { visibleTo } from '#server/conversations/visibility.ts';
import { formResponses, forms } from '#server/db/forms-schema.ts';
import { contacts, conversations, users } from '#server/db/schema.ts';
import type { FormResponseJson, FormResponsesQuery } from '#shared/forms.schema.ts';
import { type ResponseRow, responseToJson } from './forms-json.ts';

const maxPerPlace = 200;

function selectRows(ctx: HubContext) {
  return ctx.db
    .select({ response: formResponses, formKey: forms.key, formName: forms.name, userName: users.name })
    .from(formResponses)
    .innerJoin(forms, eq(forms.id, formResponses.formId))
    .leftJoin(users, eq(users.id, formResponses.userId))
    .leftJoin(conversations, eq(conversations.id, formResponses.conversationId));
}

export async function conversationResponses(
  ctx: HubContext,
  auth: Auth,
  conversationId: number,
): Promise<FormResponseJson[]> {
  const { conversation } = await loadVisible(ctx, auth, conversationId);
  const rows = await selectRows(ctx)
    .where(
      and(eq(formResponses.accountId, auth.accountId), eq(formResponses.conversationId, conversation.id)),
    )
    .orderBy(desc(formResponses.id))
    .limit(maxPerPlace);
  return rows.map(responseToJson);
}

export async function contactResponses(
  ctx: HubContext,
  auth: Auth,
  contactId: number,
): Promise<FormResponseJson[]> {
  const { contact } = await loadContact(ctx, auth.accountId, contactId);
  // A merge moves conversations, not responses: those of the contacts merged into this one are its own.
  const merged = sql`(select ${contacts.id} from ${contacts} where ${contacts.mergedIntoId} = ${contact.id} and ${contacts.accountId} = ${auth.accountId})`;
  const seen: SQL | undefined =
    auth.user.role === 'agent' ? or(eq(formResponses.userId, auth.user.id), visibleTo(auth)) : undefined;
  const rows = await selectRows(ctx)
    .where(
      and(
        eq(formResponses.accountId, auth.accountId),
        or(eq(formResponses.contactId, contact.id), inArray(formResponses.contactId, merged)),
        seen,
      ),
    )
    .orderBy(desc(formResponses.id))
    .limit(maxPerPlace);
  return rows.map(responseToJson);
}

/** A date is its whole day (UTC); an instant is taken as given. */
const startOf = (v: string) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
const endOf = (v: string) =>
  v.length === 10 ? new Date(Date.parse(`${v}T00:00:00Z`) + 86_400_000) : new Date(Date.parse(v) + 1);

export async function listResponseRows(
  ctx: HubContext,
  auth: Auth,
  q: Omit<FormResponsesQuery, 'limit'> & { limit: number },
): Promise<{ page: ResponseRow[]; nextCursor: string | null }> {
  const rows = await selectRows(ctx)
    .where(
      and(
        eq(formResponses.accountId, auth.accountId),
        q.formId ? eq(formResponses.formId, Number(q.formId)) : undefined,
        q.agent ? eq(formResponses.userId, Number(q.agent)) : undefined,
        q.from ? gte(formResponses.createdAt, startOf(q.from)) : undefined,
        q.to ? lt(formResponses.createdAt, endOf(q.to)) : undefined,
        q.cursor ? lt(formResponses.id, Number(q.cursor)) : undefined,
      ),
    )
    .orderBy(desc(formResponses.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { page, nextCursor: rows.length > q.limit ? String(page.at(-1)!.response.id) : null };
}

export async function listResponses(ctx: HubContext, auth: Auth, q: FormResponsesQuery) {
  const { page, nextCursor } = await listResponseRows(ctx, auth, q);
  return { data: page.map(responseToJson), nextCursor };
}
