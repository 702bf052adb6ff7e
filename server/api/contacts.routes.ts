// Contacts: search, read with identities, edit, merge. Visible to every staff role of the account.
import { z } from 'zod';
import { contactTimeline } from '#server/contacts/contact-timeline.ts';
import { listContacts } from '#server/contacts/list-contacts.ts';
import { loadContact } from '#server/contacts/load-contact.ts';
import { mergeContacts } from '#server/contacts/merge-contacts.ts';
import { updateContact } from '#server/contacts/update-contact.ts';
import type { HubContext } from '#server/context.ts';
import { contactToJson } from '#server/conversations/serialize.ts';
import {
  contactJson,
  contactTimelineQuery,
  listContactsQuery,
  mergeContactBody,
  timelineMessageJson,
  updateContactBody,
} from '#shared/api.schema.ts';
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
    ({ auth, query }) => listContacts(ctx, auth.accountId, query),
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
      const { contact, identities } = await updateContact(ctx, auth.accountId, params.id, body);
      return { data: contactToJson(contact, identities) };
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
