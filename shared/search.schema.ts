// Wire shapes of GET /api/v1/search: one box that finds contacts (name, e-mail, phone digits, channel id,
// attribute values such as the national ID "CI" or a service number) and conversations by what was
// written in them. Shared by the server and the console.
import { z } from 'zod';
import { contactJson, conversationJson } from './api.schema.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(2, 'at least 2 characters').max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** A contact found, with the latest of its conversations the caller may see. */
export const contactHitJson = contactJson.extend({ conversations: z.array(conversationJson) });

/** A conversation found by a message in it: the newest matching message, as an excerpt. */
export const conversationHitJson = conversationJson.extend({
  match: z.object({ messageId: z.string(), excerpt: z.string(), createdAt: z.string() }),
});

export const searchResultJson = z.object({
  contacts: z.array(contactHitJson),
  conversations: z.array(conversationHitJson),
});
export type SearchResult = z.infer<typeof searchResultJson>;
