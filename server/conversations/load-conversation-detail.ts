// One conversation as its page shows it: the row the caller may see, its contact with identities, its
// place in the queue while it waits, its labels and the visitor's rating — what the list leaves out.
import type { Auth } from '#server/auth/authenticate.ts';
import { loadContact } from '#server/contacts/load-contact.ts';
import type { HubContext } from '#server/context.ts';
import { labelsOf } from '#server/labels/labels-of.ts';
import { loadRating } from '#server/widget/ratings.ts';
import { loadVisible } from './load-visible.ts';
import { queuePositions } from './queue-order.ts';
import { contactToJson, conversationToJson } from './serialize.ts';

export async function loadConversationDetail(ctx: HubContext, auth: Auth, conversationId: number) {
  const { conversation, channel } = await loadVisible(ctx, auth, conversationId);
  const contact = await loadContact(ctx, auth.accountId, conversation.contactId);
  return {
    ...conversationToJson(conversation, channel, {
      contact: contactToJson(contact.contact, contact.identities),
      queuePosition:
        (await queuePositions(ctx.db, auth.accountId, [conversation.id])).get(conversation.id) ?? null,
      labels: (await labelsOf(ctx.db, auth.accountId, [conversation.id])).get(conversation.id) ?? [],
    }),
    rating: await loadRating(ctx, conversation.id),
  };
}
