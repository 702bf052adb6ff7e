// The socket contracts: every event of the /agent and /widget namespaces with its payload, one definition
// for the hub (server/realtime, server/widget) and its clients (agent-console, widget). socket.io takes
// these maps as type parameters, so an event sent with the wrong name or payload, on either end, is a type
// error. Types only: nothing here reaches a bundle.
import type { z } from 'zod';
import type { conversationJson, inboxJson, messageJson } from './api.schema.ts';
import type { FloorJson } from './floor.schema.ts';
import type { MentionAlert, MentionJson } from './mentions.schema.ts';
import type { presenceSchema } from './routing.schema.ts';
import type { PortfolioImportProgress, SaleSocketEvent } from './sales.schema.ts';
import type {
  agentTypingBody,
  identifyBody,
  readBody,
  surveyBody,
  transcriptBody,
  typingBody,
  widgetSendBody,
} from './widget.schema.ts';

type MessageJson = z.infer<typeof messageJson>;
type ConversationJson = z.infer<typeof conversationJson>;

/** A message as a visitor receives it: no delivery error details, no mail headers, no channel id. */
export type WidgetMessageJson = Omit<MessageJson, 'error' | 'errorCode' | 'email' | 'externalId'>;

/** What a socket request is answered with (its acknowledgement); `retryAfterMs` comes with `rate_limited`. */
export type SocketError = { code: string; message: string; field?: string; retryAfterMs?: number };
export type SocketAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };
type Ack<T extends object = object> = (answer: SocketAck<T>) => void;

/** A breach of a service-level target, or another alert about a conversation (server/routing/sla.ts). */
export type ConversationAlert = {
  type: string;
  conversationId: string;
  [detail: string]: unknown;
};

/** An inbox's connection as the hub last saw it, with the pairing prompt waiting for an admin. */
export type InboxHealthJson = Pick<
  z.infer<typeof inboxJson>,
  'id' | 'channel' | 'health' | 'healthDetail'
> & {
  pairing: { qr?: string; code?: string } | null;
};

/** An agent's presence (server/routing/presence.ts). */
export type PresenceJson = {
  status: z.infer<typeof presenceSchema>;
  reason: string | null;
  since: string | null;
};

/**
 * Something for one agent's attention on their own tabs: a snoozed conversation of theirs woke up
 * (`conversationId`), or a callback a sales customer asked for came due (`entryId`, `campaignId`).
 */
export type AgentNotice = { type: string; conversationId?: string; [detail: string]: unknown };

/** /agent, hub → console. Conversation events reach the agents who may see the conversation. */
export type AgentServerEvents = {
  /** On connect, before any room event: the hub's clock. */
  hello: (e: { serverTime: string }) => void;
  'message:new': (e: { message: MessageJson }) => void;
  'message:updated': (e: { message: MessageJson }) => void;
  /** Fields left out of a live update (labels, contactName, lastMessage) are unchanged. */
  'conversation:updated': (e: { conversation: ConversationJson }) => void;
  /** The protocol checklist changed: the console reloads GET /conversations/:id/protocol. */
  'protocol:updated': (e: { conversationId: string }) => void;
  typing: (e: { conversationId: string; on: boolean; who: 'contact' }) => void;
  /** An inbox's health or pairing prompt changed (admins, supervisors, QA). */
  'inbox:updated': (e: { inbox: InboxHealthJson }) => void;
  'inbox:alert': (e: { inboxId: string; detail: string }) => void;
  alert: (e: ConversationAlert) => void;
  'presence:updated': (e: PresenceJson & { userId: string }) => void;
  notice: (e: AgentNotice) => void;
  /** A portfolio import's progress, to the user who started it. */
  'portfolio:import': (e: PortfolioImportProgress) => void;
  /** A sale changed or needs attention (its advisor, the Virtual Channels officers, supervisors). */
  'sale:event': (e: SaleSocketEvent) => void;
  /** The Mentions desk (marketing, admins, supervisors): a public social item arrived or changed. */
  'mention:new': (e: { mention: MentionJson }) => void;
  'mention:updated': (e: { mention: MentionJson }) => void;
  /** A high-tier item arrived, or an item climbed a tier (it went viral). */
  'mention:alert': (e: MentionAlert) => void;
  /** The live floor as it is now, to those watching it (`floor:watch`): after anything it shows changed. */
  'floor:update': (e: { floor: FloorJson }) => void;
};

/** /agent, console → hub. */
export type AgentClientEvents = {
  /** The agent is typing in a web-chat conversation: the visitor's widget shows it. */
  typing: (e: z.input<typeof agentTypingBody>, ack?: Ack) => void;
  /** Admins and supervisors: watch the account's live floor; answered with the floor as it is now. */
  'floor:watch': (e: Record<string, never>, ack?: Ack<{ floor: FloorJson }>) => void;
  'floor:unwatch': (e: Record<string, never>, ack?: Ack) => void;
};

/** A conversation as a visitor may know it: no assignee, team or category; whether someone has it. */
export type WidgetConversationJson = Partial<ConversationJson> & {
  id: string;
  status: ConversationJson['status'];
  assigned?: boolean;
};

/** The visitor's own contact fields, as the widget pre-fills its forms with them. */
export type VisitorContactJson = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
};

/** /widget, hub → visitor. Messages never include private notes. */
export type WidgetServerEvents = {
  session: (e: {
    visitorToken: string;
    conversation: WidgetConversationJson | null;
    messages: WidgetMessageJson[];
    contact: VisitorContactJson | null;
  }) => void;
  'error:session': (e: SocketError) => void;
  'message:new': (e: { message: WidgetMessageJson }) => void;
  'message:updated': (e: { message: WidgetMessageJson }) => void;
  'conversation:updated': (e: { conversation: WidgetConversationJson }) => void;
  typing: (e: { on: boolean }) => void;
  'queue:position': (e: { conversationId: string; position: number; etaSeconds: number | null }) => void;
  'survey:request': (e: { farewell?: string }) => void;
};

/** /widget, visitor → hub; every request is acknowledged with `{ok:true, ...}` or `{ok:false, error}`. */
export type WidgetClientEvents = {
  'message:send': (e: z.input<typeof widgetSendBody>, ack?: Ack<{ message: WidgetMessageJson }>) => void;
  identify: (e: z.input<typeof identifyBody>, ack?: Ack<{ contact: VisitorContactJson | null }>) => void;
  typing: (e: z.input<typeof typingBody>, ack?: Ack) => void;
  'messages:read': (e: z.input<typeof readBody>, ack?: Ack) => void;
  'survey:submit': (e: z.input<typeof surveyBody>, ack?: Ack) => void;
  'transcript:request': (e: z.input<typeof transcriptBody>, ack?: Ack) => void;
};
