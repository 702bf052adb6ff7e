// Persist, then publish: use-cases call these only after their transaction committed, with database ids.
// Clients that missed an event catch up from the last id they saw (GET .../messages?after=).
import type { Conversation, Role } from '#server/db/schema.ts';
import type { ConversationJson, MessageJson } from '#shared/api.schema.ts';
import type { MentionAlert, MentionJson } from '#shared/mentions.schema.ts';
import type { PortfolioImportProgress, SaleSocketEvent } from '#shared/sales.schema.ts';
import type { AgentNotice, ConversationAlert, InboxHealthJson, PresenceJson } from '#shared/socket-events.ts';
import type { AgentNamespace } from './namespaces.ts';
import { mentionRooms, roomsOfConversation, roomsOfUser, salesRoom, sessionRoom } from './rooms.ts';

export type Publisher = {
  messageCreated(conversation: Conversation, message: MessageJson): void;
  messageUpdated(conversation: Conversation, message: MessageJson): void;
  /** `previous` lets the agents who lost sight of a conversation (reassigned away) hear of it too. */
  conversationUpdated(conversation: Conversation, json: ConversationJson, previous?: Conversation): void;
  /** An inbox's health or pairing prompt changed: admins, supervisors and QA of the account hear it. */
  inboxUpdated(accountId: number, inbox: InboxHealthJson): void;
  /** Something about an inbox supervisors must act on. */
  inboxAlert(accountId: number, alert: { inboxId: string; detail: string }): void;
  /** A customer is typing (web chat): the agents who may see the conversation hear it. */
  typing(conversation: Conversation, event: { conversationId: string; on: boolean; who: 'contact' }): void;
  /** A service-level breach or other alert about a conversation, for the agents who see it. */
  alert(conversation: Conversation, alert: ConversationAlert): void;
  /** An agent's presence changed: supervisors see it, and the agent's own other tabs. */
  presenceUpdated(accountId: number, userId: number, presence: PresenceJson): void;
  /** Whether the user has at least one /agent socket connected, on any node. */
  userConnected(userId: number): Promise<boolean>;
  /** A conversation's protocol checklist changed: the console reloads GET .../protocol. */
  protocolUpdated(conversation: Conversation): void;
  /** Moves a connected user's sockets into the rooms of their current teams. */
  syncTeams(userId: number, teamIds: number[], removedTeamIds: number[]): void;
  /** Something for one user's attention (a snoozed conversation of theirs woke up): their tabs only. */
  userNotice(userId: number, notice: AgentNotice): void;
  /** A sale changed or needs attention: its advisor, the officers and the account's supervisors. */
  saleEvent(accountId: number, advisorId: number, event: SaleSocketEvent): void;
  /** A portfolio import moved on: the tabs of the user who started it. */
  importProgress(userId: number, progress: PortfolioImportProgress): void;
  /** Closes a user's /agent sockets on every node (the account was disabled). */
  disconnectUser(userId: number): void;
  /** Closes the /agent sockets opened with these tokens, on every node (signed out, revoked). */
  disconnectSessions(tokenIds: number[]): void;
  /** Moves a connected user's sockets from the rooms of their previous role into those of their role. */
  syncRole(user: { id: number; accountId: number; role: Role }, previousRole: Role, teamIds: number[]): void;
  /** A social item of the Mentions desk arrived or changed: marketing, admins and supervisors hear it. */
  mention(accountId: number, event: 'mention:new' | 'mention:updated', mention: MentionJson): void;
  /** A high-tier item arrived or an item climbed a tier. */
  mentionAlert(accountId: number, alert: MentionAlert): void;
  /** A social conversation's event, for marketing (who sees those conversations but is in no room of theirs). */
  socialConversation(accountId: number, event: SocialConversationEvent): void;
};

export type SocialConversationEvent =
  | { name: 'message:new' | 'message:updated'; message: MessageJson }
  | { name: 'conversation:updated'; conversation: ConversationJson };

export function createPublisher(getAgentNs: () => AgentNamespace | null): Publisher {
  return {
    messageCreated(conversation, message) {
      getAgentNs()?.to(roomsOfConversation(conversation)).emit('message:new', { message });
    },
    messageUpdated(conversation, message) {
      getAgentNs()?.to(roomsOfConversation(conversation)).emit('message:updated', { message });
    },
    conversationUpdated(conversation, json, previous) {
      const rooms = new Set(roomsOfConversation(conversation));
      if (previous) for (const r of roomsOfConversation(previous)) rooms.add(r);
      getAgentNs()
        ?.to([...rooms])
        .emit('conversation:updated', { conversation: json });
    },
    protocolUpdated(conversation) {
      getAgentNs()
        ?.to(roomsOfConversation(conversation))
        .emit('protocol:updated', { conversationId: String(conversation.id) });
    },
    typing(conversation, event) {
      getAgentNs()?.to(roomsOfConversation(conversation)).emit('typing', event);
    },
    inboxUpdated(accountId, inbox) {
      getAgentNs()?.to(`account:${accountId}`).emit('inbox:updated', { inbox });
    },
    inboxAlert(accountId, alert) {
      getAgentNs()?.to(`account:${accountId}`).emit('inbox:alert', alert);
    },
    alert(conversation, alert) {
      getAgentNs()?.to(roomsOfConversation(conversation)).emit('alert', alert);
    },
    presenceUpdated(accountId, userId, presence) {
      getAgentNs()
        ?.to([`account:${accountId}`, `user:${userId}`])
        .emit('presence:updated', { userId: String(userId), ...presence });
    },
    async userConnected(userId) {
      const ns = getAgentNs();
      if (!ns) return false;
      return (await ns.in(`user:${userId}`).fetchSockets()).length > 0;
    },
    userNotice(userId, notice) {
      getAgentNs()?.to(`user:${userId}`).emit('notice', notice);
    },
    saleEvent(accountId, advisorId, event) {
      getAgentNs()
        ?.to([`user:${advisorId}`, salesRoom(accountId), `account:${accountId}`])
        .emit('sale:event', event);
    },
    importProgress(userId, progress) {
      getAgentNs()?.to(`user:${userId}`).emit('portfolio:import', progress);
    },
    disconnectUser(userId) {
      getAgentNs()?.in(`user:${userId}`).disconnectSockets(true);
    },
    disconnectSessions(tokenIds) {
      getAgentNs()?.in(tokenIds.map(sessionRoom)).disconnectSockets(true);
    },
    syncRole(user, previousRole, teamIds) {
      const ns = getAgentNs();
      if (!ns) return;
      const now = roomsOfUser(user, teamIds);
      const gone = roomsOfUser({ ...user, role: previousRole }, teamIds).filter((r) => !now.includes(r));
      const sockets = ns.in(`user:${user.id}`);
      if (gone.length) sockets.socketsLeave(gone);
      sockets.socketsJoin(now);
    },
    mention(accountId, event, mention) {
      getAgentNs()?.to(mentionRooms(accountId)).emit(event, { mention });
    },
    socialConversation(accountId, e) {
      const to = getAgentNs()?.to(`social:${accountId}`);
      if (e.name === 'conversation:updated') to?.emit(e.name, { conversation: e.conversation });
      else to?.emit(e.name, { message: e.message });
    },
    mentionAlert(accountId, alert) {
      getAgentNs()?.to(mentionRooms(accountId)).emit('mention:alert', alert);
    },
    syncTeams(userId, teamIds, removedTeamIds) {
      const ns = getAgentNs();
      if (!ns) return;
      const sockets = ns.in(`user:${userId}`);
      if (removedTeamIds.length) for (const t of removedTeamIds) sockets.socketsLeave(`team:${t}`);
      if (teamIds.length) sockets.socketsJoin(teamIds.map((t) => `team:${t}`));
    },
  };
}
