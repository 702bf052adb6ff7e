// Contacts: search, read with identities, edit, merge. Visible to every staff role of the account.
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { contactTimeline } from '#server/contacts/contact-timeline.ts';
import { loadContact } from '#server/contacts/load-contact.ts';
import { mergeContacts } from '#server/contacts/merge-contacts.ts';
import type { HubContext } from '#server/context.ts';
import { contactToJson } from '#server/conversations/serialize.ts';
import { contacts } from '#server/db/schema.ts';
import { notFound } from '#server/errors.ts';
import { contactMatches } from '#server/search/contact-match.ts';
import {
  contactJson,
  contactTimelineQuery,
  listContactsQuery,
  mergeContactBody,
  timelineMessageJson,
  updateContactBody,
} from '#shared/api.schema.ts';
import { toE164 } from '#shared/phone.ts';
import type { RouteTable } from './route.ts';

const tag = 'Contacts';
const one = z.object({ data: contactJson });
const staff = ['admin', 'supervisor', 'agent', 'qa', 'marketing'] as const;

export function contactRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/contacts',
      tag,
      summary: 'List or search contacts by name, e-mail, phone, channel id or attribute (e.g. national ID)',
      roles: staff,
      query: listContactsQuery,
      response: z.object({ data: z.array(contactJson), nextCursor: z.string().nullable() }),
    },
    async ({ auth, query }) => {
      const rows = await ctx.db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.accountId, auth.accountId),
            isNull(contacts.mergedIntoId),
            query.cursor ? lt(contacts.id, Number(query.cursor)) : undefined,
            query.q ? contactMatches(auth.accountId, query.q) : undefined,
          ),
        )
        .orderBy(desc(contacts.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        data: page.map((c) => contactToJson(c)),
        nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
      };
    },
  );
  t.route(
    {
      method: 'get',
      path: '/contacts/:id/timeline',
      tag,
      summary:
        "The contact's messages on every channel, in the conversations the caller may see, newest page first (before = a message id)",
      roles: staff,
      query: contactTimelineQuery,
      response: z.object({ data: z.array(timelineMessageJson), nextCursor: z.string().nullable() }),
    },
    ({ auth, params, query }) => contactTimeline(ctx, auth, params.id, query),
  );
  t.route(
    {
      method: 'get',
      path: '/contacts/:id',
      tag,
      summary: 'One contact with its channel identities',
      roles: staff,
      response: one,
    },
    async ({ auth, params }) => {
      const { contact, identities } = await loadContact(ctx, auth.accountId, params.id);
      return { data: contactToJson(contact, identities) };
    },
  );
  t.route(
    {
      method: 'patch',
      path: '/contacts/:id',
      tag,
      summary: 'Edit a contact; attributes are merged key by key (null removes a key)',
      roles: ['admin', 'supervisor', 'agent'],
      body: updateContactBody,
      response: one,
    },
    async ({ auth, params, body }) => {
      const { contact } = await loadContact(ctx, auth.accountId, params.id);
      const attributes = { ...contact.attributes };
      for (const [k, v] of Object.entries(body.attributes ?? {})) {
        if (v === null) delete attributes[k];
        else attributes[k] = v;
      }
      const [row] = await ctx.db
        .update(contacts)
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.email !== undefined ? { email: body.email?.toLowerCase() ?? null } : {}),
          // E.164 when it is a number we can place, so the person is recognised when they write on WhatsApp.
          ...(body.phone !== undefined
            ? { phone: body.phone ? (toE164(body.phone) ?? body.phone) : null }
            : {}),
          attributes,
          updatedAt: new Date(),
        })
        .where(eq(contacts.id, contact.id))
        .returning();
      if (!row) throw notFound('contact');
      const { identities } = await loadContact(ctx, auth.accountId, row.id);
      return { data: contactToJson(row, identities) };
    },
  );
  t.route(
    {
      method: 'post',
      path: '/contacts/:id/merge',
      tag,
      summary: 'Merge another contact (sourceContactId) into this one, with all identities and conversations',
      roles: ['admin', 'supervisor', 'agent'],
      body: mergeContactBody,
      response: one,
    },
    async ({ auth, params, body }) => {
      await mergeContacts(ctx, auth.accountId, params.id, Number(body.sourceContactId), auth.user.id);
      const { contact, identities } = await loadContact(ctx, auth.accountId, params.id);
      return { data: contactToJson(contact, identities) };
    },
  );
}
