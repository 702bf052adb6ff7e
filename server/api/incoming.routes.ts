// REST inbound (the API channel): a CRM or call-centre system posts a customer's message with the inbox
// token; the inbox's channel turns it into the message the hub stores (its definition's `rest`).
// 201 with the stored message, or 200 with the same message when its externalId was seen before.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { HubContext } from '#server/context.ts';
import type { Ingestor } from '#server/conversations/ingestor.ts';
import { conversationToJson, messageToJson } from '#server/conversations/serialize.ts';
import { AppError } from '#server/errors.ts';
import { apiIncomingBody, conversationJson, messageJson } from '#shared/api.schema.ts';
import { Reply, type RouteTable } from './route.ts';

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function incomingRoutes(ctx: HubContext, t: RouteTable, ingestor: Ingestor): void {
  t.route(
    {
      method: 'post',
      path: '/inboxes/:id/incoming',
      tag: 'API channel',
      summary: "Post a customer's message into an API inbox (header X-Inbox-Token); idempotent on externalId",
      auth: 'none',
      headers: { 'X-Inbox-Token': "the inbox's token" },
      body: apiIncomingBody,
      response: z.object({ data: z.object({ message: messageJson, conversation: conversationJson }) }),
      status: 201,
    },
    async ({ req, params, body }) => {
      const running = await ctx.channels.ensure(params.id);
      const token = req.header('x-inbox-token') ?? '';
      // Unknown inbox and wrong token answer alike: the token is what proves the inbox.
      const rest = running?.definition.rest;
      if (!running || !rest || !sameToken(token, running.inbox.token)) {
        throw new AppError('unauthenticated', 'missing or wrong X-Inbox-Token for this inbox');
      }
      const r = await ingestor.ingest(running.inbox, rest.toInbound(body, running.inbox));
      const data = {
        message: messageToJson(r.message, r.attachments),
        conversation: conversationToJson(r.conversation, running.inbox.channel),
      };
      return new Reply(r.duplicate ? 200 : 201, { data });
    },
  );
}
