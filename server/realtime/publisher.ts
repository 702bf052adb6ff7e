// Persist, then publish: use-cases call these only after their transaction committed, with database ids.
// Clients that missed an event catch up from the last id they saw (GET .../messages?after=).
import type { Namespace } from 'socket.io';
import type { Conversation } from '#server/db/schema.ts';
import { roomsOfConversation } from './rooms.ts';

export type Publisher = {
  messageCreated(conversation: Conversation, message: Record<string, unknown>): void;
  messageUpdated(conversation: Conversation, message: Record<string, unknown>): void;
  /** `previous` lets the agents who lost sight of a conversation (reassigned away) hear of it too. */
  conversationUpdated(
    conversation: Conversation,
    json: Record<string, unknown>,
    previous?: Conversation,
  ): void;
  /** Moves a connected user's sockets into the rooms of their current teams. */
  syncTeams(userId: number, teamIds: number[], removedTeamIds: number[]): void;
};

export function createPublisher(getAgentNs: () => Namespace | null): Publisher {
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
    syncTeams(userId, teamIds, removedTeamIds) {
      const ns = getAgentNs();
      if (!ns) return;
      const sockets = ns.in(`user:${userId}`);
      if (removedTeamIds.length) for (const t of removedTeamIds) sockets.socketsLeave(`team:${t}`);
      if (teamIds.length) sockets.socketsJoin(teamIds.map((t) => `team:${t}`));
    },
  };
}
