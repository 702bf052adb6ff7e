// The hub's two socket namespaces, typed by the contracts in shared/socket-events.ts: what each side may
// send, with which payload, and what a connected socket carries once authenticated. socket.io types a
// namespace by its server's event maps, and one server holds both namespaces, so each is typed here once.
import type { Namespace, Server, Socket } from 'socket.io';
import type { Auth } from '#server/auth/auth.ts';
import type { ChannelKind } from '#shared/channels.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  WidgetClientEvents,
  WidgetServerEvents,
} from '#shared/socket-events.ts';

type NoEvents = Record<string, never>;

export type AgentSocketData = { auth: Auth };
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, NoEvents, AgentSocketData>;

/** A widget visitor, once their inbox token (and visitor token, if any) checked out; `channel` is the
 * inbox's kind (a channel whose inbound is the widget). */
export type VisitorScope = { inboxId: number; accountId: number; channel: ChannelKind; externalId: string };
/** `address`: the client's address as the rate limits key it (server/widget/client-address.ts);
 * `language`: the widget's locale from the handshake, if it sent one. */
export type WidgetSocketData = {
  visitor: VisitorScope;
  visitorToken: string;
  address: string;
  language?: string;
};
export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents, NoEvents, WidgetSocketData>;
export type WidgetSocket = Socket<WidgetClientEvents, WidgetServerEvents, NoEvents, WidgetSocketData>;

export const agentNamespaceOf = (io: Server): AgentNamespace => io.of('/agent') as unknown as AgentNamespace;
export const widgetNamespaceOf = (io: Server): WidgetNamespace =>
  io.of('/widget') as unknown as WidgetNamespace;
