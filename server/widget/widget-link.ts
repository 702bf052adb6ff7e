// How the rest of the hub reaches widget visitors: rooms of the /widget namespace (per visitor and per
// conversation, shared across hub nodes by the socket.io adapter), the web-chat channel's live push, and
// a Publisher wrapper that also tells the visitor about status changes, conversation changes and the
// survey once a conversation is resolved. Always after commit: it only wraps the after-commit publisher.
import { eq } from 'drizzle-orm';
import type { Server } from 'socket.io';
import type { HubContext, WidgetLink } from '#server/context.ts';
import { inboxes } from '#server/db/schema.ts';
import { definitionOf } from '#server/inboxes/channel-facts.ts';
import { agentNamespaceOf, widgetNamespaceOf } from '#server/realtime/namespaces.ts';
import type { Publisher } from '#server/realtime/publisher.ts';
import type { ConversationJson, MessageJson } from '#shared/api.schema.ts';
import type { WidgetConversationJson, WidgetMessageJson } from '#shared/socket-events.ts';
import { readWidgetSettings } from './widget-settings.ts';

export const visitorRoom = (inboxId: number, externalId: string) => `visitor:${inboxId}:${externalId}`;
export const conversationRoom = (conversationId: number | string) => `conversation:${conversationId}`;

/** The hub's message JSON as a visitor sees it: files from the visitor's own download route. */
export function widgetMessage(m: MessageJson): WidgetMessageJson {
  const { error: _e, errorCode: _c, email: _m, externalId: _x, ...rest } = m;
  return {
    ...rest,
    attachments: m.attachments.map((a) => ({ ...a, url: `/api/v1/widget/attachments/${a.id}` })),
  };
}

/** What a visitor may know of their conversation (no assignee, team or internal category). */
export function widgetConversation(c: ConversationJson): WidgetConversationJson {
  return {
    id: c.id,
    inboxId: c.inboxId,
    channel: c.channel,
    status: c.status,
    firstAgentReplyAt: c.firstAgentReplyAt,
    lastActivityAt: c.lastActivityAt,
    resolvedAt: c.resolvedAt,
    // Whether someone has taken it (not who): the widget stops showing the place in the queue.
    assigned: c.assigneeId !== null && c.assigneeId !== undefined,
    createdAt: c.createdAt,
  };
}

export function createWidgetLink(getIo: () => Server | null): WidgetLink {
  const io = getIo;
  const ns = () => {
    const server = io();
    return server ? widgetNamespaceOf(server) : null;
  };
  const agents = () => {
    const server = io();
    return server ? agentNamespaceOf(server) : null;
  };
  return {
    listeningPort() {
      const address = io()?.httpServer.address();
      return address && typeof address === 'object' ? address.port : null;
    },
    push(to, message) {
      ns()
        ?.to([visitorRoom(to.inboxId, to.visitorExternalId), conversationRoom(to.conversationId)])
        .emit('message:new', { message: widgetMessage(message) });
    },
    messageUpdated(conversationId, message) {
      if (message.private) return;
      ns()
        ?.to(conversationRoom(conversationId))
        .emit('message:updated', { message: widgetMessage(message) });
    },
    conversationUpdated(conversation) {
      ns()
        ?.to(conversationRoom(conversation.id))
        .emit('conversation:updated', { conversation: widgetConversation(conversation) });
    },
    surveyRequest(conversationId, farewell) {
      ns()
        ?.to(conversationRoom(conversationId))
        .emit('survey:request', farewell ? { farewell } : {});
    },
    agentTyping(conversationId, on) {
      ns()?.to(conversationRoom(conversationId)).emit('typing', { on });
    },
    queuePosition(to, place) {
      // The visitor's own room too: the first message's route job can beat the socket's join of the
      // conversation room.
      const rooms = [conversationRoom(to.conversationId)];
      if (to.visitorExternalId) rooms.push(visitorRoom(to.inboxId, to.visitorExternalId));
      ns()
        ?.to(rooms)
        .emit('queue:position', { conversationId: String(to.conversationId), ...place });
    },
    joinConversation(inboxId, externalId, conversationId) {
      ns()?.in(visitorRoom(inboxId, externalId)).socketsJoin(conversationRoom(conversationId));
    },
    async agentsOnline(accountId) {
      const agentNs = agents();
      if (!agentNs) return false;
      // Supervisors sit in account:<id>, every agent in pool:<id> (server/realtime/rooms.ts).
      const sockets = await agentNs.in([`account:${accountId}`, `pool:${accountId}`]).fetchSockets();
      return sockets.length > 0;
    },
  };
}

/** The agents' publisher, plus the widget side of the same after-commit events. */
export function withWidgetEvents(inner: Publisher, getCtx: () => HubContext, link: WidgetLink): Publisher {
  return {
    ...inner,
    messageUpdated(conversation, message) {
      inner.messageUpdated(conversation, message);
      link.messageUpdated(conversation.id, message);
    },
    conversationUpdated(conversation, json, previous) {
      inner.conversationUpdated(conversation, json, previous);
      if (definitionOf(json.channel)?.inbound !== 'widget') return;
      link.conversationUpdated(json);
      if (conversation.status === 'resolved' && previous && previous.status !== 'resolved') {
        void requestSurvey(getCtx(), link, conversation.id, conversation.inboxId);
      }
    },
  };
}

async function requestSurvey(ctx: HubContext, link: WidgetLink, conversationId: number, inboxId: number) {
  try {
    const [inbox] = await ctx.db
      .select({ settings: inboxes.settings })
      .from(inboxes)
      .where(eq(inboxes.id, inboxId));
    const settings = readWidgetSettings(inbox?.settings ?? {});
    if (settings.surveyEnabled === false) return;
    link.surveyRequest(conversationId, settings.farewell ?? null);
  } catch (err) {
    ctx.log.warn({ err, conversationId }, 'could not ask the visitor for a rating');
  }
}
