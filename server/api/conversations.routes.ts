import { z } from 'zod';
import { assertMayAct } from '#server/auth/permissions.ts';
import type { HubContext } from '#server/context.ts';
import { createOutboundMessage } from '#server/conversations/create-outbound.ts';
import { listConversations } from '#server/conversations/list-conversations.ts';
import { listEvents } from '#server/conversations/list-events.ts';
import { listMessages } from '#server/conversations/list-messages.ts';
import { loadConversationDetail } from '#server/conversations/load-conversation-detail.ts';
import { loadVisible } from '#server/conversations/load-visible.ts';
import { markRead } from '#server/conversations/read-state.ts';
import { retryMessage } from '#server/conversations/retry-message.ts';
import { messageToJson } from '#server/conversations/serialize.ts';
import {
  assignConversation,
  setConversationCategory,
  setConversationPriority,
  setConversationStatus,
} from '#server/conversations/update-conversation.ts';
import { loadSocialSettings } from '#server/social/social-settings.ts';
import {
  assignBody,
  categoryBody,
  conversationJson,
  eventJson,
  listConversationsQuery,
  listMessagesQuery,
  messageJson,
  priorityBody,
  readBody,
  readStateJson,
  replyBody,
  statusBody,
} from '#shared/api.schema.ts';
import { Reply, type RouteTable } from './route.ts';

const one = (s: z.ZodType) => z.object({ data: s });
const list = (s: z.ZodType) => z.object({ data: z.array(s), nextCursor: z.string().nullable() });
const tag = 'Conversations';

export function conversationRoutes(ctx: HubContext, t: RouteTable): void {
  t.route(
    {
      method: 'get',
      path: '/conversations',
      tag,
      summary: 'List the conversations the caller may see, newest activity first',
      query: listConversationsQuery,
      response: list(conversationJson),
    },
    ({ auth, query }) => listConversations(ctx, auth, query),
  );

  t.route(
    {
      method: 'get',
      path: '/conversations/:id',
      tag,
      summary: 'One conversation, with its contact',
      response: one(conversationJson),
    },
    async ({ auth, params }) => ({ data: await loadConversationDetail(ctx, auth, params.id) }),
  );

  t.route(
    {
      method: 'get',
      path: '/conversations/:id/messages',
      tag,
      summary: 'Messages in order; `after` returns only those after a message id (catch-up after reconnect)',
      query: listMessagesQuery,
      response: list(messageJson),
    },
    ({ auth, params, query }) => listMessages(ctx, auth, params.id, query),
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/messages',
      tag,
      summary:
        'Reply (delivered through the channel by the outbox) or add a private note; WhatsApp Cloud API: an approved template',
      body: replyBody,
      response: one(messageJson),
      status: 201,
    },
    async ({ auth, params, body }) => {
      // Not seen is not found (404), whatever the role; seen but not theirs to do is 403.
      await loadVisible(ctx, auth, params.id);
      // Marketing sees only social conversations (visibility.ts); an admin may let it answer them too.
      const marketingReply =
        auth.user.role === 'marketing' &&
        !body.private &&
        (await loadSocialSettings(ctx.db, auth.accountId)).marketingMayReply;
      if (!marketingReply) assertMayAct(auth, body.private ? 'note' : 'reply');
      const r = await createOutboundMessage(ctx, {
        accountId: auth.accountId,
        conversationId: params.id,
        sender: { type: 'agent', id: auth.user.id },
        text: body.text,
        private: body.private,
        attachmentIds: body.attachmentIds.map(Number),
        clientMessageId: body.clientMessageId,
        template: body.template,
        format: body.format,
        email: body.email,
        privately: body.privately,
      });
      return new Reply(r.created ? 201 : 200, { data: messageToJson(r.message, r.attachments) });
    },
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/read',
      tag,
      summary:
        "Mark the conversation read by the caller, up to a message or its newest (the list's unreadCount)",
      body: readBody,
      response: one(readStateJson),
    },
    async ({ auth, params, body }) => ({
      data: await markRead(
        ctx,
        auth,
        params.id,
        body.messageId === undefined ? undefined : Number(body.messageId),
      ),
    }),
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/messages/:messageId/retry',
      tag,
      summary: 'Send a failed message again',
      response: one(messageJson),
    },
    async ({ auth, params }) => {
      await loadVisible(ctx, auth, params.id);
      assertMayAct(auth, 'manage');
      const r = await retryMessage(ctx, auth.accountId, params.id, params.messageId, auth.user.id);
      return { data: messageToJson(r.message, r.attachments) };
    },
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/assign',
      tag,
      summary: 'Assign to an agent and/or a team (null unassigns)',
      body: assignBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({ data: await assignConversation(ctx, auth, params.id, body) }),
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/category',
      tag,
      summary: 'Set or clear the request category (e-mail: petition, complaint, claim, suggestion)',
      body: categoryBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({
      data: await setConversationCategory(ctx, auth, params.id, body.category),
    }),
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/status',
      tag,
      summary: 'Change status: open, pending, snoozed (with snoozedUntil) or resolved',
      body: statusBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({ data: await setConversationStatus(ctx, auth, params.id, body) }),
  );

  t.route(
    {
      method: 'post',
      path: '/conversations/:id/priority',
      tag,
      summary: 'Change priority',
      body: priorityBody,
      response: one(conversationJson),
    },
    async ({ auth, params, body }) => ({
      data: await setConversationPriority(ctx, auth, params.id, body.priority),
    }),
  );

  t.route(
    {
      method: 'get',
      path: '/conversations/:id/events',
      tag,
      summary: 'The audit trail: what happened to the conversation and who did it, oldest first',
      query: listMessagesQuery,
      response: list(eventJson),
    },
    async ({ auth, params, query }) => {
      await loadVisible(ctx, auth, params.id);
      return listEvents(ctx, auth.accountId, params.id, query);
    },
  );
}
